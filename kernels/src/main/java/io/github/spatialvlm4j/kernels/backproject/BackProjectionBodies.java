package io.github.spatialvlm4j.kernels.backproject;

/**
 * The back-projection bodies: one image row per call.
 *
 * <p>Kernel bodies in the TornadoVM-compatible subset of {@code io.github.spatialvlm4j.kernels}'s
 * package documentation: public static, primitives and primitive arrays only, no allocation, no
 * exceptions, one element per call writing disjoint output slots. Arguments are trusted: the
 * facade checks everything before launch. Layouts: {@code xyz[3i..3i+2]} is point i (meters);
 * {@code x[i], y[i], z[i]} the same coordinates as structure of arrays; images are row-major
 * {@code data[v * width + u]}.
 */
public final class BackProjectionBodies {
    private BackProjectionBodies() {
    }

    /** True when depth {@code z} (meters) is kept: {@code minDepth < z <= maxDepth} (false for NaN). */
    public static boolean depthInRange(float z, float minDepth, float maxDepth) {
        return z > minDepth && z <= maxDepth;
    }

    /**
     * X (meters) of the point of pixel column {@code u} at depth {@code z}: {@code (u - cx) * invFx * z} with
     * {@code invFx = 1f / fx}, in float, as every back-projection computes it.
     */
    public static float liftX(int u, float cx, float invFx, float z) {
        return (u - cx) * invFx * z;
    }

    /** The factor of pixel row {@code v}: {@code (v - cy) / fy} in float; the point's Y is this times its depth. */
    public static float rowScale(int v, float cy, float fy) {
        return (v - cy) / fy;
    }

    /** Element = image row {@code v}: writes the number of kept pixels of the row to {@code rowCounts[v]}. */
    public static void backProjectCountRow(int v, float[] depth, int width, float minDepth, float maxDepth,
            int[] rowCounts) {
        int base = v * width;
        int count = 0;
        for (int u = 0; u < width; u++) {
            float z = depth[base + u];
            count += depthInRange(z, minDepth, maxDepth) ? 1 : 0;
        }
        rowCounts[v] = count;
    }

    /**
     * Element = image row {@code v}: back-projects the kept pixels of the row to points
     * {@code rowStart[v], rowStart[v]+1, ...} in the camera frame, {@code X = (u - cx) Z / fx},
     * {@code Y = (v - cy) Z / fy}, and records each point's pixel and, when {@code hasLabels != 0},
     * its label.
     */
    public static void backProjectRow(int v, float[] depth, int[] labels, int hasLabels, int width, float fx,
            float fy, float cx, float cy, float minDepth, float maxDepth, int[] rowStart, float[] xyz,
            int[] pixelIndex, int[] pointLabel) {
        int base = v * width;
        int p = rowStart[v];
        float invFx = 1f / fx;
        float yScale = rowScale(v, cy, fy);
        for (int u = 0; u < width; u++) {
            float z = depth[base + u];
            if (depthInRange(z, minDepth, maxDepth)) {
                xyz[3 * p] = liftX(u, cx, invFx, z);
                xyz[3 * p + 1] = yScale * z;
                xyz[3 * p + 2] = z;
                pixelIndex[p] = base + u;
                if (hasLabels != 0) {
                    pointLabel[p] = labels[base + u];
                }
                p++;
            }
        }
    }
}
