package io.github.spatialvlm4j.kernels.tornado.dbscan;

import static io.github.spatialvlm4j.kernels.tornado.device.Launches.idx;

import io.github.spatialvlm4j.kernels.dbscan.DbscanBackend;
import io.github.spatialvlm4j.kernels.tornado.device.DeviceLaunches;

/**
 * The device launches of DBSCAN: one work item per grid cell; labels by min-label propagation: each
 * overrides the JVM launch of {@link DbscanBackend} with one task graph of {@link DbscanLoops} per
 * kernel and shape, run through {@link DeviceLaunches#launch} (plans cached and reused by the
 * backend). Arguments are trusted (checked by the facade).
 */
public interface TornadoDbscan extends DbscanBackend, DeviceLaunches {

    /** True: the device has no union-find; DBSCAN labels propagate by min-label steps. */
    @Override
    default boolean prefersLabelPropagation() {
        return true;
    }

    @Override
    default void dbscanCore(float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m, long[] rowDelta,
            int[] rowFirst, float eps2, int minPoints, int[] core) {
        if (m == 0) {
            return;
        }
        Object[] args = {x, y, z, cellStart, cellKey, rowDelta, rowFirst, new float[] {eps2}, new int[] {minPoints},
            core};
        launch("dbscanCore", "m" + m, args, idx(9), idx(), (g, b) -> g.task("t", DbscanLoops::dbscanCore,
                (float[]) b[0], (float[]) b[1], (float[]) b[2], (int[]) b[3], (long[]) b[4], m, (long[]) b[5],
                (int[]) b[6], (float[]) b[7], (int[]) b[8], (int[]) b[9]));
    }

    @Override
    default void dbscanCellLinks(float[] x, float[] y, float[] z, int[] core, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, float eps2, int upperOnly, int phase, int[] label, int useLabel,
            int[] links) {
        if (m == 0) {
            return;
        }
        Object[] args = {x, y, z, core, cellStart, cellKey, rowDelta, rowFirst, new float[] {eps2},
            new int[] {upperOnly, phase, useLabel}, label, links};
        launch("dbscanCellLinks", "m" + m, args, idx(11), idx(), (g, b) -> g.task("t",
                DbscanLoops::dbscanCellLinks, (float[]) b[0], (float[]) b[1], (float[]) b[2], (int[]) b[3],
                (int[]) b[4], (long[]) b[5], m, (long[]) b[6], (int[]) b[7], (float[]) b[8], (int[]) b[9],
                (int[]) b[10], (int[]) b[11]));
    }

    @Override
    default void dbscanPropagate(long[] cellKey, int m, long[] rowDelta, int[] rowFirst, int[] links, int[] labelIn,
            int[] labelOut, int[] changed) {
        if (m == 0) {
            return;
        }
        Object[] args = {cellKey, rowDelta, rowFirst, links, labelIn, labelOut, changed};
        launch("dbscanPropagate", "m" + m, args, idx(5, 6), idx(), (g, b) -> g.task("t",
                DbscanLoops::dbscanPropagate, (long[]) b[0], m, (long[]) b[1], (int[]) b[2], (int[]) b[3],
                (int[]) b[4], (int[]) b[5], (int[]) b[6]));
    }

    @Override
    default void dbscanBorder(float[] x, float[] y, float[] z, int[] core, int[] order, int n, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float eps2, int[] borderCore) {
        if (m == 0) {
            return;
        }
        Object[] args = {x, y, z, core, order, cellStart, cellKey, rowDelta, rowFirst, new float[] {eps2},
            borderCore};
        launch("dbscanBorder", "n" + n + "m" + m, args, idx(10), idx(), (g, b) -> g.task("t",
                DbscanLoops::dbscanBorder, (float[]) b[0], (float[]) b[1], (float[]) b[2], (int[]) b[3],
                (int[]) b[4], n, (int[]) b[5], (long[]) b[6], m, (long[]) b[7], (int[]) b[8], (float[]) b[9],
                (int[]) b[10]));
    }
}
