package io.github.spatialvlm4j.benchmarks.naive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.benchmarks.BenchmarkInputs;
import io.github.spatialvlm4j.benchmarks.BenchmarkScenes;
import io.github.spatialvlm4j.geometry.PlaneFit;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.backproject.BackProjection;
import io.github.spatialvlm4j.kernels.dbscan.DbscanResult;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.ransac.RansacOptions;
import io.github.spatialvlm4j.kernels.ransac.RansacResult;

import java.util.List;

import org.joml.Matrix4f;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each naive reference does the same work as the kernel it is measured against: same inputs
 * give the same result (same points, same partition, same plane and inliers, same gap), so a
 * benchmark ratio compares equal work. Inputs are small versions of the benchmark inputs.
 */
class NaiveAgreesWithKernelsTest {
    /** Float coordinates from float (kernel) and double (naive) arithmetic, meters at a few meters' range. */
    private static final float COORD_TOL = 1e-5f;
    /** The gap is a float distance in the kernel and a float min then double sqrt here. */
    private static final double GAP_TOL = 1e-6;

    private static Kernels kernels;

    @BeforeAll
    static void open() {
        kernels = Kernels.jvm(2);
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

    @Test
    void backProjectionGivesTheSamePointsPixelsAndObjects() {
        BenchmarkScenes.Scene s = BenchmarkScenes.render(160, 120, 21);
        BackProjection ours = kernels.backProject(s.depth(), s.intrinsics(), s.labels(), 2.5f, 5f);
        NaiveBackProjection.Result naive = NaiveBackProjection.backProject(s.depth(), s.intrinsics(), s.labels(),
                2.5f, 5f);
        assertTrue(naive.size() > 1000 && naive.size() < 160 * 120, "the depth limits drop some pixels");
        assertArrayEquals(naive.pixels(), ours.pixelIndex());
        assertArrayEquals(naive.xyz(), ours.cloud().xyz(), COORD_TOL);
        assertArrayEquals(naive.labelIds(), ours.labelIds());
        for (int k = 0; k < naive.labelIds().length; k++) {
            assertArrayEquals(naive.pointsOfLabel()[k], ours.pointsOfLabel(naive.labelIds()[k]));
        }
    }

    @Test
    void outlierRemovalKeepsTheSamePoints() {
        PointCloud cloud = BenchmarkScenes.objectCloud(4_000, 22);
        int[] naive = NaiveOutlierRemoval.inliers(cloud, BenchmarkInputs.SOR_K, BenchmarkInputs.SOR_STD_RATIO);
        assertTrue(naive.length < cloud.size(), "flying pixels are removed");
        assertArrayEquals(naive, kernels.statisticalOutlierInliers(cloud, BenchmarkInputs.SOR_K,
                BenchmarkInputs.SOR_STD_RATIO));
    }

    @Test
    void dbscanGivesTheSameLabelsOnAnObjectAndOnAFrame() {
        PointCloud object = BenchmarkScenes.objectCloud(6_000, 23);
        NaiveDbscan.Result naive = NaiveDbscan.cluster(object, BenchmarkScenes.DBSCAN_EPS,
                BenchmarkInputs.DBSCAN_MIN_POINTS);
        DbscanResult ours = kernels.dbscan(object, BenchmarkScenes.DBSCAN_EPS, BenchmarkInputs.DBSCAN_MIN_POINTS);
        assertEquals(NaiveDbscan.NOISE, DbscanResult.NOISE);
        assertArrayEquals(naive.labels(), ours.labels());
        assertEquals(naive.clusterCount(), ours.clusterCount());

        BenchmarkScenes.Scene s = BenchmarkScenes.render(160, 120, 24);
        PointCloud frame = NaiveBackProjection.cloud(s.depth(), s.intrinsics());
        NaiveDbscan.Result naiveFrame = NaiveDbscan.cluster(frame, 0.06f, 6);
        DbscanResult oursFrame = kernels.dbscan(frame, 0.06f, 6);
        assertTrue(naiveFrame.clusterCount() > 1, "clusters " + naiveFrame.clusterCount());
        assertArrayEquals(naiveFrame.labels(), oursFrame.labels());
    }

    @Test
    void ransacFindsTheSamePlaneAndInliers() {
        BenchmarkScenes.Scene s = BenchmarkScenes.render(160, 120, 25);
        PointCloud frame = NaiveBackProjection.cloud(s.depth(), s.intrinsics());
        RansacOptions options = RansacOptions.defaults(26).withIterations(200);
        RansacResult ours = kernels.ransacPlane(frame, options);
        NaiveRansac.Result naive = NaiveRansac.fit(frame, options.distanceThreshold(), options.iterations(),
                options.seed());
        assertEquals(PlaneFit.Status.FOUND, naive.status());
        assertEquals(naive.plane(), ours.plane());
        assertArrayEquals(naive.inliers(), ours.inliers());
        // The floor of the benchmark camera: normal along camera "up" (0, -cos 25, -sin 25) up to sign.
        double up = Math.abs(-Math.cos(Math.toRadians(25)) * naive.plane().ny()
                - Math.sin(Math.toRadians(25)) * naive.plane().nz());
        assertEquals(1.0, up, 1e-3);
    }

    @Test
    void ransacDefaultsAreTheBenchmarkedSettings() {
        RansacOptions options = RansacOptions.defaults(1);
        assertEquals(0.05f, options.distanceThreshold());
        assertEquals(1000, options.iterations());
        assertEquals(0.0, options.earlyExitProbability());
    }

    @Test
    void gapIsTheSame() {
        PointCloud[] pair = BenchmarkScenes.objectPair(3_000, BenchmarkInputs.PAIR_GAP, 27);
        double naive = NaiveGap.gap(pair[0], pair[1]);
        assertEquals(naive, kernels.gap(pair[0], pair[1]), GAP_TOL);
        assertEquals(naive, kernels.pairwise(List.of(pair[0], pair[1]), new Matrix4f()).gap(0, 1), GAP_TOL);
    }
}
