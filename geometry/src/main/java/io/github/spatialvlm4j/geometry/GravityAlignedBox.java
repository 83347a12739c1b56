package io.github.spatialvlm4j.geometry;

import org.joml.Matrix3f;
import org.joml.Matrix4f;
import org.joml.Matrix4fc;
import org.joml.Vector3f;

/**
 * A box standing upright in an <em>up frame</em> (a frame whose z axis points up, such as the
 * floor frame or the camera-up frame of {@link FloorFrame}), meters: a footprint rectangle in the
 * up-frame xy plane, extruded from {@code zMin} to {@code zMax}. This is what the width, depth
 * and height of a piece of furniture mean: {@code majorExtent} is its longer horizontal side,
 * {@code minorExtent} its shorter one, {@link #height()} its vertical span.
 *
 * @param centerX footprint rectangle centre x, meters (up frame)
 * @param centerY footprint rectangle centre y, meters (up frame)
 * @param yaw angle from the up-frame x axis to the major side, counter-clockwise seen from
 *     above, radians in [0, pi)
 * @param majorExtent length of the longer horizontal side, meters, finite, {@code >= minorExtent}
 * @param minorExtent length of the shorter horizontal side, meters, finite, {@code >= 0}
 * @param zMin lowest z, meters
 * @param zMax highest z, meters, {@code >= zMin}
 */
public record GravityAlignedBox(double centerX, double centerY, double yaw, double majorExtent,
        double minorExtent, double zMin, double zMax) {

    public GravityAlignedBox {
        if (!Double.isFinite(centerX) || !Double.isFinite(centerY)) {
            throw new IllegalArgumentException("Invalid footprint centre: (" + centerX + ", " + centerY
                    + ") (meters, must be finite)");
        }
        if (!(yaw >= 0 && yaw < Math.PI)) {
            throw new IllegalArgumentException("Invalid yaw: " + yaw + " (radians, must be in [0, pi))");
        }
        if (!(minorExtent >= 0) || !(majorExtent >= minorExtent) || !Double.isFinite(majorExtent)) {
            throw new IllegalArgumentException("Invalid footprint extents: major " + majorExtent + ", minor "
                    + minorExtent + " (meters, must be finite with major >= minor >= 0)");
        }
        if (!Double.isFinite(zMin) || !Double.isFinite(zMax) || !(zMax >= zMin)) {
            throw new IllegalArgumentException("Invalid vertical span: zMin " + zMin + ", zMax " + zMax
                    + " (meters, must be finite with zMax >= zMin)");
        }
    }

    /** Vertical span {@code zMax - zMin}, meters. */
    public double height() {
        return zMax - zMin;
    }

    /** Footprint area, square meters. */
    public double footprintArea() {
        return majorExtent * minorExtent;
    }

    /** Volume, cubic meters. */
    public double volume() {
        return footprintArea() * height();
    }

    /** The box centre in the up frame, meters, stored in {@code dest}. */
    public Vector3f center(Vector3f dest) {
        return dest.set((float) centerX, (float) centerY, (float) (0.5 * (zMin + zMax)));
    }

    /**
     * This box as an {@link OrientedBox} in the up frame: axis 0 along the major side
     * {@code (cos yaw, sin yaw, 0)}, axis 1 along the minor side {@code (-sin yaw, cos yaw, 0)},
     * axis 2 up {@code (0, 0, 1)}.
     */
    public OrientedBox toOrientedBox() {
        return toOrientedBox(new Matrix4f());
    }

    /**
     * This box as an {@link OrientedBox} in another frame, e.g. the camera frame with
     * {@code upToOther = floorFrame.floorToCamera()}. Axes as in {@link #toOrientedBox()}, then
     * rotated by {@code upToOther}.
     *
     * @param upToOther rigid transform from the up frame to the target frame
     * @throws IllegalArgumentException when {@code upToOther} is not rigid
     */
    public OrientedBox toOrientedBox(Matrix4fc upToOther) {
        OrientedBox.requireRigid(upToOther, "up-to-other transform");
        float c = (float) Math.cos(yaw);
        float s = (float) Math.sin(yaw);
        // Matrix3f's constructor takes columns: major side, minor side, up.
        Matrix3f inUp = new Matrix3f(c, s, 0f, -s, c, 0f, 0f, 0f, 1f);
        Matrix3f rotation = upToOther.get3x3(new Matrix3f()).mul(inUp);
        Vector3f center = upToOther.transformPosition(center(new Vector3f()));
        Vector3f half = new Vector3f((float) (0.5 * majorExtent), (float) (0.5 * minorExtent), (float) (0.5 * height()));
        return new OrientedBox(center, rotation, half);
    }
}
