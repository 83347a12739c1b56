package io.github.spatialvlm4j.datagen.pipeline;

/**
 * Thresholds of the lift stage ({@link LiftStage}): the depth range lifted, and the depth clean-up before it:
 * flying pixels ({@link FlyingPixels}), speckles ({@link Speckles}) and edges smeared into ramps ({@link
 * Ramps}). Depths in meters, sizes in pixels.
 *
 * <p>The defaults are {@link #defaults()}; each {@code with...} method returns a copy with one value changed.
 *
 * @param minDepth depths at or below this are not lifted, meters (default 0.05)
 * @param maxDepth depths above this are not lifted, meters (default 20)
 * @param flyingMinJumpMeters a flying pixel has a neighbour nearer and the opposite one farther by more than
 *     this, meters ({@link FlyingPixels}) (default 0.05)
 * @param flyingRelativeJump ... or by more than this share of its depth, whichever is larger (default 0.03)
 * @param speckleMinSupport fewest of its 8 neighbours within the tolerance that a pixel needs to be kept
 *     ({@link Speckles}) (default 2)
 * @param speckleMinToleranceMeters smallest depth tolerance between consistent neighbours, meters (default
 *     0.05)
 * @param speckleRelativeTolerance ... or this share of the pixel's depth, whichever is larger (default 0.04)
 * @param smearedRunPixels a frame's edges are smeared into ramps when the median edge run is at least this
 *     many pixels wide ({@link Ramps#smeared}) (default 4)
 * @param smearedMinRuns fewest edge runs a frame needs for that verdict (default 20: a sharp edge's runs are one or
 *     two pixels, a ramp's about its width, so a median of 20 tells them apart; at 50, one monocular frame in 15
 *     of the synthetic audit, a few small objects, was taken as sharp and kept its ramps); where the rows give
 *     fewer, the columns' runs are judged instead
 * @param smearedEdgeMinMeters a pixel is on an edge run when its two neighbours along the row differ by more
 *     than this, meters ... (default 0.05)
 * @param smearedEdgeRelative ... or this share of its depth, whichever is larger (default 0.03)
 * @param smearedStepMinMeters an edge run counts when the whole run spans a step of more than this, meters
 *     ... (default 0.1)
 * @param smearedStepRelative ... or this share of the nearer depth, whichever is larger (default 0.06)
 * @param rampZonePixels depth of an object's outline zone, pixels from the mask's edge inward, whose depth is
 *     replaced by the object's surface continued from inside ({@link Ramps}): half a ramp and the pixel or two
 *     a segmenter bleeds (default 5)
 * @param rampSurfaceBandPixels depth of the band of mask pixels just inside the zone that the surface is
 *     fitted to, pixels (default 9)
 * @param rampBackgroundReachPixels half-width of the window around a zone pixel in which the background of its
 *     ramp is read, from the pixels {@code rampZonePixels + 1} or {@code + 2} outside the mask, pixels (default 9)
 */
