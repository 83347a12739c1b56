package io.github.spatialvlm4j.datagen.source.synthetic;

import java.util.Objects;

/**
 * How a synthetic frame's depth and labels are corrupted to look like real input. Ground truth is
 * never corrupted. Three groups of artefacts, each documented with its exact process on its record:
 * <ul>
 *   <li>{@link DepthNoise}: what an RGB-D sensor adds (depth noise growing with distance, missing
 *       pixels, flying pixels on depth edges, wild outliers);</li>
 *   <li>{@link MonocularDepth}: what a monocular depth network gives instead (a global scale error, a
 *       smooth warp, depth edges smeared into ramps, no holes);</li>
 *   <li>{@link MaskNoise}: what a segmenter does to instance masks (systematic dilation onto the
 *       background or erosion, chunks of background, ragged boundaries).</li>
 * </ul>
 * Applied in this order, every pixel visited in row-major order with one generator seeded from the
 * frame seed, so a seed gives one result: monocular distortion, flying pixels, depth noise, outliers,
 * missing pixels; then the masks. The presets are {@link #NONE}, {@link #SENSOR} and
 * {@link #MONOCULAR}.
 *
 * @param name a short name for reports ({@code none}, {@code sensor}, {@code monocular}, or {@code custom})
 * @param depth sensor-like depth corruption
 * @param masks segmenter-like mask corruption
 * @param monocular depth-network-like distortion
 */
public record NoiseModel(String name, DepthNoise depth, MaskNoise masks, MonocularDepth monocular) {

