package io.github.spatialvlm4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PlaneFit;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** Empty input, one point, duplicates, all noise, one cluster, degenerate samples, NaN, misuse. */
class KernelsEdgeCaseTest {

    /** A JVM backend that counts kernel launches, to prove validation happens before any. */
    private static KernelBackend counting(AtomicInteger launches) {
        JvmBackend real = new JvmBackend(2);
        return (KernelBackend) Proxy.newProxyInstance(KernelBackend.class.getClassLoader(),
                new Class<?>[] {KernelBackend.class}, (proxy, method, args) -> {
                    if (method.getReturnType() == void.class && !method.getName().equals("close")) {
                        launches.incrementAndGet();
                    }
                    return method.invoke(real, args);
                });
    }

    @Test
    void nanInAClouldIsRejectedBeforeAnyLaunchNamingThePoint() {
        AtomicInteger launches = new AtomicInteger();
        float[] xyz = {0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1};
        PointCloud cloud = new PointCloud(xyz);
        xyz[7] = Float.NaN; // arrays are shared: the cloud changed after it was checked
        try (Kernels k = Kernels.on(counting(launches))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.dbscan(cloud, 0.1f, 2));
            assertTrue(e.getMessage().contains("point 2"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> k.statisticalOutlierInliers(cloud, 2, 1f));
            assertThrows(IllegalArgumentException.class, () -> k.ransacPlane(cloud, RansacOptions.defaults(1)));
            assertThrows(IllegalArgumentException.class, () -> k.pairwise(List.of(cloud), new Matrix4f()));
            assertEquals(0, launches.get());
            // The counter does count launches: a valid call launches kernels.
            k.dbscan(new PointCloud(new float[] {0, 0, 1}), 0.1f, 1);
            assertTrue(launches.get() > 0);
        }
    }

