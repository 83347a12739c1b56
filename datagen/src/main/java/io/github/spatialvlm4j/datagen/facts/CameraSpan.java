package io.github.spatialvlm4j.datagen.facts;

import io.github.spatialvlm4j.geometry.AxisAlignedBox;
import io.github.spatialvlm4j.geometry.PointCloud;

/**
 * Where an object's visible points lie in the camera frame (x right, z forward, meters) along the two axes
 * that left/right and behind/front compare ({@link io.github.spatialvlm4j.datagen.qa.SpatialTruth}). For an
 * object cut by the image border or largely hidden, the centre of its box is the centre of the visible part
 * only; the span says how far that part reaches.
 *
 * @param minX smallest camera x of a visible point, meters
 * @param maxX largest camera x, meters, &gt;= minX
 * @param minZ smallest camera z (depth), meters
 * @param maxZ largest camera z, meters, &gt;= minZ
 */
public record CameraSpan(float minX, float maxX, float minZ, float maxZ) {

    public CameraSpan {
        if (!(minX <= maxX) || !(minZ <= maxZ) || !Float.isFinite(minX + maxX + minZ + maxZ)) {
            throw new IllegalArgumentException("Invalid camera span x [" + minX + ", " + maxX + "] z [" + minZ + ", "
                    + maxZ + "] m (must be finite, min <= max)");
        }
    }

    /**
     * The span of a non-empty cloud (camera frame, meters).
     *
     * @throws IllegalArgumentException when the cloud is empty
     */
    public static CameraSpan of(PointCloud cloud) {
        if (cloud.size() == 0) {
            throw new IllegalArgumentException("Invalid cloud for a camera span: no points");
        }
        AxisAlignedBox b = cloud.bounds();
        return new CameraSpan(b.min().x(), b.max().x(), b.min().z(), b.max().z());
    }

    /** Whether this span and {@code other} share some camera x (their closed intervals meet). */
    public boolean overlapsInX(CameraSpan other) {
        return minX <= other.maxX && other.minX <= maxX;
    }

    /** Whether this span and {@code other} share some camera z (their closed intervals meet). */
    public boolean overlapsInZ(CameraSpan other) {
        return minZ <= other.maxZ && other.minZ <= maxZ;
    }
}
