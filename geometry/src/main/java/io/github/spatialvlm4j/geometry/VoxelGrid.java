package io.github.spatialvlm4j.geometry;

import java.util.Arrays;

/**
 * Voxel-grid down-sampling (the clean stage, docs/ARCHITECTURE.md, "Stages"): one point per
 * occupied voxel, at the centroid of the points that fall in it. Stateless.
 *
 * <p>Voxel {@code (ix, iy, iz)} is the half-open cube {@code [ix*s, (ix+1)*s) x [iy*s, (iy+1)*s)
 * x [iz*s, (iz+1)*s)} of side {@code s} meters, in the cloud's own frame; a point's voxel is
 * {@code ix = floor(x / s)} computed in double (so the grid is anchored at the origin and does
 * not depend on which points are present). Each axis may span at most
 * {@value #MAX_VOXELS_PER_AXIS} voxels between the smallest and largest occupied one, so that
 * a voxel fits a 63-bit key.
 *
 * <p>Complexity O(n) time (one radix sort of n keys, {@link LongSort}), O(n) memory. Deterministic: output voxels are in ascending key order (by ix, then iy, then iz).
 */
public final class VoxelGrid {
    /** Largest number of voxels one axis may span (21 bits per axis in a 63-bit key). */
    public static final long MAX_VOXELS_PER_AXIS = 1L << 21;

    private VoxelGrid() {
    }

    /**
     * The result of {@link #voxelize(PointCloud, float)}.
     *
     * @param downsampled one point per occupied voxel, in ascending voxel order (ix, then iy, then
     *     iz): the centroid of its points (accumulated in double), and when the input has colours
     *     the per-channel mean colour rounded half up
     * @param voxelOfPoint for each input point {@code i}, the index in {@code downsampled} of its voxel
     * @param pointCounts for each output voxel, the number of input points in it (all {@code >= 1})
     */
    public record Result(PointCloud downsampled, int[] voxelOfPoint, int[] pointCounts) {
    }

    /**
     * One point per occupied voxel of side {@code voxelSize}; see {@link #voxelize} for the
     * order, colours and limits.
     */
    public static PointCloud downsample(PointCloud cloud, float voxelSize) {
        return voxelize(cloud, voxelSize).downsampled();
    }

