package io.github.spatialvlm4j.kernels.tornado.outliers;

import static io.github.spatialvlm4j.kernels.tornado.device.Launches.KD_SLOTS;
import static io.github.spatialvlm4j.kernels.tornado.device.Launches.idx;
import static io.github.spatialvlm4j.kernels.tornado.device.Launches.kdScratch;

import io.github.spatialvlm4j.kernels.outliers.OutlierBackend;
import io.github.spatialvlm4j.kernels.outliers.OutlierBodies;
import io.github.spatialvlm4j.kernels.tornado.device.DeviceLaunches;

/**
 * The device launches of statistical outliers: k-nearest-neighbour means as grid-stride loops over
 * fixed slots: each overrides the JVM launch of {@link OutlierBackend} with one task graph of
 * {@link OutlierLoops} per kernel and shape, run through {@link DeviceLaunches#launch} (plans
 * cached and reused by the backend). Arguments are trusted (checked by the facade).
 */
public interface TornadoOutliers extends OutlierBackend, DeviceLaunches {

    /**
     * Positions and outputs should have n entries whatever the count: the shape is keyed on n, the
     * count is data.
     */
    @Override
    default void kdMeanKnnDistance(int k, int[] positions, int count, float[] tx, float[] ty, float[] tz, int[] split,
            int n, int leafSize, float[] meanDistance) {
        if (count == 0) {
            return;
        }
        int slots = Math.min(n, KD_SLOTS);
        Object[] s = kdScratch(slots, k);
        Object[] args = {positions, new int[] {count, n, leafSize, k}, tx, ty, tz, split, s[0], s[1], s[2], s[3],
            meanDistance};
        launch("kdMeanKnnDistance", "k" + k + "n" + n + "l" + leafSize, args, idx(10), idx(6, 7, 8, 9),
                (g, b) -> g.task("t", OutlierLoops::kdMeanKnnDistance, k, (int[]) b[0], (int[]) b[1],
                        (float[]) b[2], (float[]) b[3], (float[]) b[4], (int[]) b[5], slots, (float[]) b[6],
                        (int[]) b[7], (int[]) b[8], (float[]) b[9], (float[]) b[10]));
    }

    @Override
    default void gridMeanKnnDistance(int k, float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, double minX, double minY, double minZ, double invCell,
            float[] meanDistance, int[] resolved) {
        if (m == 0) {
            return;
        }
        int slots = Math.min(m, KD_SLOTS);
        float[] scratch = new float[slots * OutlierBodies.gridKnnScratch(k)];
        Object[] args = {x, y, z, cellStart, cellKey, rowDelta, rowFirst, new double[] {minX, minY, minZ, invCell},
            scratch, meanDistance, resolved};
        launch("gridMeanKnnDistance", "k" + k + "m" + m, args, idx(9, 10), idx(8), (g, b) -> g.task("t",
                OutlierLoops::gridMeanKnnDistance, k, (float[]) b[0], (float[]) b[1], (float[]) b[2], (int[]) b[3],
                (long[]) b[4], m, (long[]) b[5], (int[]) b[6], (double[]) b[7], slots, (float[]) b[8],
                (float[]) b[9], (int[]) b[10]));
    }
}
