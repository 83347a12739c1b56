package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joml.Matrix3f;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** {@link OrientedBox} and {@link GravityAlignedBox}: corners, containment, frames, validation. */
class BoxTypesTest {
    private static final float EXACT = 1e-5f;

    @Test
    void cornersVolumeAndContainmentOfARotatedBox() {
        Matrix3f r = new Matrix3f().rotateZ((float) Math.toRadians(90));
        OrientedBox box = new OrientedBox(new Vector3f(1, 2, 3), r, new Vector3f(2, 1, 0.5f));
        assertEquals(8.0, box.volume(), 1e-9);
        assertTrue(box.extent(new Vector3f()).equals(new Vector3f(4, 2, 1), EXACT));
        Vector3f[] corners = box.corners();
        // Axis 0 is world +y after a 90 degree turn about z, axis 1 is world -x.
        assertTrue(corners[0].equals(new Vector3f(1 + 1, 2 - 2, 3 - 0.5f), EXACT), corners[0].toString());
        assertTrue(corners[7].equals(new Vector3f(1 - 1, 2 + 2, 3 + 0.5f), EXACT), corners[7].toString());
        for (Vector3f c : corners) {
            assertTrue(box.contains(c.x, c.y, c.z, EXACT));
        }
        assertTrue(box.contains(1, 3.9f, 3));
        assertFalse(box.contains(2.1f, 2, 3), "beyond the minor side");
        assertFalse(box.contains(1, 2, 3.6f), "above");
    }

    @Test
    void orientedBoxRejectsReflectionsShearAndNegativeExtents() {
        Vector3f c = new Vector3f();
        Vector3f h = new Vector3f(1, 1, 1);
        Matrix3f reflection = new Matrix3f().scaling(1, 1, -1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new OrientedBox(c, reflection, h))
                .getMessage().contains("determinant +1"));
        assertThrows(IllegalArgumentException.class, () -> new OrientedBox(c, new Matrix3f().scaling(2f), h));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new OrientedBox(c, new Matrix3f(), new Vector3f(1, -0.5f, 1))).getMessage().contains("-0.5"));
        assertThrows(IllegalArgumentException.class,
                () -> new OrientedBox(new Vector3f(Float.NaN, 0, 0), new Matrix3f(), h));
        OrientedBox box = new OrientedBox(c, new Matrix3f(), h);
        assertThrows(IllegalArgumentException.class, () -> box.contains(0, 0, 0, -1f));
        assertThrows(IndexOutOfBoundsException.class, () -> box.axis(3, new Vector3f()));
    }

    @Test
    void orientedBoxCopiesItsInputs() {
        Vector3f c = new Vector3f(1, 1, 1);
        OrientedBox box = new OrientedBox(c, new Matrix3f(), new Vector3f(1, 1, 1));
        c.set(5, 5, 5);
        assertEquals(new Vector3f(1, 1, 1), box.center());
    }

    @Test
    void gravityAlignedBoxInItsUpFrameAndInAnotherFrame() {
        GravityAlignedBox box = new GravityAlignedBox(1, 2, 0, 4, 2, 0.5, 1.5);
        assertEquals(1.0, box.height(), 1e-12);
        assertEquals(8.0, box.volume(), 1e-12);
        assertEquals(new Vector3f(1, 2, 1), box.center(new Vector3f()));
        OrientedBox up = box.toOrientedBox();
        assertTrue(up.corners()[0].equals(new Vector3f(-1, 1, 0.5f), EXACT), up.corners()[0].toString());
        assertTrue(up.corners()[7].equals(new Vector3f(3, 3, 1.5f), EXACT));

        // yaw 90 deg: the major side runs along up-frame y.
        GravityAlignedBox turned = new GravityAlignedBox(0, 0, Math.PI / 2, 4, 2, 0, 1);
        assertTrue(turned.toOrientedBox().contains(0.9f, 1.9f, 0.5f));
        assertFalse(turned.toOrientedBox().contains(1.9f, 0.9f, 0.5f));

        Matrix4f upToCamera = new Matrix4f(FloorFrame.fromFloorPlane(new Plane(0, -1, 0, 1.5)).floorToCamera());
        OrientedBox inCamera = box.toOrientedBox(upToCamera);
        Vector3f expectedCenter = upToCamera.transformPosition(box.center(new Vector3f()));
        assertTrue(inCamera.center().equals(expectedCenter, EXACT));
        Vector3f[] a = up.corners();
        Vector3f[] b = inCamera.corners();
        for (int k = 0; k < 8; k++) {
            assertTrue(upToCamera.transformPosition(new Vector3f(a[k])).equals(b[k], EXACT), "corner " + k);
        }
        assertThrows(IllegalArgumentException.class, () -> box.toOrientedBox(new Matrix4f().scaling(3f)));
    }

    @Test
    void gravityAlignedBoxValidation() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GravityAlignedBox(0, 0, Math.PI, 1, 1, 0, 1))
                .getMessage().contains("yaw"));
        assertThrows(IllegalArgumentException.class, () -> new GravityAlignedBox(0, 0, -0.1, 1, 1, 0, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GravityAlignedBox(0, 0, 0, 1, 2, 0, 1))
                .getMessage().contains("major 1.0, minor 2.0"));
        assertThrows(IllegalArgumentException.class, () -> new GravityAlignedBox(0, 0, 0, 1, -1, 0, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GravityAlignedBox(0, 0, 0, 1, 1, 2, 1))
                .getMessage().contains("zMin 2.0"));
        assertThrows(IllegalArgumentException.class, () -> new GravityAlignedBox(Double.NaN, 0, 0, 1, 1, 0, 1));
    }
}
