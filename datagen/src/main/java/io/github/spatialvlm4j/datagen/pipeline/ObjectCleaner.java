package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.VoxelGrid;
import io.github.spatialvlm4j.kernels.DbscanResult;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.Objects;

/**
 * SPEC stage 4: per-object denoising at a scale adapted to the object (see
 * {@link CleanupOptions}). Order as in the paper: statistical outlier removal on the raw points,
 * voxel down-sampling, DBSCAN, keep the largest cluster. The hot steps run through the
 * {@link Kernels} facade. Thread-safe when the kernels are.
 */
public final class ObjectCleaner {

    /** What became of one object. */
    public enum Status {
        /** Cleaned; the cloud holds the kept points. */
        KEPT,
        /** Fewer raw points than {@link CleanupOptions#minObjectPoints()}. */
        TOO_FEW_POINTS,
        /** DBSCAN found no cluster, or the largest one was below the minimum. */
        NO_CLUSTER
    }

    /**
     * @param status what became of the object
     * @param cloud the cleaned, down-sampled points (camera frame, meters); empty unless KEPT
     * @param scale the object's scale, meters ({@code |std| * multiplier + 1e-6})
     * @param voxelSize the voxel used, meters
     */
    public record Result(Status status, PointCloud cloud, double scale, double voxelSize) {
        public boolean kept() {
            return status == Status.KEPT;
        }
    }

    private final Kernels kernels;
    private final CleanupOptions options;

    public ObjectCleaner(Kernels kernels, CleanupOptions options) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Cleans one object's raw points (camera frame, meters). */
    public Result clean(PointCloud raw) {
        int n = raw.size();
        if (n < options.minObjectPoints()) {
            return new Result(Status.TOO_FEW_POINTS, PointCloud.empty(), 0, 0);
        }
        double scale = scale(raw, options.scaleStdMultiplier());
        int k = Math.min(options.outlierNeighbours(), n - 1);
        PointCloud inliers = raw.subset(kernels.statisticalOutlierInliers(raw, k, (float) options.outlierStdRatio()));
        double voxel = Math.max(options.minVoxelSize(), scale / options.voxelScaleDivisor());
        PointCloud down = VoxelGrid.downsample(inliers, (float) voxel);
        int minPoints = Math.max(1, (int) (down.size() * options.dbscanMinPointsFraction()));
        DbscanResult clusters = kernels.dbscan(down, (float) (scale / options.dbscanEpsDivisor()), minPoints);
        if (clusters.clusterCount() == 0) {
            return new Result(Status.NO_CLUSTER, PointCloud.empty(), scale, voxel);
        }
        PointCloud kept = down.subset(clusters.largestClusterIndices());
        if (kept.size() < Math.min(options.minObjectPoints(), down.size())) {
            return new Result(Status.NO_CLUSTER, PointCloud.empty(), scale, voxel);
        }
        return new Result(Status.KEPT, kept, scale, voxel);
    }

    /** {@code |(std_x, std_y, std_z)| * multiplier + 1e-6}, meters (population std, accumulated in double). */
    static double scale(PointCloud cloud, double multiplier) {
        float[] p = cloud.xyz();
        int n = cloud.size();
        double[] mean = new double[3];
        for (int i = 0; i < p.length; i++) {
            mean[i % 3] += p[i];
        }
        for (int a = 0; a < 3; a++) {
            mean[a] /= n;
        }
        double var = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - mean[i % 3];
            var += d * d;
        }
        return Math.sqrt(var / n) * multiplier + 1e-6;
    }
}
