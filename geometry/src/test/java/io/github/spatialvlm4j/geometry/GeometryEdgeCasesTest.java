package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** Empty clouds, one point, duplicates, collinear points and NaN through every algorithm of this module. */
class GeometryEdgeCasesTest {
    private static final float EXACT = 1e-6f;

    @Test
    void emptyCloud() {
        PointCloud empty = PointCloud.empty();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Boxes.pca(empty)).getMessage().contains("empty"));
        assertThrows(IllegalArgumentException.class, () -> Boxes.gravityAligned(empty));
        VoxelGrid.Result r = VoxelGrid.voxelize(empty, 0.1f);
        assertEquals(0, r.downsampled().size());
        assertEquals(0, r.voxelOfPoint().length);
    }

    @Test
    void onePoint() {
        PointCloud one = new PointCloud(new float[] {1, 2, 3});
        OrientedBox pca = Boxes.pca(one);
        assertEquals(new Vector3f(1, 2, 3), pca.center());
        assertEquals(new Vector3f(0, 0, 0), pca.halfExtents());
        assertEquals(1f, pca.rotation().determinant(), EXACT);
        GravityAlignedBox g = Boxes.gravityAligned(one);
        assertEquals(new GravityAlignedBox(1, 2, 0, 0, 0, 3, 3), g);
        assertEquals(1, VoxelGrid.downsample(one, 0.5f).size());
    }

    @Test
    void duplicates() {
        float[] xyz = new float[3 * 100];
        for (int i = 0; i < 100; i++) {
            xyz[3 * i] = 0.25f;
            xyz[3 * i + 1] = -1f;
            xyz[3 * i + 2] = 2f;
        }
        PointCloud same = new PointCloud(xyz);
        OrientedBox pca = Boxes.pca(same);
        assertEquals(new Vector3f(0, 0, 0), pca.halfExtents());
        GravityAlignedBox g = Boxes.gravityAligned(same);
        assertEquals(0.0, g.majorExtent(), 0.0);
        assertEquals(0.0, g.height(), 0.0);
        VoxelGrid.Result r = VoxelGrid.voxelize(same, 0.1f);
        assertEquals(1, r.downsampled().size());
        assertArrayEquals(new int[] {100}, r.pointCounts());
    }

    @Test
    void collinearAndTwoPointFootprints() {
        // Points on a vertical plane through a horizontal line at 45 degrees: footprint is a segment.
        float[] xyz = new float[3 * 20];
        for (int i = 0; i < 20; i++) {
            xyz[3 * i] = i * 0.1f;
            xyz[3 * i + 1] = i * 0.1f;
            xyz[3 * i + 2] = (i % 4) * 0.5f;
        }
        GravityAlignedBox g = Boxes.gravityAligned(new PointCloud(xyz));
        assertEquals(1.9 * Math.sqrt(2), g.majorExtent(), 1e-5);
        assertEquals(0.0, g.minorExtent(), 1e-6);
        assertEquals(Math.PI / 4, g.yaw(), 1e-6);
        assertEquals(1.5, g.height(), 1e-6);
        GravityAlignedBox two = Boxes.gravityAligned(new PointCloud(new float[] {0, 0, 0, 0, -3, 1}));
        assertEquals(3.0, two.majorExtent(), 1e-6);
        assertEquals(Math.PI / 2, two.yaw(), 1e-6);
        assertEquals(-1.5, two.centerY(), 1e-6);
        OrientedBox pca = Boxes.pca(new PointCloud(new float[] {0, 0, 0, 0, -3, 1}));
        assertEquals(0.5 * Math.sqrt(10), pca.halfExtents().x(), 1e-5);
        assertEquals(0f, pca.halfExtents().y(), EXACT);
    }

    @Test
    void nanIsRejectedWithThePointIndex() {
        float[] xyz = {0, 0, 0, 1, 1, 1, 0, 0, Float.NaN};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PointCloud(xyz)).getMessage()
                .contains("point 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Planes.fitLeastSquares(xyz, null)).getMessage()
                .contains("point 2"));
    }
}
