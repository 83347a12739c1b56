package io.github.spatialvlm4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.benchmarks.BenchmarkScenes.Box;
import io.github.spatialvlm4j.benchmarks.BenchmarkScenes.Scene;
import io.github.spatialvlm4j.benchmarks.naive.NaiveDbscanTestSupport;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;

import java.util.List;

import org.junit.jupiter.api.Test;

class BenchmarkScenesTest {
    /** Depth values are floats: about 7 significant digits at a few meters. */
    private static final double DEPTH_TOL = 1e-5;
    private static final double SIN25 = Math.sin(Math.toRadians(25));
    private static final double COS25 = Math.cos(Math.toRadians(25));

    @Test
    void opticalAxisHitsTheFloorAtHeightOverSinePitch() {
        int[] label = new int[1];
        double z = BenchmarkScenes.castRay(0, 0, List.of(), label);
        // Camera 1.5 m up, looking 25 degrees down: the axis meets the floor after 1.5 / sin 25.
        assertEquals(1.5 / SIN25, z, DEPTH_TOL);
        assertEquals(LabelImage.NONE, label[0]);
    }

    @Test
    void rayThroughTheTopRowHitsTheBackWall() {
        CameraIntrinsics k = BenchmarkScenes.intrinsics(640, 480);
        double dy = (0 - k.cy()) / k.fy();
        // Ray angle above the axis: atan(-dy); elevation below horizon = 25 deg - that angle.
        double below = Math.toRadians(25) - Math.atan(-dy);
        // Floor distance (forward) of that ray: 1.5 / tan(below) > 6 m, so the wall at y = 6 m wins;
        // forward component of the (dx, dy, 1) direction is cos25 + (-dy) sin25 ... written out:
        double forwardPerUnitZ = COS25 - dy * SIN25;
        assertTrue(1.5 / Math.tan(below) > 6.0);
        int[] label = new int[1];
        assertEquals(6.0 / forwardPerUnitZ, BenchmarkScenes.castRay(0, dy, List.of(), label), DEPTH_TOL);
    }

    @Test
    void boxStraightAheadIsHitOnItsFrontFace() {
        // A 1 m cube whose front face is the plane y = 2 m: the optical axis reaches y = 2 at
        // t = 2 / cos 25 = 2.207, height 1.5 - 2.207 sin 25 = 0.567 m, inside the face.
        Box cube = new Box(0, 2.5, 0.5, 0.5, 1.0, 0);
        int[] label = new int[1];
        assertEquals(2.0 / COS25, BenchmarkScenes.castRay(0, 0, List.of(cube), label), DEPTH_TOL);
        assertEquals(1, label[0]);
        // A ray 0.6 m to the right at that depth passes beside the cube and hits the floor.
        double dx = 0.6 / (2.0 / COS25);
        assertEquals(1.5 / SIN25, BenchmarkScenes.castRay(dx, 0, List.of(cube), label), DEPTH_TOL);
        assertEquals(LabelImage.NONE, label[0]);
    }

    @Test
    void lowBoxIsHitOnItsTopFace() {
        // Top face at z = 0.5 m: the axis reaches that height at t = 1.0 / sin 25 = 2.366,
        // forward y = 2.366 cos 25 = 2.145 m, inside a footprint spanning y in [1.5, 3.5].
        Box slab = new Box(0, 2.5, 1.0, 1.0, 0.5, 0);
        int[] label = new int[1];
        assertEquals(1.0 / SIN25, BenchmarkScenes.castRay(0, 0, List.of(slab), label), DEPTH_TOL);
        assertEquals(1, label[0]);
    }

    @Test
    void renderIsSeededAndEveryPixelValid() {
        Scene a = BenchmarkScenes.render(64, 48, 7);
        Scene b = BenchmarkScenes.render(64, 48, 7);
        assertArrayEquals(a.depth().meters(), b.depth().meters());
        assertEquals(64 * 48, a.depth().validCount());
        assertEquals(4, a.boxes().size());
        // The depth stored for a pixel is the ray cast through it.
        int[] label = new int[1];
        CameraIntrinsics k = a.intrinsics();
        double z = BenchmarkScenes.castRay((10 - k.cx()) / k.fx(), (30 - k.cy()) / k.fy(), a.boxes(), label);
        assertEquals(z, a.depth().get(10, 30), DEPTH_TOL);
        assertEquals(label[0], a.labels().get(10, 30));
    }

    @Test
    void objectCloudHasTheRequestedSizeAndAboutOneHundredNeighboursPerPoint() {
        PointCloud cloud = BenchmarkScenes.objectCloud(100_000, 3);
        assertEquals(100_000, cloud.size());
        double mean = NaiveDbscanTestSupport.meanNeighbourCount(cloud, BenchmarkScenes.DBSCAN_EPS);
        // 100 on open faces, fewer along the box's silhouette edges and among flying pixels.
        assertTrue(mean > 80 && mean < 110, "mean neighbours " + mean);
    }

    @Test
    void objectCloudLiesOnTheVisibleFacesInFrontOfTheCamera() {
        PointCloud cloud = BenchmarkScenes.objectCloud(5_000, 4);
        for (int i = 0; i < cloud.size(); i++) {
            assertTrue(cloud.z(i) > 1.0 && cloud.z(i) < 5.0, "depth " + cloud.z(i));
        }
    }

    @Test
    void objectPairFootprintsAreSeparated() {
        PointCloud[] pair = BenchmarkScenes.objectPair(2_000, 0.3, 5);
        assertEquals(2_000, pair[0].size());
        assertEquals(2_000, pair[1].size());
        float maxXa = pair[0].bounds().max().x();
        float minXb = pair[1].bounds().min().x();
        assertTrue(minXb > maxXa, "clouds overlap in x: " + maxXa + " vs " + minXb);
    }
}
