package io.github.spatialvlm4j.datagen.pipeline;

/**
 * Thresholds of the clean stage ({@link CleanStage}): per-object denoising ({@link ObjectCleaner}) at a scale
 * adapted to each object, the floor under each object ({@link FloorSupport}, {@link SupportSurface}) and the
 * smoothing of its surface ({@link SurfaceSmoothing}). Lengths in meters, windows in pixels.
 *
 * <p>The denoising defaults are the SpatialVLM paper's: {@code scale = |std(points)| * 3 + 1e-6}; statistical
 * outlier removal with 50 neighbours and std ratio 1.2; voxel down-sampling with voxel {@code max(0.01 m,
 * scale / 20)}; DBSCAN with {@code eps = scale / 3.6} and {@code minPoints = n / 10}; keep the largest
 * cluster.
 *
 * <p>The defaults are {@link #paperDefaults()}; each {@code with...} method returns a copy with one value changed.
 *
 * @param scaleStdMultiplier multiplier of the norm of the per-axis robust standard deviation: the object's
 *     scale (default 3.0)
 * @param outlierNeighbours k of statistical outlier removal (default 50)
 * @param outlierStdRatio std ratio of statistical outlier removal (default 1.2)
 * @param minVoxelSize smallest voxel, meters (default 0.01)
 * @param voxelScaleDivisor voxel = scale / this, when larger than the minimum (default 20.0)
 * @param dbscanEpsDivisor DBSCAN eps = scale / this (default 3.6)
 * @param dbscanMinPointsFraction DBSCAN minPoints = this x points after down-sampling (default 0.1)
 * @param minObjectPoints objects with fewer raw points, or fewer points left after cleaning, are dropped
 *     (default 20)
 * @param rawOutlierMaxPoints objects with at most this many raw points get outlier removal on the raw points,
 *     larger ones on their voxel centroids (default 2000)
 * @param readmitDensity share of the kept voxels' median point count that a touching voxel needs to be taken
 *     back (default 0.25)
 * @param scaleSamplePoints largest stride sample the robust scale is computed on (default 4096)
 * @param depthBinMeters width of a bin of the depth histogram that finds an object's main depth run, meters
 *     (default 0.01)
 * @param depthGapMeters a run of empty depth bins at least this long, meters, separates two things along the
 *     rays ... (default 0.15)
 * @param depthGapRelative ... or this share of the depth of the main run, whichever is larger (default 0.05)
 * @param depthEmptyShare a depth bin with fewer points than this share of the object's counts as empty
 *     ... (default 0.002)
 * @param depthEmptyTypicalShare ... or than this share of the object's typical bin (the mean count of the bin
 *     a point falls in), whichever is smaller: an object that spans metres of depth (a bed seen from its
 *     foot) has few points per bin (default 0.05)
 * @param floorSlabMeters points within this of the floor plane are floor points, meters ({@link
 *     FloorSupport}) (default 0.15)
 * @param floorNearMeters the floor points within this (horizontally) of an object's footprint give its local
 *     floor, meters (default 0.6)
 * @param floorMinNearPoints fewer near floor points than this, and the object gets the frame's floor (default
 *     30)
 * @param floorBandSigmas the band of floor points cut from an object is this many robust standard deviations
 *     of their heights ... (default 3)
 * @param floorMinBandMeters ... and at least this, meters (default 0.02)
 * @param supportMinKeptShare an object keeps every point when fewer than this share of them lie above its
 *     floor band (a flat object lying on the floor) ({@link SupportSurface}) (default 0.3)
 * @param smoothingRadius window half-width of the surface smoothing, pixels ({@link SurfaceSmoothing})
 *     (default 4)
 * @param noiseRadius window half-width of the depth noise estimate, pixels (default 2)
 * @param smoothingMinToleranceMeters smallest depth difference to a window's centre pixel that still excludes
 *     a neighbour, meters ... (default 0.03)
 * @param smoothingRelativeTolerance ... or this share of the centre pixel's depth, whichever is larger
 *     (default 0.03)
 * @param smoothingMinNeighbours fewest usable pixels in a window (the centre included) for a fit (default 6)
 * @param minNoiseMeters depth noise below which an object keeps its points as lifted, meters (default 0.002)
 */
