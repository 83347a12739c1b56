package io.github.spatialvlm4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PlaneFit;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.ransac.RansacBodies;
import io.github.spatialvlm4j.kernels.ransac.RansacKernel;
import io.github.spatialvlm4j.kernels.ransac.RansacOptions;
import io.github.spatialvlm4j.kernels.ransac.RansacResult;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact RANSAC shortcuts (spatial block order with box tests, and the bail-out that drops
 * hypotheses between scoring rounds once they cannot win) change nothing: status, plane, inliers
 * and hypotheses evaluated equal those of exhaustive scoring, on every backend and parallelism.
 * Clouds span many point blocks so that there are several rounds.
 */
class RansacShortcutsTest {

    static Stream<Arguments> backends() {
        return KernelsConformanceTest.backends();
    }

    /** Runs with every shortcut, with none and as sized, asserts equal results, returns the hypotheses dropped. */
    private static int assertSameAsExhaustive(Kernels kernels, float[] xyz, RansacOptions options, String what) {
        PointCloud cloud = new PointCloud(xyz);
        int[] pruned = {0};
        RansacResult fast = RansacKernel.fit(kernels.backend(), cloud.xyz(), options, RansacKernel.Shortcuts.ALL,
                pruned);
        RansacResult slow = RansacKernel.fit(kernels.backend(), cloud.xyz(), options, RansacKernel.Shortcuts.NONE,
                null);
        assertEquals(slow.status(), fast.status(), what);
        assertEquals(slow.plane(), fast.plane(), what);
        assertArrayEquals(slow.inliers(), fast.inliers(), what);
        assertEquals(slow.hypothesesEvaluated(), fast.hypothesesEvaluated(), what);
        RansacResult sized = kernels.ransacPlane(cloud, options);
        assertEquals(slow.plane(), sized.plane(), what + " (shortcuts by size)");
        assertArrayEquals(slow.inliers(), sized.inliers(), what + " (shortcuts by size)");
        assertEquals(slow.hypothesesEvaluated(), sized.hypothesesEvaluated(), what + " (shortcuts by size)");
        return pruned[0];
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void manySeededCloudsGiveTheExhaustiveResult(String backend, int parallelism) {
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            int prunedWithBigFloor = 0;
            for (int seed = 0; seed < 12; seed++) {
                SplittableRandom rng = new SplittableRandom(1000 + seed);
                // A floor covering most points, about half, or few of them (little to prune).
                int floor = new int[] {15000, 8000, 900}[seed % 3];
                int clutter = new int[] {1500, 8000, 15000}[seed % 3];
                float[] xyz = Clouds.floorWithClutter(rng, floor, clutter, 1.2f, 0.01 + 0.01 * (seed % 4));
                RansacOptions options = RansacOptions.defaults(seed).withIterations(150 + 10 * seed)
                        .withRefine(seed % 2 == 0);
                int pruned = assertSameAsExhaustive(kernels, xyz, options, "seed " + seed);
                if (seed % 3 == 0) {
                    prunedWithBigFloor += pruned;
                }
                assertSameAsExhaustive(kernels, xyz, options.withEarlyExitProbability(0.999), "early exit, seed " + seed);
                assertSameAsExhaustive(kernels, xyz,
                        options.withNormalPrior(new Vector3f(0, -1, 0), (float) Math.toRadians(10)), "prior, seed " + seed);
            }
            assertTrue(prunedWithBigFloor > 0, "a dominant floor lets the bail-out drop hypotheses");
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void theWinnerIsTheExhaustiveReferencesAndPruningHappens(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(77);
        float[] xyz = Clouds.floorWithClutter(rng, 14000, 3000, 1.5f, 0.01);
        int n = xyz.length / 3;
        int hyps = 120;
        float t = 0.03f;
        int[] samples = Kernels.drawSamples(n, hyps, 5);
        float[] planes = new float[4 * hyps];
        int[] status = new int[hyps];
        int best = -1;
        int bestCount = -1;
        for (int h = 0; h < hyps; h++) {
            RansacBodies.ransacHypothesis(h, xyz, samples, 0, 0, 0, 0, 0, planes, status);
            int count = Reference.countInliers(xyz, planes[4 * h], planes[4 * h + 1], planes[4 * h + 2],
                    planes[4 * h + 3], t);
            if (status[h] == 0 && count > bestCount) {
                best = h;
                bestCount = count;
            }
        }
        RansacOptions options = RansacOptions.defaults(5).withIterations(hyps).withRefine(false)
                .withDistanceThreshold(t);
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            int[] pruned = {0};
            RansacResult r = RansacKernel.fit(kernels.backend(), xyz, options, RansacKernel.Shortcuts.ALL, pruned);
            assertEquals(new Plane(planes[4 * best], planes[4 * best + 1], planes[4 * best + 2], planes[4 * best + 3]),
                    r.plane());
            assertEquals(bestCount, r.inliers().length);
            assertEquals(hyps, r.hypothesesEvaluated());
            // Clutter planes (most of the 120) hold a few thousand points, the floor 14000 of 17000.
            assertTrue(pruned[0] > hyps / 4, "pruned " + pruned[0] + " of " + hyps);
            assertTrue(pruned[0] < hyps, "the winner is never pruned");
            int[] none = {0};
            RansacKernel.fit(kernels.backend(), xyz, options, RansacKernel.Shortcuts.NONE, none);
            assertEquals(0, none[0], "no bail-out, nothing pruned");
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void tiesGoToTheLowestHypothesisWithAndWithoutBailOut(String backend, int parallelism) {
        // Two exact planes of equal size on a lattice (z = 1 and z = 3, 80 x 80 points each, with
        // no point within the threshold of the other plane): many hypotheses tie at 6400 inliers.
        float[] xyz = new float[3 * 2 * 6400];
        int i = 0;
        for (int layer = 0; layer < 2; layer++) {
            for (int a = 0; a < 80; a++) {
                for (int b = 0; b < 80; b++) {
                    xyz[i++] = 0.05f * a;
                    xyz[i++] = 0.05f * b;
                    xyz[i++] = layer == 0 ? 1f : 3f;
                }
            }
        }
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            for (int seed = 0; seed < 4; seed++) {
                RansacOptions options = RansacOptions.defaults(seed).withIterations(200).withRefine(false)
                        .withDistanceThreshold(0.01f);
                assertSameAsExhaustive(kernels, xyz, options, "seed " + seed);
                RansacResult r = kernels.ransacPlane(new PointCloud(xyz), options);
                assertEquals(6400, r.inliers().length);
                // The winner is the first hypothesis whose three samples lie on one layer.
                int[] samples = Kernels.drawSamples(12800, 200, seed);
                int first = 0;
                while (samples[3 * first] / 6400 != samples[3 * first + 1] / 6400
                        || samples[3 * first] / 6400 != samples[3 * first + 2] / 6400
                        || collinear(xyz, samples, first)) {
                    first++;
                }
                assertEquals(samples[3 * first] < 6400 ? 1.0 : 3.0, -r.plane().d() / r.plane().nz(), 1e-6,
                        "seed " + seed);
            }
        }
    }

    private static boolean collinear(float[] xyz, int[] samples, int h) {
        float[] planes = new float[4 * (h + 1)];
        int[] status = new int[h + 1];
        RansacBodies.ransacHypothesis(h, xyz, samples, 0, 0, 0, 0, 0, planes, status);
        return status[h] != 0;
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource("backends")
    void collinearCloudsAndAPriorRejectingAllAreUnchanged(String backend, int parallelism) {
        int n = 9000;
        float[] line = new float[3 * n];
        float[] wall = new float[3 * n];
        for (int i = 0; i < n; i++) {
            // Exactly collinear in floats: dyadic coordinates, every cross product is exactly 0.
            line[3 * i] = i / 1024f;
            line[3 * i + 1] = 2 * i / 1024f;
            line[3 * i + 2] = 1f + 4 * i / 1024f;
            wall[3 * i] = 2f;
            wall[3 * i + 1] = 0.01f * (i % 100);
            wall[3 * i + 2] = 1 + 0.01f * (i / 100);
        }
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            RansacOptions options = RansacOptions.defaults(3).withIterations(100);
            assertSameAsExhaustive(kernels, line, options, "line");
            assertEquals(PlaneFit.Status.DEGENERATE, kernels.ransacPlane(new PointCloud(line), options).status());
            RansacOptions floorOnly = options.withNormalPrior(new Vector3f(0, -1, 0), 0.3f);
            assertSameAsExhaustive(kernels, wall, floorOnly, "prior rejects all");
            assertEquals(PlaneFit.Status.NOT_FOUND, kernels.ransacPlane(new PointCloud(wall), floorOnly).status());
            assertSameAsExhaustive(kernels, wall, floorOnly.withEarlyExitProbability(0.99), "prior, early exit");
        }
    }

    @Test
    void theBoxTestDecidesOnlyWhatEveryPointAgreesWith() {
        SplittableRandom rng = new SplittableRandom(91);
        float[] bounds = new float[6];
        float[] planes = new float[4];
        int[] status = new int[1];
        int[] decided = new int[3];
        for (int trial = 0; trial < 20000; trial++) {
            // A random plane through three random points, far from or near the origin.
            float[] three = new float[9];
            double far = trial % 2 == 0 ? 3 : 300;
            for (int i = 0; i < 9; i++) {
                three[i] = (float) (far * (2 * rng.nextDouble() - 1));
            }
            RansacBodies.ransacHypothesis(0, three, new int[] {0, 1, 2}, 0, 0, 0, 0, 0, planes, status);
            if (status[0] != 0) {
                continue;
            }
            for (int a = 0; a < 3; a++) {
                float lo = (float) (far * (2 * rng.nextDouble() - 1));
                bounds[a] = lo;
                bounds[a + 3] = lo + (float) (far * 0.01 * rng.nextDouble()) * (trial % 7 == 0 ? 0 : 1);
            }
            float[] corners = new float[3 * 8];
            float reach = 0;
            for (int c = 0; c < 8; c++) {
                for (int a = 0; a < 3; a++) {
                    corners[3 * c + a] = bounds[a + 3 * ((c >> a) & 1)];
                }
                float r = planes[0] * corners[3 * c] + planes[1] * corners[3 * c + 1] + planes[2] * corners[3 * c + 2]
                        + planes[3];
                reach = Math.max(reach, Math.abs(r));
            }
            // Thresholds around the farthest and nearest corner's residual, a few ulps either side,
            // and arbitrary ones.
            float t = switch (trial % 3) {
                case 0 -> reach + (rng.nextInt(9) - 4) * Math.ulp(reach);
                case 1 -> (float) (far * 0.05 * rng.nextDouble()) + Float.MIN_NORMAL;
                default -> Math.max(Float.MIN_NORMAL, reach * (float) (1 + 1e-6 * (rng.nextInt(9) - 4)));
            };
            int side = RansacBodies.ransacBoxSide(planes[0], planes[1], planes[2], planes[3], t, bounds, 0);
            decided[side]++;
            if (side == 2) {
                continue;
            }
            for (int p = 0; p < 8 + 40; p++) {
                float px;
                float py;
                float pz;
                if (p < 8) {
                    px = corners[3 * p];
                    py = corners[3 * p + 1];
                    pz = corners[3 * p + 2];
                } else {
                    px = bounds[0] + (float) rng.nextDouble() * (bounds[3] - bounds[0]);
                    py = bounds[1] + (float) rng.nextDouble() * (bounds[4] - bounds[1]);
                    pz = bounds[2] + (float) rng.nextDouble() * (bounds[5] - bounds[2]);
                    px = Math.min(bounds[3], px);
                    py = Math.min(bounds[4], py);
                    pz = Math.min(bounds[5], pz);
                }
                assertEquals(side, RansacBodies.planeInlier(px, py, pz, planes[0], planes[1], planes[2], planes[3], t),
                        "trial " + trial + " point " + p);
            }
        }
        assertTrue(decided[0] > 1000 && decided[1] > 1000 && decided[2] > 1000, Arrays.toString(decided));
        float[] everywhere = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE,
            Float.MAX_VALUE};
        assertEquals(2, RansacBodies.ransacBoxSide(0, 0, 1, -1e30f, 0.05f, everywhere, 0));
        assertEquals(2, RansacBodies.ransacBoxSide(0.6f, 0.8f, 0, 0, 1e30f, everywhere, 0));
    }
}
