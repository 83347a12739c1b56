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

    /** Width, pixels. */
    public double width() {
        return x1 - x0;
    }

    /** Height, pixels. */
    public double height() {
        return y1 - y0;
    }

    /** Area, square pixels. */
    public double area() {
        return width() * height();
    }

    /**
     * Intersection over union with {@code other}, in [0, 1]; 0 when the boxes do not overlap or
     * both are empty. Continuous edge coordinates (no "+1" pixel convention). O(1).
     */
    public double iou(RegionBox other) {
        double iw = Math.min(x1, other.x1) - Math.max(x0, other.x0);
        double ih = Math.min(y1, other.y1) - Math.max(y0, other.y0);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /**
     * The boxes as one array, {@code flat[4i .. 4i+3] = x0, y0, x1, y1} of box {@code i}: the box
     * prompt layout of {@link io.github.spatialvlm4j.vlm.sam.SamMasker#masks}. O(n).
     */
    public static double[] flatten(java.util.List<RegionBox> boxes) {
        double[] flat = new double[4 * boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            RegionBox b = boxes.get(i);
            flat[4 * i] = b.x0();
            flat[4 * i + 1] = b.y0();
            flat[4 * i + 2] = b.x1();
            flat[4 * i + 3] = b.y1();
        }
        return flat;
    }
}
