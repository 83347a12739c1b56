package io.github.spatialvlm4j.kernels.search;

import io.github.spatialvlm4j.geometry.PointCloud;

/** Host helpers over flat point arrays ({@code xyz[3i..3i+2]} is point i, meters) shared by the families. */
public final class CloudArrays {
    private CloudArrays() {
    }

    /**
     * Checks a cloud before any launch: not null and finite (the cloud was checked when built, but
     * its arrays are shared, so it is checked again).
     *
     * @throws IllegalArgumentException naming {@code what} when the cloud is null, or the point
     *     holding a non-finite coordinate
     */
    public static void requireCloud(PointCloud cloud, String what) {
        if (cloud == null) {
            throw new IllegalArgumentException("Invalid " + what + ": null point cloud");
        }
        PointCloud.requireFinite(cloud.xyz());
    }

    /** One coordinate (0 = x, 1 = y, 2 = z) of every point: structure of arrays for the bodies. */
    public static float[] axis(float[] xyz, int axis) {
        float[] out = new float[xyz.length / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = xyz[3 * i + axis];
        }
        return out;
    }

    /** {minX, minY, minZ, maxX, maxY, maxZ} of a non-empty cloud, meters. */
    public static float[] bounds(float[] xyz) {
        float[] b = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < xyz.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                b[a] = Math.min(b[a], xyz[i + a]);
                b[a + 3] = Math.max(b[a + 3], xyz[i + a]);
            }
        }
        return b;
    }
}
