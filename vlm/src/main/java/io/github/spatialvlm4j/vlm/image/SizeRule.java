package io.github.spatialvlm4j.vlm.image;

import java.util.OptionalInt;

/**
 * The {@code size} rule of a Hugging Face image processor: how the output size of the resize
 * step follows from the input size. All sizes in pixels.
 */
public sealed interface SizeRule {

    /**
     * The resized {@code {height, width}} of an image of {@code width x height} pixels, before
     * any multiple-of rounding.
     *
     * @param keepAspectRatio for {@link Exact}: scale both sides by the factor closer to 1 (DPT)
     */
    double[] scaled(int width, int height, boolean keepAspectRatio);

    /** {@code {"height": H, "width": W}}: exactly H x W, or aspect-preserving when requested. */
    record Exact(int height, int width) implements SizeRule {
        public Exact {
            if (height <= 0 || width <= 0) {
                throw new IllegalArgumentException("Invalid size: " + width + "x" + height + " (pixels, must be > 0)");
            }
        }

        @Override
        public double[] scaled(int w, int h, boolean keepAspectRatio) {
            if (!keepAspectRatio) {
                return new double[] {height, width};
            }
            double sh = (double) height / h;
            double sw = (double) width / w;
            // DPT: keep the scale that changes the image least.
            if (Math.abs(1 - sw) < Math.abs(1 - sh)) {
                sh = sw;
            } else {
                sw = sh;
            }
            return new double[] {sh * h, sw * w};
        }
    }

    /**
     * {@code {"shortest_edge": S}} with an optional {@code "longest_edge": L}: the short side
     * becomes S (truncating the long side), unless the long side would then exceed L, in which
     * case the long side becomes L.
     */
    record ShortestEdge(int shortestEdge, OptionalInt longestEdge) implements SizeRule {
        public ShortestEdge {
            if (shortestEdge <= 0) {
                throw new IllegalArgumentException("Invalid shortest_edge: " + shortestEdge + " (pixels, must be > 0)");
            }
            if (longestEdge.isPresent() && longestEdge.getAsInt() < shortestEdge) {
                throw new IllegalArgumentException("Invalid longest_edge: " + longestEdge.getAsInt()
                        + " (pixels, must be >= shortest_edge " + shortestEdge + ")");
            }
        }

        @Override
        public double[] scaled(int w, int h, boolean keepAspectRatio) {
            int shortSide = Math.min(w, h);
            int longSide = Math.max(w, h);
            int newShort = shortestEdge;
            int newLong = (int) ((long) shortestEdge * longSide / shortSide);
            if (longestEdge.isPresent() && newLong > longestEdge.getAsInt()) {
                newShort = (int) ((long) longestEdge.getAsInt() * newShort / newLong);
                newLong = longestEdge.getAsInt();
            }
            return w <= h ? new double[] {newLong, newShort} : new double[] {newShort, newLong};
        }
    }

    /** {@code {"longest_edge": L}}: the long side becomes L, the other side is scaled and rounded (SAM, Idefics3). */
    record LongestEdge(int longestEdge) implements SizeRule {
        public LongestEdge {
            if (longestEdge <= 0) {
                throw new IllegalArgumentException("Invalid longest_edge: " + longestEdge + " (pixels, must be > 0)");
            }
        }

        @Override
        public double[] scaled(int w, int h, boolean keepAspectRatio) {
            double s = (double) longestEdge / Math.max(w, h);
            return new double[] {(int) (h * s + 0.5), (int) (w * s + 0.5)};
        }
    }
}