public record CleanupOptions(double scaleStdMultiplier, int outlierNeighbours, double outlierStdRatio,
        double minVoxelSize, double voxelScaleDivisor, double dbscanEpsDivisor, double dbscanMinPointsFraction,
        int minObjectPoints, int rawOutlierMaxPoints, double readmitDensity, int scaleSamplePoints,
        double depthBinMeters, double depthGapMeters, double depthGapRelative, double depthEmptyShare,
        double depthEmptyTypicalShare, double floorSlabMeters, double floorNearMeters, int floorMinNearPoints,
        double floorBandSigmas,
        double floorMinBandMeters, double supportMinKeptShare, int smoothingRadius, int noiseRadius,
        float smoothingMinToleranceMeters, float smoothingRelativeTolerance, int smoothingMinNeighbours,
        double minNoiseMeters) {

    public CleanupOptions {
        OptionChecks.positive("scaleStdMultiplier", scaleStdMultiplier);
        OptionChecks.atLeast("outlierNeighbours", outlierNeighbours, 1);
        OptionChecks.positive("outlierStdRatio", outlierStdRatio);
        OptionChecks.positive("minVoxelSize", minVoxelSize);
        OptionChecks.positive("voxelScaleDivisor", voxelScaleDivisor);
        OptionChecks.positive("dbscanEpsDivisor", dbscanEpsDivisor);
        OptionChecks.shareUpTo1("dbscanMinPointsFraction", dbscanMinPointsFraction);
        OptionChecks.atLeast("minObjectPoints", minObjectPoints, 1);
        OptionChecks.atLeast("rawOutlierMaxPoints", rawOutlierMaxPoints, 0);
        OptionChecks.nonNegative("readmitDensity", readmitDensity);
        OptionChecks.atLeast("scaleSamplePoints", scaleSamplePoints, 1);
        OptionChecks.positive("depthBinMeters", depthBinMeters);
        OptionChecks.positive("depthGapMeters", depthGapMeters);
        OptionChecks.positive("depthGapRelative", depthGapRelative);
        OptionChecks.share("depthEmptyShare", depthEmptyShare);
        OptionChecks.shareUpTo1("depthEmptyTypicalShare", depthEmptyTypicalShare);
        OptionChecks.positive("floorSlabMeters", floorSlabMeters);
        OptionChecks.positive("floorNearMeters", floorNearMeters);
        OptionChecks.atLeast("floorMinNearPoints", floorMinNearPoints, 1);
        OptionChecks.positive("floorBandSigmas", floorBandSigmas);
        OptionChecks.positive("floorMinBandMeters", floorMinBandMeters);
        OptionChecks.shareUpTo1("supportMinKeptShare", supportMinKeptShare);
        OptionChecks.atLeast("smoothingRadius", smoothingRadius, 1);
        OptionChecks.atLeast("noiseRadius", noiseRadius, 1);
        OptionChecks.positive("smoothingMinToleranceMeters", smoothingMinToleranceMeters);
        OptionChecks.positive("smoothingRelativeTolerance", smoothingRelativeTolerance);
        OptionChecks.atLeast("smoothingMinNeighbours", smoothingMinNeighbours, 3);
        OptionChecks.nonNegative("minNoiseMeters", minNoiseMeters);
    }

    /** The values the engine runs with unless told otherwise (see each component). */
    public static CleanupOptions paperDefaults() {
        return new CleanupOptions(3.0, 50, 1.2, 0.01, 20.0, 3.6, 0.1, 20, 2000, 0.25, 4096, 0.01, 0.15, 0.05,
                0.002, 0.05, 0.15, 0.6, 30, 3, 0.02, 0.3, 4, 2, 0.03f, 0.03f, 6, 0.002);
    }

    /** These options with another {@link #scaleStdMultiplier()}. */
    public CleanupOptions withScaleStdMultiplier(double value) {
        return new CleanupOptions(value, outlierNeighbours, outlierStdRatio, minVoxelSize, voxelScaleDivisor,
                dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints, rawOutlierMaxPoints, readmitDensity,
                scaleSamplePoints, depthBinMeters, depthGapMeters, depthGapRelative, depthEmptyShare,
                depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints, floorBandSigmas,
                floorMinBandMeters,
                supportMinKeptShare, smoothingRadius, noiseRadius, smoothingMinToleranceMeters,
                smoothingRelativeTolerance, smoothingMinNeighbours, minNoiseMeters);
    }

    /** These options with another {@link #outlierNeighbours()}. */
    public CleanupOptions withOutlierNeighbours(int value) {
        return new CleanupOptions(scaleStdMultiplier, value, outlierStdRatio, minVoxelSize, voxelScaleDivisor,
                dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints, rawOutlierMaxPoints, readmitDensity,
                scaleSamplePoints, depthBinMeters, depthGapMeters, depthGapRelative, depthEmptyShare,
                depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints, floorBandSigmas,
                floorMinBandMeters,
                supportMinKeptShare, smoothingRadius, noiseRadius, smoothingMinToleranceMeters,
                smoothingRelativeTolerance, smoothingMinNeighbours, minNoiseMeters);
    }

    /** These options with another {@link #outlierStdRatio()}. */
    public CleanupOptions withOutlierStdRatio(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, value, minVoxelSize, voxelScaleDivisor,
                dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints, rawOutlierMaxPoints, readmitDensity,
                scaleSamplePoints, depthBinMeters, depthGapMeters, depthGapRelative, depthEmptyShare,
                depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints, floorBandSigmas,
                floorMinBandMeters,
                supportMinKeptShare, smoothingRadius, noiseRadius, smoothingMinToleranceMeters,
                smoothingRelativeTolerance, smoothingMinNeighbours, minNoiseMeters);
    }

    /** These options with another {@link #minVoxelSize()}. */
    public CleanupOptions withMinVoxelSize(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, value,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints,
                floorBandSigmas, floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #voxelScaleDivisor()}. */
    public CleanupOptions withVoxelScaleDivisor(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize, value,
                dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints, rawOutlierMaxPoints, readmitDensity,
                scaleSamplePoints, depthBinMeters, depthGapMeters, depthGapRelative, depthEmptyShare,
                depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints, floorBandSigmas,
                floorMinBandMeters,
                supportMinKeptShare, smoothingRadius, noiseRadius, smoothingMinToleranceMeters,
                smoothingRelativeTolerance, smoothingMinNeighbours, minNoiseMeters);
    }

    /** These options with another {@link #dbscanEpsDivisor()}. */
    public CleanupOptions withDbscanEpsDivisor(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, value, dbscanMinPointsFraction, minObjectPoints, rawOutlierMaxPoints,
                readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters, depthGapRelative,
                depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #dbscanMinPointsFraction()}. */
    public CleanupOptions withDbscanMinPointsFraction(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, value, minObjectPoints, rawOutlierMaxPoints,
                readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters, depthGapRelative,
                depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #minObjectPoints()}. */
    public CleanupOptions withMinObjectPoints(int value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, value, rawOutlierMaxPoints,
                readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters, depthGapRelative,
                depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #rawOutlierMaxPoints()}. */
    public CleanupOptions withRawOutlierMaxPoints(int value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints, value,
                readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters, depthGapRelative,
                depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #readmitDensity()}. */
    public CleanupOptions withReadmitDensity(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, value, scaleSamplePoints, depthBinMeters, depthGapMeters, depthGapRelative,
                depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #scaleSamplePoints()}. */
    public CleanupOptions withScaleSamplePoints(int value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, value, depthBinMeters, depthGapMeters, depthGapRelative,
                depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #depthBinMeters()}. */
    public CleanupOptions withDepthBinMeters(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, value, depthGapMeters, depthGapRelative,
                depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #depthGapMeters()}. */
    public CleanupOptions withDepthGapMeters(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, value, depthGapRelative,
                depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #depthGapRelative()}. */
    public CleanupOptions withDepthGapRelative(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters, value,
                depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #depthEmptyShare()}. */
    public CleanupOptions withDepthEmptyShare(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, value, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #depthEmptyTypicalShare()}. */
    public CleanupOptions withDepthEmptyTypicalShare(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, value, floorSlabMeters, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #floorSlabMeters()}. */
    public CleanupOptions withFloorSlabMeters(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, value, floorNearMeters, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #floorNearMeters()}. */
    public CleanupOptions withFloorNearMeters(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, value, floorMinNearPoints,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #floorMinNearPoints()}. */
    public CleanupOptions withFloorMinNearPoints(int value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters, value,
                floorBandSigmas,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #floorBandSigmas()}. */
    public CleanupOptions withFloorBandSigmas(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints, value,
                floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #floorMinBandMeters()}. */
    public CleanupOptions withFloorMinBandMeters(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints,
                floorBandSigmas, value, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #supportMinKeptShare()}. */
    public CleanupOptions withSupportMinKeptShare(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints,
                floorBandSigmas, floorMinBandMeters, value, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #smoothingRadius()}. */
    public CleanupOptions withSmoothingRadius(int value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints,
                floorBandSigmas, floorMinBandMeters, supportMinKeptShare, value, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #noiseRadius()}. */
    public CleanupOptions withNoiseRadius(int value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints,
                floorBandSigmas, floorMinBandMeters, supportMinKeptShare, smoothingRadius, value,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours,
                minNoiseMeters);
    }

    /** These options with another {@link #smoothingMinToleranceMeters()}. */
    public CleanupOptions withSmoothingMinToleranceMeters(float value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints,
                floorBandSigmas, floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius, value,
                smoothingRelativeTolerance, smoothingMinNeighbours, minNoiseMeters);
    }

    /** These options with another {@link #smoothingRelativeTolerance()}. */
    public CleanupOptions withSmoothingRelativeTolerance(float value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints,
                floorBandSigmas, floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, value, smoothingMinNeighbours, minNoiseMeters);
    }

    /** These options with another {@link #smoothingMinNeighbours()}. */
    public CleanupOptions withSmoothingMinNeighbours(int value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints,
                floorBandSigmas, floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, value, minNoiseMeters);
    }

    /** These options with another {@link #minNoiseMeters()}. */
    public CleanupOptions withMinNoiseMeters(double value) {
        return new CleanupOptions(scaleStdMultiplier, outlierNeighbours, outlierStdRatio, minVoxelSize,
                voxelScaleDivisor, dbscanEpsDivisor, dbscanMinPointsFraction, minObjectPoints,
                rawOutlierMaxPoints, readmitDensity, scaleSamplePoints, depthBinMeters, depthGapMeters,
                depthGapRelative, depthEmptyShare, depthEmptyTypicalShare, floorSlabMeters, floorNearMeters,
                floorMinNearPoints,
                floorBandSigmas, floorMinBandMeters, supportMinKeptShare, smoothingRadius, noiseRadius,
                smoothingMinToleranceMeters, smoothingRelativeTolerance, smoothingMinNeighbours, value);
    }
}
