package io.github.spatialvlm4j.kernels.backproject;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.Arrays;

/**
 * The host side of back-projection: counts the kept pixels per row, turns the counts into each
 * row's first output slot, launches the rows, and groups the points by label. Arguments are
 * trusted: the facade ({@code io.github.spatialvlm4j.kernels.Kernels}) checks sizes and the depth
 * range before any launch. O(pixels).
 */
public final class BackProjectionKernel {
    private BackProjectionKernel() {
    }

    /**
     * Back-projects every pixel with depth in {@code (minDepth, maxDepth]} to a point in the camera
     * frame (x right, y down, z forward, meters): {@code X = (u - cx) Z / fx}, {@code Y = (v - cy) Z / fy},
     * {@code Z = depth}. Invalid pixels (depth 0) and out-of-range depths are skipped. In the same
     * pass, each point keeps its pixel index {@code v * width + u} and, with a label image, its
     * label, so every object's points come out without a second pass over the image (grouped by a
     * stable counting sort on the host). O(pixels).
     *
     * <p>{@link DepthMap} rejects NaN when built; a NaN written into its shared array afterwards
     * fails the range test and is skipped like an invalid pixel.
     *
     * @param intrinsics pinhole intrinsics, pixels, for the depth map's size
     * @param labelsOrNull instance labels of the same size (0 = none), or null
     */
    public static BackProjection backProject(BackProjectionBackend backend, DepthMap depth,
            CameraIntrinsics intrinsics, LabelImage labelsOrNull, float minDepth, float maxDepth) {
        int[] rowStart = countRows(backend, depth, minDepth, maxDepth);
        int total = rowStart[depth.height()];
        boolean hasLabels = labelsOrNull != null;
        float[] xyz = new float[3 * total];
        int[] pixelIndex = new int[total];
        int[] pointLabel = hasLabels ? new int[total] : new int[0];
        backend.backProject(depth.meters(), hasLabels ? labelsOrNull.ids() : new int[0], hasLabels ? 1 : 0,
                depth.width(), depth.height(), (float) intrinsics.fx(), (float) intrinsics.fy(),
                (float) intrinsics.cx(), (float) intrinsics.cy(), minDepth, maxDepth, rowStart, xyz, pixelIndex,
                pointLabel);
        PointCloud cloud = new PointCloud(xyz);
        if (!hasLabels) {
            return new BackProjection(cloud, pixelIndex, new int[0], new int[] {0}, new int[0]);
        }
        return groupByLabel(cloud, pixelIndex, pointLabel);
    }

    /**
     * Back-projection without labels into caller-owned arrays (each large enough for a point per
     * pixel); returns the number of points written. See {@code Kernels#backProjectInto}.
     */
    public static int backProjectInto(BackProjectionBackend backend, DepthMap depth, CameraIntrinsics intrinsics,
            float minDepth, float maxDepth, float[] xyz, int[] pixelIndex) {
        int[] rowStart = countRows(backend, depth, minDepth, maxDepth);
        backend.backProject(depth.meters(), new int[0], 0, depth.width(), depth.height(), (float) intrinsics.fx(),
                (float) intrinsics.fy(), (float) intrinsics.cx(), (float) intrinsics.cy(), minDepth, maxDepth, rowStart,
                xyz, pixelIndex, new int[0]);
        return rowStart[depth.height()];
    }