    /**
     * Groups the points of {@code cloud} by voxel of side {@code voxelSize} meters. An empty cloud
     * gives an empty result. O(n log n).
     *
     * @param voxelSize voxel side, meters, finite and {@code > 0}
     * @throws IllegalArgumentException when {@code voxelSize} is invalid, or when the occupied
     *     voxels span more than {@link #MAX_VOXELS_PER_AXIS} on some axis (the key would overflow)
     */
    public static Result voxelize(PointCloud cloud, float voxelSize) {
        if (cloud == null) {
            throw new IllegalArgumentException("Point cloud must not be null");
        }
        if (!(voxelSize > 0) || !Float.isFinite(voxelSize)) {
            throw new IllegalArgumentException("Invalid voxel size: " + voxelSize + " (meters, must be finite and > 0)");
        }
        float[] xyz = cloud.xyz();
        int n = cloud.size();
        if (n == 0) {
            return new Result(PointCloud.empty(), new int[0], new int[0]);
        }
        long[] cell = new long[3 * n];
        long[] lo = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        long[] hi = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
        for (int i = 0; i < 3 * n; i++) {
            double q = Math.floor(xyz[i] / (double) voxelSize);
            if (!(Math.abs(q) < 0x1p62)) {
                throw new IllegalArgumentException("Coordinate " + xyz[i] + " of point " + i / 3 + " with voxel size "
                        + voxelSize + " gives voxel index " + q + " (magnitude must be < 2^62)");
            }
            cell[i] = (long) q;
            lo[i % 3] = Math.min(lo[i % 3], cell[i]);
            hi[i % 3] = Math.max(hi[i % 3], cell[i]);
        }
        for (int a = 0; a < 3; a++) {
            if (hi[a] - lo[a] >= MAX_VOXELS_PER_AXIS) {
                throw new IllegalArgumentException("Voxel grid too large: " + "xyz".charAt(a) + " spans "
                        + (hi[a] - lo[a] + 1) + " voxels of size " + voxelSize + " m (at most " + MAX_VOXELS_PER_AXIS
                        + " per axis; use a larger voxel size or split the cloud)");
            }
        }
        int[] voxelOfPoint = new int[n];
        int m = voxelOfPoints(cell, lo, hi, n, voxelOfPoint);
        int[] counts = new int[m];
        double[] sums = new double[3 * m];
        int[] rgb = cloud.rgb();
        long[] colourSums = rgb == null ? null : new long[3 * m];
        for (int i = 0; i < n; i++) {
            int v = voxelOfPoint[i];
            counts[v]++;
            sums[3 * v] += xyz[3 * i];
            sums[3 * v + 1] += xyz[3 * i + 1];
            sums[3 * v + 2] += xyz[3 * i + 2];
            if (colourSums != null) {
                colourSums[3 * v] += (rgb[i] >> 16) & 0xff;
                colourSums[3 * v + 1] += (rgb[i] >> 8) & 0xff;
                colourSums[3 * v + 2] += rgb[i] & 0xff;
            }
        }
        float[] out = new float[3 * m];
        int[] outRgb = colourSums == null ? null : new int[m];
        for (int v = 0; v < m; v++) {
            for (int a = 0; a < 3; a++) {
                out[3 * v + a] = (float) (sums[3 * v + a] / counts[v]);
            }
            if (outRgb != null) {
                long c = counts[v];
                long r = (colourSums[3 * v] + c / 2) / c;
                long g = (colourSums[3 * v + 1] + c / 2) / c;
                long b = (colourSums[3 * v + 2] + c / 2) / c;
                outRgb[v] = (int) ((r << 16) | (g << 8) | b);
            }
        }
        return new Result(new PointCloud(out, outRgb), voxelOfPoint, counts);
    }

    /**
     * Numbers the occupied voxels in ascending (ix, iy, iz) order, writes each point's voxel number
     * to {@code voxelOfPoint} and returns the number of voxels. When the occupied box holds fewer
     * than 2^31 voxels, one sort of (dense voxel index, point index) pairs; else one sort of the
     * 63-bit keys and a binary search per point. Both give the same numbering.
     */
    private static int voxelOfPoints(long[] cell, long[] lo, long[] hi, int n, int[] voxelOfPoint) {
        long sy = hi[1] - lo[1] + 1;
        long sz = hi[2] - lo[2] + 1;
        if ((hi[0] - lo[0] + 1) * sy * sz <= Integer.MAX_VALUE) {
            long[] pairs = new long[n];
            for (int i = 0; i < n; i++) {
                long dense = ((cell[3 * i] - lo[0]) * sy + (cell[3 * i + 1] - lo[1])) * sz + (cell[3 * i + 2] - lo[2]);
                pairs[i] = (dense << 32) | i;
            }
            LongSort.sort(pairs);
            int m = 0;
            for (int r = 0; r < n; r++) {
                if (r > 0 && (pairs[r] >>> 32) != (pairs[r - 1] >>> 32)) {
                    m++;
                }
                voxelOfPoint[(int) pairs[r]] = m;
            }
            return m + 1;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((cell[3 * i] - lo[0]) << 42) | ((cell[3 * i + 1] - lo[1]) << 21) | (cell[3 * i + 2] - lo[2]);
        }
        long[] sorted = keys.clone();
        LongSort.sort(sorted);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[m - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        for (int i = 0; i < n; i++) {
            voxelOfPoint[i] = Arrays.binarySearch(sorted, 0, m, keys[i]);
        }
        return m;
    }
}
