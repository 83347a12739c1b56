package io.github.spatialvlm4j.kernels.outliers;

import io.github.spatialvlm4j.kernels.search.GridBodies;
import io.github.spatialvlm4j.kernels.search.KdTreeBodies;

/**
 * The statistical-outlier bodies: the mean distance of a point to its k nearest others, on the
 * uniform grid (one cell per call) or on the k-d tree (one point per call).
 *
 * <p>Kernel bodies in the TornadoVM-compatible subset of {@code io.github.spatialvlm4j.kernels}'s
 * package documentation: public static, primitives and primitive arrays only, no allocation, no
 * exceptions, one element per call writing disjoint output slots. Arguments are trusted: the
 * facade checks everything before launch. Layouts: {@code xyz[3i..3i+2]} is point i (meters);
 * {@code x[i], y[i], z[i]} the same coordinates as structure of arrays; images are row-major
 * {@code data[v * width + u]}.
 */
public final class OutlierBodies {
    private OutlierBodies() {
    }

    /**
     * Floats of scratch per work item of {@link #gridMeanKnnCell} for {@code k} neighbours: a
     * candidate buffer of {@code gridKnnCapacity(k)} squared distances, one slot for the current
     * filter bound and one for the warm start carried from cell to cell.
     */
    public static int gridKnnScratch(int k) {
        return gridKnnCapacity(k) + 2;
    }

    /** Candidate buffer length of {@link #gridMeanKnnCell}: room for k + 1 kept values and a batch of new ones. */
    public static int gridKnnCapacity(int k) {
        return Math.max(256, 4 * (k + 1));
    }

    /**
     * Element = grid cell {@code c} of a uniform grid (points sorted by cell, cell side
     * {@code 1 / invCell} meters, cell of a point {@code floor((x - minX) * invCell)} etc. as in
     * {@link GridBodies#gridCellKey}): for each point p of the cell, its {@code k} nearest other points
     * among the 27 cells around its own (offsets -1..1), then, when that does not prove the
     * answer, among the 125 (offsets -2..2). Proven: the (k+1)-th smallest squared distance,
     * the point itself (0) included, is below the squared distance from p to the boundary of
     * the scanned block (less a relative margin of {@value #GRID_KNN_MARGIN}, far above float
     * rounding), so no point outside can be closer. Then {@code meanDistance[p]} = the mean
     * distance (meters) to those k neighbours, exactly what {@link #kdMeanKnnDistance} gives
     * (the same multiset of squared distances, see {@link #meanSquareRoot}), and
     * {@code resolved[p] = 1}; otherwise {@code resolved[p] = 0} and the caller searches
     * elsewhere, as for every point of a cell whose 27 cells hold more than
     * {@value #GRID_KNN_MAX_BLOCK} (k + 1) points (work per point stays bounded).
     *
     * <p>Candidates stream through {@code scratch[off .. off + gridKnnCapacity(k))}, filtered by
     * a bound kept at {@code scratch[off + gridKnnCapacity(k)]}: values at or above the k+1
     * smallest so far cannot change that multiset. The bound starts from the previous point
     * this work item proved (1.5 times its (k+1)-th squared distance, kept at
     * {@code scratch[off + gridKnnCapacity(k) + 1]}: points in grid order are neighbours, of
     * similar density), and the 27 cells are scanned again without a bound when that keeps fewer
     * than k + 1. The warm start only saves work: any value (0 in fresh scratch) gives the same
     * results.
     */
    public static void gridMeanKnnCell(int c, int k, float[] x, float[] y, float[] z, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, double minX, double minY, double minZ,
            double invCell, float[] scratch, int off, float[] meanDistance, int[] resolved) {
        int boundAt = off + gridKnnCapacity(k);
        int block = 0;
        for (int r = 0; r < GridBodies.GRID_INNER_ROWS; r++) {
            block += cellStart[GridBodies.gridRowCell(c, r, 2, cellKey, m, rowDelta, rowFirst)]
                    - cellStart[GridBodies.gridRowCell(c, r, -1, cellKey, m, rowDelta, rowFirst)];
        }
        // An overfull block (a dense clump in a sparse cloud) is left to the k-d tree.
        int open = block <= GRID_KNN_MAX_BLOCK * (k + 1) ? 1 : 0;
        for (int p = cellStart[c]; p < cellStart[c + 1] && open == 0; p++) {
            resolved[p] = 0;
        }
        for (int p = cellStart[c]; p < cellStart[c + 1] && open != 0; p++) {
            float warm = scratch[boundAt + 1];
            float qx = x[p];
            float qy = y[p];
            float qz = z[p];
            // Distance, in cells (0 .. 0.5), from p to the nearest face of its own cell.
            double edge = Math.min(Math.min(faceOffset(qx, minX, invCell), faceOffset(qy, minY, invCell)),
                    faceOffset(qz, minZ, invCell));
            scratch[boundAt] = warm;
            int count = 0;
            int done = 0;
            for (int ring = 1; ring <= 2 && done == 0; ring++) {
                count = gridKnnRing(p, c, ring, k, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, scratch, off,
                        count);
                if (ring == 1 && count <= k && warm < Float.POSITIVE_INFINITY) {
                    scratch[boundAt] = Float.POSITIVE_INFINITY;
                    count = gridKnnRing(p, c, 1, k, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, scratch, off,
                            0);
                }
                count = gridKnnKeep(k, count, scratch, off);
                done = gridKnnProven(k, count, scratch, off, ring + edge, invCell);
            }
            if (done != 0) {
                // The k + 1 values include p's own 0: their root sum is the sum over its k neighbours.
                meanDistance[p] = meanSquareRoot(scratch, off, k + 1, k);
                scratch[boundAt + 1] = 1.5f * scratch[boundAt];
            }
            resolved[p] = done;
        }
    }

