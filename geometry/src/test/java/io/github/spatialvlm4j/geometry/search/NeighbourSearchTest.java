package io.github.spatialvlm4j.geometry.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link KdTree} and {@link UniformGrid} checked against a linear scan. */
class NeighbourSearchTest {
    private static final int QUERIES = 60;

    /** Seed, size, and whether coordinates are snapped to a coarse lattice (many duplicates and ties). */
    static List<Arguments> clouds() {
        List<Arguments> out = new ArrayList<>();
        long seed = 11;
        for (int size : new int[] {1, 2, 7, 8, 9, 100, 1000, 4000}) {
            for (boolean lattice : new boolean[] {false, true}) {
                out.add(Arguments.of(seed++, size, lattice));
            }
        }
        return out;
    }

    static float[] randomCloud(SplittableRandom rnd, int n, boolean lattice) {
        float[] xyz = new float[3 * n];
        for (int i = 0; i < xyz.length; i++) {
            // An anisotropic, off-origin box so that the split axis varies.
            float scale = i % 3 == 0 ? 4f : i % 3 == 1 ? 1f : 0.25f;
            float v = (float) (rnd.nextDouble(-1, 1) * scale + 2.0);
            xyz[i] = lattice ? Math.round(v * 4f) / 4f : v;
        }
        return xyz;
    }

    /** The reference: every point, exact same float expression. */
    static int[] bruteRadius(float[] xyz, float x, float y, float z, float r) {
        float r2 = r * r;
        return IntStream.range(0, xyz.length / 3).filter(i -> dist2(xyz, i, x, y, z) <= r2).toArray();
    }

    static int[] bruteNearest(float[] xyz, float x, float y, float z, int k) {
        return IntStream.range(0, xyz.length / 3).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> dist2(xyz, i, x, y, z)).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    static float dist2(float[] xyz, int i, float x, float y, float z) {
        float dx = xyz[3 * i] - x;
        float dy = xyz[3 * i + 1] - y;
        float dz = xyz[3 * i + 2] - z;
        return dx * dx + dy * dy + dz * dz;
    }

    /** Half the queries sit on data points (exact duplicates, distance 0), half anywhere. */
    static float[] query(SplittableRandom rnd, float[] xyz, int q) {
        int n = xyz.length / 3;
        if (q % 2 == 0) {
            int i = rnd.nextInt(n);
            return new float[] {xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]};
        }
        return new float[] {(float) rnd.nextDouble(-4, 8), (float) rnd.nextDouble(0, 4), (float) rnd.nextDouble(1, 3)};
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void kdTreeRadiusMatchesLinearScan(long seed, int n, boolean lattice) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] xyz = randomCloud(rnd, n, lattice);
        KdTree tree = new KdTree(xyz.clone());
        IntList reused = new IntList(0);
        for (int q = 0; q < QUERIES; q++) {
            float[] p = query(rnd, xyz, q);
            for (float r : new float[] {0f, 0.05f, 0.25f, 0.7f, 3f}) {
                int[] expected = bruteRadius(xyz, p[0], p[1], p[2], r);
                assertSame(reused, tree.radius(p[0], p[1], p[2], r, reused));
                assertArrayEquals(expected, reused.toArray(), () -> "r=" + r);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void kdTreeNearestMatchesLinearScan(long seed, int n, boolean lattice) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] xyz = randomCloud(rnd, n, lattice);
        KdTree tree = new KdTree(xyz);
        for (int q = 0; q < QUERIES; q++) {
            float[] p = query(rnd, xyz, q);
            for (int k : new int[] {1, 2, 5, 16, 50, n + 3}) {
                assertArrayEquals(bruteNearest(xyz, p[0], p[1], p[2], k), tree.nearest(p[0], p[1], p[2], k),
                        () -> "k=" + k);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("clouds")
    void uniformGridRadiusMatchesLinearScan(long seed, int n, boolean lattice) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] xyz = randomCloud(rnd, n, lattice);
        for (float cell : new float[] {0.1f, 0.25f, 1f}) {
            UniformGrid grid = new UniformGrid(xyz, cell);
            for (int q = 0; q < QUERIES; q++) {
                float[] p = query(rnd, xyz, q);
                for (float r : new float[] {0f, 0.05f, 0.25f, 0.7f, 3f}) {
                    assertArrayEquals(bruteRadius(xyz, p[0], p[1], p[2], r), grid.radius(p[0], p[1], p[2], r),
                            () -> "cell=" + cell + " r=" + r);
                }
            }
        }
    }

    @Test
    void pointsExactlyOnTheRadiusAreIncluded() {
        // Distances 1 (exact in float) along each axis and 0.5 + 0.5.
        float[] xyz = {0, 0, 0, 1, 0, 0, 0, -1, 0, 0, 0, 1, 1, 1, 0, 2, 0, 0};
        int[] expected = {0, 1, 2, 3};
        assertArrayEquals(expected, new KdTree(xyz).radius(0, 0, 0, 1f));
        assertArrayEquals(expected, new UniformGrid(xyz, 0.3f).radius(0, 0, 0, 1f));
        assertArrayEquals(new int[] {0}, new KdTree(xyz).radius(0, 0, 0, 0f));
    }

    @Test
    void nearestBreaksTiesByIndex() {
        // Twenty copies of one point, then points at distance 1 in a scrambled order.
        float[] xyz = new float[3 * 26];
        for (int i = 20; i < 26; i++) {
            xyz[3 * i + (i % 3)] = (i % 2 == 0) ? 1f : -1f;
        }
        KdTree tree = new KdTree(xyz);
        assertArrayEquals(new int[] {0, 1, 2}, tree.nearest(0, 0, 0, 3));
        assertArrayEquals(IntStream.range(0, 24).toArray(), tree.nearest(0, 0, 0, 24));
    }

    @Test
    void treeAndGridCopyTheirInput() {
        float[] xyz = {0, 0, 0, 1, 1, 1};
        KdTree tree = new KdTree(xyz);
        UniformGrid grid = new UniformGrid(xyz, 0.5f);
        xyz[0] = 100f;
        assertArrayEquals(new int[] {0}, tree.radius(0, 0, 0, 0.1f));
        assertArrayEquals(new int[] {0}, grid.radius(0, 0, 0, 0.1f));
        assertEquals(2, KdTree.of(new PointCloud(xyz)).size());
    }

    @Test
    void invalidArgumentsNameTheValue() {
        float[] xyz = {0, 0, 0, 1, 1, 1};
        KdTree tree = new KdTree(xyz);
        UniformGrid grid = new UniformGrid(xyz, 0.5f);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tree.radius(0, 0, 0, -1f))
                .getMessage().contains("-1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> grid.radius(0, 0, 0, Float.NaN))
                .getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tree.nearest(0, 0, 0, 0))
                .getMessage().contains("Invalid k: 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tree.nearest(Float.NaN, 0, 0, 1))
                .getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new UniformGrid(xyz, 0f))
                .getMessage().contains("Invalid cell size: 0.0"));
        assertThrows(ShapeMismatchException.class, () -> new KdTree(new float[4]));
        assertThrows(ShapeMismatchException.class, () -> new UniformGrid(new float[5], 1f));
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> new UniformGrid(new float[] {0, 0, 0, 1000, 1000, 1000}, 0.01f));
        assertTrue(tooBig.getMessage().contains("Grid too large"), tooBig.getMessage());
    }
}
