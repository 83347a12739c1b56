package io.github.spatialvlm4j.geometry;

import org.joml.Matrix4f;
import org.joml.Vector3f;

/** Camera poses in a z-up world, for tests. */
final class TestPoses {
    private TestPoses() {
    }

    /**
     * The rigid transform from the camera frame (x right, y down, z forward) to a z-up world frame
     * for a camera at {@code eye} looking at {@code target}, rolled by {@code rollRadians} about its
     * viewing axis (positive roll turns camera right towards camera down). The view direction must
     * not be vertical.
     */
    static Matrix4f cameraToWorld(Vector3f eye, Vector3f target, float rollRadians) {
        Vector3f forward = new Vector3f(target).sub(eye).normalize();
        Vector3f right0 = new Vector3f(forward).cross(0, 0, 1).normalize();
        Vector3f down0 = new Vector3f(forward).cross(right0).normalize();
        float c = (float) Math.cos(rollRadians);
        float s = (float) Math.sin(rollRadians);
        Vector3f right = new Vector3f(right0).mul(c).fma(s, down0);
        Vector3f down = new Vector3f(down0).mul(c).fma(-s, right0);
        return new Matrix4f(
                right.x, right.y, right.z, 0f,
                down.x, down.y, down.z, 0f,
                forward.x, forward.y, forward.z, 0f,
                eye.x, eye.y, eye.z, 1f);
    }
}
