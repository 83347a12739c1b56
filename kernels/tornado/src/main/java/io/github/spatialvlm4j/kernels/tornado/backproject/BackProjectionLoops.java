package io.github.spatialvlm4j.kernels.tornado.backproject;

import io.github.spatialvlm4j.kernels.backproject.BackProjectionBodies;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The {@code @Parallel} loops TornadoVM compiles for back-projection: one work item per image row.
 * Each calls the family's bodies per work item (TornadoVM inlines them), so the device computes
 * exactly what the JVM backend computes; scalars that change from call to call travel in small
 * parameter arrays (see the package documentation of {@code
 * io.github.spatialvlm4j.kernels.tornado}). Every method also runs as plain sequential Java, giving
 * the same result. Launched by {@link TornadoBackProjection}.
 */
public final class BackProjectionLoops {
    private BackProjectionLoops() {
    }

    /** Per row v of a {@code width x height} depth map: count of pixels with depth in (fp[0], fp[1]]. */
    public static void backProjectCount(float[] depth, int width, int height, float[] fp, int[] rowCounts) {
        for (@Parallel int v = 0; v < height; v++) {
            BackProjectionBodies.backProjectCountRow(v, depth, width, fp[0], fp[1], rowCounts);
        }
    }

    /**
     * Per row: back-projection into the row's slots; fp = {fx, fy, cx, cy, minDepth, maxDepth}
     * (pixels, meters), ip = {hasLabels}.
     */
    public static void backProject(float[] depth, int[] labels, int width, int height, float[] fp, int[] ip,
            int[] rowStart, float[] xyz, int[] pixelIndex, int[] pointLabel) {
        for (@Parallel int v = 0; v < height; v++) {
            BackProjectionBodies.backProjectRow(v, depth, labels, ip[0], width, fp[0], fp[1], fp[2], fp[3], fp[4],
                    fp[5], rowStart, xyz, pixelIndex, pointLabel);
        }
    }
}