public record LiftOptions(float minDepth, float maxDepth, float flyingMinJumpMeters, float flyingRelativeJump,
        int speckleMinSupport, float speckleMinToleranceMeters, float speckleRelativeTolerance,
        int smearedRunPixels, int smearedMinRuns, float smearedEdgeMinMeters, float smearedEdgeRelative,
        float smearedStepMinMeters, float smearedStepRelative, int rampZonePixels, int rampSurfaceBandPixels,
        int rampBackgroundReachPixels) {

    public LiftOptions {
        OptionChecks.positive("flyingMinJumpMeters", flyingMinJumpMeters);
        OptionChecks.positive("flyingRelativeJump", flyingRelativeJump);
        if (speckleMinSupport < 1 || speckleMinSupport > 8) {
            throw new IllegalArgumentException("Invalid speckleMinSupport: " + speckleMinSupport
                    + " (must be in [1, 8])");
        }
        OptionChecks.positive("speckleMinToleranceMeters", speckleMinToleranceMeters);
        OptionChecks.positive("speckleRelativeTolerance", speckleRelativeTolerance);
        OptionChecks.atLeast("smearedRunPixels", smearedRunPixels, 1);
        OptionChecks.atLeast("smearedMinRuns", smearedMinRuns, 1);
        OptionChecks.positive("smearedEdgeMinMeters", smearedEdgeMinMeters);
        OptionChecks.positive("smearedEdgeRelative", smearedEdgeRelative);
        OptionChecks.positive("smearedStepMinMeters", smearedStepMinMeters);
        OptionChecks.positive("smearedStepRelative", smearedStepRelative);
        OptionChecks.atLeast("rampZonePixels", rampZonePixels, 1);
        OptionChecks.atLeast("rampSurfaceBandPixels", rampSurfaceBandPixels, 1);
        OptionChecks.atLeast("rampBackgroundReachPixels", rampBackgroundReachPixels, 1);
        if (!(minDepth >= 0 && maxDepth > minDepth) || !Float.isFinite(maxDepth)) {
            throw new IllegalArgumentException("Invalid depth range (" + minDepth + ", " + maxDepth
                    + "] m: need 0 <= min < max, finite");
        }
    }

    /** The values the engine runs with unless told otherwise (see each component). */
    public static LiftOptions defaults() {
        return new LiftOptions(0.05f, 20f, 0.05f, 0.03f, 2, 0.05f, 0.04f, 4, 20, 0.05f, 0.03f, 0.1f, 0.06f, 5,
                9, 9);
    }

    /** These options with another {@link #minDepth()}. */
    public LiftOptions withMinDepth(float value) {
        return new LiftOptions(value, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative,
                rampZonePixels, rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #maxDepth()}. */
    public LiftOptions withMaxDepth(float value) {
        return new LiftOptions(minDepth, value, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative,
                rampZonePixels, rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #flyingMinJumpMeters()}. */
    public LiftOptions withFlyingMinJumpMeters(float value) {
        return new LiftOptions(minDepth, maxDepth, value, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative,
                rampZonePixels, rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #flyingRelativeJump()}. */
    public LiftOptions withFlyingRelativeJump(float value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, value, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative,
                rampZonePixels, rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #speckleMinSupport()}. */
    public LiftOptions withSpeckleMinSupport(int value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, value,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative,
                rampZonePixels, rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #speckleMinToleranceMeters()}. */
    public LiftOptions withSpeckleMinToleranceMeters(float value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                value, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns, smearedEdgeMinMeters,
                smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative, rampZonePixels,
                rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #speckleRelativeTolerance()}. */
    public LiftOptions withSpeckleRelativeTolerance(float value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, value, smearedRunPixels, smearedMinRuns, smearedEdgeMinMeters,
                smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative, rampZonePixels,
                rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #smearedRunPixels()}. */
    public LiftOptions withSmearedRunPixels(int value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, value, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative,
                rampZonePixels, rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #smearedMinRuns()}. */
    public LiftOptions withSmearedMinRuns(int value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, value,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative,
                rampZonePixels, rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #smearedEdgeMinMeters()}. */
    public LiftOptions withSmearedEdgeMinMeters(float value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns, value,
                smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative, rampZonePixels,
                rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #smearedEdgeRelative()}. */
    public LiftOptions withSmearedEdgeRelative(float value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, value, smearedStepMinMeters, smearedStepRelative, rampZonePixels,
                rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #smearedStepMinMeters()}. */
    public LiftOptions withSmearedStepMinMeters(float value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, value, smearedStepRelative, rampZonePixels,
                rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #smearedStepRelative()}. */
    public LiftOptions withSmearedStepRelative(float value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, value, rampZonePixels,
                rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #rampZonePixels()}. */
    public LiftOptions withRampZonePixels(int value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative, value,
                rampSurfaceBandPixels, rampBackgroundReachPixels);
    }

    /** These options with another {@link #rampSurfaceBandPixels()}. */
    public LiftOptions withRampSurfaceBandPixels(int value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative,
                rampZonePixels, value, rampBackgroundReachPixels);
    }


    /** These options with another {@link #rampBackgroundReachPixels()}. */
    public LiftOptions withRampBackgroundReachPixels(int value) {
        return new LiftOptions(minDepth, maxDepth, flyingMinJumpMeters, flyingRelativeJump, speckleMinSupport,
                speckleMinToleranceMeters, speckleRelativeTolerance, smearedRunPixels, smearedMinRuns,
                smearedEdgeMinMeters, smearedEdgeRelative, smearedStepMinMeters, smearedStepRelative,
                rampZonePixels, rampSurfaceBandPixels, value);
    }
}
