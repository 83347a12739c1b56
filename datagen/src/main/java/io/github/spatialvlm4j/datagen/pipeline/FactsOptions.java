package io.github.spatialvlm4j.datagen.pipeline;

/**
 * Thresholds of the facts stage ({@link FactsStage}): the floor-contact rule, the noise margin and the round-
 * footprint test of {@link FactsExtractor}, stacking onto another object's top, and the sampling of the
 * pairwise gaps ({@link ObjectGaps}). Lengths in meters, angles in degrees.
 *
 * <p>The defaults are {@link #defaults()}; each {@code with...} method returns a copy with one value changed.
 *
 * @param floorContactMaxMeters largest gap between an object's lowest visible point and the floor (or the top
 *     of what it stands on) taken as contact, meters (default 0.12)
 * @param floorContactMaxShare ... and at most this share of the object's visible height (default 0.35)
 * @param noiseMarginSigmas how many standard deviations of a point's remaining depth error it is taken inward
 *     along its ray before the extremes of the box are read (default 2.5)
 * @param roundMaxResidual largest RMS residual of a round footprint's circle fit, as a share of its radius
 *     (default 0.03)
 * @param roundMinArcDegrees smallest arc, degrees, that the fitted near-side outline of a round footprint
 *     must span (default 60)
 * @param roundMinVertices fewest near-side hull vertices for a circle fit (default 8)
 * @param roundMinDiameterShare a round footprint's diameter is at least this share of the measured width ...
 *     (default 0.85)
 * @param roundMaxDiameterShare ... and at most this share (default 1.2)
 * @param minSupportTop lowest height above the floor of the top of an object that another one is taken to
 *     stand on, meters: below it the floor band decides (default 0.04)
 * @param gapSamplePoints points of each object a pair's first, upper-bound gap is computed on (default 1000)
 * @param gapMaxExactPoints largest crop of each object, points, that a pair's closest-surface gap is computed
 *     on exactly; larger crops are stride-sampled (default 3000)
 */