    /** Most points, in multiples of k + 1, of the 27 cells around a cell searched by {@link #gridMeanKnnCell}. */
    public static final int GRID_KNN_MAX_BLOCK = 64;

    /** Margin of {@link #gridMeanKnnCell}'s proof, relative to a squared distance. */
    public static final double GRID_KNN_MARGIN = 1e-5;

    /**
     * Distance, in cells, from coordinate q to the nearer face of its grid cell: the fractional
     * part f of {@code (q - min) * invCell} (computed as {@link GridBodies#gridCellKey} does; non-negative,
     * so truncation is the floor), then {@code min(f, 1 - f)}.
     */
    public static double faceOffset(float q, double min, double invCell) {
        double t = (q - min) * invCell;
        double f = t - (long) t;
        return Math.min(f, 1.0 - f);
    }

    /**
     * 1 when the search of {@link #gridMeanKnnCell} is proven: k + 1 values kept (the (k+1)-th
     * smallest at {@code scratch[off + k]}) and that value below the squared distance of
     * {@code cells} cell sides, less the margin; else 0.
     */
    public static int gridKnnProven(int k, int count, float[] scratch, int off, double cells, double invCell) {
        double gap = cells / invCell;
        return count == k + 1 && scratch[off + k] <= gap * gap * (1.0 - GRID_KNN_MARGIN) ? 1 : 0;
    }

    /**
     * Reduces the candidates {@code scratch[off .. off + count)} to their k + 1 smallest
     * ({@code scratch[off + k]} the largest of them) and tightens the filter bound to it; returns
     * the new count (unchanged when at most k + 1).
     */
    public static int gridKnnKeep(int k, int count, float[] scratch, int off) {
        if (count <= k + 1) {
            if (count == k + 1) {
                selectSmallest(scratch, off, off + count, off + k);
                scratch[off + gridKnnCapacity(k)] = scratch[off + k];
            }
            return count;
        }
        selectSmallest(scratch, off, off + count, off + k);
        scratch[off + gridKnnCapacity(k)] = scratch[off + k];
        return k + 1;
    }

