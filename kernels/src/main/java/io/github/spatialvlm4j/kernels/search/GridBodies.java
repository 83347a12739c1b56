package io.github.spatialvlm4j.kernels.search;

/**
 * The uniform-grid bodies shared by DBSCAN and the grid k-nearest-neighbour search: cell keys,
 * neighbour rows and the float distance test.
 *
 * <p>Kernel bodies in the TornadoVM-compatible subset of {@code io.github.spatialvlm4j.kernels}'s
 * package documentation: public static, primitives and primitive arrays only, no allocation, no
 * exceptions, one element per call writing disjoint output slots. Arguments are trusted: the
 * facade checks everything before launch. Layouts: {@code xyz[3i..3i+2]} is point i (meters);
 * {@code x[i], y[i], z[i]} the same coordinates as structure of arrays; images are row-major
 * {@code data[v * width + u]}.
 */
public final class GridBodies {
    private GridBodies() {
    }

    /** Number of neighbour rows of a DBSCAN grid cell: offsets -2..2 in y times -2..2 in z. */
    public static final int GRID_ROWS = 25;
    /** The first 9 neighbour rows are the inner ones (y and z offsets -1..1). */
    public static final int GRID_INNER_ROWS = 9;
    /** Cells per neighbour row (x offsets -2..2). */
    public static final int GRID_ROW_CELLS = 5;

    /**
     * Element = point {@code i}: its grid cell key {@code (iz * ny + iy) * nx + ix} where
     * {@code ix = floor((x - minX) * invCell) + 2} (two empty margin cells on every side, so
     * neighbour offsets -2..2 never wrap), likewise y and z.
     */
    public static void gridCellKey(int i, float[] xyz, double minX, double minY, double minZ, double invCell,
            long nx, long ny, long[] keys) {
        long ix = (long) Math.floor((xyz[3 * i] - minX) * invCell) + 2;
        long iy = (long) Math.floor((xyz[3 * i + 1] - minY) * invCell) + 2;
        long iz = (long) Math.floor((xyz[3 * i + 2] - minZ) * invCell) + 2;
        keys[i] = (iz * ny + iy) * nx + ix;
    }

    /**
     * Element = neighbour row {@code r} (0..24): for every cell {@code c} (keys ascending), the
     * first cell whose key is &gt;= {@code cellKey[c] + rowDelta[r] - 2}, written to
     * {@code rowFirst[r * m + c]} (a merge walk, O(m)).
     */
    public static void gridRowFirst(int r, long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        int p = 0;
        long delta = rowDelta[r] - 2;
        for (int c = 0; c < m; c++) {
            long target = cellKey[c] + delta;
            while (p < m && cellKey[p] < target) {
                p++;
            }
            rowFirst[r * m + c] = p;
        }
    }

    /**
     * One past the last cell of neighbour row {@code r} of cell {@code c}: cells
     * {@code [rowFirst[r*m+c], gridRowEnd(...))} have keys within {@code cellKey[c] + rowDelta[r] +- 2}.
     */
    public static int gridRowEnd(int c, int r, long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        long last = cellKey[c] + rowDelta[r] + 2;
        int e = rowFirst[r * m + c];
        while (e < m && cellKey[e] <= last) {
            e++;
        }
        return e;
    }

    /** Squared distance between sorted points p and q (float arithmetic, the one neighbour test of DBSCAN). */
    public static float distanceSquared(float[] x, float[] y, float[] z, int p, int q) {
        float dx = x[p] - x[q];
        float dy = y[p] - y[q];
        float dz = z[p] - z[q];
        return dx * dx + dy * dy + dz * dz;
    }

    /**
     * The first cell of neighbour row r of cell c at x offset {@code dx} (-2..3) or beyond: a
     * short walk from {@code rowFirst[r * m + c]} (the first at offset -2 or beyond).
     */
    public static int gridRowCell(int c, int r, int dx, long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        long first = cellKey[c] + rowDelta[r] + dx;
        int d = rowFirst[r * m + c];
        while (d < m && cellKey[d] < first) {
            d++;
        }
        return d;
    }
}
