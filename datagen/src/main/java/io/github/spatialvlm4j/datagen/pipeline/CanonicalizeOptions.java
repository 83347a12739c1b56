package io.github.spatialvlm4j.datagen.pipeline;

/**
 * Thresholds of the canonicalize stage ({@link CanonicalizeStage}): gravity and floor finding (see {@link
 * Canonicalizer}). Lengths in meters, angles in degrees.
 *
 * <p>The defaults are {@link #defaults()}; each {@code with...} method returns a copy with one value changed.
 *
 * @param distanceThreshold RANSAC inlier distance of the final plane fits, meters (paper: 0.05) (default
 *     0.05)
 * @param iterations RANSAC hypotheses per plane (paper: 1000) (default 1000)
 * @param earlyExitProbability RANSAC stops once a plane this likely to be the best has been seen (Open3D's
 *     confidence), in [0, 1); 0 runs every iteration (default 0.9999)
 * @param maxUpAngleDegrees largest angle between up and camera up (-y), degrees: how far the camera may pitch
 *     down (at a table) or roll; beyond it a wall facing a level camera would pass for a floor (default 70)
 * @param horizontalToleranceDegrees a surface whose normal is within this of up is horizontal, degrees
 *     (default 15)
 * @param minHorizontalShare up is estimated only when at least this share of the sampled surface is
 *     horizontal (default 0.005)
 * @param minFloorShare a horizontal level needs at least this share of the sampled surface to be a floor
 *     candidate (default 0.015)
 * @param minCameraHeight a floor must lie at least this far below the camera, meters: closer, the surface is
 *     a table or a shelf being photographed (default 0.9)
 * @param maxCameraHeight and at most this far, meters (default 3.5)
 * @param maxBelowShare at most this share of the sampled surface may lie clearly below a floor: nothing is
 *     under the floor, and a table top seen without its floor still has its own edge, its legs, the chairs
 *     and the walls reaching below it (default 0.02)
 * @param samplePixels the depth map is sampled on a grid of about this many pixels (default 30000)
 * @param normalBins bins of the surface-normal histogram across [-1, 1] in each of camera x and z (default
 *     90)
 * @param normalBaselineMeters spatial baseline of a surface normal, meters: the pixel offset is this at the
 *     pixel's depth (default 0.08)
 * @param candidateSeparationDegrees directions shared by many normals are taken as candidates for up at least
 *     this far apart, degrees (default 20)
 * @param maxCandidates how many shared surface directions are looked for (default 6)
 * @param ceilingMaxDegrees a shared direction within this of camera down is a ceiling's, degrees (default 50)
 * @param wallsAloneShare without horizontal surface, at least this share of the normals must be vertical for
 *     an up ... (default 0.25)
 * @param secondWallShare ... and face two ways: the second direction holding at least this share of the
 *     first's weight (default 0.1)
 * @param maxRefineDriftFactor refining up may move it at most this many times {@link
 *     #horizontalToleranceDegrees()} (default 2)
 * @param levelBinMeters bin of the height histogram whose peaks are the horizontal levels, meters (default
 *     0.02)
 * @param levelSlabMeters half-thickness of the slab of points a level's plane is fitted to, meters (default
 *     0.08)
 * @param maxObjectShare a level with more than this share of its points on object masks is an object's top,
 *     not the floor (default 0.5)
 * @param floorSlackDegrees with up estimated, the floor's plane may be this far from normal to it, degrees
 *     (default 5)
 * @param givenUpSlackDegrees with up given by the data set, the floor's plane may be this far from normal to
 *     it, degrees ... (default 6)
 * @param givenUpSlabMeters ... and its points are taken from a slab this thick around the level, meters
 *     (default 0.25)
 */
