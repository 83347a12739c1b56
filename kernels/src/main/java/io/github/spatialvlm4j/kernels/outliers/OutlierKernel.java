package io.github.spatialvlm4j.kernels.outliers;

import io.github.spatialvlm4j.kernels.search.CellGrid;
import io.github.spatialvlm4j.kernels.search.CloudArrays;
import io.github.spatialvlm4j.kernels.search.KdTree;

/**
 * The host side of statistical outlier removal (PCL / Open3D semantics): exact mean distances to
 * the k nearest neighbours, on a uniform grid where it proves the answer and on a k-d tree for
 * the rest, then the global mean and standard deviation threshold. Arguments are trusted: the
 * facade ({@code io.github.spatialvlm4j.kernels.Kernels#statisticalOutlierInliers}) checks them
 * before any launch. O(n) for surface-like clouds, O(n log n) expected otherwise.
 */
public final class OutlierKernel {
    /** Grid k-nearest-neighbour search: points per occupied cell aimed at, per neighbour sought (plus one). */
    public static final double KNN_POINTS_PER_CELL_PER_NEIGHBOUR = 0.16;
    /** Smallest cloud searched on the grid, in multiples of k + 1 points (the k-d tree alone below). */
    public static final int KNN_GRID_MIN_POINTS_PER_NEIGHBOUR = 8;

    private OutlierKernel() {
    }

