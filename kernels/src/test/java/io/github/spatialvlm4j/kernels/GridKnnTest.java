package io.github.spatialvlm4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.outliers.OutlierKernel;
import io.github.spatialvlm4j.kernels.search.CellGrid;
import io.github.spatialvlm4j.kernels.search.CloudArrays;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grid k-nearest-neighbour search of statistical outlier removal against brute force, on
 * every backend: mean distances bit for bit, on object-like clouds and on the shapes that
 * defeat a grid (duplicates, lines, clumps, a far point, clouds of about k points), with the
 * cell side chosen as in production and forced far too small and far too large.
 */
class GridKnnTest {
    private static final String BACKENDS = "io.github.spatialvlm4j.kernels.KernelsConformanceTest#backends";

    /** Mean distances with the production cell side, with it times 1/8 and 8, and on the k-d tree alone. */
    private static void assertMatchesBruteForce(Kernels kernels, float[] xyz, int k, String what) {
        float[] expected = Reference.meanKnnDistances(xyz, k);
        float[] b = CloudArrays.bounds(xyz);
        double side = OutlierKernel.knnCellSide(xyz, b, k);
        for (double s : new double[] {side, side / 8, side * 8, 0}) {
            assertArrayEquals(expected, OutlierKernel.meanKnnDistances(kernels.backend(), xyz, k, b, s),
                    what + " k " + k + " side " + s);
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource(BACKENDS)
    void objectCloudsMatchBruteForce(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(31);
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            for (int trial = 0; trial < 8; trial++) {
                float[] xyz = Clouds.boxSurfaces(rng, 300 + rng.nextInt(1500), 0.2 + rng.nextDouble(),
                        0.002 * rng.nextDouble(), 0.02);
                assertMatchesBruteForce(kernels, xyz, 1 + rng.nextInt(30), "trial " + trial);
            }
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource(BACKENDS)
    void hardShapesMatchBruteForce(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(37);
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            float[] surface = Clouds.boxSurfaces(rng, 600, 0.5, 0.001, 0.01);
            // Every point three times: zero distances count as neighbours.
            float[] tripled = new float[3 * surface.length];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(surface, 0, tripled, c * surface.length, surface.length);
            }
            assertMatchesBruteForce(kernels, tripled, 7, "tripled");
            assertMatchesBruteForce(kernels, tripled, 2, "tripled");
            float[] line = new float[3 * 500];
            for (int i = 0; i < 500; i++) {
                float t = (float) rng.nextDouble();
                line[3 * i] = 0.3f + t;
                line[3 * i + 1] = 1f - 2 * t;
                line[3 * i + 2] = 2f + 0.5f * t;
            }
            assertMatchesBruteForce(kernels, line, 12, "collinear");
            // A clump of 400 points within 1 mm in a sparse 2 m cloud of 300, and one point 50 m away.
            float[] uneven = new float[3 * 701];
            for (int i = 0; i < 400; i++) {
                for (int a = 0; a < 3; a++) {
                    uneven[3 * i + a] = (float) (1 + 0.001 * rng.nextDouble());
                }
            }
            for (int i = 400; i < 700; i++) {
                for (int a = 0; a < 3; a++) {
                    uneven[3 * i + a] = (float) (2 * rng.nextDouble());
                }
            }
            uneven[3 * 700] = 50f;
            assertMatchesBruteForce(kernels, uneven, 20, "uneven");
            assertMatchesBruteForce(kernels, uneven, 1, "uneven");
            for (int n = 2; n <= 12; n++) {
                float[] tiny = Arrays.copyOf(Clouds.boxSurfaces(rng, n, 0.1, 0.001, 0.2), 3 * n);
                assertMatchesBruteForce(kernels, tiny, n - 1, "tiny n " + n);
                assertMatchesBruteForce(kernels, tiny, Math.max(1, n / 2), "tiny n " + n);
            }
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource(BACKENDS)
    void gridProvesMostPointsOfAnObjectCloud(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(41);
        float[] xyz = Clouds.boxSurfaces(rng, 2500, 0.3, 0.001, 0.01);
        int k = 20;
        float[] b = CloudArrays.bounds(xyz);
        double side = OutlierKernel.knnCellSide(xyz, b, k);
        KernelBackendProvider provider = Kernels.providers().stream().filter(p -> p.name().equals(backend))
                .findFirst().orElseThrow();
        try (KernelBackend backendImpl = provider.create(parallelism)) {
            CellGrid g = CellGrid.build(backendImpl, xyz, side, b);
            float[] mean = new float[g.n];
            int[] resolved = new int[g.n];
            backendImpl.gridMeanKnnDistance(k, g.x, g.y, g.z, g.cellStart, g.cellKey, g.m, g.rowDelta, g.rowFirst,
                    b[0], b[1], b[2], 1.0 / side, mean, resolved);
            float[] expected = Reference.meanKnnDistances(xyz, k);
            int proven = 0;
            for (int p = 0; p < g.n; p++) {
                if (resolved[p] != 0) {
                    proven++;
                    assertEquals(expected[g.order[p]], mean[p], 0f, "point " + g.order[p]);
                }
            }
            assertTrue(proven > 0.95 * g.n, "proven on the grid: " + proven + " of " + g.n);
            assertTrue(proven < g.n, "flying pixels are left to the k-d tree");
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @MethodSource(BACKENDS)
    void outlierRemovalOfObjectCloudsMatchesBruteForce(String backend, int parallelism) {
        SplittableRandom rng = new SplittableRandom(43);
        try (Kernels kernels = Kernels.create(backend, parallelism)) {
            for (int trial = 0; trial < 4; trial++) {
                float[] xyz = Clouds.boxSurfaces(rng, 1000 + rng.nextInt(1500), 0.5, 0.002, 0.02);
                int k = 1 + rng.nextInt(30);
                float ratio = (float) (0.5 + 2 * rng.nextDouble());
                assertArrayEquals(Reference.statisticalOutlierInliers(xyz, k, ratio),
                        kernels.statisticalOutlierInliers(new PointCloud(xyz), k, ratio), "trial " + trial);
            }
        }
    }
}