public record CanonicalizeOptions(float distanceThreshold, int iterations, double earlyExitProbability,
        double maxUpAngleDegrees, double horizontalToleranceDegrees, double minHorizontalShare,
        double minFloorShare, double minCameraHeight, double maxCameraHeight, double maxBelowShare,
        int samplePixels, int normalBins, double normalBaselineMeters, double candidateSeparationDegrees,
        int maxCandidates, double ceilingMaxDegrees, double wallsAloneShare, double secondWallShare,
        double maxRefineDriftFactor, double levelBinMeters, double levelSlabMeters, double maxObjectShare,
        double floorSlackDegrees, double givenUpSlackDegrees, double givenUpSlabMeters) {

    public CanonicalizeOptions {
        OptionChecks.positive("distanceThreshold", distanceThreshold);
        OptionChecks.atLeast("iterations", iterations, 1);
        if (!(earlyExitProbability >= 0 && earlyExitProbability < 1)) {
            throw new IllegalArgumentException("Invalid earlyExitProbability: " + earlyExitProbability
                    + " (must be in [0, 1))");
        }
        OptionChecks.within("maxUpAngleDegrees", maxUpAngleDegrees, 0, 90);
        OptionChecks.within("horizontalToleranceDegrees", horizontalToleranceDegrees, 0, 45);
        OptionChecks.share("minHorizontalShare", minHorizontalShare);
        OptionChecks.share("minFloorShare", minFloorShare);
        OptionChecks.share("maxBelowShare", maxBelowShare);
        OptionChecks.atLeast("samplePixels", samplePixels, 100);
        OptionChecks.atLeast("normalBins", normalBins, 2);
        OptionChecks.positive("normalBaselineMeters", normalBaselineMeters);
        OptionChecks.within("candidateSeparationDegrees", candidateSeparationDegrees, 0, 90);
        OptionChecks.atLeast("maxCandidates", maxCandidates, 1);
        OptionChecks.within("ceilingMaxDegrees", ceilingMaxDegrees, 0, 90);
        OptionChecks.share("wallsAloneShare", wallsAloneShare);
        OptionChecks.share("secondWallShare", secondWallShare);
        OptionChecks.positive("maxRefineDriftFactor", maxRefineDriftFactor);
        OptionChecks.positive("levelBinMeters", levelBinMeters);
        OptionChecks.positive("levelSlabMeters", levelSlabMeters);
        OptionChecks.share("maxObjectShare", maxObjectShare);
        OptionChecks.within("floorSlackDegrees", floorSlackDegrees, 0, 90);
        OptionChecks.within("givenUpSlackDegrees", givenUpSlackDegrees, 0, 90);
        OptionChecks.positive("givenUpSlabMeters", givenUpSlabMeters);
        if (!(minCameraHeight >= 0 && maxCameraHeight > minCameraHeight) || !Double.isFinite(maxCameraHeight)) {
            throw new IllegalArgumentException("Invalid camera height range [" + minCameraHeight + ", "
                    + maxCameraHeight + "] m");
        }
    }

    /** The values the engine runs with unless told otherwise (see each component). */
    public static CanonicalizeOptions defaults() {
        return new CanonicalizeOptions(0.05f, 1000, 0.9999, 70, 15, 0.005, 0.015, 0.9, 3.5, 0.02, 30000, 90,
                0.08, 20, 6, 50, 0.25, 0.1, 2, 0.02, 0.08, 0.5, 5, 6, 0.25);
    }

    /** These options with another {@link #distanceThreshold()}. */
    public CanonicalizeOptions withDistanceThreshold(float value) {
        return new CanonicalizeOptions(value, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #iterations()}. */
    public CanonicalizeOptions withIterations(int value) {
        return new CanonicalizeOptions(distanceThreshold, value, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #earlyExitProbability()}. */
    public CanonicalizeOptions withEarlyExitProbability(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, value, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #maxUpAngleDegrees()}. */
    public CanonicalizeOptions withMaxUpAngleDegrees(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, value,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #horizontalToleranceDegrees()}. */
    public CanonicalizeOptions withHorizontalToleranceDegrees(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                value, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight, maxBelowShare,
                samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees, maxCandidates,
                ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor, levelBinMeters,
                levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees, givenUpSlabMeters);
    }

    /** These options with another {@link #minHorizontalShare()}. */
    public CanonicalizeOptions withMinHorizontalShare(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, value, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #minFloorShare()}. */
    public CanonicalizeOptions withMinFloorShare(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, value, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #minCameraHeight()}. */
    public CanonicalizeOptions withMinCameraHeight(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, value, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #maxCameraHeight()}. */
    public CanonicalizeOptions withMaxCameraHeight(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, value,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #maxBelowShare()}. */
    public CanonicalizeOptions withMaxBelowShare(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                value, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #samplePixels()}. */
    public CanonicalizeOptions withSamplePixels(int value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, value, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #normalBins()}. */
    public CanonicalizeOptions withNormalBins(int value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, value, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #normalBaselineMeters()}. */
    public CanonicalizeOptions withNormalBaselineMeters(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, value, candidateSeparationDegrees, maxCandidates,
                ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor, levelBinMeters,
                levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees, givenUpSlabMeters);
    }

    /** These options with another {@link #candidateSeparationDegrees()}. */
    public CanonicalizeOptions withCandidateSeparationDegrees(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, value, maxCandidates,
                ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor, levelBinMeters,
                levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees, givenUpSlabMeters);
    }

    /** These options with another {@link #maxCandidates()}. */
    public CanonicalizeOptions withMaxCandidates(int value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                value, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #ceilingMaxDegrees()}. */
    public CanonicalizeOptions withCeilingMaxDegrees(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, value, wallsAloneShare, secondWallShare, maxRefineDriftFactor, levelBinMeters,
                levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees, givenUpSlabMeters);
    }

    /** These options with another {@link #wallsAloneShare()}. */
    public CanonicalizeOptions withWallsAloneShare(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, value, secondWallShare, maxRefineDriftFactor, levelBinMeters,
                levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees, givenUpSlabMeters);
    }

    /** These options with another {@link #secondWallShare()}. */
    public CanonicalizeOptions withSecondWallShare(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, value, maxRefineDriftFactor, levelBinMeters,
                levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees, givenUpSlabMeters);
    }

    /** These options with another {@link #maxRefineDriftFactor()}. */
    public CanonicalizeOptions withMaxRefineDriftFactor(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, value, levelBinMeters,
                levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees, givenUpSlabMeters);
    }

    /** These options with another {@link #levelBinMeters()}. */
    public CanonicalizeOptions withLevelBinMeters(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor, value,
                levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees, givenUpSlabMeters);
    }

    /** These options with another {@link #levelSlabMeters()}. */
    public CanonicalizeOptions withLevelSlabMeters(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, value, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #maxObjectShare()}. */
    public CanonicalizeOptions withMaxObjectShare(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, value, floorSlackDegrees, givenUpSlackDegrees,
                givenUpSlabMeters);
    }

    /** These options with another {@link #floorSlackDegrees()}. */
    public CanonicalizeOptions withFloorSlackDegrees(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, value, givenUpSlackDegrees, givenUpSlabMeters);
    }

    /** These options with another {@link #givenUpSlackDegrees()}. */
    public CanonicalizeOptions withGivenUpSlackDegrees(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, value, givenUpSlabMeters);
    }

    /** These options with another {@link #givenUpSlabMeters()}. */
    public CanonicalizeOptions withGivenUpSlabMeters(double value) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, minCameraHeight, maxCameraHeight,
                maxBelowShare, samplePixels, normalBins, normalBaselineMeters, candidateSeparationDegrees,
                maxCandidates, ceilingMaxDegrees, wallsAloneShare, secondWallShare, maxRefineDriftFactor,
                levelBinMeters, levelSlabMeters, maxObjectShare, floorSlackDegrees, givenUpSlackDegrees, value);
    }
}