    /**
     * Sensor-like depth corruption.
     *
     * <ol>
     *   <li><b>Flying pixels</b>: a valid pixel whose 4-neighbour has valid depth differing by more than
     *       {@code flyingEdgeJump} becomes, with probability {@code flyingPixelFraction}, the mix
     *       {@code z + t (z_n - z)}, {@code t ~ U(0, 1)}, with the neighbour {@code z_n} of the largest jump
     *       (the mixed returns of time-of-flight and structured-light sensors at depth edges).</li>
     *   <li><b>Depth noise</b>: {@code z += N(0, sigma(z)^2)} with
     *       {@code sigma(z) = sigmaBase + sigmaQuadratic * (z - sigmaReferenceDepth)^2}, meters.</li>
     *   <li><b>Outliers</b>: each valid pixel takes, with probability {@code outlierFraction}, a depth drawn
     *       uniformly from {@code [outlierMinDepth, outlierMaxDepth]} (multipath, sunlight, specular
     *       surfaces: returns unrelated to the surface).</li>
     *   <li><b>Missing pixels</b>: each valid pixel becomes invalid (0) with probability
     *       {@code missingFraction}; a pixel whose noisy depth would be &lt;= 0 also becomes invalid.</li>
     * </ol>
     *
     * @param sigmaBase constant part of the depth noise standard deviation, meters, &gt;= 0
     * @param sigmaQuadratic quadratic coefficient of the standard deviation, meters per square meter, &gt;= 0
     * @param sigmaReferenceDepth depth at which the quadratic term vanishes, meters, &gt;= 0
     * @param missingFraction probability that a valid pixel loses its depth, in [0, 1)
     * @param flyingPixelFraction probability that a depth-edge pixel becomes a flying pixel, in [0, 1]
     * @param flyingEdgeJump the depth step between 4-neighbours that makes an edge, meters, &gt; 0
     * @param outlierFraction probability that a valid pixel becomes an outlier, in [0, 1)
     * @param outlierMinDepth smallest outlier depth, meters, &gt; 0
     * @param outlierMaxDepth largest outlier depth, meters, &gt;= outlierMinDepth
     */
    public record DepthNoise(double sigmaBase, double sigmaQuadratic, double sigmaReferenceDepth,
            double missingFraction, double flyingPixelFraction, double flyingEdgeJump, double outlierFraction,
            double outlierMinDepth, double outlierMaxDepth) {

        /** No sensor corruption. */
        public static final DepthNoise NONE = new DepthNoise(0, 0, 0, 0, 0, 0.1, 0, 0.3, 9);

        /**
         * Kinect-like: {@code sigma = 0.0012 + 0.0019 (z - 0.4)^2} meters (Nguyen et al., 3DIMPVT 2012),
         * 2% missing pixels, half of the pixels at 10 cm depth edges flying, 2% outliers in [0.3, 9] m.
         */
        public static final DepthNoise KINECT = new DepthNoise(0.0012, 0.0019, 0.4, 0.02, 0.5, 0.1, 0.02, 0.3, 9);

        public DepthNoise {
            Checks.requireNonNegative("sigmaBase", sigmaBase, "meters");
            Checks.requireNonNegative("sigmaQuadratic", sigmaQuadratic, "meters per square meter");
            Checks.requireNonNegative("sigmaReferenceDepth", sigmaReferenceDepth, "meters");
            Checks.requireFraction("missingFraction", missingFraction, false);
            Checks.requireFraction("flyingPixelFraction", flyingPixelFraction, true);
            if (!(flyingEdgeJump > 0) || !Double.isFinite(flyingEdgeJump)) {
                throw new IllegalArgumentException("Invalid flyingEdgeJump: " + flyingEdgeJump
                        + " (meters, must be finite and > 0)");
            }
            Checks.requireFraction("outlierFraction", outlierFraction, false);
            if (!(outlierMinDepth > 0 && outlierMaxDepth >= outlierMinDepth) || !Double.isFinite(outlierMaxDepth)) {
                throw new IllegalArgumentException("Invalid outlier depth range [" + outlierMinDepth + ", "
                        + outlierMaxDepth + "] m: need 0 < min <= max, finite");
            }
        }

        /** Gaussian depth noise and missing pixels only (no flying pixels, no outliers). */
        public static DepthNoise gaussian(double sigmaBase, double sigmaQuadratic, double sigmaReferenceDepth,
                double missingFraction) {
            return new DepthNoise(sigmaBase, sigmaQuadratic, sigmaReferenceDepth, missingFraction, 0, 0.1, 0, 0.3, 9);
        }

        /** These settings with another flying-pixel share. */
        public DepthNoise withFlyingPixels(double fraction) {
            return new DepthNoise(sigmaBase, sigmaQuadratic, sigmaReferenceDepth, missingFraction, fraction,
                    flyingEdgeJump, outlierFraction, outlierMinDepth, outlierMaxDepth);
        }

        /** These settings with another outlier share and depth range, meters. */
        public DepthNoise withOutliers(double fraction, double minDepth, double maxDepth) {
            return new DepthNoise(sigmaBase, sigmaQuadratic, sigmaReferenceDepth, missingFraction,
                    flyingPixelFraction, flyingEdgeJump, fraction, minDepth, maxDepth);
        }

        /** Depth noise standard deviation at depth {@code z}, meters. */
        public double sigma(double z) {
            double e = z - sigmaReferenceDepth;
            return sigmaBase + sigmaQuadratic * e * e;
        }

        /** Whether these settings change nothing. */
        public boolean isNone() {
            return sigmaBase == 0 && sigmaQuadratic == 0 && missingFraction == 0 && flyingPixelFraction == 0
                    && outlierFraction == 0;
        }
    }

    /**
     * What a monocular metric depth network gives instead of measured depth, applied to the clean
     * depth before any sensor corruption.
     *
     * <ol>
     *   <li><b>Ramps</b>: where a pixel's {@code (2r+1) x (2r+1)} window ({@code r = rampPixels}) spans a
     *       depth step of more than 0.1 m, its depth becomes the mean valid depth of the window, so a
     *       depth edge turns into a ramp about {@code 2r} pixels wide (networks blur discontinuities).</li>
     *   <li><b>Warp</b>: depth is multiplied by {@code 1 + warpAmplitude * f(u, v)}, with {@code f} a sum of
     *       three random plane waves of 0.3-1.2 cycles per image, scaled to {@code max |f| <= 1}: a smooth,
     *       low-frequency shape error.</li>
     *   <li><b>Scale</b>: depth is multiplied by one global factor {@code s = exp(N(0, scaleSigma^2))}, the
     *       network's metric scale error; the frame's ground truth keeps true meters, and the audit
     *       reports errors beyond {@code s} apart.</li>
     * </ol>
     *
     * @param scaleSigma standard deviation of the log of the global scale factor, &gt;= 0
     * @param warpAmplitude largest relative depth change of the warp, in [0, 0.5)
     * @param rampPixels half-width of the smeared edges, pixels, in [0, 16]
     */
    public record MonocularDepth(double scaleSigma, double warpAmplitude, int rampPixels) {
        /** No distortion. */
        public static final MonocularDepth NONE = new MonocularDepth(0, 0, 0);
        /** A good metric depth network: 10% scale error, 3% warp, edges smeared over about 8 pixels. */
        public static final MonocularDepth TYPICAL = new MonocularDepth(0.1, 0.03, 4);
        /** Largest accepted {@link #rampPixels}. */
        public static final int MAX_RAMP_PIXELS = 16;

