package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CanonicalizerTest {
    /** Largest angle between the estimated and the true floor normal, degrees. */
    private static final double ANGLE_TOLERANCE_DEG = 1.0;
    /** Largest error of the camera height above the floor, meters. */
    private static final double HEIGHT_TOLERANCE_M = 0.02;
    /** Noise of the hand-built planes, meters (well under the RANSAC threshold). */
    private static final double PLANE_NOISE_M = 0.005;

    private static Kernels kernels;
    private static Canonicalizer canonicalizer;

    @BeforeAll
    static void open() {
        kernels = Kernels.jvm(2);
        canonicalizer = new Canonicalizer(kernels, CanonicalizeOptions.defaults());
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

    /** The back-projected points of the pixels with depth and no object label (camera frame, meters). */
    static PointCloud background(Frame frame) {
        DepthMap depth = frame.depth().orElseThrow();
        LabelImage labels = frame.labels().orElseThrow();
        CameraIntrinsics k = frame.intrinsics().orElseThrow();
        int w = depth.width();
        float[] xyz = new float[3 * w * depth.height()];
        int n = 0;
        for (int v = 0; v < depth.height(); v++) {
            for (int u = 0; u < w; u++) {
                float z = depth.get(u, v);
                if (z == DepthMap.INVALID || labels.get(u, v) != LabelImage.NONE) {
                    continue;
                }
                xyz[3 * n] = (float) ((u - k.cx()) * z / k.fx());
                xyz[3 * n + 1] = (float) ((v - k.cy()) * z / k.fy());
                xyz[3 * n + 2] = z;
                n++;
            }
        }
        return new PointCloud(java.util.Arrays.copyOf(xyz, 3 * n));
    }

    @Test
    void syntheticSceneFloorMatchesGroundTruth() {
        SyntheticSceneGenerator gen = new SyntheticSceneGenerator(
                SyntheticSceneOptions.defaults().withSize(160, 120).withObjects(2, 5));
        for (long seed = 1; seed <= 3; seed++) {
            Frame frame = gen.generate("s" + seed, seed);
            Plane truth = frame.groundTruth().orElseThrow().floor().orElseThrow();
            Canonicalizer.Result r = canonicalizer.canonicalize(background(frame), 100 + seed);
            assertTrue(r.canonicalized(), "seed " + seed + ": " + r.detail());
            Plane est = r.floor().orElseThrow();
            double angle = Math.toDegrees(est.angleTo(truth.nx(), truth.ny(), truth.nz()));
            assertTrue(angle < ANGLE_TOLERANCE_DEG, "seed " + seed + ": normal off by " + angle + " deg");
            assertEquals(truth.d(), est.d(), HEIGHT_TOLERANCE_M, "seed " + seed + ": camera height");
            assertTrue(est.ny() < 0, "normal points up (camera -y): " + est);
            assertTrue(r.inliers() > 0);
            assertEquals("floor found", r.detail());
        }
    }

    /** Points of the horizontal rectangle {@code y = below} (camera frame: y down), x in [x0, x1], z in [z0, z1]. */
    private static void horizontal(float[] xyz, int from, int count, double below, double x0, double x1, double z0,
            double z1, Random rnd) {
        for (int i = from; i < from + count; i++) {
            xyz[3 * i] = (float) (x0 + (x1 - x0) * rnd.nextDouble());
            xyz[3 * i + 1] = (float) (below + PLANE_NOISE_M * rnd.nextGaussian());
            xyz[3 * i + 2] = (float) (z0 + (z1 - z0) * rnd.nextDouble());
        }
    }

    @Test
    void largerTableTopAboveTheFloorDoesNotWin() {
        Random rnd = new Random(21);
        int floorPoints = 3000;
        int tablePoints = 5000;
        float[] xyz = new float[3 * (floorPoints + tablePoints)];
        horizontal(xyz, 0, floorPoints, 1.5, -3, 3, 1, 8, rnd);
        horizontal(xyz, floorPoints, tablePoints, 0.75, -0.6, 0.6, 2, 3, rnd);
        Canonicalizer.Result r = canonicalizer.canonicalize(new PointCloud(xyz), 5);
        assertTrue(r.canonicalized(), r.detail());
        Plane floor = r.floor().orElseThrow();
        assertEquals(1.5, floor.d(), HEIGHT_TOLERANCE_M, "the floor, 1.5 m below the camera, not the table top");
        assertTrue(Math.toDegrees(floor.angleTo(0, -1, 0)) < ANGLE_TOLERANCE_DEG, floor::toString);
        assertTrue(r.inliers() <= floorPoints, "inliers " + r.inliers() + " are the floor's, not the table's");
    }

    @Test
    void onlyAWallIsNotCanonicalized() {
        Random rnd = new Random(22);
        int n = 4000;
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = (float) (-2 + 4 * rnd.nextDouble());
            xyz[3 * i + 1] = (float) (-1 + 2.5 * rnd.nextDouble());
            xyz[3 * i + 2] = (float) (4 + PLANE_NOISE_M * rnd.nextGaussian());
        }
        Canonicalizer.Result r = canonicalizer.canonicalize(new PointCloud(xyz), 5);
        assertNotCanonicalized(r);
    }

    @Test
    void tooFewPointsAreNotCanonicalized() {
        assertNotCanonicalized(canonicalizer.canonicalize(PointCloud.empty(), 1));
        Canonicalizer.Result two = canonicalizer.canonicalize(new PointCloud(new float[] {0, 1, 2, 1, 1, 2}), 1);
        assertNotCanonicalized(two);
        assertTrue(two.detail().contains("2"), two.detail());
    }

    @Test
    void floorOutsideTheCameraHeightRangeIsNotCanonicalized() {
        Random rnd = new Random(23);
        float[] xyz = new float[3 * 2000];
        horizontal(xyz, 0, 2000, 0.1, -1, 1, 1, 3, rnd); // 10 cm below the camera: under minCameraHeight
        Canonicalizer.Result r = canonicalizer.canonicalize(new PointCloud(xyz), 1);
        assertNotCanonicalized(r);
        assertTrue(r.detail().contains("0.10"), r.detail());
    }

    private static void assertNotCanonicalized(Canonicalizer.Result r) {
        assertFalse(r.canonicalized());
        assertTrue(r.floor().isEmpty());
        assertEquals(0, r.inliers());
        assertFalse(r.detail().isBlank());
        assertFalse(r.detail().equals("floor found"));
        assertEquals(FloorFrame.cameraUp().cameraToFloor(), r.frame().cameraToFloor());
    }

    @Test
    void sameSeedGivesTheSamePlaneOnAnyThreadCount() {
        Random rnd = new Random(24);
        int n = 6000;
        float[] xyz = new float[3 * n];
        horizontal(xyz, 0, 4000, 1.3, -3, 3, 1, 8, rnd);
        for (int i = 4000; i < n; i++) { // clutter
            xyz[3 * i] = (float) (-3 + 6 * rnd.nextDouble());
            xyz[3 * i + 1] = (float) (-1 + 2.3 * rnd.nextDouble());
            xyz[3 * i + 2] = (float) (1 + 7 * rnd.nextDouble());
        }
        PointCloud cloud = new PointCloud(xyz);
        Canonicalizer.Result a = canonicalizer.canonicalize(cloud, 77);
        Canonicalizer.Result b = canonicalizer.canonicalize(cloud, 77);
        Canonicalizer.Result c;
        try (Kernels one = Kernels.jvm(1)) {
            c = new Canonicalizer(one, CanonicalizeOptions.defaults()).canonicalize(cloud, 77);
        }
        assertTrue(a.canonicalized(), a.detail());
        assertEquals(a.floor(), b.floor());
        assertEquals(a.floor(), c.floor());
        assertEquals(a.inliers(), c.inliers());
    }
}
