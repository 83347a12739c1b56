package io.github.spatialvlm4j.kernels.tornado.search;

import static io.github.spatialvlm4j.kernels.tornado.device.Launches.idx;

import io.github.spatialvlm4j.kernels.search.SearchBackend;
import io.github.spatialvlm4j.kernels.tornado.device.DeviceLaunches;

/**
 * The device launches of the uniform grid: cell keys per point, neighbour rows by binary search per
 * (row, cell): each overrides the JVM launch of {@link SearchBackend} with one task graph of {@link
 * SearchLoops} per kernel and shape, run through {@link DeviceLaunches#launch} (plans cached and
 * reused by the backend). Arguments are trusted (checked by the facade).
 */
public interface TornadoSearch extends SearchBackend, DeviceLaunches {

    @Override
    default void gridCellKeys(float[] xyz, int n, double minX, double minY, double minZ, double invCell, long nx,
            long ny, long[] keys) {
        if (n == 0) {
            return;
        }
        launch("gridCellKeys", "n" + n, new Object[] {xyz, new double[] {minX, minY, minZ, invCell},
            new long[] {nx, ny}, keys}, idx(3), idx(), (g, b) -> g.task("t", SearchLoops::gridCellKeys,
                (float[]) b[0], n, (double[]) b[1], (long[]) b[2], (long[]) b[3]));
    }

    @Override
    default void gridRowFirst(long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        if (m == 0) {
            return;
        }
        launch("gridRowFirst", "m" + m, new Object[] {cellKey, rowDelta, rowFirst}, idx(2), idx(),
                (g, b) -> g.task("t", SearchLoops::gridRowFirst, (long[]) b[0], m, (long[]) b[1], (int[]) b[2]));
    }
}
