package io.github.spatialvlm4j.datagen.source.synthetic;

/**
 * Sensor-like corruption of a synthetic frame's depth and labels. Ground truth is never corrupted.
 *
 * <p>Applied in this order, each pixel visited in row-major order with a generator seeded from the
 * frame seed (so a seed gives one result):
 * <ol>
 *   <li><b>Flying pixels</b>: a valid pixel whose 4-neighbour has valid depth differing by more than
 *       {@code flyingEdgeJump} becomes, with probability {@code flyingPixelFraction}, the mix
 *       {@code z + t (z_n - z)}, {@code t ~ U(0, 1)}, with the neighbour {@code z_n} of the largest jump
 *       (the mixed returns of time-of-flight and structured-light sensors at depth edges).</li>
 *   <li><b>Depth noise</b>: {@code z += N(0, sigma(z)^2)} with
 *       {@code sigma(z) = sigmaBase + sigmaQuadratic * (z - sigmaReferenceDepth)^2}, meters.</li>
 *   <li><b>Missing pixels</b>: each valid pixel becomes invalid (0) with probability {@code missingFraction};
 *       a pixel whose noisy depth would be &lt;= 0 also becomes invalid.</li>
 *   <li><b>Mask bleeding</b>: every pixel with a differently labelled pixel within {@code maskBleedPixels}
 *       (Chebyshev distance) takes the label of a uniformly drawn pixel of its
 *       {@code (2k+1) x (2k+1)} window, so object boundaries grow or shrink by up to {@code k} pixels.</li>
 * </ol>
 *
 * @param sigmaBase constant part of the depth noise standard deviation, meters, &gt;= 0
 * @param sigmaQuadratic quadratic coefficient of the standard deviation, meters per square meter, &gt;= 0
 * @param sigmaReferenceDepth depth at which the quadratic term vanishes, meters, &gt;= 0
 * @param missingFraction probability that a valid pixel loses its depth, in [0, 1)
 * @param flyingPixelFraction probability that a depth-edge pixel becomes a flying pixel, in [0, 1]
 * @param flyingEdgeJump the depth step between 4-neighbours that makes an edge, meters, &gt; 0
 * @param maskBleedPixels label bleeding radius, pixels, in [0, 3]
 */
public record NoiseModel(double sigmaBase, double sigmaQuadratic, double sigmaReferenceDepth, double missingFraction,
        double flyingPixelFraction, double flyingEdgeJump, int maskBleedPixels) {

    /** No corruption at all. */
    public static final NoiseModel NONE = new NoiseModel(0, 0, 0, 0, 0, 0.1, 0);

    /**
     * Kinect-like: {@code sigma = 0.0012 + 0.0019 (z - 0.4)^2} meters (Nguyen et al., 3DIMPVT 2012),
     * 2% missing pixels, half of the pixels at 10 cm depth edges flying, 1 pixel mask bleeding.
     */
    public static final NoiseModel DEFAULT = new NoiseModel(0.0012, 0.0019, 0.4, 0.02, 0.5, 0.1, 1);

    /** Largest accepted {@link #maskBleedPixels}. */
    public static final int MAX_BLEED_PIXELS = 3;

    public NoiseModel {
        requireNonNegative("sigmaBase", sigmaBase, "meters");
        requireNonNegative("sigmaQuadratic", sigmaQuadratic, "meters per square meter");
        requireNonNegative("sigmaReferenceDepth", sigmaReferenceDepth, "meters");
        if (!(missingFraction >= 0 && missingFraction < 1)) {
            throw new IllegalArgumentException("Invalid missingFraction: " + missingFraction + " (must be in [0, 1))");
        }
        if (!(flyingPixelFraction >= 0 && flyingPixelFraction <= 1)) {
            throw new IllegalArgumentException("Invalid flyingPixelFraction: " + flyingPixelFraction
                    + " (must be in [0, 1])");
        }
        if (!(flyingEdgeJump > 0) || !Double.isFinite(flyingEdgeJump)) {
            throw new IllegalArgumentException("Invalid flyingEdgeJump: " + flyingEdgeJump
                    + " (meters, must be finite and > 0)");
        }
        if (maskBleedPixels < 0 || maskBleedPixels > MAX_BLEED_PIXELS) {
            throw new IllegalArgumentException("Invalid maskBleedPixels: " + maskBleedPixels + " (pixels, must be in [0, "
                    + MAX_BLEED_PIXELS + "])");
        }
    }

    private static void requireNonNegative(String name, double value, String unit) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + " (" + unit + ", must be finite and >= 0)");
        }
    }

    /** Depth noise standard deviation at depth {@code z}, meters. */
    public double sigma(double z) {
        double e = z - sigmaReferenceDepth;
        return sigmaBase + sigmaQuadratic * e * e;
    }

    /** Whether this model changes nothing. */
    public boolean isNone() {
        return sigmaBase == 0 && sigmaQuadratic == 0 && missingFraction == 0 && flyingPixelFraction == 0
                && maskBleedPixels == 0;
    }
}
