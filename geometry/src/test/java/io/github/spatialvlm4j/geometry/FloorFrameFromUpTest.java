package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** {@link FloorFrame#fromUp}: the up frame without a floor (z up, x forward along the horizontal, origin at the camera). */
class FloorFrameFromUpTest {
    private static final float EXACT = 1e-6f;

    private static Vector3f toUp(FloorFrame f, float x, float y, float z) {
        return f.cameraToFloor().transformPosition(new Vector3f(x, y, z));
    }

    private static void assertVector(Vector3f want, Vector3f got) {
        assertTrue(got.equals(want, EXACT), "want " + want + ", got " + got);
    }

    @Test
    void levelCameraGivesTheCameraUpFrame() {
        FloorFrame f = FloorFrame.fromUp(0, -1, 0);
        assertVector(new Vector3f(0, 0, 0), toUp(f, 0, 0, 0));
        assertVector(new Vector3f(1, 0, 0), toUp(f, 0, 0, 1));
        assertVector(new Vector3f(0, 0, 1), toUp(f, 0, -1, 0));
        assertVector(new Vector3f(0, -1, 0), toUp(f, 1, 0, 0)); // y points to the viewer's left
        assertTrue(new Matrix4f(f.cameraToFloor()).equals(FloorFrame.cameraUp().cameraToFloor(), EXACT));
        // The length of up does not matter.
        assertTrue(new Matrix4f(FloorFrame.fromUp(0, -7.5, 0).cameraToFloor()).equals(f.cameraToFloor(), EXACT));
    }

    /** A camera pitched 30 degrees down: up is (0, -cos 30, -sin 30) in the camera frame. */
    @Test
    void pitchedCamera() {
        double t = Math.toRadians(30);
        float c = (float) Math.cos(t);
        float s = (float) Math.sin(t);
        FloorFrame f = FloorFrame.fromUp(0, -c, -s);
        // Heights are along up, from the camera: a point 2 m along up is 2 m high, the camera is at 0.
        assertVector(new Vector3f(0, 0, 2), toUp(f, 0, -2 * c, -2 * s));
        assertVector(new Vector3f(0, 0, 0), toUp(f, 0, 0, 0));
        // The viewing axis leaves the camera 30 degrees below the horizontal, along up-frame x.
        assertVector(new Vector3f(c, 0, -s), toUp(f, 0, 0, 1));
        // Forward on the horizontal is (0, -sin 30, cos 30) in the camera frame.
        assertVector(new Vector3f(1, 0, 0), toUp(f, 0, -s, c));
        assertVector(new Vector3f(0, -1, 0), toUp(f, 1, 0, 0));
        // Rigid: the inverse is the other transform, and the rotation part is proper.
        Matrix4f product = new Matrix4f(f.floorToCamera()).mul(f.cameraToFloor());
        assertTrue(product.equals(new Matrix4f(), EXACT), product.toString());
        assertEquals(1, f.cameraToFloor().determinant3x3(), EXACT);
    }

    @Test
    void cameraLookingStraightDownTakesCameraUpAsForward() {
        // Forward (camera +z) is down: up is camera -z, and forward along the floor is camera up (-y).
        FloorFrame f = FloorFrame.fromUp(0, 0, -1);
        assertVector(new Vector3f(0, 0, -1), toUp(f, 0, 0, 1));
        assertVector(new Vector3f(1, 0, 0), toUp(f, 0, -1, 0));
        assertEquals(1, f.cameraToFloor().determinant3x3(), EXACT);
    }

    @Test
    void zeroOrNonFiniteUpIsRejectedWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FloorFrame.fromUp(0, 0, 0)).getMessage()
                .contains("(0.0, 0.0, 0.0)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FloorFrame.fromUp(0, Double.NaN, 0))
                .getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FloorFrame.fromUp(Double.POSITIVE_INFINITY, -1, 0)).getMessage().contains("Infinity"));
        assertThrows(IllegalArgumentException.class, () -> FloorFrame.fromUp(1e-12, 0, 0));
    }
}
