package io.github.spatialvlm4j.kernels.outliers;

import io.github.spatialvlm4j.kernels.search.KdTreeBodies;
import io.github.spatialvlm4j.kernels.search.SearchBackend;

/**
 * Launches of the k-nearest-neighbour bodies of statistical outlier removal ({@link OutlierBodies}).
 * The default methods are the JVM launches; a device backend overrides them. Arguments are
 * trusted (checked by the facade).
 */
public interface OutlierBackend extends SearchBackend {

    /**
     * {@link OutlierBodies#kdMeanKnnDistance} for every {@code j < count}: the tree points
     * {@code positions[j]}.
     */
    default void kdMeanKnnDistance(int k, int[] positions, int count, float[] tx, float[] ty, float[] tz, int[] split,
            int n, int leafSize, float[] meanDistance) {
        parallelFor(count, 512, (from, to) -> {
            float[] best = new float[k];
            int[] bestIndex = new int[k];
            int[] stackRange = new int[2 * KdTreeBodies.KD_STACK];
            float[] stackBox = new float[3 * KdTreeBodies.KD_STACK];
            for (int j = from; j < to; j++) {
                OutlierBodies.kdMeanKnnDistance(j, positions, k, tx, ty, tz, split, n, leafSize, best, bestIndex, 0,
                        stackRange, stackBox, 0, meanDistance);
            }
        });
    }

    /** {@link OutlierBodies#gridMeanKnnCell} for every cell {@code c < m}. */
    default void gridMeanKnnDistance(int k, float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, double minX, double minY, double minZ, double invCell,
            float[] meanDistance, int[] resolved) {
        parallelFor(m, 64, (from, to) -> {
            float[] scratch = new float[OutlierBodies.gridKnnScratch(k)];
            for (int c = from; c < to; c++) {
                OutlierBodies.gridMeanKnnCell(c, k, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, minX, minY,
                        minZ, invCell, scratch, 0, meanDistance, resolved);
            }
        });
    }
}
