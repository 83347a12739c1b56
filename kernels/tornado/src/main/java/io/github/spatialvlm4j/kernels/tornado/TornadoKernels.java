package io.github.spatialvlm4j.kernels.tornado;

import io.github.spatialvlm4j.kernels.KernelBodies;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The {@code @Parallel} loops that TornadoVM compiles to device kernels: each calls one body of
 * {@link KernelBodies} per work item (TornadoVM inlines it), so the device computes exactly what
 * the JVM backend computes.
 *
 * <p>Conventions, because TornadoVM bakes a task's scalar arguments into its task graph: a scalar
 * that is part of the shape (image size, point count, cell count, k) is a plain parameter and a
 * new value means a new task graph; a scalar that changes from call to call with the same shape
 * (depth range, intrinsics, eps, thresholds, phase flags) travels in a small parameter array
 * ({@code fp} floats, {@code ip} ints, {@code dp} doubles, {@code lp} longs) copied to the device
 * on every execution.
 *
 * <p>Device-friendly decompositions where one work item per element is too coarse or would race:
 * grid rows by binary search (one work item per row x cell), RANSAC scoring as hypothesis x
 * point-block work items (partial counts reduced on the host), and k-d tree queries and the
 * grid k-nearest-neighbour search as grid-stride loops over a fixed number of slots, each slot
 * owning its slice of the search scratch (no allocation inside a kernel: {@code new float[k]} would become shared local memory).
 *
 * <p>Not for direct use: {@link TornadoBackend} builds the task graphs. Every method also runs as
 * plain sequential Java, giving the same result.
 */
public final class TornadoKernels {
    private TornadoKernels() {
    }

    /** Per row v of a {@code width x height} depth map: count of pixels with depth in (fp[0], fp[1]]. */
    public static void backProjectCount(float[] depth, int width, int height, float[] fp, int[] rowCounts) {
        for (@Parallel int v = 0; v < height; v++) {
            KernelBodies.backProjectCountRow(v, depth, width, fp[0], fp[1], rowCounts);
        }
    }

    /**
     * Per row: back-projection into the row's slots; fp = {fx, fy, cx, cy, minDepth, maxDepth}
     * (pixels, meters), ip = {hasLabels}.
     */
    public static void backProject(float[] depth, int[] labels, int width, int height, float[] fp, int[] ip,
            int[] rowStart, float[] xyz, int[] pixelIndex, int[] pointLabel) {
        for (@Parallel int v = 0; v < height; v++) {
            KernelBodies.backProjectRow(v, depth, labels, ip[0], width, fp[0], fp[1], fp[2], fp[3], fp[4], fp[5],
                    rowStart, xyz, pixelIndex, pointLabel);
        }
    }

    /**
     * Per point: {@link KernelBodies#gridCellKey}'s key; dp = {minX, minY, minZ, invCell} (meters,
     * 1/meters), lp = {nx, ny}. {@code Math.floor} is written as truncation corrected downwards
     * (same value for every finite double in long range): TornadoVM's OpenCL backend cannot
     * compile {@code Math.floor(double)} (its Java body reinterprets the bits).
     */
    public static void gridCellKeys(float[] xyz, int n, double[] dp, long[] lp, long[] keys) {
        for (@Parallel int i = 0; i < n; i++) {
            long ix = floor((xyz[3 * i] - dp[0]) * dp[3]) + 2;
            long iy = floor((xyz[3 * i + 1] - dp[1]) * dp[3]) + 2;
            long iz = floor((xyz[3 * i + 2] - dp[2]) * dp[3]) + 2;
            keys[i] = (iz * lp[1] + iy) * lp[0] + ix;
        }
    }

    /** Largest long not above v, for finite v within the long range. */
    public static long floor(double v) {
        long t = (long) v;
        return t > v ? t - 1 : t;
    }

