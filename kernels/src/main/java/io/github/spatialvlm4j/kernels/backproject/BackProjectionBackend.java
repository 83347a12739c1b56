package io.github.spatialvlm4j.kernels.backproject;

import io.github.spatialvlm4j.kernels.parallel.ParallelLoops;

/**
 * Launches of the back-projection bodies ({@link BackProjectionBodies}), one image row per element.
 * The default methods are the JVM launches; a device backend overrides them. Arguments are
 * trusted (checked by the facade).
 */
public interface BackProjectionBackend extends ParallelLoops {

    /** {@link BackProjectionBodies#backProjectCountRow} for every row {@code v < height}. */
    default void backProjectCount(float[] depth, int width, int height, float minDepth, float maxDepth,
            int[] rowCounts) {
        parallelFor(height, Math.max(1, 16384 / width), (from, to) -> {
            for (int v = from; v < to; v++) {
                BackProjectionBodies.backProjectCountRow(v, depth, width, minDepth, maxDepth, rowCounts);
            }
        });
    }

    /** {@link BackProjectionBodies#backProjectRow} for every row {@code v < height}. */
    default void backProject(float[] depth, int[] labels, int hasLabels, int width, int height, float fx, float fy,
            float cx, float cy, float minDepth, float maxDepth, int[] rowStart, float[] xyz, int[] pixelIndex,
            int[] pointLabel) {
        parallelFor(height, Math.max(1, 16384 / width), (from, to) -> {
            for (int v = from; v < to; v++) {
                BackProjectionBodies.backProjectRow(v, depth, labels, hasLabels, width, fx, fy, cx, cy, minDepth,
                        maxDepth, rowStart, xyz, pixelIndex, pointLabel);
            }
        });
    }
}
