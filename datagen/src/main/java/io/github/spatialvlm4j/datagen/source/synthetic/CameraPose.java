package io.github.spatialvlm4j.datagen.source.synthetic;

import org.joml.Matrix3d;
import org.joml.Vector3d;

/**
 * Where a synthetic camera stands and looks, in the world frame (z up, floor {@code z = 0}, meters).
 *
 * <p>The camera frame is the project's (x right, y down, z forward). Its axes in the world: forward
 * {@code f = (cos pitch cos yaw, cos pitch sin yaw, -sin pitch)} (pitch positive = looking down),
 * right {@code r0 = f x up / |f x up|}, down {@code d0 = f x r0}; roll turns them about {@code f}:
 * {@code r = r0 cos roll + d0 sin roll}, {@code d = d0 cos roll - r0 sin roll}. A camera-frame point
 * {@code p} is the world point {@code position + R p} with {@code R = [r d f]} (columns).
 *
 * @param x camera x, world frame, meters
 * @param y camera y, world frame, meters
 * @param height camera height above the floor, meters, &gt; 0
 * @param yaw heading of the viewing axis about world +z from world +x, radians
 * @param pitch downward tilt of the viewing axis, radians, in (-pi/2, pi/2)
 * @param roll rotation about the viewing axis, radians, in (-pi/2, pi/2)
 */
public record CameraPose(double x, double y, double height, double yaw, double pitch, double roll) {

    public CameraPose {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("Invalid camera position (" + x + ", " + y + ") (meters, must be finite)");
        }
        if (!(height > 0) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("Invalid camera height: " + height + " (meters, must be finite and > 0)");
        }
        if (!Double.isFinite(yaw)) {
            throw new IllegalArgumentException("Invalid camera yaw: " + yaw + " (radians, must be finite)");
        }
        if (!(Math.abs(pitch) < 0.5 * Math.PI)) {
            throw new IllegalArgumentException("Invalid camera pitch: " + pitch + " (radians, must be in (-pi/2, pi/2))");
        }
        if (!(Math.abs(roll) < 0.5 * Math.PI)) {
            throw new IllegalArgumentException("Invalid camera roll: " + roll + " (radians, must be in (-pi/2, pi/2))");
        }
    }

    /** The rotation {@code R} taking camera-frame directions to world directions (columns r, d, f), in {@code dest}. */
    public Matrix3d worldFromCamera(Matrix3d dest) {
        Vector3d f = new Vector3d(Math.cos(pitch) * Math.cos(yaw), Math.cos(pitch) * Math.sin(yaw), -Math.sin(pitch));
        Vector3d r0 = new Vector3d(f).cross(0, 0, 1).normalize();
        Vector3d d0 = new Vector3d(f).cross(r0);
        double c = Math.cos(roll);
        double s = Math.sin(roll);
        Vector3d r = new Vector3d(r0).mul(c).fma(s, d0);
        Vector3d d = new Vector3d(d0).mul(c).fma(-s, r0);
        return dest.set(r, d, f);
    }

    /** World frame point of camera-frame point {@code p}, written to {@code dest}. */
    public Vector3d cameraToWorld(Vector3d p, Vector3d dest) {
        Matrix3d rot = worldFromCamera(new Matrix3d());
        return rot.transform(p, dest).add(x, y, height);
    }

    /** Camera frame point of world point {@code p}, written to {@code dest}. */
    public Vector3d worldToCamera(Vector3d p, Vector3d dest) {
        Matrix3d rot = worldFromCamera(new Matrix3d());
        return rot.transformTranspose(dest.set(p).sub(x, y, height));
    }
}
