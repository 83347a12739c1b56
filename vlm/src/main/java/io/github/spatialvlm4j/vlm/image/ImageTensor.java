package io.github.spatialvlm4j.vlm.image;

import io.github.spatialvlm4j.geometry.ShapeMismatchException;

/**
 * A preprocessed image: a float tensor {@code [3, height, width]}, channels first, in RGB order
 * unless its producer says otherwise (a detector's letterbox follows its configuration) ({@code data[c * height * width + y * width + x]}), plus where the source
 * image lies in it, so that model outputs (depth maps, boxes) can be mapped back to source
 * pixels.
 *
 * <p>The source image of {@code sourceWidth x sourceHeight} pixels was resized to
 * {@code resizedWidth x resizedHeight} and placed with its top-left corner at tensor pixel
 * {@code (offsetX, offsetY)}; offsets are negative when a centre crop cut the image, and
 * tensor pixels outside the placed image are padding.
 */
public record ImageTensor(float[] data, int height, int width, int sourceWidth, int sourceHeight,
                          int resizedWidth, int resizedHeight, int offsetX, int offsetY) {

    public ImageTensor {
        if (height <= 0 || width <= 0 || sourceWidth <= 0 || sourceHeight <= 0 || resizedWidth <= 0 || resizedHeight <= 0) {
            throw new IllegalArgumentException("Invalid image tensor sizes: tensor " + width + "x" + height + ", source "
                    + sourceWidth + "x" + sourceHeight + ", resized " + resizedWidth + "x" + resizedHeight
                    + " (pixels, all must be > 0)");
        }
        if (data.length != 3L * height * width) {
            throw new ShapeMismatchException("Image tensor has " + data.length + " values but [3, " + height + ", "
                    + width + "] holds " + 3L * height * width);
        }
    }

    /** The tensor shape with a batch axis: {@code [1, 3, height, width]}. */
    public long[] batchShape() {
        return new long[] {1, 3, height, width};
    }

    /** Value of channel {@code c} (0 R, 1 G, 2 B) at tensor pixel {@code (x, y)}. */
    public float get(int c, int x, int y) {
        return data[(c * height + y) * width + x];
    }

    /** First tensor column holding image content (not padding). */
    public int contentX0() {
        return Math.max(0, offsetX);
    }

    /** One past the last tensor column holding image content. */
    public int contentX1() {
        return Math.min(width, offsetX + resizedWidth);
    }

    /** First tensor row holding image content. */
    public int contentY0() {
        return Math.max(0, offsetY);
    }

    /** One past the last tensor row holding image content. */
    public int contentY1() {
        return Math.min(height, offsetY + resizedHeight);
    }

    /** Whether the whole source image is in the tensor (no centre crop cut it). */
    public boolean containsWholeSource() {
        return offsetX >= 0 && offsetY >= 0 && offsetX + resizedWidth <= width && offsetY + resizedHeight <= height;
    }

    /** Tensor x (pixel-edge coordinate, 0 = left edge of column 0) to source x, same convention. */
    public double toSourceX(double tensorX) {
        return (tensorX - offsetX) * sourceWidth / resizedWidth;
    }

    /** Tensor y (pixel-edge coordinate) to source y, same convention. */
    public double toSourceY(double tensorY) {
        return (tensorY - offsetY) * sourceHeight / resizedHeight;
    }

    /**
     * A plane of values over the whole tensor at any resolution (mask logits, for instance)
     * mapped back to the source image: resized bilinearly to the tensor's size, the padding cut
     * off, the content resized bilinearly to the source size (what SAM's and YOLO segmenters'
     * post-processing do). O(tensor pixels + source pixels).
     *
     * @param plane row-major, {@code planeWidth * planeHeight} values
     * @return a new row-major plane of {@code sourceWidth * sourceHeight} values
     * @throws IllegalStateException when a centre crop cut the source, so part of it is not in the tensor
     */
    public float[] planeToSource(float[] plane, int planeWidth, int planeHeight) {
        if (!containsWholeSource()) {
            throw new IllegalStateException("The tensor does not hold the whole source image (a centre crop cut it): "
                    + "offset (" + offsetX + ", " + offsetY + "), resized " + resizedWidth + "x" + resizedHeight
                    + ", tensor " + width + "x" + height);
        }
        float[] full = Resampler.resize(plane, planeWidth, planeHeight, width, height, Resample.BILINEAR, false);
        int cx0 = contentX0();
        int cy0 = contentY0();
        int cw = contentX1() - cx0;
        int ch = contentY1() - cy0;
        float[] crop = new float[cw * ch];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(full, (cy0 + y) * width + cx0, crop, y * cw, cw);
        }
        return Resampler.resize(crop, cw, ch, sourceWidth, sourceHeight, Resample.BILINEAR, false);
    }
}
