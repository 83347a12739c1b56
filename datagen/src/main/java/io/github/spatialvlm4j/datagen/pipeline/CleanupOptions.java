package io.github.spatialvlm4j.datagen.pipeline;

/**
 * Parameters of the per-object denoising of SPEC stage 4, adapted to each object's scale. The
 * defaults are the SpatialVLM paper's: {@code scale = |std(points)| * 3 + 1e-6}; statistical
 * outlier removal with 50 neighbours and std ratio 1.2; voxel down-sampling with voxel
 * {@code max(0.01 m, scale / 20)}; DBSCAN with {@code eps = scale / 3.6} and
 * {@code minPoints = n / 10}; keep the largest cluster.
 *
 * @param scaleStdMultiplier multiplier of the norm of the per-axis standard deviation (3.0)
 * @param outlierNeighbours k of statistical outlier removal (50)
 * @param outlierStdRatio std ratio of statistical outlier removal (1.2)
 * @param minVoxelSize smallest voxel, meters (0.01)
 * @param voxelScaleDivisor voxel = scale / this, when larger than the minimum (20)
 * @param dbscanEpsDivisor DBSCAN eps = scale / this (3.6)
 * @param dbscanMinPointsFraction DBSCAN minPoints = this x points after down-sampling (0.1)
 * @param minObjectPoints objects with fewer raw points, or fewer points left after cleaning, are dropped (20)
 */
public record CleanupOptions(double scaleStdMultiplier, int outlierNeighbours, double outlierStdRatio,
        double minVoxelSize, double voxelScaleDivisor, double dbscanEpsDivisor, double dbscanMinPointsFraction,
        int minObjectPoints) {

    public CleanupOptions {
        positive("scaleStdMultiplier", scaleStdMultiplier);
        if (outlierNeighbours < 1) {
            throw new IllegalArgumentException("Invalid outlierNeighbours: " + outlierNeighbours + " (must be >= 1)");
        }
        positive("outlierStdRatio", outlierStdRatio);
        positive("minVoxelSize", minVoxelSize);
        positive("voxelScaleDivisor", voxelScaleDivisor);
        positive("dbscanEpsDivisor", dbscanEpsDivisor);
        if (!(dbscanMinPointsFraction > 0 && dbscanMinPointsFraction <= 1)) {
            throw new IllegalArgumentException("Invalid dbscanMinPointsFraction: " + dbscanMinPointsFraction
                    + " (must be in (0, 1])");
        }
        if (minObjectPoints < 1) {
            throw new IllegalArgumentException("Invalid minObjectPoints: " + minObjectPoints + " (must be >= 1)");
        }
    }

    /** The paper's parameters. */
    public static CleanupOptions paperDefaults() {
        return new CleanupOptions(3.0, 50, 1.2, 0.01, 20.0, 3.6, 0.1, 20);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v + " (must be finite and > 0)");
        }
    }
}
