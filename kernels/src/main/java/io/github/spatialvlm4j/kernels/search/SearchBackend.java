package io.github.spatialvlm4j.kernels.search;

import io.github.spatialvlm4j.kernels.parallel.ParallelLoops;

/**
 * Launches of the uniform-grid bodies ({@link GridBodies}) that {@link CellGrid#build} needs. The
 * default methods are the JVM launches on {@link ParallelLoops}; a device backend overrides them.
 * Arguments are trusted (checked by the facade).
 */
public interface SearchBackend extends ParallelLoops {

    /** {@link GridBodies#gridCellKey} for every point {@code i < n}. */
    default void gridCellKeys(float[] xyz, int n, double minX, double minY, double minZ, double invCell, long nx,
            long ny, long[] keys) {
        parallelFor(n, 16384, (from, to) -> {
            for (int i = from; i < to; i++) {
                GridBodies.gridCellKey(i, xyz, minX, minY, minZ, invCell, nx, ny, keys);
            }
        });
    }

    /** {@link GridBodies#gridRowFirst} for every row {@code r < 25}. */
    default void gridRowFirst(long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        parallelFor(GridBodies.GRID_ROWS, m < 4096 ? GridBodies.GRID_ROWS : 1, (from, to) -> {
            for (int r = from; r < to; r++) {
                GridBodies.gridRowFirst(r, cellKey, m, rowDelta, rowFirst);
            }
        });
    }
}