    /**
     * Per (row r, cell c): the first cell whose key is at least {@code cellKey[c] + rowDelta[r] - 2}.
     * A binary search over the ascending keys gives the index that
     * {@link KernelBodies#gridRowFirst}'s merge walk gives, one work item per entry instead of one
     * per row.
     */
    public static void gridRowFirst(long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        for (@Parallel int r = 0; r < KernelBodies.GRID_ROWS; r++) {
            for (@Parallel int c = 0; c < m; c++) {
                long target = cellKey[c] + rowDelta[r] - 2;
                int lo = 0;
                int hi = m;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cellKey[mid] < target) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                rowFirst[r * m + c] = lo;
            }
        }
    }

    /** Per cell: core flags of its points; fp = {eps2} (square meters), ip = {minPoints}. */
    public static void dbscanCore(float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, float[] fp, int[] ip, int[] core) {
        for (@Parallel int c = 0; c < m; c++) {
            KernelBodies.dbscanCoreCell(c, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, fp[0], ip[0], core);
        }
    }

    /** Per cell: link bits to the neighbour cells sharing a core pair; ip = {upperOnly, phase, useLabel}. */
    public static void dbscanCellLinks(float[] x, float[] y, float[] z, int[] core, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float[] fp, int[] ip, int[] label, int[] links) {
        for (@Parallel int c = 0; c < m; c++) {
            KernelBodies.dbscanCellLinks(c, x, y, z, core, cellStart, cellKey, m, rowDelta, rowFirst, fp[0], ip[0],
                    ip[1], label, ip[2], links);
        }
    }

    /** Per cell: one min-label propagation step over its links; {@code changed[0]} set to 1 on any change. */
    public static void dbscanPropagate(long[] cellKey, int m, long[] rowDelta, int[] rowFirst, int[] links,
            int[] labelIn, int[] labelOut, int[] changed) {
        for (@Parallel int c = 0; c < m; c++) {
            KernelBodies.dbscanPropagateCell(c, cellKey, m, rowDelta, rowFirst, links, labelIn, labelOut, changed);
        }
    }

    /** Per cell: for each of its points, itself if core, else its lowest-input-index core neighbour. */
    public static void dbscanBorder(float[] x, float[] y, float[] z, int[] core, int[] order, int n,
            int[] cellStart, long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float[] fp, int[] borderCore) {
        for (@Parallel int c = 0; c < m; c++) {
            KernelBodies.dbscanBorderCell(c, x, y, z, core, order, n, cellStart, cellKey, m, rowDelta, rowFirst,
                    fp[0], borderCore);
        }
    }

    /** Per hypothesis: plane through its three samples; ip = {hasPrior}, fp = {ax, ay, az, priorCos}. */
    public static void ransacHypotheses(float[] xyz, int[] samples, int hypotheses, int[] ip, float[] fp,
            float[] planes, int[] status) {
        for (@Parallel int h = 0; h < hypotheses; h++) {
            KernelBodies.ransacHypothesis(h, xyz, samples, ip[0], fp[0], fp[1], fp[2], fp[3], planes, status);
        }
    }

    /**
     * Per (point block, hypothesis): inlier count of the block, written to
     * {@code partial[block * hypotheses + h]} for hypotheses in [ip[0], ip[1]) and blocks in
     * [ip[2], ip[3]) (others untouched); fp = {threshold} (meters). The host sums the blocks (the
     * reduction).
     */
    public static void ransacCount(int blocks, int blockSize, int n, float[] x, float[] y, float[] z,
            float[] planes, int[] status, int hypotheses, float[] fp, int[] ip, int[] partial) {
        for (@Parallel int b = 0; b < blocks; b++) {
            for (@Parallel int h = 0; h < hypotheses; h++) {
                if (h >= ip[0] && h < ip[1] && b >= ip[2] && b < ip[3]) {
                    partial[b * hypotheses + h] = ransacBlockInliers(h, b, blockSize, n, x, y, z, planes, status,
                            fp[0]);
                }
            }
        }
    }

    /**
     * {@link KernelBodies#ransacCountBlock}'s count without its per-point scratch array, which a
     * block shared by many hypotheses in flight would race on: the sum of
     * {@link KernelBodies#planeInlier} over the block. Same count: for floats t &gt; 0 and r,
     * {@code t - |r|} has a clear sign bit exactly when {@code |r| <= t} (the difference of two
     * distinct floats is never zero), given finite residuals, which finite coordinates of a
     * validated cloud give.
     */
    public static int ransacBlockInliers(int h, int block, int blockSize, int n, float[] x, float[] y, float[] z,
            float[] planes, int[] status, float threshold) {
        int count = 0;
        if (status[h] == 0) {
            int start = block * blockSize;
            int end = Math.min(n, start + blockSize);
            for (int i = start; i < end; i++) {
                count += KernelBodies.planeInlier(x[i], y[i], z[i], planes[4 * h], planes[4 * h + 1],
                        planes[4 * h + 2], planes[4 * h + 3], threshold);
            }
        }
        return count;
    }

    /** Per point: 1 when within fp[4] meters of the plane fp[0..3] = (nx, ny, nz, d). */
    public static void planeInlierFlags(float[] xyz, int n, float[] fp, int[] flags) {
        for (@Parallel int i = 0; i < n; i++) {
            KernelBodies.planeInlierFlag(i, xyz, fp[0], fp[1], fp[2], fp[3], fp[4], flags);
        }
    }

    /**
     * Per slot s of {@code slots}: the tree points {@code positions[j]}, j = s, s + slots, ... below
     * ip[0], get their mean distance to their k nearest others in {@code meanDistance[j]}; slot s
     * uses {@code best[s*k ..]}, {@code bestIndex[s*k ..]} and stack entries
     * {@code [s*KD_STACK, (s+1)*KD_STACK)}. ip = {count, n, leafSize, k}: as data, so that the
     * count is not part of the shape and no condition of the inlined search folds into a constant
     * (k = 1, a tree of at most leafSize points: "logic node LogicConstantNode", see
     * {@link #kdNearestDistance}); {@code k} sizes the slots.
     */
    public static void kdMeanKnnDistance(int k, int[] positions, int[] ip, float[] tx, float[] ty, float[] tz,
            int[] split, int slots, float[] best, int[] bestIndex, int[] stackRange, float[] stackBox,
            float[] meanDistance) {
        for (@Parallel int s = 0; s < slots; s++) {
            for (int j = s; j < ip[0]; j += slots) {
                KernelBodies.kdMeanKnnDistance(j, positions, ip[3], tx, ty, tz, split, ip[1], ip[2], best, bestIndex,
                        s * k, stackRange, stackBox, s * KernelBodies.KD_STACK, meanDistance);
            }
        }
    }

    /**
     * Per slot s of {@code slots}, grid-stride over the cells: {@link KernelBodies#gridMeanKnnCell}
     * with the scratch slice {@code [s * gridKnnScratch(k), (s + 1) * gridKnnScratch(k))};
     * dp = {minX, minY, minZ, invCell} (meters, 1/meters).
     */
    public static void gridMeanKnnDistance(int k, float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey,
            int m, long[] rowDelta, int[] rowFirst, double[] dp, int slots, float[] scratch, float[] meanDistance,
            int[] resolved) {
        for (@Parallel int s = 0; s < slots; s++) {
            for (int c = s; c < m; c += slots) {
                KernelBodies.gridMeanKnnCell(c, k, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, dp[0], dp[1],
                        dp[2], dp[3], scratch, s * KernelBodies.gridKnnScratch(k), meanDistance, resolved);
            }
        }
    }

    /**
     * Per slot, grid-stride over the queries: distance (meters) to the nearest tree point, as
     * {@link KernelBodies#kdNearestDistance} computes it (no warm start). ip = {-1, 1}: the skipped
     * index and k travel as data because, as constants, the compiler folds conditions of the
     * inlined search into nodes TornadoVM's OpenCL backend cannot emit ("logic node
     * LogicConstantNode").
     */
    public static void kdNearestDistance(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize, int slots, int[] ip, float[] best,
            int[] bestIndex, int[] stackRange, float[] stackBox, float[] nearest) {
        for (@Parallel int s = 0; s < slots; s++) {
            for (int i = s; i < queries; i += slots) {
                KernelBodies.kdNearest(qx[i], qy[i], qz[i], ip[0], 0, 0, ip[1], tx, ty, tz, split, bounds, n,
                        leafSize, best, bestIndex, s, stackRange, stackBox, s * KernelBodies.KD_STACK);
                nearest[i] = (float) Math.sqrt(best[s]);
            }
        }
    }

    /**
     * Per slot, grid-stride over the queries: the smallest squared distance (square meters) of its
     * queries to the tree, each search bounded by the best so far, as
     * {@link KernelBodies#kdNearestWithin} computes it; the host takes the minimum over slots (the
     * reduction). ip = {-1, 1} (skipped index and k, as data: see {@link #kdNearestDistance}).
     */
    public static void kdMinDistanceSquared(float[] qx, float[] qy, float[] qz, int queries, float[] tx,
            float[] ty, float[] tz, int[] split, float[] bounds, int n, int leafSize, int slots, int[] ip,
            float[] best, int[] bestIndex, int[] stackRange, float[] stackBox, float[] slotMin) {
        for (@Parallel int s = 0; s < slots; s++) {
            best[s] = Float.POSITIVE_INFINITY;
            for (int i = s; i < queries; i += slots) {
                float x = qx[i];
                float y = qy[i];
                float z = qz[i];
                bestIndex[s] = ip[0];
                KernelBodies.kdSearch(x, y, z, ip[0], 0, 0, ip[1], ip[1], 0, n,
                        KernelBodies.boxOffset(x, bounds[0], bounds[3]), KernelBodies.boxOffset(y, bounds[1],
                                bounds[4]), KernelBodies.boxOffset(z, bounds[2], bounds[5]), tx, ty, tz, split,
                        leafSize, best, bestIndex, s, stackRange, stackBox, s * KernelBodies.KD_STACK);
            }
            slotMin[s] = best[s];
        }
    }

    /**
     * Slot {@code s} sweeps queries {@code s, s + slots, ...} (in the sweep's order, nearest the
     * targets first), each bounded by the slot's best so far: {@link KernelBodies#sweepNearestWithin}.
     * The host takes the minimum over slots. fp = {slack} (as data, so a new value compiles nothing).
     */
    public static void sweepMinDistanceSquared(float[] qx, float[] qy, float[] qz, float[] qk, int queries,
            float[] tx, float[] ty, float[] tz, float[] tk, int n, int slots, float[] fp, float[] slotMin) {
        for (@Parallel int s = 0; s < slots; s++) {
            float min = Float.POSITIVE_INFINITY;
            for (int i = s; i < queries; i += slots) {
                min = KernelBodies.sweepNearestWithin(i, qx, qy, qz, qk, min, tx, ty, tz, tk, n, fp[0]);
            }
            slotMin[s] = min;
        }
    }
}