public record FactsOptions(double floorContactMaxMeters, double floorContactMaxShare, double noiseMarginSigmas,
        double roundMaxResidual, double roundMinArcDegrees, int roundMinVertices, double roundMinDiameterShare,
        double roundMaxDiameterShare, double minSupportTop, int gapSamplePoints, int gapMaxExactPoints) {

    public FactsOptions {
        OptionChecks.positive("floorContactMaxMeters", floorContactMaxMeters);
        OptionChecks.share("floorContactMaxShare", floorContactMaxShare);
        OptionChecks.nonNegative("noiseMarginSigmas", noiseMarginSigmas);
        OptionChecks.positive("roundMaxResidual", roundMaxResidual);
        OptionChecks.within("roundMinArcDegrees", roundMinArcDegrees, 0, 360);
        OptionChecks.atLeast("roundMinVertices", roundMinVertices, 3);
        OptionChecks.positive("roundMinDiameterShare", roundMinDiameterShare);
        OptionChecks.positive("roundMaxDiameterShare", roundMaxDiameterShare);
        OptionChecks.nonNegative("minSupportTop", minSupportTop);
        OptionChecks.atLeast("gapSamplePoints", gapSamplePoints, 1);
        OptionChecks.atLeast("gapMaxExactPoints", gapMaxExactPoints, 1);
        if (roundMaxDiameterShare <= roundMinDiameterShare) {
            throw new IllegalArgumentException("Invalid round diameter shares [" + roundMinDiameterShare + ", "
                    + roundMaxDiameterShare + "] (need min < max)");
        }
    }

    /** The values the engine runs with unless told otherwise (see each component). */
    public static FactsOptions defaults() {
        return new FactsOptions(0.12, 0.35, 2.5, 0.03, 60, 8, 0.85, 1.2, 0.04, 1000, 3000);
    }

    /** These options with another {@link #floorContactMaxMeters()}. */
    public FactsOptions withFloorContactMaxMeters(double value) {
        return new FactsOptions(value, floorContactMaxShare, noiseMarginSigmas, roundMaxResidual,
                roundMinArcDegrees, roundMinVertices, roundMinDiameterShare, roundMaxDiameterShare,
                minSupportTop, gapSamplePoints, gapMaxExactPoints);
    }

    /** These options with another {@link #floorContactMaxShare()}. */
    public FactsOptions withFloorContactMaxShare(double value) {
        return new FactsOptions(floorContactMaxMeters, value, noiseMarginSigmas, roundMaxResidual,
                roundMinArcDegrees, roundMinVertices, roundMinDiameterShare, roundMaxDiameterShare,
                minSupportTop, gapSamplePoints, gapMaxExactPoints);
    }

    /** These options with another {@link #noiseMarginSigmas()}. */
    public FactsOptions withNoiseMarginSigmas(double value) {
        return new FactsOptions(floorContactMaxMeters, floorContactMaxShare, value, roundMaxResidual,
                roundMinArcDegrees, roundMinVertices, roundMinDiameterShare, roundMaxDiameterShare,
                minSupportTop, gapSamplePoints, gapMaxExactPoints);
    }

    /** These options with another {@link #roundMaxResidual()}. */
    public FactsOptions withRoundMaxResidual(double value) {
        return new FactsOptions(floorContactMaxMeters, floorContactMaxShare, noiseMarginSigmas, value,
                roundMinArcDegrees, roundMinVertices, roundMinDiameterShare, roundMaxDiameterShare,
                minSupportTop, gapSamplePoints, gapMaxExactPoints);
    }

    /** These options with another {@link #roundMinArcDegrees()}. */
    public FactsOptions withRoundMinArcDegrees(double value) {
        return new FactsOptions(floorContactMaxMeters, floorContactMaxShare, noiseMarginSigmas,
                roundMaxResidual, value, roundMinVertices, roundMinDiameterShare, roundMaxDiameterShare,
                minSupportTop, gapSamplePoints, gapMaxExactPoints);
    }

    /** These options with another {@link #roundMinVertices()}. */
    public FactsOptions withRoundMinVertices(int value) {
        return new FactsOptions(floorContactMaxMeters, floorContactMaxShare, noiseMarginSigmas,
                roundMaxResidual, roundMinArcDegrees, value, roundMinDiameterShare, roundMaxDiameterShare,
                minSupportTop, gapSamplePoints, gapMaxExactPoints);
    }

    /** These options with another {@link #roundMinDiameterShare()}. */
    public FactsOptions withRoundMinDiameterShare(double value) {
        return new FactsOptions(floorContactMaxMeters, floorContactMaxShare, noiseMarginSigmas,
                roundMaxResidual, roundMinArcDegrees, roundMinVertices, value, roundMaxDiameterShare,
                minSupportTop, gapSamplePoints, gapMaxExactPoints);
    }

    /** These options with another {@link #roundMaxDiameterShare()}. */
    public FactsOptions withRoundMaxDiameterShare(double value) {
        return new FactsOptions(floorContactMaxMeters, floorContactMaxShare, noiseMarginSigmas,
                roundMaxResidual, roundMinArcDegrees, roundMinVertices, roundMinDiameterShare, value,
                minSupportTop, gapSamplePoints, gapMaxExactPoints);
    }

    /** These options with another {@link #minSupportTop()}. */
    public FactsOptions withMinSupportTop(double value) {
        return new FactsOptions(floorContactMaxMeters, floorContactMaxShare, noiseMarginSigmas,
                roundMaxResidual, roundMinArcDegrees, roundMinVertices, roundMinDiameterShare,
                roundMaxDiameterShare, value, gapSamplePoints, gapMaxExactPoints);
    }

    /** These options with another {@link #gapSamplePoints()}. */
    public FactsOptions withGapSamplePoints(int value) {
        return new FactsOptions(floorContactMaxMeters, floorContactMaxShare, noiseMarginSigmas,
                roundMaxResidual, roundMinArcDegrees, roundMinVertices, roundMinDiameterShare,
                roundMaxDiameterShare, minSupportTop, value, gapMaxExactPoints);
    }

    /** These options with another {@link #gapMaxExactPoints()}. */
    public FactsOptions withGapMaxExactPoints(int value) {
        return new FactsOptions(floorContactMaxMeters, floorContactMaxShare, noiseMarginSigmas,
                roundMaxResidual, roundMinArcDegrees, roundMinVertices, roundMinDiameterShare,
                roundMaxDiameterShare, minSupportTop, gapSamplePoints, value);
    }
}