    /**
     * The points of the given pixels, in the order given, bit for bit those {@link #backProject} gives them
     * (the same {@link BackProjectionBodies#liftX} and {@link BackProjectionBodies#rowScale}). On the calling
     * thread, O(pixels given). See {@code Kernels#backProjectPixels}.
     *
     * @throws IndexOutOfBoundsException naming the first pixel outside the map
     * @throws IllegalArgumentException naming the first pixel without a depth
     */
    public static PointCloud liftPixels(DepthMap depth, CameraIntrinsics intrinsics, int[] pixels) {
        int width = depth.width();
        int size = width * depth.height();
        float[] z = depth.meters();
        float fy = (float) intrinsics.fy();
        float cx = (float) intrinsics.cx();
        float cy = (float) intrinsics.cy();
        float invFx = 1f / (float) intrinsics.fx();
        float[] xyz = new float[3 * pixels.length];
        for (int k = 0; k < pixels.length; k++) {
            int p = pixels[k];
            if (p < 0 || p >= size) {
                throw new IndexOutOfBoundsException("Pixel " + p + " at position " + k + " outside the "
                        + width + "x" + depth.height() + " depth map");
            }
            float zp = z[p];
            if (!(zp > DepthMap.INVALID)) {
                throw new IllegalArgumentException("Pixel " + p + " (u=" + p % width + ", v=" + p / width
                        + ") at position " + k + " has no depth");
            }
            xyz[3 * k] = BackProjectionBodies.liftX(p % width, cx, invFx, zp);
            xyz[3 * k + 1] = BackProjectionBodies.rowScale(p / width, cy, fy) * zp;
            xyz[3 * k + 2] = zp;
        }
        return new PointCloud(xyz);
    }

    /** Exclusive prefix sum of kept pixels per row: row v's first point, then the total at {@code [height]}. */
    private static int[] countRows(BackProjectionBackend backend, DepthMap depth, float minDepth, float maxDepth) {
        int height = depth.height();
        int[] rowStart = new int[height + 1];
        backend.backProjectCount(depth.meters(), depth.width(), height, minDepth, maxDepth, rowStart);
        int total = 0;
        for (int v = 0; v < height; v++) {
            int c = rowStart[v];
            rowStart[v] = total;
            total += c;
        }
        rowStart[height] = total;
        return rowStart;
    }

    /** Counting sort of points by label (stable: ascending point indices within a label). O(n + max id). */
    private static BackProjection groupByLabel(PointCloud cloud, int[] pixelIndex, int[] pointLabel) {
        int n = pointLabel.length;
        int maxId = 0;
        for (int id : pointLabel) {
            maxId = Math.max(maxId, id);
        }
        // Dense slot per id when ids are small (the usual case), else ranks among the sorted distinct ids.
        int[] ids;
        int[] slotOf = new int[n];
        if (maxId <= Math.max(1 << 16, 4 * n)) {
            int[] slotOfId = new int[maxId + 1];
            for (int id : pointLabel) {
                slotOfId[id] = 1;
            }
            slotOfId[LabelImage.NONE] = 0;
            int count = 0;
            for (int id = 1; id <= maxId; id++) {
                if (slotOfId[id] != 0) {
                    count++;
                }
            }
            ids = new int[count];
            int k = 0;
            for (int id = 1; id <= maxId; id++) {
                if (slotOfId[id] != 0) {
                    ids[k] = id;
                    slotOfId[id] = k++;
                }
            }
            for (int p = 0; p < n; p++) {
                slotOf[p] = slotOfId[pointLabel[p]];
            }
        } else {
            ids = Arrays.stream(pointLabel).filter(id -> id != LabelImage.NONE).distinct().sorted().toArray();
            for (int p = 0; p < n; p++) {
                slotOf[p] = pointLabel[p] == LabelImage.NONE ? 0 : Arrays.binarySearch(ids, pointLabel[p]);
            }
        }
        int[] slotStart = new int[ids.length + 1];
        for (int p = 0; p < n; p++) {
            if (pointLabel[p] != LabelImage.NONE) {
                slotStart[slotOf[p] + 1]++;
            }
        }
        for (int k = 0; k < ids.length; k++) {
            slotStart[k + 1] += slotStart[k];
        }
        int[] fill = Arrays.copyOf(slotStart, ids.length);
        int[] points = new int[slotStart[ids.length]];
        for (int p = 0; p < n; p++) {
            if (pointLabel[p] != LabelImage.NONE) {
                points[fill[slotOf[p]]++] = p;
            }
        }
        return new BackProjection(cloud, pixelIndex, ids, slotStart, points);
    }
}
