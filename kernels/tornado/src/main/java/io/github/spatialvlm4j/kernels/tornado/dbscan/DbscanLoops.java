package io.github.spatialvlm4j.kernels.tornado.dbscan;

import io.github.spatialvlm4j.kernels.dbscan.DbscanBodies;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The {@code @Parallel} loops TornadoVM compiles for DBSCAN: one work item per grid cell; labels by
 * min-label propagation. Each calls the family's bodies per work item (TornadoVM inlines them), so
 * the device computes exactly what the JVM backend computes; scalars that change from call to call
 * travel in small parameter arrays (see the package documentation of {@code
 * io.github.spatialvlm4j.kernels.tornado}). Every method also runs as plain sequential Java, giving
 * the same result. Launched by {@link TornadoDbscan}.
 */
public final class DbscanLoops {
    private DbscanLoops() {
    }

    /** Per cell: core flags of its points; fp = {eps2} (square meters), ip = {minPoints}. */
    public static void dbscanCore(float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, float[] fp, int[] ip, int[] core) {
        for (@Parallel int c = 0; c < m; c++) {
            DbscanBodies.dbscanCoreCell(c, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, fp[0], ip[0], core);
        }
    }

    /** Per cell: link bits to the neighbour cells sharing a core pair; ip = {upperOnly, phase, useLabel}. */
    public static void dbscanCellLinks(float[] x, float[] y, float[] z, int[] core, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float[] fp, int[] ip, int[] label, int[] links) {
        for (@Parallel int c = 0; c < m; c++) {
            DbscanBodies.dbscanCellLinks(c, x, y, z, core, cellStart, cellKey, m, rowDelta, rowFirst, fp[0], ip[0],
                    ip[1], label, ip[2], links);
        }
    }

    /** Per cell: one min-label propagation step over its links; {@code changed[0]} set to 1 on any change. */
    public static void dbscanPropagate(long[] cellKey, int m, long[] rowDelta, int[] rowFirst, int[] links,
            int[] labelIn, int[] labelOut, int[] changed) {
        for (@Parallel int c = 0; c < m; c++) {
            DbscanBodies.dbscanPropagateCell(c, cellKey, m, rowDelta, rowFirst, links, labelIn, labelOut, changed);
        }
    }

    /** Per cell: for each of its points, itself if core, else its lowest-input-index core neighbour. */
    public static void dbscanBorder(float[] x, float[] y, float[] z, int[] core, int[] order, int n,
            int[] cellStart, long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float[] fp, int[] borderCore) {
        for (@Parallel int c = 0; c < m; c++) {
            DbscanBodies.dbscanBorderCell(c, x, y, z, core, order, n, cellStart, cellKey, m, rowDelta, rowFirst,
                    fp[0], borderCore);
        }
    }
}
