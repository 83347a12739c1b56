package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.AxisAlignedBox;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.List;

/**
 * The closest-surface gap between every pair of objects, cheaply and, in the common case,
 * exactly.
 *
 * <p>For a pair A, B: first the gap {@code U} between stride samples of at most
 * {@link FactsOptions#gapSamplePoints()} points of each, an upper bound of the true gap {@code g}. The true
 * closest pair {@code (a*, b*)} has {@code |a* - b*| = g <= U}, so {@code a*} lies within
 * {@code U} of B's bounding box and {@code b*} within {@code U} of A's: the exact gap of those two
 * crops (by {@link Kernels#gap}) is the true gap. The crops are small when objects are close
 * (where the gap matters most, e.g. stacked objects); when a crop still has more than
 * {@link FactsOptions#gapMaxExactPoints()} points (far-apart objects), it is stride-sampled to that size, and the
 * result is at most the sampling spacing (millimetres to a centimetre) above the true gap.
 * Deterministic.
 */
final class ObjectGaps {
    private ObjectGaps() {
    }

    /**
     * The symmetric {@code k x k} row-major gap matrix, meters, 0 on the diagonal; the sample sizes are
     * {@code options}'.
     */
    static float[] matrix(Kernels kernels, List<PointCloud> clouds, FactsOptions options) {
        int k = clouds.size();
        float[] gaps = new float[k * k];
        PointCloud[] samples = new PointCloud[k];
        AxisAlignedBox[] bounds = new AxisAlignedBox[k];
        for (int i = 0; i < k; i++) {
            samples[i] = clouds.get(i).strideSample(options.gapSamplePoints());
            bounds[i] = clouds.get(i).bounds();
        }
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                float upper = kernels.gap(samples[i], samples[j]);
                PointCloud cropI = near(clouds.get(i), bounds[j], upper).strideSample(options.gapMaxExactPoints());
                PointCloud cropJ = near(clouds.get(j), bounds[i], upper).strideSample(options.gapMaxExactPoints());
                float g = cropI.isEmpty() || cropJ.isEmpty() ? upper : Math.min(upper, kernels.gap(cropI, cropJ));
                gaps[i * k + j] = g;
                gaps[j * k + i] = g;
            }
        }
        return gaps;
    }

    /** The points of {@code cloud} within {@code distance} of {@code box} (inclusive, with float slack). */
    private static PointCloud near(PointCloud cloud, AxisAlignedBox box, float distance) {
        float[] p = cloud.xyz();
        double limit = (double) distance * distance * (1 + 1e-6) + 1e-12;
        int n = cloud.size();
        int[] keep = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            double dx = outside(p[3 * i], box.min().x(), box.max().x());
            double dy = outside(p[3 * i + 1], box.min().y(), box.max().y());
            double dz = outside(p[3 * i + 2], box.min().z(), box.max().z());
            if (dx * dx + dy * dy + dz * dz <= limit) {
                keep[count++] = i;
            }
        }
        return cloud.subset(java.util.Arrays.copyOf(keep, count));
    }

    private static double outside(float v, float lo, float hi) {
        return v < lo ? lo - v : v > hi ? v - hi : 0;
    }
}