        public MonocularDepth {
            Checks.requireNonNegative("scaleSigma", scaleSigma, "log scale");
            if (!(warpAmplitude >= 0 && warpAmplitude < 0.5)) {
                throw new IllegalArgumentException("Invalid warpAmplitude: " + warpAmplitude + " (must be in [0, 0.5))");
            }
            if (rampPixels < 0 || rampPixels > MAX_RAMP_PIXELS) {
                throw new IllegalArgumentException("Invalid rampPixels: " + rampPixels + " (pixels, must be in [0, "
                        + MAX_RAMP_PIXELS + "])");
            }
        }

        /** Whether these settings change nothing. */
        public boolean isNone() {
            return scaleSigma == 0 && warpAmplitude == 0 && rampPixels == 0;
        }
    }

    /**
     * What a segmenter does to instance masks, applied per object in id order to the clean labels.
     *
     * <ol>
     *   <li><b>Dilation or erosion</b>: each object draws an offset {@code d} uniformly from the integers
     *       {@code [minDilation, maxDilation]}. With {@code d > 0}, every background pixel (no label)
     *       within Chebyshev distance {@code d} of the object joins it (the nearest object wins, then the
     *       lower id); with {@code d < 0}, every pixel of the object within {@code |d|} of a pixel of
     *       another label or of the background leaves it. Real masks bleed 1-3 pixels onto the
     *       background.</li>
     *   <li><b>Chunks</b>: with probability {@code chunkProbability}, a disc of background of radius
     *       {@code max(2, 0.15 sqrt(area))} pixels around a background pixel next to the object joins it
     *       (a mask that swallows a bit of the table or wall).</li>
     *   <li><b>Ragged boundaries</b>: every pixel with a differently labelled pixel within
     *       {@code bleedPixels} (Chebyshev distance) takes the label of a uniformly drawn pixel of its
     *       {@code (2k+1) x (2k+1)} window, so boundaries grow or shrink by up to {@code k} pixels.</li>
     * </ol>
     *
     * @param bleedPixels ragged-boundary radius, pixels, in [0, {@value NoiseModel#MAX_BLEED_PIXELS}]
     * @param minDilation smallest systematic offset, pixels (negative: erosion), &gt;= -MAX
     * @param maxDilation largest systematic offset, pixels, in [minDilation, {@value NoiseModel#MAX_BLEED_PIXELS}]
     * @param chunkProbability probability that an object's mask swallows a chunk of background, in [0, 1]
     */
    public record MaskNoise(int bleedPixels, int minDilation, int maxDilation, double chunkProbability) {
        /** Masks as drawn. */
        public static final MaskNoise NONE = new MaskNoise(0, 0, 0, 0);
        /** A real segmenter: dilated by 1-2 pixels, a chunk of background in one object of ten, ragged by a pixel. */
        public static final MaskNoise SEGMENTER = new MaskNoise(1, 1, 2, 0.1);

