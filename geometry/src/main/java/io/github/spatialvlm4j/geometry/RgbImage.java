package io.github.spatialvlm4j.geometry;

/**
 * An 8-bit RGB image: {@code rgb[v * width + u] = 0xRRGGBB} for column {@code u}, row {@code v}.
 * The array is shared, not copied.
 */
public record RgbImage(int width, int height, int[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Invalid image size: " + width + "x" + height);
        }
        if (rgb == null || rgb.length != (long) width * height) {
            throw new ShapeMismatchException("RGB array has " + (rgb == null ? "no" : String.valueOf(rgb.length))
                    + " pixels but the image is " + width + "x" + height);
        }
    }

    /** Colour {@code 0xRRGGBB} at column {@code u}, row {@code v}. */
    public int get(int u, int v) {
        if (u < 0 || u >= width || v < 0 || v >= height) {
            throw new IndexOutOfBoundsException("Pixel (" + u + ", " + v + ") outside " + width + "x" + height);
        }
        return rgb[v * width + u];
    }
}