    /**
     * Appends the squared distances from point p to points {@code [from, to)} below the bound; see
     * {@link #gridMeanKnnCell}.
     */
    public static int gridKnnAppend(int p, int from, int to, int k, float[] x, float[] y, float[] z, float[] scratch,
            int off, int count) {
        int capacity = gridKnnCapacity(k);
        float qx = x[p];
        float qy = y[p];
        float qz = z[p];
        int j = count;
        float bound = scratch[off + capacity];
        for (int q = from; q < to; q++) {
            float dx = qx - x[q];
            float dy = qy - y[q];
            float dz = qz - z[q];
            float d2 = dx * dx + dy * dy + dz * dz;
            scratch[off + j] = d2;
            j += d2 < bound ? 1 : 0;
            if (j == capacity) {
                j = gridKnnKeep(k, j, scratch, off);
                bound = scratch[off + capacity];
            }
        }
        return j;
    }

    /**
     * {@link #gridKnnAppend} over the cells at Chebyshev distance {@code ring} from cell c when
     * ring is 2 (the 98 outer cells of the 5x5x5 block), within distance 1 when ring is 1 (the
     * 27 cells of the 3x3x3 block). Each row contributes one run of consecutive cells (x
     * offsets -1..1, or -2..2 on the outer rows), or on the inner rows of ring 2 two single cells
     * (x offsets -2 and 2).
     */
    public static int gridKnnRing(int p, int c, int ring, int k, float[] x, float[] y, float[] z, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float[] scratch, int off, int count) {
        int j = count;
        int rows = ring == 1 ? GridBodies.GRID_INNER_ROWS : GridBodies.GRID_ROWS;
        for (int r = 0; r < rows; r++) {
            int split = ring == 2 && r < GridBodies.GRID_INNER_ROWS ? 1 : 0;
            for (int part = 0; part <= split; part++) {
                int lo = split == 0 ? -ring : 4 * part - 2;
                int hi = split == 0 ? ring + 1 : 4 * part - 1;
                int d0 = GridBodies.gridRowCell(c, r, lo, cellKey, m, rowDelta, rowFirst);
                int d1 = GridBodies.gridRowCell(c, r, hi, cellKey, m, rowDelta, rowFirst);
                j = gridKnnAppend(p, cellStart[d0], cellStart[d1], k, x, y, z, scratch, off, j);
            }
        }
        return j;
    }

    /**
     * Wirth's selection: reorders {@code v[from .. to)} so that {@code v[kth]} holds the value
     * of its rank, values &lt;= it before, &gt;= it after. O(to - from) expected; iterative.
     */
    public static void selectSmallest(float[] v, int from, int to, int kth) {
        int l = from;
        int r = to - 1;
        while (r > l) {
            float pivot = v[(l + r) >>> 1];
            int i = l;
            int j = r;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (pivot < v[j]) {
                    j--;
                }
                if (i <= j) {
                    float t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (j < kth) {
                l = i;
            }
            if (kth < i) {
                r = j;
            }
        }
    }

    /**
     * Element = {@code j}: the mean distance (meters) from tree point {@code positions[j]} to its
     * {@code k} nearest other points, written to {@code meanDistance[j]} (0 when it has no other
     * point). Scratch as in {@link KdTreeBodies#kdNearest}.
     */
    public static void kdMeanKnnDistance(int j, int[] positions, int k, float[] tx, float[] ty, float[] tz,
            int[] split, int n, int leafSize, float[] best, int[] bestIndex, int bestOffset, int[] stackRange,
            float[] stackBox, int stackOffset, float[] meanDistance) {
        int found = KdTreeBodies.kdNearestOfTreePoint(positions[j], k, tx, ty, tz, split, n, leafSize, best, bestIndex,
                bestOffset, stackRange, stackBox, stackOffset);
        meanDistance[j] = found == 0 ? 0f : meanSquareRoot(best, bestOffset, found, found);
    }

    /**
     * {@code sum(sqrt(d2[from + j]), j < count) / divisor} for squared distances {@code d2}: each
     * root rounded to float, summed in double (exact for any realistic count, so the order of
     * the entries does not matter), the quotient rounded to float. The one definition of a
     * point's mean neighbour distance, whichever search found the neighbours.
     */
    public static float meanSquareRoot(float[] d2, int from, int count, int divisor) {
        double sum = 0.0;
        for (int j = 0; j < count; j++) {
            sum += (float) Math.sqrt(d2[from + j]);
        }
        return (float) (sum / divisor);
    }

}
