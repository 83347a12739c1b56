package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** {@link FloorFrame} for cameras with pitch and roll, looking straight down, and without a floor. */
class FloorFrameTest {
    /** Floor points must map to |z| below this without noise, meters (1 mm). */
    private static final float ON_FLOOR = 1e-3f;
    private static final float EXACT = 1e-5f;

    /** The floor plane z = 0 of the world, in the camera frame of {@code cameraToWorld}, normal up or down. */
    static Plane floorInCamera(Matrix4f cameraToWorld, boolean normalDown) {
        Matrix4f worldToCamera = new Matrix4f(cameraToWorld).invertAffine();
        Vector3f n = worldToCamera.transformDirection(new Vector3f(0, 0, normalDown ? -1 : 1));
        Vector3f p = worldToCamera.transformPosition(new Vector3f(0, 0, 0));
        return Plane.fromPointAndNormal(p.x, p.y, p.z, n.x, n.y, n.z);
    }

    @Test
    void floorPointsMapToZeroHeightForCamerasWithPitchAndRoll() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 40; trial++) {
            float height = (float) rnd.nextDouble(0.5, 2.5);
            Vector3f eye = new Vector3f((float) rnd.nextDouble(-3, 3), (float) rnd.nextDouble(-3, 3), height);
            float pitch = (float) Math.toRadians(rnd.nextDouble(-70, 20));
            float heading = (float) rnd.nextDouble(0, 2 * Math.PI);
            Vector3f target = new Vector3f(eye).add((float) (Math.cos(heading) * Math.cos(pitch)),
                    (float) (Math.sin(heading) * Math.cos(pitch)), (float) Math.sin(pitch));
            float roll = (float) Math.toRadians(rnd.nextDouble(-30, 30));
            Matrix4f cameraToWorld = TestPoses.cameraToWorld(eye, target, roll);
            Matrix4f worldToCamera = new Matrix4f(cameraToWorld).invertAffine();
            FloorFrame frame = FloorFrame.fromFloorPlane(floorInCamera(cameraToWorld, trial % 2 == 0));

            for (int k = 0; k < 50; k++) {
                float h = k % 2 == 0 ? 0f : (float) rnd.nextDouble(0, 2);
                Vector3f world = new Vector3f((float) rnd.nextDouble(-5, 5), (float) rnd.nextDouble(-5, 5), h);
                Vector3f floor = frame.cameraToFloor().transformPosition(worldToCamera.transformPosition(world));
                assertEquals(h, floor.z, ON_FLOOR, "height above the floor, trial " + trial);
                // Round trip camera -> floor -> camera.
                Vector3f camera = worldToCamera.transformPosition(new Vector3f(world));
                Vector3f back = frame.floorToCamera().transformPosition(
                        frame.cameraToFloor().transformPosition(new Vector3f(camera)));
                assertTrue(back.equals(camera, 1e-4f), "round trip " + camera + " -> " + back);
            }
            // Origin below the camera; x axis = the view axis projected on the floor.
            Vector3f cameraInFloor = frame.cameraToFloor().transformPosition(new Vector3f());
            assertTrue(cameraInFloor.equals(new Vector3f(0, 0, height), 1e-4f), cameraInFloor.toString());
            Vector3f forward = frame.cameraToFloor().transformDirection(new Vector3f(0, 0, 1));
            assertEquals(0f, forward.y, EXACT);
            assertEquals(Math.cos(pitch), forward.x, EXACT);
            assertEquals(Math.sin(pitch), forward.z, EXACT);
            Plane up = frame.floorInCamera();
            assertTrue(up.ny() < 0, "normal up, against camera +y");
            assertEquals(height, up.signedDistance(0, 0, 0), 1e-4, "camera height above the floor plane");
        }
    }

    @Test
    void transformsAreRigidInverses() {
        FloorFrame frame = FloorFrame.fromFloorPlane(new Plane(0.1, -0.9, 0.3, 1.3));
        Matrix4f product = new Matrix4f(frame.cameraToFloor()).mul(frame.floorToCamera());
        assertTrue(product.equals(new Matrix4f(), EXACT), product.toString());
        assertEquals(1f, frame.cameraToFloor().determinant3x3(), EXACT);
    }

    @Test
    void cameraLookingStraightDown() {
        // Camera 2 m above the floor, looking down, image top towards world +y.
        Matrix4f cameraToWorld = new Matrix4f(1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 2, 1);
        for (boolean normalDown : new boolean[] {false, true}) {
            FloorFrame frame = FloorFrame.fromFloorPlane(floorInCamera(cameraToWorld, normalDown));
            Vector3f cameraInFloor = frame.cameraToFloor().transformPosition(new Vector3f());
            assertTrue(cameraInFloor.equals(new Vector3f(0, 0, 2), EXACT), "normal down " + normalDown + ": "
                    + cameraInFloor);
            Vector3f ahead = frame.cameraToFloor().transformPosition(new Vector3f(0, 0, 2));
            assertEquals(0f, ahead.z, ON_FLOOR, "the point 2 m ahead is on the floor");
            // View axis is vertical: x is camera up (-y) instead.
            Vector3f cameraUp = frame.cameraToFloor().transformDirection(new Vector3f(0, -1, 0));
            assertTrue(cameraUp.equals(new Vector3f(1, 0, 0), EXACT), cameraUp.toString());
        }
    }

    @Test
    void cameraUpFrameWithoutAFloor() {
        FloorFrame frame = FloorFrame.cameraUp();
        assertTrue(frame.cameraToFloor().transformDirection(new Vector3f(0, -1, 0)).equals(new Vector3f(0, 0, 1), EXACT));
        assertTrue(frame.cameraToFloor().transformDirection(new Vector3f(0, 0, 1)).equals(new Vector3f(1, 0, 0), EXACT));
        assertTrue(frame.cameraToFloor().transformDirection(new Vector3f(-1, 0, 0)).equals(new Vector3f(0, 1, 0), EXACT),
                "y points to the viewer's left");
        assertTrue(frame.cameraToFloor().transformPosition(new Vector3f()).equals(new Vector3f(), EXACT));
    }
}
