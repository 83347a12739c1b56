package io.github.spatialvlm4j.geometry.search;

import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;

/**
 * A dense uniform grid of cubic cells over points {@code xyz[3i..3i+2]} (meters, any frame) for
 * fixed-radius neighbour queries. Immutable after construction and safe to query from many
 * threads.
 *
 * <p>Cell {@code (cx, cy, cz)} covers {@code [min + c*s, min + (c+1)*s)} on each axis, where
 * {@code min} is the bounding-box corner of the points and {@code s} the cell size; cells are
 * numbered {@code (cx * ny + cy) * nz + cz}. Points are bucketed by a stable counting sort on that
 * number, so the coordinates are stored cell by cell (copied: later changes to the caller's array
 * do not affect the grid).
 *
 * <p>Complexity: build O(n + cells) time and memory; a radius-r query visits
 * {@code (2 ceil(r/s) + 1)^3} cells at most and sorts its m results, O(cells visited + points in
 * them + m log m). Distances are compared in float as {@code dx*dx + dy*dy + dz*dz}, so results
 * equal a linear scan's.
 *
 * <p>When not to use: when the cloud is sparse over a large extent compared with the cell size
 * (memory grows with the bounding box volume, and more than {@value #MAX_CELLS} cells are
 * refused), when query radii vary widely or are much larger than the cell size (choose
 * {@code s} close to the radius), and for k-nearest queries: use {@link KdTree}.
 */
public final class UniformGrid {
    /** Largest number of cells a grid may have (the cell table takes 4 bytes per cell). */
    public static final long MAX_CELLS = 1L << 25;

    private final int n;
    private final float cellSize;
    private final double minX;
    private final double minY;
    private final double minZ;
    private final int nx;
    private final int ny;
    private final int nz;
    /** Points of cell c are at storage positions {@code [cellStart[c], cellStart[c+1])}. */
    private final int[] cellStart;
    private final float[] pts;
    private final int[] index;

    /**
     * Builds a grid over {@code xyz} (length 3n, finite, meters). The array is copied.
     *
     * @param cellSize cell side, meters, finite and {@code > 0}; about the query radius is best
     * @throws ShapeMismatchException when the length is not a multiple of 3
     * @throws IllegalArgumentException naming the first non-finite point, an invalid cell size, or
     *     a grid that would need more than {@link #MAX_CELLS} cells
     */
    public UniformGrid(float[] xyz, float cellSize) {
        if (xyz == null) {
            throw new IllegalArgumentException("xyz array is null");
        }
        if (xyz.length % 3 != 0) {
            throw new ShapeMismatchException("xyz array length " + xyz.length + " is not a multiple of 3");
        }
        if (!(cellSize > 0) || !Float.isFinite(cellSize)) {
            throw new IllegalArgumentException("Invalid cell size: " + cellSize + " (meters, must be finite and > 0)");
        }
        PointCloud.requireFinite(xyz);
        this.n = xyz.length / 3;
        this.cellSize = cellSize;
        double[] min = {0, 0, 0};
        double[] max = {0, 0, 0};
        if (n > 0) {
            for (int a = 0; a < 3; a++) {
                min[a] = Double.POSITIVE_INFINITY;
                max[a] = Double.NEGATIVE_INFINITY;
            }
            for (int i = 0; i < xyz.length; i++) {
                min[i % 3] = Math.min(min[i % 3], xyz[i]);
                max[i % 3] = Math.max(max[i % 3], xyz[i]);
            }
        }
        minX = min[0];
        minY = min[1];
        minZ = min[2];
        double[] counts = new double[3];
        for (int a = 0; a < 3; a++) {
            counts[a] = Math.floor((max[a] - min[a]) / cellSize) + 1;
        }
        double cells = counts[0] * counts[1] * counts[2];
        if (!(cells <= MAX_CELLS)) {
            throw new IllegalArgumentException("Grid too large: " + (long) counts[0] + " x " + (long) counts[1]
                    + " x " + (long) counts[2] + " cells of size " + cellSize + " m (at most " + MAX_CELLS
                    + " cells; use a larger cell size or a KdTree)");
        }
        nx = (int) counts[0];
        ny = (int) counts[1];
        nz = (int) counts[2];
        int cellCount = nx * ny * nz;
        int[] cellOf = new int[n];
        cellStart = new int[cellCount + 1];
        for (int i = 0; i < n; i++) {
            int c = (cell(xyz[3 * i], minX, nx) * ny + cell(xyz[3 * i + 1], minY, ny)) * nz
                    + cell(xyz[3 * i + 2], minZ, nz);
            cellOf[i] = c;
            cellStart[c + 1]++;
        }
        for (int c = 0; c < cellCount; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] next = new int[cellCount];
        System.arraycopy(cellStart, 0, next, 0, cellCount);
        pts = new float[3 * n];
        index = new int[n];
        for (int i = 0; i < n; i++) {
            int j = next[cellOf[i]]++;
            index[j] = i;
            pts[3 * j] = xyz[3 * i];
            pts[3 * j + 1] = xyz[3 * i + 1];
            pts[3 * j + 2] = xyz[3 * i + 2];
        }
    }

    /** A grid over the points of {@code cloud}; indices refer to the cloud's points. */
    public static UniformGrid of(PointCloud cloud, float cellSize) {
        return new UniformGrid(cloud.xyz(), cellSize);
    }

    /** Number of points. */
    public int size() {
        return n;
    }

    /** Cell side, meters. */
    public float cellSize() {
        return cellSize;
    }

    /** Number of cells (nx * ny * nz). */
    public int cellCount() {
        return nx * ny * nz;
    }

    /** The cell coordinate of {@code v} on an axis starting at {@code min} with {@code count} cells, clamped. */
    private int cell(double v, double min, int count) {
        double c = Math.floor((v - min) / cellSize);
        return c < 0 ? 0 : c >= count ? count - 1 : (int) c;
    }

    /**
     * Indices of all points within distance {@code r} (inclusive) of {@code (x, y, z)}, in
     * ascending index order.
     *
     * @param r radius, meters, finite and {@code >= 0}
     * @param out cleared and filled; may be null (then allocated); reuse it across queries
     * @return {@code out}
     */
    public IntList radius(float x, float y, float z, float r, IntList out) {
        KdTree.requireQuery(x, y, z);
        KdTree.requireRadius(r);
        IntList result = out == null ? new IntList() : out;
        result.clear();
        if (n == 0) {
            return result;
        }
        float r2 = r * r;
        // A point passing the float test may lie a few ulps beyond r: widen the cell range a little.
        double reach = r * (1.0 + 1e-5);
        int x0 = cell(x - reach, minX, nx);
        int x1 = cell(x + reach, minX, nx);
        int y0 = cell(y - reach, minY, ny);
        int y1 = cell(y + reach, minY, ny);
        int z0 = cell(z - reach, minZ, nz);
        int z1 = cell(z + reach, minZ, nz);
        for (int cx = x0; cx <= x1; cx++) {
            for (int cy = y0; cy <= y1; cy++) {
                int row = (cx * ny + cy) * nz;
                // Cells z0..z1 of one (cx, cy) column are contiguous in storage.
                for (int j = cellStart[row + z0], end = cellStart[row + z1 + 1]; j < end; j++) {
                    if (KdTree.distanceSquared(pts, j, x, y, z) <= r2) {
                        result.add(index[j]);
                    }
                }
            }
        }
        result.sort();
        return result;
    }

    /** {@link #radius(float, float, float, float, IntList)} into a new array. */
    public int[] radius(float x, float y, float z, float r) {
        return radius(x, y, z, r, null).toArray();
    }
}
