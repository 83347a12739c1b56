package io.github.spatialvlm4j.benchmarks.naive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.benchmarks.BenchmarkScenes;
import io.github.spatialvlm4j.benchmarks.TestClouds;
import io.github.spatialvlm4j.benchmarks.peers.SmilePeers;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PlaneFit;
import io.github.spatialvlm4j.geometry.PointCloud;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The naive references against known answers, brute force and Smile. */
class NaiveReferencesTest {
    private static final double DIST_TOL = 1e-5;
    /** Tolerance on unit-normal components of a RANSAC plane fitted to points within 1 cm. */
    private static final double NORMAL_TOL = 0.02;

    @Test
    void backProjectionFollowsThePinholeFormulaDepthLimitsAndGroupsByLabel() {
        CameraIntrinsics k = new CameraIntrinsics(100, 200, 1.5, 0.5, 4, 2);
        float[] z = {1, 2, 0, 4, 5, 6, 7, 9};
        int[] ids = {0, 1, 1, 2, 2, 0, 3, 3};
        NaiveBackProjection.Result r = NaiveBackProjection.backProject(new DepthMap(4, 2, z), k,
                new LabelImage(4, 2, ids), 1f, 7f);
        // Pixels 0 (at the exclusive lower bound), 2 (invalid) and 7 (too far) are dropped.
        assertArrayEquals(new int[] {1, 3, 4, 5, 6}, r.pixels());
        assertArrayEquals(new int[] {1, 2, 3}, r.labelIds());
        assertArrayEquals(new int[] {0}, r.pointsOfLabel()[0]);
        assertArrayEquals(new int[] {1, 2}, r.pointsOfLabel()[1]);
        assertArrayEquals(new int[] {4}, r.pointsOfLabel()[2]);
        // Pixel 6 is (u=2, v=1), Z=7: X = 0.5 * 7 / 100, Y = 0.5 * 7 / 200.
        assertEquals(0.035, r.xyz()[12], DIST_TOL);
        assertEquals(0.0175, r.xyz()[13], DIST_TOL);
        assertEquals(7.0, r.xyz()[14], DIST_TOL);
    }

    @Test
    void gapIsTheClosestPairDistanceAndAgreesWithSmile() {
        PointCloud a = new PointCloud(new float[] {0, 0, 0, 1, 0, 0});
        PointCloud b = new PointCloud(new float[] {4, 0, 0, 1, 3, 4});
        assertEquals(3.0, NaiveGap.gap(a, b), DIST_TOL);
        PointCloud[] pair = BenchmarkScenes.objectPair(2_000, 0.2, 11);
        assertEquals(SmilePeers.gap(SmilePeers.rows(pair[0]), SmilePeers.rows(pair[1])),
                NaiveGap.gap(pair[0], pair[1]), DIST_TOL);
        assertThrows(IllegalArgumentException.class, () -> NaiveGap.gap(PointCloud.empty(), b));
    }

    @Test
    void knnMeanDistancesMatchBruteForceAndSmile() {
        PointCloud cloud = BenchmarkScenes.objectCloud(1_500, 12);
        int k = 20;
        double[] naive = NaiveOutlierRemoval.meanKnnDistances(cloud, k);
        double[] smile = SmilePeers.meanKnnDistances(SmilePeers.rows(cloud), k);
        float[] p = cloud.xyz();
        for (int i = 0; i < cloud.size(); i += 97) {
            double[] d = new double[cloud.size() - 1];
            int m = 0;
            for (int j = 0; j < cloud.size(); j++) {
                if (j != i) {
                    double dx = p[3 * j] - p[3 * i];
                    double dy = p[3 * j + 1] - p[3 * i + 1];
                    double dz = p[3 * j + 2] - p[3 * i + 2];
                    d[m++] = Math.sqrt(dx * dx + dy * dy + dz * dz);
                }
            }
            Arrays.sort(d);
            double brute = Arrays.stream(d, 0, k).average().orElseThrow();
            assertEquals(brute, naive[i], DIST_TOL, "point " + i);
        }
        for (int i = 0; i < cloud.size(); i++) {
            assertEquals(smile[i], naive[i], DIST_TOL, "point " + i);
        }
    }

    @Test
    void outlierRemovalDropsIsolatedPoints() {
        PointCloud cloud = TestClouds.blobsAndNoise(2, 300, 10, 13);
        int[] inliers = NaiveOutlierRemoval.inliers(cloud, 10, 1.0f);
        int[] expected = new int[600];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, inliers);
        assertThrows(IllegalArgumentException.class, () -> NaiveOutlierRemoval.inliers(cloud, 0, 1f));
    }

    @Test
    void dbscanFindsTheBlobsAndAgreesWithSmile() {
        PointCloud cloud = TestClouds.blobsAndNoise(3, 400, 30, 14);
        NaiveDbscan.Result r = NaiveDbscan.cluster(cloud, 0.03f, 5);
        assertEquals(3, r.clusterCount());
        for (int i = 0; i < 1200; i++) {
            assertEquals(i / 400, r.labels()[i], "point " + i);
        }
        for (int i = 1200; i < cloud.size(); i++) {
            assertEquals(NaiveDbscan.NOISE, r.labels()[i]);
        }
        PointCloud object = BenchmarkScenes.objectCloud(3_000, 15);
        NaiveDbscan.Result mine = NaiveDbscan.cluster(object, 0.02f, 5);
        int[] smile = SmilePeers.dbscan(SmilePeers.rows(object), 0.02f, 5);
        assertTrue(TestClouds.samePartition(mine.labels(), NaiveDbscan.NOISE,
                smile, SmilePeers.SMILE_NOISE));
    }

    @Test
    void ransacFindsAPlaneAmongOutliers() {
        SplittableRandom rng = new SplittableRandom(16);
        int n = 3_000;
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double x = rng.nextDouble(-2, 2);
            double z = rng.nextDouble(1, 5);
            // Two thirds on the plane y = 0.5 x + 1 (within 1 cm), one third scattered.
            double y = i % 3 == 0 ? rng.nextDouble(-3, 3) : 0.5 * x + 1 + rng.nextDouble(-0.01, 0.01);
            xyz[3 * i] = (float) x;
            xyz[3 * i + 1] = (float) y;
            xyz[3 * i + 2] = (float) z;
        }
        NaiveRansac.Result r = NaiveRansac.fit(new PointCloud(xyz), 0.05f, 200, 17);
        assertEquals(PlaneFit.Status.FOUND, r.status());
        Plane truth = new Plane(0.5, -1, 0, 1);
        Plane p = r.plane().orientedTowards(truth.nx(), truth.ny(), truth.nz());
        assertEquals(truth.nx(), p.nx(), NORMAL_TOL);
        assertEquals(truth.ny(), p.ny(), NORMAL_TOL);
        assertTrue(Math.abs(p.nz()) < NORMAL_TOL);
        assertTrue(r.inliers().length >= 2 * n / 3, "inliers " + r.inliers().length);
    }
}
