package io.github.spatialvlm4j.benchmarks.naive;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;

import java.util.Arrays;

/**
 * Naive single-threaded back-projection (SPEC stage 3): one pass over the pixels in row-major
 * order, {@code X = (u - cx) Z / fx}, {@code Y = (v - cy) Z / fy}, keeping pixels with
 * {@code minDepth <= Z <= maxDepth}. O(pixels). The peer of {@code Kernels.backProject}.
 */
public final class NaiveBackProjection {
    private NaiveBackProjection() {
    }

    /**
     * The kept points in the camera frame (x right, y down, z forward, meters) in row-major
     * pixel order, and their labels.
     *
     * @param xyz {@code xyz[3i..3i+2]} of kept point i, meters
     * @param labels label of kept point i ({@link LabelImage#NONE} when no label image was given)
     * @param pixels row-major pixel index {@code v * width + u} of kept point i
     */
    public record Result(float[] xyz, int[] labels, int[] pixels) {
        public int size() {
            return labels.length;
        }
    }

    /**
     * @param labelsOrNull instance labels of the same size, or null
     * @param minDepth smallest kept depth, meters
     * @param maxDepth largest kept depth, meters
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
        int[] labels = new int[w * h];
        int[] pixels = new int[w * h];
        double fx = k.fx();
        double fy = k.fy();
        double cx = k.cx();
        double cy = k.cy();
        int n = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                float d = z[p];
                if (d > DepthMap.INVALID && d >= minDepth && d <= maxDepth) {
                    xyz[3 * n] = (float) ((u - cx) * d / fx);
                    xyz[3 * n + 1] = (float) ((v - cy) * d / fy);
                    xyz[3 * n + 2] = d;
                    labels[n] = labelsOrNull == null ? LabelImage.NONE : labelsOrNull.ids()[p];
                    pixels[n] = p;
                    n++;
                }
            }
        }
        return new Result(Arrays.copyOf(xyz, 3 * n), Arrays.copyOf(labels, n), Arrays.copyOf(pixels, n));
    }

    /** Every valid pixel of {@code depth} as one cloud in the camera frame (no depth limits). */
    public static PointCloud cloud(DepthMap depth, CameraIntrinsics k) {
        return new PointCloud(backProject(depth, k, null, 0f, Float.MAX_VALUE).xyz());
    }
}