    /**
     * Ascending indices of the points whose mean distance to their {@code k} nearest other points
     * (fewer when the cloud has at most k points) is at most {@code global mean + stdRatio * std}
     * (sample standard deviation, n - 1); a cloud of one point is kept.
     *
     * @param xyz 3n finite coordinates, meters
     * @param k neighbours, &gt;= 1
     * @param stdRatio multiple of the standard deviation, finite and &gt; 0
     */
    public static int[] statisticalInliers(OutlierBackend backend, float[] xyz, int k, float stdRatio) {
        int n = xyz.length / 3;
        if (n <= 1) {
            return n == 0 ? new int[0] : new int[] {0};
        }
        float[] mean = meanKnnDistances(backend, xyz, Math.min(k, n - 1));
        double sum = 0;
        double sq = 0;
        for (float d : mean) {
            sum += d;
            sq += (double) d * d;
        }
        double mu = sum / n;
        double std = Math.sqrt(Math.max(0.0, (sq - sum * mu) / (n - 1)));
        double threshold = mu + stdRatio * std;
        int kept = 0;
        for (float d : mean) {
            kept += d <= threshold ? 1 : 0;
        }
        int[] out = new int[kept];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (mean[i] <= threshold) {
                out[j++] = i;
            }
        }
        return out;
    }

    /**
     * Mean distance of every point (input order) to its k nearest other points; k &lt; n. On a
     * uniform grid ({@link OutlierBodies#gridMeanKnnCell}) where the grid proves the answer, on
     * the k-d tree for the rest (isolated points, overfull cells) and for small clouds: the
     * same values either way.
     */
    public static float[] meanKnnDistances(OutlierBackend backend, float[] xyz, int k) {
        int n = xyz.length / 3;
        float[] bounds = CloudArrays.bounds(xyz);
        double side = n >= KNN_GRID_MIN_POINTS_PER_NEIGHBOUR * (k + 1) ? knnCellSide(xyz, bounds, k) : 0;
        return meanKnnDistances(backend, xyz, k, bounds, side);
    }

    /**
     * {@link #meanKnnDistances(OutlierBackend, float[], int)} with a given grid cell side (meters;
     * 0: k-d tree only).
     */
    public static float[] meanKnnDistances(OutlierBackend backend, float[] xyz, int k, float[] bounds, double side) {
        int n = xyz.length / 3;
        float[] mean = new float[n];
        int[] pending;
        int count = 0;
        if (side > 0) {
            CellGrid g = CellGrid.build(backend, xyz, side, bounds);
            float[] gridMean = new float[n];
            int[] resolved = new int[n];
            backend.gridMeanKnnDistance(k, g.x, g.y, g.z, g.cellStart, g.cellKey, g.m, g.rowDelta, g.rowFirst,
                    bounds[0], bounds[1], bounds[2], 1.0 / side, gridMean, resolved);
            pending = new int[n];
            for (int p = 0; p < n; p++) {
                if (resolved[p] != 0) {
                    mean[g.order[p]] = gridMean[p];
                } else {
                    pending[count++] = g.order[p];
                }
            }
        } else {
            pending = new int[n];
            for (int i = 0; i < n; i++) {
                pending[i] = i;
            }
            count = n;
        }
        if (count > 0) {
            KdTree tree = KdTree.build(xyz);
            int[] position = new int[n];
            for (int i = 0; i < n; i++) {
                position[tree.perm[i]] = i;
            }
            // n entries whatever the count: a device backend keys its compiled shapes on array lengths.
            int[] positions = new int[n];
            for (int j = 0; j < count; j++) {
                positions[j] = position[pending[j]];
            }
            float[] treeMean = new float[n];
            backend.kdMeanKnnDistance(k, positions, count, tree.x, tree.y, tree.z, tree.split, tree.n,
                    KdTree.LEAF_SIZE, treeMean);
            for (int j = 0; j < count; j++) {
                mean[pending[j]] = treeMean[j];
            }
        }
        return mean;
    }

    /**
     * Cell side (meters) of the grid k-nearest-neighbour search: about (k + 1) / 4 points per
     * occupied cell, so that the 27 cells around a point of a surface (9 to 13 of them occupied)
     * hold a few times k + 1 points, and a volume more. Estimated from the occupancy of a coarse
     * grid whose cells would hold {@value #KNN_POINTS_PER_CELL_PER_NEIGHBOUR} (k + 1) points if
     * the cloud filled its bounding cube, then scaled as for a surface (points per cell grow
     * with the side squared; on the benchmark's object clouds this lands at about (k + 1) / 4):
     * depth-camera clouds are surfaces; any other shape only costs time, never exactness.
     * Returns 0 (no grid) when the points span no extent or the cells would be too many. O(n).
     */
    public static double knnCellSide(float[] xyz, float[] bounds, int k) {
        int n = xyz.length / 3;
        double extent = 0;
        for (int a = 0; a < 3; a++) {
            extent = Math.max(extent, (double) bounds[a + 3] - bounds[a]);
        }
        if (!(extent > 0)) {
            return 0;
        }
        double target = (k + 1) * KNN_POINTS_PER_CELL_PER_NEIGHBOUR;
        double coarse = extent * Math.cbrt(target / n);
        long[] cells = new long[3];
        for (int a = 0; a < 3; a++) {
            cells[a] = (long) (((double) bounds[a + 3] - bounds[a]) / coarse) + 1;
        }
        // At most (cbrt(n / target) + 1)^3 cells: a few bits per point.
        long[] occupiedBits = new long[(int) ((cells[0] * cells[1] * cells[2] + 63) >>> 6)];
        int occupied = 0;
        for (int i = 0; i < n; i++) {
            long ix = Math.min(cells[0] - 1, (long) ((xyz[3 * i] - bounds[0]) / coarse));
            long iy = Math.min(cells[1] - 1, (long) ((xyz[3 * i + 1] - bounds[1]) / coarse));
            long iz = Math.min(cells[2] - 1, (long) ((xyz[3 * i + 2] - bounds[2]) / coarse));
            long key = (iz * cells[1] + iy) * cells[0] + ix;
            long bit = 1L << (key & 63);
            int word = (int) (key >>> 6);
            occupied += (occupiedBits[word] & bit) == 0 ? 1 : 0;
            occupiedBits[word] |= bit;
        }
        double side = coarse * Math.sqrt(target * occupied / n);
        for (int a = 0; a < 3; a++) {
            if (CellGrid.cellsAlong((double) bounds[a + 3] - bounds[a], 1.0 / side) > CellGrid.MAX_CELLS_PER_AXIS) {
                return 0;
            }
        }
        return side;
    }
}
