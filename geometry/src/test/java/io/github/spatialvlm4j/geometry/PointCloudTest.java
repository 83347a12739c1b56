package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** {@link PointCloud}: construction, validation and the derived clouds and statistics. */
class PointCloudTest {
    private static final float EXACT = 1e-6f;

    @Test
    void emptyCloud() {
        PointCloud empty = PointCloud.empty();
        assertEquals(0, empty.size());
        assertTrue(empty.isEmpty());
        assertFalse(empty.hasColors());
        assertThrows(IllegalStateException.class, () -> empty.centroid(new Vector3f()));
        assertThrows(IllegalStateException.class, empty::bounds);
        assertEquals(0, empty.transformed(new Matrix4f().translation(1, 2, 3)).size());
        assertEquals(0, empty.subset(new int[0]).size());
    }

    @Test
    void onePoint() {
        PointCloud one = new PointCloud(new float[] {1, -2, 3}, new int[] {0x102030});
        assertEquals(1, one.size());
        assertEquals(new Vector3f(1, -2, 3), one.point(0, new Vector3f()));
        assertEquals(new Vector3f(1, -2, 3), one.centroid(new Vector3f()));
        AxisAlignedBox b = one.bounds();
        assertEquals(new Vector3f(0, 0, 0), b.extent(new Vector3f()));
        assertTrue(b.contains(1, -2, 3));
        assertEquals(-2f, one.y(0));
    }

    @Test
    void nonFiniteCoordinatesAreRejectedWithThePointIndex() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new PointCloud(new float[] {0, 0, 0, 1, 1, 1, 2, Float.NaN, 2}));
        assertTrue(nan.getMessage().contains("NaN at point 2 (y)"), nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> new PointCloud(new float[] {Float.NEGATIVE_INFINITY, 0, 0}));
        assertTrue(inf.getMessage().contains("point 0 (x)"), inf.getMessage());
        assertThrows(ShapeMismatchException.class, () -> new PointCloud(new float[4]));
        assertTrue(assertThrows(ShapeMismatchException.class, () -> new PointCloud(new float[6], new int[3]))
                .getMessage().contains("3 colours for 2 points"));
        assertThrows(IllegalArgumentException.class, () -> new PointCloud(null));
    }

    @Test
    void subsetKeepsOrderRepeatsAndColours() {
        PointCloud c = new PointCloud(new float[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, new int[] {1, 2, 3});
        PointCloud s = c.subset(new int[] {2, 0, 2});
        assertArrayEquals(new float[] {2, 2, 2, 0, 0, 0, 2, 2, 2}, s.xyz());
        assertArrayEquals(new int[] {3, 1, 3}, s.rgb());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> c.subset(new int[] {0, 3}));
        assertTrue(e.getMessage().contains("Point index 3 at position 1"), e.getMessage());
        assertNull(new PointCloud(new float[] {0, 0, 0}).subset(new int[] {0, 0}).rgb());
    }

    @Test
    void transformCentroidAndBoundsKnownAnswers() {
        PointCloud c = new PointCloud(new float[] {0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 6}, new int[] {1, 2, 3, 4});
        assertTrue(c.centroid(new Vector3f()).equals(new Vector3f(0.5f, 1f, 1.5f), EXACT));
        AxisAlignedBox b = c.bounds();
        assertEquals(new Vector3f(0, 0, 0), b.min());
        assertEquals(new Vector3f(2, 4, 6), b.max());
        assertTrue(b.center(new Vector3f()).equals(new Vector3f(1, 2, 3), EXACT));
        // Rotate 90 degrees about z, then translate: (x, y, z) -> (-y + 1, x, z + 1).
        Matrix4f m = new Matrix4f().translation(1, 0, 1).rotateZ((float) Math.toRadians(90));
        PointCloud t = c.transformed(m);
        float[] expected = {1, 0, 1, 1, 2, 1, -3, 0, 1, 1, 0, 7};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], t.xyz()[i], EXACT, "coordinate " + i);
        }
        assertArrayEquals(c.rgb(), t.rgb());
        assertNotEquals(c.rgb(), t.rgb(), "colours copied, not shared");
        assertEquals(c, new PointCloud(c.xyz().clone(), c.rgb().clone()));
        assertEquals(c.hashCode(), new PointCloud(c.xyz().clone(), c.rgb().clone()).hashCode());
        assertNotEquals(c, new PointCloud(c.xyz().clone()));
    }

    @Test
    void axisAlignedBoxValidation() {
        assertThrows(IllegalArgumentException.class, () -> new AxisAlignedBox(new Vector3f(1, 0, 0), new Vector3f(0, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new AxisAlignedBox(null, new Vector3f()));
    }

    @Test
    void strideSampleKeepsEveryCeilNOverMaxThPoint() {
        assertArrayEquals(new int[] {0, 3, 6, 9}, PointCloud.strideIndices(10, 4));
        assertArrayEquals(new int[] {0, 1, 2}, PointCloud.strideIndices(3, 4));
        assertArrayEquals(new int[] {0, 2, 4}, PointCloud.strideIndices(6, 3));
        assertArrayEquals(new int[0], PointCloud.strideIndices(0, 4));
        float[] xyz = new float[30];
        int[] rgb = new int[10];
        for (int i = 0; i < 10; i++) {
            xyz[3 * i] = i;
            rgb[i] = i;
        }
        PointCloud cloud = new PointCloud(xyz, rgb);
        PointCloud sample = cloud.strideSample(4);
        assertEquals(4, sample.size());
        assertEquals(9f, sample.x(3));
        assertEquals(9, sample.rgb()[3]);
        assertTrue(cloud.strideSample(10) == cloud, "no copy when nothing is dropped");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cloud.strideSample(0));
        assertTrue(e.getMessage().contains("at most 0"), e.getMessage());
    }
}
