package io.github.spatialvlm4j.kernels.tornado.backproject;

import static io.github.spatialvlm4j.kernels.tornado.device.Launches.idx;

import io.github.spatialvlm4j.kernels.backproject.BackProjectionBackend;
import io.github.spatialvlm4j.kernels.tornado.device.DeviceLaunches;

/**
 * The device launches of back-projection: one work item per image row: each overrides the JVM
 * launch of {@link BackProjectionBackend} with one task graph of {@link BackProjectionLoops} per
 * kernel and shape, run through {@link DeviceLaunches#launch} (plans cached and reused by the
 * backend). Arguments are trusted (checked by the facade).
 */
public interface TornadoBackProjection extends BackProjectionBackend, DeviceLaunches {

    @Override
    default void backProjectCount(float[] depth, int width, int height, float minDepth, float maxDepth,
            int[] rowCounts) {
        if (height == 0) {
            return;
        }
        launch("backProjectCount", width + "x" + height, new Object[] {depth, new float[] {minDepth, maxDepth},
            rowCounts}, idx(2), idx(), (g, b) -> g.task("t", BackProjectionLoops::backProjectCount, (float[]) b[0],
                width, height, (float[]) b[1], (int[]) b[2]));
    }

    @Override
    default void backProject(float[] depth, int[] labels, int hasLabels, int width, int height, float fx, float fy,
            float cx, float cy, float minDepth, float maxDepth, int[] rowStart, float[] xyz, int[] pixelIndex,
            int[] pointLabel) {
        if (height == 0 || pixelIndex.length == 0) {
            return;
        }
        Object[] args = {depth, labels, new float[] {fx, fy, cx, cy, minDepth, maxDepth}, new int[] {hasLabels},
            rowStart, xyz, pixelIndex, pointLabel};
        launch("backProject", width + "x" + height, args, idx(5, 6, 7), idx(), (g, b) -> g.task("t",
                BackProjectionLoops::backProject, (float[]) b[0], (int[]) b[1], width, height, (float[]) b[2],
                (int[]) b[3], (int[]) b[4], (float[]) b[5], (int[]) b[6], (int[]) b[7]));
    }
}
