package io.github.spatialvlm4j.kernels.tornado.outliers;

import io.github.spatialvlm4j.kernels.outliers.OutlierBodies;
import io.github.spatialvlm4j.kernels.search.KdTreeBodies;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The {@code @Parallel} loops TornadoVM compiles for statistical outliers: k-nearest-neighbour
 * means as grid-stride loops over fixed slots. Each calls the family's bodies per work item
 * (TornadoVM inlines them), so the device computes exactly what the JVM backend computes; scalars
 * that change from call to call travel in small parameter arrays (see the package documentation of
 * {@code io.github.spatialvlm4j.kernels.tornado}). Every method also runs as plain sequential Java,
 * giving the same result. Launched by {@link TornadoOutliers}.
 */
public final class OutlierLoops {
    private OutlierLoops() {
    }

    /**
     * Per slot s of {@code slots}: the tree points {@code positions[j]}, j = s, s + slots, ... below
     * ip[0], get their mean distance to their k nearest others in {@code meanDistance[j]}; slot s
     * uses {@code best[s*k ..]}, {@code bestIndex[s*k ..]} and stack entries
     * {@code [s*KD_STACK, (s+1)*KD_STACK)}. ip = {count, n, leafSize, k}: as data, so that the
     * count is not part of the shape and no condition of the inlined search folds into a constant
     * (k = 1, a tree of at most leafSize points: "logic node LogicConstantNode", see
     * {@link #kdNearestDistance}); {@code k} sizes the slots.
     */
    public static void kdMeanKnnDistance(int k, int[] positions, int[] ip, float[] tx, float[] ty, float[] tz,
            int[] split, int slots, float[] best, int[] bestIndex, int[] stackRange, float[] stackBox,
            float[] meanDistance) {
        for (@Parallel int s = 0; s < slots; s++) {
            for (int j = s; j < ip[0]; j += slots) {
                OutlierBodies.kdMeanKnnDistance(j, positions, ip[3], tx, ty, tz, split, ip[1], ip[2], best, bestIndex,
                        s * k, stackRange, stackBox, s * KdTreeBodies.KD_STACK, meanDistance);
            }
        }
    }

    /**
     * Per slot s of {@code slots}, grid-stride over the cells: {@link OutlierBodies#gridMeanKnnCell}
     * with the scratch slice {@code [s * gridKnnScratch(k), (s + 1) * gridKnnScratch(k))};
     * dp = {minX, minY, minZ, invCell} (meters, 1/meters).
     */
    public static void gridMeanKnnDistance(int k, float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey,
            int m, long[] rowDelta, int[] rowFirst, double[] dp, int slots, float[] scratch, float[] meanDistance,
            int[] resolved) {
        for (@Parallel int s = 0; s < slots; s++) {
            for (int c = s; c < m; c += slots) {
                OutlierBodies.gridMeanKnnCell(c, k, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, dp[0], dp[1],
                        dp[2], dp[3], scratch, s * OutlierBodies.gridKnnScratch(k), meanDistance, resolved);
            }
        }
    }
}
