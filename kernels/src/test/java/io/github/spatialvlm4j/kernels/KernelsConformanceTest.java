package io.github.spatialvlm4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel on every backend present (ServiceLoader) and several parallelisms, against a slow
 * obvious reference.
 */
class KernelsConformanceTest {
    /** Relative tolerance of float coordinates computed with differently ordered float operations. */
    private static final float TEST_F32 = 1e-5f;
    /** Tolerance of a refined plane normal against the true one (noise 2 mm over 4 m). */
    private static final double NORMAL_TOLERANCE = 1e-3;

    static Stream<Arguments> backends() {
        List<Arguments> out = new ArrayList<>();
        for (KernelBackendProvider p : Kernels.providers()) {
            if (p.isAvailable()) {
                for (int parallelism : new int[] {1, 2, 3}) {
                    out.add(Arguments.of(p.name(), parallelism));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void backProjectionMatchesPixelLoop(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(11);
        int w = 37;
        int h = 23;
        float[] depth = new float[w * h];
        int[] ids = new int[w * h];
        for (int i = 0; i < depth.length; i++) {
            depth[i] = rng.nextInt(5) == 0 ? 0f : (float) (0.2 + 6 * rng.nextDouble());
            ids[i] = rng.nextInt(4) == 0 ? 0 : 1 + rng.nextInt(3) * 7;
        }
        CameraIntrinsics k = new CameraIntrinsics(40.5, 38.25, 18.2, 11.7, w, h);
        float min = 0.5f;
        float max = 5f;
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            BackProjection bp = kernels.backProject(new DepthMap(w, h, depth), k, new LabelImage(w, h, ids), min, max);
            List<Integer> pixels = new ArrayList<>();
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    float z = depth[v * w + u];
                    if (z > min && z <= max) {
                        pixels.add(v * w + u);
                    }
                }
            }
            int[] expectedPixels = pixels.stream().mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expectedPixels, bp.pixelIndex());
            PointCloud cloud = bp.cloud();
            for (int i = 0; i < expectedPixels.length; i++) {
                int u = expectedPixels[i] % w;
                int v = expectedPixels[i] / w;
                double z = depth[expectedPixels[i]];
                assertEquals((u - k.cx()) * z / k.fx(), cloud.x(i), TEST_F32 * 10, "x of point " + i);
                assertEquals((v - k.cy()) * z / k.fy(), cloud.y(i), TEST_F32 * 10, "y of point " + i);
                assertEquals(z, cloud.z(i), 0.0, "z of point " + i);
            }
            float[] xyzInto = new float[3 * w * h];
            int[] pixelsInto = new int[w * h];
            int count = kernels.backProjectInto(new DepthMap(w, h, depth), k, min, max, xyzInto, pixelsInto);
            assertEquals(expectedPixels.length, count);
            assertArrayEquals(cloud.xyz(), java.util.Arrays.copyOf(xyzInto, 3 * count));
            assertArrayEquals(expectedPixels, java.util.Arrays.copyOf(pixelsInto, count));
            // Lifting chosen pixels gives the same points, bit for bit, in the order asked.
            int[] reversed = java.util.stream.IntStream.range(0, expectedPixels.length)
                    .map(i -> expectedPixels[expectedPixels.length - 1 - i]).toArray();
            PointCloud chosen = kernels.backProjectPixels(new DepthMap(w, h, depth), k, reversed);
            for (int i = 0; i < reversed.length; i++) {
                int j = reversed.length - 1 - i;
                assertEquals(Float.floatToRawIntBits(cloud.x(j)), Float.floatToRawIntBits(chosen.x(i)), "x of " + i);
                assertEquals(Float.floatToRawIntBits(cloud.y(j)), Float.floatToRawIntBits(chosen.y(i)), "y of " + i);
                assertEquals(Float.floatToRawIntBits(cloud.z(j)), Float.floatToRawIntBits(chosen.z(i)), "z of " + i);
            }
            assertArrayEquals(new int[] {1, 8, 15}, bp.labelIds());
            for (int id : bp.labelIds()) {
                int[] expected = java.util.stream.IntStream.range(0, expectedPixels.length)
                        .filter(i -> ids[expectedPixels[i]] == id).toArray();
                assertArrayEquals(expected, bp.pointsOfLabel(id), "points of label " + id);
                assertEquals(cloud.subset(expected), bp.objectCloud(id));
            }
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void dbscanMatchesBruteForce(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(5);
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            for (int trial = 0; trial < 8; trial++) {
                float[] xyz = Clouds.blobs(rng, 1 + rng.nextInt(5), 20 + rng.nextInt(120), 0.01 + 0.04 * rng.nextDouble(),
                        rng.nextInt(80));
                float eps = (float) (0.01 + 0.06 * rng.nextDouble());
                int minPoints = 1 + rng.nextInt(12);
                int[] expected = Reference.dbscan(xyz, eps, minPoints);
                PointCloud cloud = new PointCloud(xyz);
                for (DbscanLabelling labelling : DbscanLabelling.values()) {
                    DbscanResult r = kernels.dbscan(cloud, eps, minPoints, labelling);
                    String what = "trial " + trial + " eps " + eps + " minPoints " + minPoints + " " + labelling;
                    assertSamePartition(expected, r.labels(), what);
                    assertArrayEquals(expected, r.labels(), what);
                    assertEquals(Arrays.stream(expected).max().getAsInt() + 1, r.clusterCount(), what);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void dbscanOnDenseGridWithExactTies(String backend, int parallelism) {
        // A lattice with spacing eps: neighbours lie exactly at distance eps (ties on the boundary).
        int side = 9;
        float eps = 0.25f;
        float[] xyz = new float[3 * side * side * side];
        int p = 0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                for (int k = 0; k < side; k++) {
                    xyz[p++] = i * eps;
                    xyz[p++] = j * eps;
                    xyz[p++] = k * eps;
                }
            }
        }
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            for (int minPoints : new int[] {1, 4, 6, 7, 8}) {
                int[] expected = Reference.dbscan(xyz, eps, minPoints);
                for (DbscanLabelling labelling : DbscanLabelling.values()) {
                    assertArrayEquals(expected, kernels.dbscan(new PointCloud(xyz), eps, minPoints, labelling).labels(),
                            "minPoints " + minPoints + " " + labelling);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void dbscanChainsAcrossManyCells(String backend, int parallelism) {
        // A helix sampled closer than eps: one cluster spanning hundreds of grid cells (a long
        // chain for min-label propagation), with a second short chain beside it.
        int n = 3000;
        float[] xyz = new float[3 * (n + 40)];
        for (int i = 0; i < n; i++) {
            double t = i * 0.004;
            xyz[3 * i] = (float) Math.cos(t);
            xyz[3 * i + 1] = (float) Math.sin(t);
            xyz[3 * i + 2] = (float) (0.02 * t);
        }
        for (int i = 0; i < 40; i++) {
            xyz[3 * (n + i)] = 3f + 0.005f * i;
            xyz[3 * (n + i) + 1] = 3f;
            xyz[3 * (n + i) + 2] = 0f;
        }
        float eps = 0.01f;
        int[] expected = Reference.dbscan(xyz, eps, 3);
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            for (DbscanLabelling labelling : DbscanLabelling.values()) {
                DbscanResult r = kernels.dbscan(new PointCloud(xyz), eps, 3, labelling);
                assertArrayEquals(expected, r.labels(), labelling.toString());
                assertEquals(2, r.clusterCount());
                assertArrayEquals(new int[] {n, 40}, r.clusterSizes());
            }
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void statisticalOutlierRemovalMatchesBruteForce(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(17);
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            for (int trial = 0; trial < 6; trial++) {
                float[] xyz = Clouds.blobs(rng, 1 + rng.nextInt(3), 50 + rng.nextInt(300), 0.05, 5 + rng.nextInt(40));
                if (trial == 5) {
                    // Duplicated points: zero distances must count as neighbours.
                    xyz = Arrays.copyOf(xyz, 2 * xyz.length);
                    System.arraycopy(xyz, 0, xyz, xyz.length / 2, xyz.length / 2);
                }
                int k = 1 + rng.nextInt(30);
                float ratio = (float) (0.5 + 2 * rng.nextDouble());
                int[] expected = Reference.statisticalOutlierInliers(xyz, k, ratio);
                assertArrayEquals(expected, kernels.statisticalOutlierInliers(new PointCloud(xyz), k, ratio),
                        "trial " + trial + " k " + k + " ratio " + ratio);
                assertTrue(expected.length < xyz.length / 3, "the reference removes something");
            }
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void ransacPicksTheBestHypothesisOfExhaustiveScoring(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(23);
        float[] xyz = Clouds.floorWithClutter(rng, 700, 300, 1.5f, 0.01);
        RansacOptions options = RansacOptions.defaults(99).withIterations(200).withRefine(false)
                .withDistanceThreshold(0.02f);
        int[] samples = Kernels.drawSamples(xyz.length / 3, 200, 99);
        float[] planes = new float[800];
        int[] status = new int[200];
        int best = -1;
        int bestCount = -1;
        for (int h = 0; h < 200; h++) {
            KernelBodies.ransacHypothesis(h, xyz, samples, 0, 0, 0, 0, 0, planes, status);
            int count = Reference.countInliers(xyz, planes[4 * h], planes[4 * h + 1], planes[4 * h + 2], planes[4 * h + 3],
                    0.02f);
            if (status[h] == 0 && count > bestCount) {
                best = h;
                bestCount = count;
            }
        }
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            RansacResult r = kernels.ransacPlane(new PointCloud(xyz), options);
            assertTrue(r.isFound());
            assertEquals(200, r.hypothesesEvaluated());
            assertEquals(bestCount, r.inliers().length);
            Plane expected = new Plane(planes[4 * best], planes[4 * best + 1], planes[4 * best + 2], planes[4 * best + 3]);
            assertEquals(expected, r.plane());
            for (int i : r.inliers()) {
                assertTrue(expected.distance(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]) <= 0.02f + TEST_F32);
            }
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void ransacRecoversAKnownFloorAndPrefersItWithAPrior(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(31);
        float[] floor = Clouds.floorWithClutter(rng, 3000, 0, 1.5f, 0.002);
        // A wall x = 1 with more points than the floor: without a prior RANSAC takes the wall.
        float[] xyz = Arrays.copyOf(floor, floor.length + 3 * 5000);
        for (int i = 3000; i < 8000; i++) {
            xyz[3 * i] = (float) (1 + 0.002 * Clouds.gaussian(rng));
            xyz[3 * i + 1] = (float) (1.5 - 3 * rng.nextDouble());
            xyz[3 * i + 2] = (float) (1 + 4 * rng.nextDouble());
        }
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            RansacResult wall = kernels.ransacPlane(new PointCloud(xyz), RansacOptions.defaults(3));
            assertEquals(1.0, Math.abs(wall.plane().nx()), NORMAL_TOLERANCE);
            RansacResult r = kernels.ransacPlane(new PointCloud(xyz),
                    RansacOptions.defaults(3).withNormalPrior(new Vector3f(0, -1, 0), (float) Math.toRadians(20)));
            assertTrue(r.isFound());
            assertEquals(-1.0, r.plane().ny(), NORMAL_TOLERANCE, "normal oriented towards the prior (up = -y)");
            assertEquals(1.5, -r.plane().d() / r.plane().ny(), 0.005, "floor height");
            // All 3000 floor points, plus the wall's points within 5 cm of the floor line.
            Plane f = r.plane();
            assertEquals(Reference.countInliers(xyz, (float) f.nx(), (float) f.ny(), (float) f.nz(), (float) f.d(), 0.05f),
                    r.inliers().length);
            for (int i = 0; i < 3000; i++) {
                assertTrue(Arrays.binarySearch(r.inliers(), i) >= 0, "floor point " + i + " is an inlier");
            }
            RansacResult early = kernels.ransacPlane(new PointCloud(xyz), RansacOptions.defaults(3)
                    .withNormalPrior(new Vector3f(0, -1, 0), (float) Math.toRadians(20)).withEarlyExitProbability(0.99));
            assertTrue(early.hypothesesEvaluated() < 1000, "early exit stops before 1000 hypotheses");
            assertEquals(-1.0, early.plane().ny(), NORMAL_TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void ransacIsTheSameForEveryParallelism(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(41);
        PointCloud cloud = new PointCloud(Clouds.floorWithClutter(rng, 5000, 4000, 1.2f, 0.02));
        RansacOptions options = RansacOptions.defaults(7).withEarlyExitProbability(0.999);
        try (Kernels one = Kernels.jvm(1); Kernels kernels = Kernels.create(backend, parallelism)) {
            assertEquals(one.ransacPlane(cloud, options).plane(), kernels.ransacPlane(cloud, options).plane());
            assertArrayEquals(one.ransacPlane(cloud, options).inliers(), kernels.ransacPlane(cloud, options).inliers());
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void pairwiseFactsMatchBruteForce(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(47);
        List<PointCloud> objects = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            float[] xyz = Clouds.blobs(rng, 1 + rng.nextInt(2), 30 + rng.nextInt(400), 0.1, 0);
            if (i == 3) {
                // Far from the others: queries start outside the tree's box.
                for (int p = 0; p < xyz.length; p += 3) {
                    xyz[p] += 5f;
                    xyz[p + 2] -= 3f;
                }
            }
            objects.add(new PointCloud(xyz));
        }
        Matrix4f frame = new Matrix4f().rotateX(0.3f).translate(0.1f, -0.2f, 0.5f);
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            PairwiseFacts f = kernels.pairwise(objects, frame);
            assertEquals(4, f.size());
            for (int i = 0; i < 4; i++) {
                Vector3f ci = frame.transformPosition(objects.get(i).centroid(new Vector3f()), new Vector3f());
                for (int j = 0; j < 4; j++) {
                    Vector3f cj = frame.transformPosition(objects.get(j).centroid(new Vector3f()), new Vector3f());
                    float[] a = objects.get(i).xyz();
                    float[] b = objects.get(j).xyz();
                    assertEquals(i == j ? 0f : Reference.minDistance(a, b), f.gap(i, j), "gap " + i + "," + j);
                    assertEquals(Reference.minDistance(a, b), kernels.gap(objects.get(i), objects.get(j)),
                            "gap() " + i + "," + j);
                    assertEquals(i == j ? 0.0 : Reference.meanNearest(a, b), f.meanNearestNeighbour(i, j), TEST_F32,
                            "mean nearest " + i + "," + j);
                    assertEquals(ci.distance(cj), f.centroidDistance(i, j), TEST_F32);
                    assertEquals(cj.x - ci.x, f.dx(i, j), TEST_F32);
                    assertEquals(cj.y - ci.y, f.dy(i, j), TEST_F32);
                    assertEquals(cj.z - ci.z, f.dz(i, j), TEST_F32);
                }
            }
        }
    }

    /**
     * The gap of two clouds in every layout that picks one strategy or the other (separated boxes,
     * touching, interleaved, one inside the other, a small object above a wide flat one, one point,
     * duplicates, far from the origin) equals the brute-force minimum exactly, both ways round.
     */
    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void gapEqualsBruteForceInEveryLayout(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(29);
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            for (float[][] pair : GapLayouts.all(rng)) {
                float expected = Reference.minDistance(pair[0], pair[1]);
                PointCloud a = new PointCloud(pair[0]);
                PointCloud b = new PointCloud(pair[1]);
                assertEquals(expected, kernels.gap(a, b), () -> "gap of " + a.size() + " and " + b.size() + " points");
                assertEquals(expected, kernels.gap(b, a), () -> "gap of " + b.size() + " and " + a.size() + " points");
            }
        }
    }

    /** Same partition up to a relabelling, noise to noise (a bijection between labels). */
    static void assertSamePartition(int[] expected, int[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        java.util.Map<Integer, Integer> forward = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> backward = new java.util.HashMap<>();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] == DbscanResult.NOISE, actual[i] == DbscanResult.NOISE, what + ": noise at " + i);
            Integer f = forward.putIfAbsent(expected[i], actual[i]);
            assertEquals(f == null ? actual[i] : f, actual[i], what + ": cluster at " + i);
            Integer b = backward.putIfAbsent(actual[i], expected[i]);
            assertEquals(b == null ? expected[i] : b, expected[i], what + ": cluster at " + i);
        }
    }
}