        public MaskNoise {
            if (bleedPixels < 0 || bleedPixels > MAX_BLEED_PIXELS) {
                throw new IllegalArgumentException("Invalid maskBleedPixels: " + bleedPixels
                        + " (pixels, must be in [0, " + MAX_BLEED_PIXELS + "])");
            }
            if (minDilation < -MAX_BLEED_PIXELS || maxDilation > MAX_BLEED_PIXELS || minDilation > maxDilation) {
                throw new IllegalArgumentException("Invalid mask dilation range [" + minDilation + ", " + maxDilation
                        + "] (pixels, must lie in [-" + MAX_BLEED_PIXELS + ", " + MAX_BLEED_PIXELS + "], min <= max)");
            }
            Checks.requireFraction("chunkProbability", chunkProbability, true);
        }

        /** Ragged boundaries of radius {@code k} only. */
        public static MaskNoise ragged(int k) {
            return new MaskNoise(k, 0, 0, 0);
        }

        /** Whether these settings change nothing. */
        public boolean isNone() {
            return bleedPixels == 0 && minDilation == 0 && maxDilation == 0 && chunkProbability == 0;
        }
    }

    /** Largest accepted mask bleeding radius or dilation, pixels. */
    public static final int MAX_BLEED_PIXELS = 3;

    /** No corruption at all. */
    public static final NoiseModel NONE = new NoiseModel("none", DepthNoise.NONE, MaskNoise.NONE, MonocularDepth.NONE);

    /**
     * An RGB-D sensor and a real segmenter: Kinect-like depth noise, holes, flying pixels and 2% wild
     * outliers ({@link DepthNoise#KINECT}), masks dilated by 1-2 pixels with occasional chunks of background
     * ({@link MaskNoise#SEGMENTER}).
     */
    public static final NoiseModel SENSOR = new NoiseModel("sensor", DepthNoise.KINECT, MaskNoise.SEGMENTER,
            MonocularDepth.NONE);

    /**
     * A monocular metric depth network and a real segmenter: {@link MonocularDepth#TYPICAL} (10% scale
     * error, 3% warp, ramps), a little depth noise (5 mm standard deviation), no holes, no outliers, and
     * {@link MaskNoise#SEGMENTER} masks.
     */
    public static final NoiseModel MONOCULAR = new NoiseModel("monocular",
            new DepthNoise(0.005, 0, 0, 0, 0, 0.1, 0, 0.3, 9), MaskNoise.SEGMENTER, MonocularDepth.TYPICAL);

    /** The sensor preset ({@link #SENSOR}). */
    public static final NoiseModel DEFAULT = SENSOR;

    public NoiseModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(monocular, "monocular");
    }

    /** A custom model with the given groups. */
    public static NoiseModel of(DepthNoise depth, MaskNoise masks, MonocularDepth monocular) {
        return new NoiseModel("custom", depth, masks, monocular);
    }

    /** The preset named {@code none}, {@code sensor} or {@code monocular}. */
    public static NoiseModel preset(String name) {
        return switch (name) {
            case "none" -> NONE;
            case "sensor" -> SENSOR;
            case "monocular" -> MONOCULAR;
            default -> throw new IllegalArgumentException("Unknown noise model: '" + name
                    + "' (expected none, sensor or monocular)");
        };
    }

    /** Depth noise standard deviation at depth {@code z}, meters (see {@link DepthNoise#sigma}). */
    public double sigma(double z) {
        return depth.sigma(z);
    }

    /** Whether this model changes nothing. */
    public boolean isNone() {
        return depth.isNone() && masks.isNone() && monocular.isNone();
    }

    /**
     * Argument checks, in a class of their own: the nested records call them from their constructors, and
     * a call to a static method of {@code NoiseModel} would start initialising {@code NoiseModel}, whose
     * presets need the nested records' constants that are being built.
     */
    private static final class Checks {
        private Checks() {
        }

        private static void requireNonNegative(String name, double value, String unit) {
            if (!(value >= 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("Invalid " + name + ": " + value + " (" + unit
                        + ", must be finite and >= 0)");
            }
        }

        private static void requireFraction(String name, double value, boolean oneAllowed) {
            if (!(value >= 0 && (oneAllowed ? value <= 1 : value < 1))) {
                throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be in [0, 1"
                        + (oneAllowed ? "]" : ")") + ")");
            }
        }
    }
}
