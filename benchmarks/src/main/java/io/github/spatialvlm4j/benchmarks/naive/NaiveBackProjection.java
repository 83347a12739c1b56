package io.github.spatialvlm4j.benchmarks.naive;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;

import java.util.Arrays;

/**
 * Naive single-threaded back-projection (the lift stage, docs/ARCHITECTURE.md, "Stages"): one pass
 * over the pixels in row-major order, {@code X = (u - cx) Z / fx}, {@code Y = (v - cy) Z / fy}
 * (double arithmetic), keeping pixels with {@code minDepth < Z <= maxDepth}, then one pass that
 * groups the points by label. O(pixels + labels). The peer of {@code Kernels.backProject}, which
 * returns the same cloud, pixel indices and per-label point lists.
 */
public final class NaiveBackProjection {
    private NaiveBackProjection() {
    }

    /**
     * The kept points in the camera frame (x right, y down, z forward, meters) in row-major
     * pixel order, and their grouping by label.
     *
     * @param xyz {@code xyz[3i..3i+2]} of kept point i, meters
     * @param pixels row-major pixel index {@code v * width + u} of kept point i
     * @param labelIds the non-zero labels present among the kept points, ascending (empty without labels)
     * @param pointsOfLabel {@code pointsOfLabel[k]}: ascending indices of the points labelled {@code labelIds[k]}
     */
    public record Result(float[] xyz, int[] pixels, int[] labelIds, int[][] pointsOfLabel) {
        public int size() {
            return pixels.length;
        }
    }

    /**
     * @param labelsOrNull instance labels of the same size, or null
     * @param minDepth exclusive lower bound, meters
     * @param maxDepth inclusive upper bound, meters
     */
    public static Result backProject(DepthMap depth, CameraIntrinsics k, LabelImage labelsOrNull, float minDepth,
            float maxDepth) {
        k.requireImageSize(depth.width(), depth.height(), "depth map");
        if (labelsOrNull != null) {
            k.requireImageSize(labelsOrNull.width(), labelsOrNull.height(), "label image");
        }
        int w = depth.width();
        int h = depth.height();
        float[] z = depth.meters();
        float[] xyz = new float[3 * w * h];
        int[] pixels = new int[w * h];
        int n = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                float d = z[p];
                if (d > DepthMap.INVALID && d > minDepth && d <= maxDepth) {
                    xyz[3 * n] = (float) ((u - k.cx()) * d / k.fx());
                    xyz[3 * n + 1] = (float) ((v - k.cy()) * d / k.fy());
                    xyz[3 * n + 2] = d;
                    pixels[n] = p;
                    n++;
                }
            }
        }
        xyz = Arrays.copyOf(xyz, 3 * n);
        pixels = Arrays.copyOf(pixels, n);
        if (labelsOrNull == null) {
            return new Result(xyz, pixels, new int[0], new int[0][]);
        }
        int[] ids = labelsOrNull.ids();
        int[] count = new int[labelsOrNull.maxId() + 1];
        for (int i = 0; i < n; i++) {
            count[ids[pixels[i]]]++;
        }
        int present = 0;
        for (int id = 1; id < count.length; id++) {
            present += count[id] > 0 ? 1 : 0;
        }
        int[] labelIds = new int[present];
        int[][] members = new int[present][];
        int[] slot = new int[count.length];
        for (int id = 1, s = 0; id < count.length; id++) {
            if (count[id] > 0) {
                labelIds[s] = id;
                members[s] = new int[count[id]];
                slot[id] = s++;
            }
        }
        int[] fill = new int[present];
        for (int i = 0; i < n; i++) {
            int id = ids[pixels[i]];
            if (id != LabelImage.NONE) {
                members[slot[id]][fill[slot[id]]++] = i;
            }
        }
        return new Result(xyz, pixels, labelIds, members);
    }

    /** Every valid pixel of {@code depth} as one cloud in the camera frame (no depth limits). */
    public static PointCloud cloud(DepthMap depth, CameraIntrinsics k) {
        return new PointCloud(backProject(depth, k, null, 0f, Float.POSITIVE_INFINITY).xyz());
    }
}