    @Test
    void invalidParametersNameTheValue() {
        PointCloud cloud = new PointCloud(new float[] {0, 0, 1, 1, 0, 1});
        try (Kernels k = Kernels.jvm(1)) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> k.dbscan(cloud, -1f, 2)).getMessage()
                    .contains("Invalid eps: -1.0"));
            assertThrows(IllegalArgumentException.class, () -> k.dbscan(cloud, Float.NaN, 2));
            assertThrows(IllegalArgumentException.class, () -> k.dbscan(cloud, 0.1f, 0));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> k.statisticalOutlierInliers(cloud, 0, 1f))
                    .getMessage().contains("Invalid k: 0"));
            assertThrows(IllegalArgumentException.class, () -> k.statisticalOutlierInliers(cloud, 3, Float.NaN));
            assertThrows(IllegalArgumentException.class, () -> RansacOptions.defaults(1).withDistanceThreshold(0f));
            assertThrows(IllegalArgumentException.class, () -> RansacOptions.defaults(1).withIterations(0));
            assertThrows(IllegalArgumentException.class, () -> RansacOptions.defaults(1).withEarlyExitProbability(1.0));
            assertThrows(IllegalArgumentException.class,
                    () -> RansacOptions.defaults(1).withNormalPrior(new Vector3f(), 0.1f));
            assertThrows(IllegalArgumentException.class,
                    () -> k.pairwise(List.of(cloud, PointCloud.empty()), new Matrix4f()));
            assertThrows(IllegalArgumentException.class, () -> k.gap(cloud, PointCloud.empty()));
            // eps far too small for the extent: refused rather than allocating a giant grid.
            PointCloud wide = new PointCloud(new float[] {0, 0, 0, 1000, 0, 0});
            assertThrows(IllegalArgumentException.class, () -> k.dbscan(wide, 1e-5f, 1));
        }
    }

    @Test
    void backProjectionChecksShapesAndRanges() {
        DepthMap depth = new DepthMap(4, 3, new float[12]);
        try (Kernels k = Kernels.jvm(1)) {
            assertThrows(ShapeMismatchException.class,
                    () -> k.backProject(depth, new CameraIntrinsics(10, 10, 2, 1, 5, 3), null, 0f, 10f));
            CameraIntrinsics in = new CameraIntrinsics(10, 10, 2, 1, 4, 3);
            assertThrows(ShapeMismatchException.class,
                    () -> k.backProject(depth, in, new LabelImage(3, 4, new int[12]), 0f, 10f));
            assertThrows(IllegalArgumentException.class, () -> k.backProject(depth, in, null, 2f, 1f));
            assertThrows(IllegalArgumentException.class, () -> k.backProject(depth, in, null, Float.NaN, 1f));
            BackProjection none = k.backProject(depth, in, new LabelImage(4, 3, new int[12]), 0f, 10f);
            assertEquals(0, none.cloud().size());
            assertEquals(0, none.labelIds().length);
            assertThrows(IllegalArgumentException.class, () -> none.pointsOfLabel(1));
            float[] d = new float[12];
            d[5] = 10f; // exactly maxDepth: kept
            d[6] = 10.5f; // beyond: skipped
            d[7] = 0.1f; // at minDepth: skipped (exclusive)
            BackProjection bp = k.backProject(new DepthMap(4, 3, d), in, null, 0.1f, 10f);
            assertArrayEquals(new int[] {5}, bp.pixelIndex());
            assertEquals(10f, bp.cloud().z(0));
            DepthMap one = new DepthMap(4, 3, d);
            assertEquals(bp.cloud(), k.backProjectPixels(one, in, new int[] {5}));
            assertEquals(0, k.backProjectPixels(one, in, new int[0]).size());
            IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class,
                    () -> k.backProjectPixels(one, in, new int[] {5, 12}));
            assertTrue(outside.getMessage().contains("Pixel 12 at position 1"), outside.getMessage());
            IllegalArgumentException noDepth = assertThrows(IllegalArgumentException.class,
                    () -> k.backProjectPixels(one, in, new int[] {4}));
            assertTrue(noDepth.getMessage().contains("(u=0, v=1)"), noDepth.getMessage());
        }
    }

    @Test
    void emptyAndTinyClouds() {
        try (Kernels k = Kernels.jvm(2)) {
            PointCloud empty = PointCloud.empty();
            assertEquals(0, k.dbscan(empty, 0.1f, 1).labels().length);
            assertEquals(0, k.dbscan(empty, 0.1f, 1).clusterCount());
            assertEquals(0, k.dbscan(empty, 0.1f, 1).largestClusterIndices().length);
            assertEquals(0, k.statisticalOutlierInliers(empty, 5, 1f).length);
            RansacResult r = k.ransacPlane(empty, RansacOptions.defaults(1));
            assertEquals(PlaneFit.Status.TOO_FEW_POINTS, r.status());
            assertNull(r.plane());
            assertEquals(0, k.pairwise(List.of(), new Matrix4f()).size());

            PointCloud one = new PointCloud(new float[] {1, 2, 3});
            assertArrayEquals(new int[] {0}, k.dbscan(one, 0.1f, 1).labels());
            assertArrayEquals(new int[] {DbscanResult.NOISE}, k.dbscan(one, 0.1f, 2).labels());
            assertArrayEquals(new int[] {0}, k.statisticalOutlierInliers(one, 5, 1f));
            PairwiseFacts f = k.pairwise(List.of(one, new PointCloud(new float[] {1, 2, 5})), new Matrix4f());
            assertEquals(2f, f.gap(0, 1));
            assertEquals(2f, k.gap(one, new PointCloud(new float[] {1, 2, 5})));
            assertEquals(2f, f.gap(1, 0));
            assertEquals(2f, f.meanNearestNeighbour(1, 0));
            assertEquals(0f, f.gap(0, 0));
            assertEquals(2f, f.dz(0, 1));
            assertEquals(-2f, f.dz(1, 0));
        }
    }

    @Test
    void duplicatesAllNoiseAndOneCluster() {
        try (Kernels k = Kernels.jvm(2)) {
            float[] same = new float[3 * 50];
            for (int i = 0; i < 50; i++) {
                same[3 * i] = 0.5f;
                same[3 * i + 1] = -0.25f;
                same[3 * i + 2] = 2f;
            }
            DbscanResult one = k.dbscan(new PointCloud(same), 1e-3f, 50);
            assertEquals(1, one.clusterCount());
            assertArrayEquals(new int[] {50}, one.clusterSizes());
            assertEquals(0, one.largestCluster());
            DbscanResult noise = k.dbscan(new PointCloud(same), 1e-3f, 51);
            assertEquals(0, noise.clusterCount());
            assertEquals(50, noise.noiseCount());
            assertThrows(IllegalStateException.class, noise::largestCluster);
            assertEquals(0, noise.largestClusterIndices().length);
            // Duplicates have zero distance to their k nearest neighbours: nobody is an outlier.
            assertEquals(50, k.statisticalOutlierInliers(new PointCloud(same), 10, 1f).length);
            // Coincident samples only: degenerate.
            assertEquals(PlaneFit.Status.DEGENERATE, k.ransacPlane(new PointCloud(same), RansacOptions.defaults(1)).status());
        }
    }

    @Test
    void ransacOnCollinearPointsIsDegenerateAndAPriorCanRejectEverything() {
        float[] line = new float[3 * 100];
        for (int i = 0; i < 100; i++) {
            line[3 * i] = 0.01f * i;
            line[3 * i + 1] = 0.02f * i;
            line[3 * i + 2] = 1f + 0.03f * i;
        }
        float[] wall = new float[3 * 100];
        for (int i = 0; i < 100; i++) {
            wall[3 * i] = 2f;
            wall[3 * i + 1] = 0.1f * (i % 10);
            wall[3 * i + 2] = 1 + 0.1f * (i / 10);
        }
        try (Kernels k = Kernels.jvm(2)) {
            RansacResult r = k.ransacPlane(new PointCloud(line), RansacOptions.defaults(5).withIterations(50));
            assertEquals(PlaneFit.Status.DEGENERATE, r.status());
            assertEquals(0, r.inliers().length);
            RansacResult floorOnly = k.ransacPlane(new PointCloud(wall),
                    RansacOptions.defaults(5).withNormalPrior(new Vector3f(0, -1, 0), 0.3f));
            assertEquals(PlaneFit.Status.NOT_FOUND, floorOnly.status());
            RansacResult any = k.ransacPlane(new PointCloud(wall), RansacOptions.defaults(5));
            assertEquals(100, any.inliers().length);
            assertEquals(1.0, Math.abs(any.plane().nx()), 1e-6);
        }
    }

    @Test
    void backendSelectionAndLifecycle() {
        try (Kernels auto = Kernels.create("auto", 2)) {
            // auto is TornadoVM exactly when its runtime is loaded (the kernels/tornado module reruns this suite so).
            boolean tornadoRuntime = System.getProperty("tornado.load.runtime.implementation") != null;
            assertEquals(tornadoRuntime ? Kernels.TORNADOVM : JvmBackend.NAME, auto.backendName());
        }
        if (System.getProperty("tornado.load.runtime.implementation") == null) {
            assertThrows(IllegalStateException.class, () -> Kernels.create("tornadovm", 2));
        }
        assertThrows(IllegalStateException.class, () -> Kernels.create("cuda-magic", 2));
        assertThrows(IllegalArgumentException.class, () -> Kernels.create("jvm", 0));
        String old = System.getProperty(Kernels.PARALLELISM_PROPERTY);
        String oldBackend = System.getProperty(Kernels.BACKEND_PROPERTY);
        System.setProperty(Kernels.PARALLELISM_PROPERTY, "3");
        System.setProperty(Kernels.BACKEND_PROPERTY, JvmBackend.NAME);
        try (Kernels k = Kernels.create()) {
            assertEquals(JvmBackend.NAME, k.backendName());
            assertEquals(3, k.parallelism());
        } finally {
            restore(Kernels.PARALLELISM_PROPERTY, old);
            restore(Kernels.BACKEND_PROPERTY, oldBackend);
        }
        Kernels k = Kernels.jvm(2);
        k.close();
        k.close();
        PointCloud cloud = new PointCloud(new float[] {0, 0, 1});
        assertThrows(IllegalStateException.class, () -> k.dbscan(cloud, 0.1f, 1));
        assertThrows(IllegalStateException.class, () -> k.ransacPlane(cloud, RansacOptions.defaults(1)));
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
