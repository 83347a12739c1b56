package io.github.spatialvlm4j.kernels.search;

/**
 * A sparse uniform grid over a point cloud, built on the host with backend launches: points
 * sorted by cell key (LSD radix sort, stable, so points of a cell stay in ascending index
 * order), the occupied cells with ascending keys, and for every cell and each of its 25
 * neighbour rows (y and z offsets -2..2, listed nearest first: the first
 * {@link GridBodies#GRID_INNER_ROWS} are the inner 3x3) the first occupied cell of that row within x offsets
 * -2..2 (see {@link GridBodies#gridRowFirst}). Cells are keyed {@code (iz * ny + iy) * nx + ix},
 * so the cells of one row with consecutive x are consecutive in key order and their points are
 * one contiguous range. Memory O(n + 25 m) for m occupied cells.
 */
public final class CellGrid {
    /** Most cells along one axis (keys must fit in a long). */
    public static final long MAX_CELLS_PER_AXIS = 1L << 20;

    public final int n;
    public final int m;
    /** Grid position to input point index. */
    public final int[] order;
    public final float[] x;
    public final float[] y;
    public final float[] z;
    public final long[] cellKey;
    public final int[] cellStart;
    public final long[] rowDelta;
    public final int[] rowFirst;

    private CellGrid(int n, int m, int[] order, float[] x, float[] y, float[] z, long[] cellKey, int[] cellStart,
            long[] rowDelta, int[] rowFirst) {
        this.n = n;
        this.m = m;
        this.order = order;
        this.x = x;
        this.y = y;
        this.z = z;
        this.cellKey = cellKey;
        this.cellStart = cellStart;
        this.rowDelta = rowDelta;
        this.rowFirst = rowFirst;
    }

    /**
     * Cells along one axis for an extent (meters) and the inverse cell side (1/meters): the
     * occupied ones, two margin cells either side, and one more in case rounding puts the
     * farthest point one cell further than this estimate.
     */
    public static long cellsAlong(double extent, double invCell) {
        return (long) Math.floor(extent * invCell) + 6;
    }

    /**
     * Builds the grid of {@code xyz} (3n floats, finite, n &gt;= 1) with cells of side
     * {@code cellSide} meters. The caller checks {@link #cellsAlong} against {@link #MAX_CELLS_PER_AXIS}.
     */
    public static CellGrid build(SearchBackend backend, float[] xyz, double cellSide, float[] bounds) {
        int n = xyz.length / 3;
        double invCell = 1.0 / cellSide;
        long nx = cellsAlong((double) bounds[3] - bounds[0], invCell);
        long ny = cellsAlong((double) bounds[4] - bounds[1], invCell);
        long[] keys = new long[n];
        backend.gridCellKeys(xyz, n, bounds[0], bounds[1], bounds[2], invCell, nx, ny, keys);
        int[] order = new int[n];
        long maxKey = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            maxKey = Math.max(maxKey, keys[i]);
        }
        radixSort(keys, order, 64 - Long.numberOfLeadingZeros(maxKey));
        int m = 1;
        for (int p = 1; p < n; p++) {
            if (keys[p] != keys[p - 1]) {
                m++;
            }
        }
        long[] cellKey = new long[m];
        int[] cellStart = new int[m + 1];
        int c = 0;
        cellKey[0] = keys[0];
        for (int p = 1; p < n; p++) {
            if (keys[p] != keys[p - 1]) {
                c++;
                cellKey[c] = keys[p];
                cellStart[c] = p;
            }
        }
        cellStart[m] = n;
        float[] x = new float[n];
        float[] y = new float[n];
        float[] z = new float[n];
        for (int p = 0; p < n; p++) {
            int i = 3 * order[p];
            x[p] = xyz[i];
            y[p] = xyz[i + 1];
            z[p] = xyz[i + 2];
        }
        // Rows nearest first (the inner 3x3 first): searches that stop early stop sooner.
        long[] rowDelta = new long[GridBodies.GRID_ROWS];
        int r = 0;
        for (int ring = 0; ring <= 2; ring++) {
            for (int dz = -ring; dz <= ring; dz++) {
                for (int dy = -ring; dy <= ring; dy++) {
                    if (Math.max(Math.abs(dy), Math.abs(dz)) == ring) {
                        rowDelta[r++] = dy * nx + dz * nx * ny;
                    }
                }
            }
        }
        int[] rowFirst = new int[GridBodies.GRID_ROWS * m];
        backend.gridRowFirst(cellKey, m, rowDelta, rowFirst);
        return new CellGrid(n, m, order, x, y, z, cellKey, cellStart, rowDelta, rowFirst);
    }

    /** Stable LSD radix sort of {@code keys} (non-negative, below 2^bits) carrying {@code values}. */
    private static void radixSort(long[] keys, int[] values, int bits) {
        int n = keys.length;
        if (n < 2 || bits == 0) {
            return;
        }
        int passes = (bits + 15) / 16;
        int digitBits = (bits + passes - 1) / passes;
        int radix = 1 << digitBits;
        long mask = radix - 1;
        long[] k2 = new long[n];
        int[] v2 = new int[n];
        int[] count = new int[radix + 1];
        long[] srcK = keys;
        int[] srcV = values;
        long[] dstK = k2;
        int[] dstV = v2;
        for (int pass = 0; pass < passes; pass++) {
            int shift = pass * digitBits;
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((srcK[i] >>> shift) & mask) + 1]++;
            }
            for (int d = 0; d < radix; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < n; i++) {
                int pos = count[(int) ((srcK[i] >>> shift) & mask)]++;
                dstK[pos] = srcK[i];
                dstV[pos] = srcV[i];
            }
            long[] tk = srcK;
            srcK = dstK;
            dstK = tk;
            int[] tv = srcV;
            srcV = dstV;
            dstV = tv;
        }
        if (srcK != keys) {
            System.arraycopy(srcK, 0, keys, 0, n);
            System.arraycopy(srcV, 0, values, 0, n);
        }
    }
}
