package io.github.spatialvlm4j.geometry;

import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * A box aligned with the axes of the frame its points were given in, meters.
 *
 * @param min the smallest x, y, z (inclusive)
 * @param max the largest x, y, z (inclusive); {@code max >= min} on every axis
 */
public record AxisAlignedBox(Vector3fc min, Vector3fc max) {

    public AxisAlignedBox {
        if (min == null || max == null) {
            throw new IllegalArgumentException("Box corners must not be null");
        }
        if (!(max.x() >= min.x() && max.y() >= min.y() && max.z() >= min.z())) {
            throw new IllegalArgumentException("Invalid box: max " + max + " is below min " + min + " on some axis");
        }
        min = new Vector3f(min);
        max = new Vector3f(max);
    }

    /** Size along x, y, z, meters, stored in {@code dest}. */
    public Vector3f extent(Vector3f dest) {
        return dest.set(max).sub(min);
    }

    /** Centre, stored in {@code dest}. */
    public Vector3f center(Vector3f dest) {
        return dest.set(min).add(max).mul(0.5f);
    }

    public boolean contains(float x, float y, float z) {
        return x >= min.x() && x <= max.x() && y >= min.y() && y <= max.y() && z >= min.z() && z <= max.z();
    }
}
