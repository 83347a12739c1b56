package io.github.spatialvlm4j.kernels.tornado;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.dbscan.DbscanResult;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.ransac.RansacOptions;
import io.github.spatialvlm4j.kernels.ransac.RansacResult;
import io.github.spatialvlm4j.kernels.tornado.bench.Workloads;
import java.util.List;
import org.joml.Matrix4f;
import org.junit.jupiter.api.Test;

/**
 * The TornadoVM backend itself: present and chosen by auto inside the TornadoVM runtime (so a
 * test run without the runtime fails here instead of passing on the JVM backend alone), plans
 * reused per shape, and results identical to the JVM backend on clouds large enough that the
 * k-d tree kernels wrap their slots (n &gt; {@link TornadoBackend#KD_SLOTS}) and RANSAC spans many
 * point blocks. The kernels module's conformance and edge-case suites also run in this module.
 */
class TornadoBackendTest {
    /** Relative tolerance of distances summed in a different order (mean of k distances). */
    private static final float TEST_F32 = 1e-5f;

    @Test
    void autoPicksTheTornadoBackendInsideTheRuntime() {
        try (Kernels kernels = Kernels.create("auto", 1)) {
            assertEquals(Kernels.TORNADOVM, kernels.backendName(),
                    "the test JVM must run inside the TornadoVM runtime (tornado-argfile in the surefire argLine)");
        }
        try (TornadoBackend backend = new TornadoBackend()) {
            assertFalse(backend.deviceName().isBlank());
        }
    }

    @Test
    void plansAreBuiltOncePerShapeAndReused() {
        float[] a = Workloads.scene(3000, 1).xyz();
        float[] b = Workloads.scene(3000, 2).xyz();
        float[] c = Workloads.scene(3100, 3).xyz();
        TornadoBackend backend = new TornadoBackend();
        try (Kernels kernels = Kernels.on(backend)) {
            RansacOptions options = RansacOptions.defaults(5).withIterations(64).withEarlyExitProbability(0);
            kernels.ransacPlane(new PointCloud(a), options);
            int shapes = backend.compiledShapes();
            assertTrue(shapes >= 3, "hypotheses, scoring and inlier flags each have a plan: " + shapes);
            assertTrue(backend.firstRunNanos() > 0);
            kernels.ransacPlane(new PointCloud(b), options);
            assertEquals(shapes, backend.compiledShapes(), "same shape, same plans");
            kernels.ransacPlane(new PointCloud(c), options);
            assertTrue(backend.compiledShapes() > shapes, "a new size compiles new plans");
        }
        assertThrows(IllegalStateException.class, () -> backend.planeInlierFlags(a, 1, 0, 1, 0, 0, 1, new int[1]));
    }

    @Test
    void largeCloudsMatchTheJvmBackend() {
        int n = 12000;
        float[] xyz = Workloads.scene(n, 42).xyz();
        PointCloud cloud = new PointCloud(xyz);
        try (Kernels jvm = Kernels.jvm(2); Kernels gpu = Kernels.create(Kernels.TORNADOVM, 1)) {
            DbscanResult dj = jvm.dbscan(cloud, 0.05f, 6);
            DbscanResult dg = gpu.dbscan(cloud, 0.05f, 6);
            assertTrue(dj.clusterCount() >= 3, "the scene has clusters: " + dj);
            assertArrayEquals(dj.labels(), dg.labels(), "identical partition (clusters numbered by first point)");

            RansacOptions options = RansacOptions.defaults(17).withIterations(300);
            RansacResult rj = jvm.ransacPlane(cloud, options);
            RansacResult rg = gpu.ransacPlane(cloud, options);
            assertTrue(rj.isFound());
            assertEquals(rj.plane(), rg.plane(), "same seed, same plane");
            assertArrayEquals(rj.inliers(), rg.inliers());
            assertEquals(rj.hypothesesEvaluated(), rg.hypothesesEvaluated());

            assertArrayEquals(jvm.statisticalOutlierInliers(cloud, 8, 1.5f),
                    gpu.statisticalOutlierInliers(cloud, 8, 1.5f));

            List<PointCloud> objects = List.of(new PointCloud(java.util.Arrays.copyOfRange(xyz, 0, 3 * 9000)),
                    new PointCloud(java.util.Arrays.copyOfRange(xyz, 3 * 9000, 3 * n)),
                    Workloads.scene(500, 9));
            Matrix4f frame = new Matrix4f().rotateX(0.3f).translate(0.1f, -1.5f, 0.2f);
            var pj = jvm.pairwise(objects, frame);
            var pg = gpu.pairwise(objects, frame);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(pj.gap(i, j), pg.gap(i, j), 0f, "nearest distances are exact");
                    float mean = pj.meanNearestNeighbour(i, j);
                    assertEquals(mean, pg.meanNearestNeighbour(i, j), TEST_F32 * Math.max(1f, mean));
                    assertEquals(pj.centroidDistance(i, j), pg.centroidDistance(i, j), 0f);
                }
            }
            assertEquals(jvm.gap(objects.get(0), objects.get(2)), gpu.gap(objects.get(0), objects.get(2)), 0f);
        }
    }
}
