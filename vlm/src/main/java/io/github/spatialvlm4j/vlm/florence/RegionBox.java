package io.github.spatialvlm4j.vlm.florence;

/**
 * A labelled axis-aligned box in image pixels, edge coordinates (x right, y down; the image
 * spans [0, width] x [0, height]), {@code x0 <= x1}, {@code y0 <= y1}.
 *
 * @param label the caption or class phrase before the box, trimmed; empty when none was generated
 */
public record RegionBox(String label, double x0, double y0, double x1, double y1) {
    public RegionBox {
        if (label == null) {
            throw new IllegalArgumentException("Label is null (use \"\")");
        }
        if (!(x0 <= x1) || !(y0 <= y1)) {
            throw new IllegalArgumentException("Invalid box [" + x0 + ", " + y0 + ", " + x1 + ", " + y1
                    + "] (pixels, needs x0 <= x1 and y0 <= y1)");
        }
    }

    public double width() {
        return x1 - x0;
    }

    public double height() {
        return y1 - y0;
    }
}
