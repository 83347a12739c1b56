package io.github.spatialvlm4j.kernels.dbscan;

import io.github.spatialvlm4j.kernels.search.SearchBackend;

/**
 * Launches of the DBSCAN bodies ({@link DbscanBodies}), one grid cell per element. The default
 * methods are the JVM launches; a device backend overrides them. Arguments are trusted (checked
 * by the facade).
 */
public interface DbscanBackend extends SearchBackend {

    /**
     * True when DBSCAN labels must come from atomic-free min-label propagation
     * ({@link #dbscanPropagate}) rather than union-find on the host, as on a GPU. False by default.
     */
    default boolean prefersLabelPropagation() {
        return false;
    }

    /** {@link DbscanBodies#dbscanCoreCell} for every cell {@code c < m}. */
    default void dbscanCore(float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m, long[] rowDelta,
            int[] rowFirst, float eps2, int minPoints, int[] core) {
        parallelFor(m, 64, (from, to) -> {
            for (int c = from; c < to; c++) {
                DbscanBodies.dbscanCoreCell(c, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, eps2, minPoints,
                        core);
            }
        });
    }

    /** {@link DbscanBodies#dbscanCellLinks} for every cell {@code c < m}. */
    default void dbscanCellLinks(float[] x, float[] y, float[] z, int[] core, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, float eps2, int upperOnly, int phase, int[] label, int useLabel,
            int[] links) {
        parallelFor(m, 64, (from, to) -> {
            for (int c = from; c < to; c++) {
                DbscanBodies.dbscanCellLinks(c, x, y, z, core, cellStart, cellKey, m, rowDelta, rowFirst, eps2,
                        upperOnly, phase, label, useLabel, links);
            }
        });
    }

    /** {@link DbscanBodies#dbscanPropagateCell} for every cell {@code c < m}. */
    default void dbscanPropagate(long[] cellKey, int m, long[] rowDelta, int[] rowFirst, int[] links, int[] labelIn,
            int[] labelOut, int[] changed) {
        parallelFor(m, 256, (from, to) -> {
            for (int c = from; c < to; c++) {
                DbscanBodies.dbscanPropagateCell(c, cellKey, m, rowDelta, rowFirst, links, labelIn, labelOut, changed);
            }
        });
    }

    /** {@link DbscanBodies#dbscanBorderCell} for every cell {@code c < m}. */
    default void dbscanBorder(float[] x, float[] y, float[] z, int[] core, int[] order, int n, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float eps2, int[] borderCore) {
        parallelFor(m, 64, (from, to) -> {
            for (int c = from; c < to; c++) {
                DbscanBodies.dbscanBorderCell(c, x, y, z, core, order, n, cellStart, cellKey, m, rowDelta, rowFirst,
                        eps2, borderCore);
            }
        });
    }
}
