package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import io.github.spatialvlm4j.kernels.backproject.BackProjectionBodies;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pixels a back-projection of the frame would lift (depth in {@code (minDepth, maxDepth]}), grouped by
 * label without lifting them: the ascending non-zero ids that have one, each id's pixels in row-major order
 * (the order of {@code Kernels#backProject}'s points), and the number of unlabelled ones. The clean stage
 * lifts only the objects' pixels and a sample of the rest ({@code Kernels#backProjectPixels}), which at
 * 1280x720 saves lifting, allocating and grouping the whole frame. O(pixels).
 *
 * @param ids the labels with at least one pixel in range, ascending
 * @param pixels {@code pixels[k]}: the row-major indices of label {@code ids[k]}'s pixels in range
 * @param background how many unlabelled pixels are in range
 * @param minDepth the range's exclusive lower bound, meters
 * @param maxDepth the range's inclusive upper bound, meters
 */
record LabelledPixels(int[] ids, int[][] pixels, int background, float minDepth, float maxDepth) {

    /** @throws ShapeMismatchException when the label image and the depth map differ in size, naming both */
    static LabelledPixels of(DepthMap depth, LabelImage labels, float minDepth, float maxDepth) {
        if (labels.width() != depth.width() || labels.height() != depth.height()) {
            throw new ShapeMismatchException("Label image is " + labels.width() + "x" + labels.height()
                    + " but the depth map is " + depth.width() + "x" + depth.height());
        }
        float[] z = depth.meters();
        int[] label = labels.ids();
        // An object's pixels come in runs along the rows: its counter is looked up once per run.
        Map<Integer, int[]> counts = new TreeMap<>();
        int background = 0;
        int runId = LabelImage.NONE;
        int[] run = null;
        for (int p = 0; p < z.length; p++) {
            if (!BackProjectionBodies.depthInRange(z[p], minDepth, maxDepth)) {
                continue;
            }
            int id = label[p];
            if (id == LabelImage.NONE) {
                background++;
                continue;
            }
            if (id != runId) {
                runId = id;
                run = counts.computeIfAbsent(id, k -> new int[2]);
            }
            run[0]++;
        }
        int[] ids = new int[counts.size()];
        int[][] pixels = new int[ids.length][];
        int k = 0;
        for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
            ids[k] = e.getKey();
            pixels[k] = new int[e.getValue()[0]];
            e.getValue()[1] = k++;
        }
        runId = LabelImage.NONE;
        int[] fill = null;
        int[] filled = new int[ids.length];
        int slot = 0;
        for (int p = 0; p < z.length; p++) {
            int id = label[p];
            if (id == LabelImage.NONE || !BackProjectionBodies.depthInRange(z[p], minDepth, maxDepth)) {
                continue;
            }
            if (id != runId) {
                runId = id;
                slot = counts.get(id)[1];
                fill = pixels[slot];
            }
            fill[filled[slot]++] = p;
        }
        return new LabelledPixels(ids, pixels, background, minDepth, maxDepth);
    }

    /**
     * The unlabelled pixels in range stride-sampled to about {@code max} ({@link PointCloud#strideIndices}:
     * every {@code ceil(n / max)}-th from the first), in row-major order.
     */
    int[] backgroundSample(DepthMap depth, LabelImage labels, int max) {
        int[] sampled = PointCloud.strideIndices(background, max);
        int stride = sampled.length > 1 ? sampled[1] : 1;
        float[] z = depth.meters();
        int[] label = labels.ids();
        int j = 0;
        int k = 0;
        for (int p = 0; p < z.length && k < sampled.length; p++) {
            if (label[p] != LabelImage.NONE || !BackProjectionBodies.depthInRange(z[p], minDepth, maxDepth)) {
                continue;
            }
            if (j++ % stride == 0) {
                sampled[k++] = p;
            }
        }
        return sampled;
    }
}
