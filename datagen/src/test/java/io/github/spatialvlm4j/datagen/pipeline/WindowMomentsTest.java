package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link WindowMoments} against the sums taken pixel by pixel over each window. */
class WindowMomentsTest {
    /** Relative tolerance on the normal equations' entries against the pixel-by-pixel sums. */
    private static final double TOLERANCE = 1e-9;

    @Test
    void normalEquationsEqualTheSumsOverEachWindow() {
        int w = 157;
        int h = 93;
        boolean[] member = new boolean[w * h];
        float[] depth = randomRegion(5, member);
        int reach = 14;
        WindowMoments moments = new WindowMoments(depth, member, w, h, reach);
        double[] normal = new double[WindowMoments.TERMS * WindowMoments.TERMS];
        double[] rhs = new double[WindowMoments.TERMS];
        double[] raw = new double[WindowMoments.SCRATCH];
        double[] refNormal = new double[normal.length];
        double[] refRhs = new double[rhs.length];
        // Corners, borders and the middle: every clipping case of the window.
        int[][] centres = {{0, 0}, {w - 1, h - 1}, {0, h - 1}, {w - 1, 0}, {5, 40}, {80, 3}, {78, 46}, {150, 88}};
        for (int[] c : centres) {
            int n = moments.normalEquations(c[0], c[1], normal, rhs, raw);
            int refN = reference(depth, member, w, h, reach, c[0], c[1], refNormal, refRhs);
            assertEquals(refN, n, "pixels in the window at " + c[0] + ", " + c[1]);
            for (int k = 0; k < normal.length; k++) {
                assertEquals(refNormal[k], normal[k], TOLERANCE * Math.max(1, Math.abs(refNormal[k])),
                        "normal[" + k + "] at " + c[0] + ", " + c[1]);
            }
            for (int k = 0; k < rhs.length; k++) {
                assertEquals(refRhs[k], rhs[k], TOLERANCE * Math.max(1, Math.abs(refRhs[k])),
                        "rhs[" + k + "] at " + c[0] + ", " + c[1]);
            }
        }
    }

    @Test
    void aStripOfRowsGivesTheSameEquationsAsTheWholeRegion() {
        int w = 60;
        int h = 120;
        boolean[] member = new boolean[w * h];
        float[] depth = randomRegion(9, member);
        int reach = 6;
        WindowMoments whole = new WindowMoments(depth, member, w, h, reach);
        WindowMoments strip = new WindowMoments(depth, member, w, h, reach, 40, 90);
        double[] a = new double[36];
        double[] b = new double[36];
        double[] ra = new double[6];
        double[] rb = new double[6];
        double[] raw = new double[WindowMoments.SCRATCH];
        for (int v = 46; v < 84; v += 7) {
            for (int u = 0; u < w; u += 11) {
                assertEquals(whole.normalEquations(u, v, a, ra, raw), strip.normalEquations(u, v, b, rb, raw));
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k], b[k], TOLERANCE * Math.max(1, Math.abs(a[k])), "normal[" + k + "]");
                }
                for (int k = 0; k < ra.length; k++) {
                    assertEquals(ra[k], rb[k], TOLERANCE * Math.max(1, Math.abs(ra[k])), "rhs[" + k + "]");
                }
            }
        }
        // A window reaching past the strip's rows is refused, not summed short.
        assertThrows(IllegalArgumentException.class, () -> strip.normalEquations(10, 45, a, ra, raw));
        assertThrows(IllegalArgumentException.class, () -> strip.normalEquations(10, 85, a, ra, raw));
    }

    @Test
    void anEmptyWindowHasNoPixels() {
        float[] depth = new float[40 * 40];
        boolean[] member = new boolean[depth.length];
        depth[0] = 2f;
        member[0] = true;
        WindowMoments moments = new WindowMoments(depth, member, 40, 40, 5);
        double[] normal = new double[36];
        double[] rhs = new double[6];
        assertEquals(0, moments.normalEquations(30, 30, normal, rhs, new double[WindowMoments.SCRATCH]));
        assertEquals(1, moments.normalEquations(5, 5, normal, rhs, new double[WindowMoments.SCRATCH]));
        // One pixel at offset (-1, -1) in units of the reach: du = dv = -1.
        assertEquals(1, normal[1 * 6 + 1], TOLERANCE);
        assertEquals(-1, normal[0 * 6 + 1], TOLERANCE);
        assertEquals(0.5, rhs[0], TOLERANCE);
    }

    @Test
    void badShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WindowMoments(new float[10], new boolean[10], 3, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> new WindowMoments(new float[9], new boolean[9], 3, 3, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new WindowMoments(new float[9], new boolean[9], 3, 3, 1, 2, 2));
    }

    /**
     * Depths of a region whose pixels are members by a fair coin ({@code member}, filled in), seeded: 0.5-8.5 m
     * for members, 0 for the others.
     */
    private static float[] randomRegion(long seed, boolean[] member) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] depth = new float[member.length];
        for (int p = 0; p < depth.length; p++) {
            member[p] = rng.nextBoolean();
            depth[p] = member[p] ? (float) (0.5 + 8 * rng.nextDouble()) : 0f;
        }
        return depth;
    }

    /** The sums of the fit's term products and terms over inverse depth, pixel by pixel. */
    private static int reference(float[] depth, boolean[] member, int w, int h, int reach, int cu, int cv,
            double[] normal, double[] rhs) {
        java.util.Arrays.fill(normal, 0);
        java.util.Arrays.fill(rhs, 0);
        int k = WindowMoments.TERMS;
        double[] term = new double[k];
        int n = 0;
        for (int y = Math.max(0, cv - reach); y <= Math.min(h - 1, cv + reach); y++) {
            for (int x = Math.max(0, cu - reach); x <= Math.min(w - 1, cu + reach); x++) {
                if (!member[y * w + x]) {
                    continue;
                }
                double du = (x - cu) / (double) reach;
                double dv = (y - cv) / (double) reach;
                for (int i = 0; i < k; i++) {
                    term[i] = Math.pow(du, WindowMoments.TERM_A[i]) * Math.pow(dv, WindowMoments.TERM_B[i]);
                }
                for (int i = 0; i < k; i++) {
                    rhs[i] += term[i] / depth[y * w + x];
                    for (int j = 0; j < k; j++) {
                        normal[i * k + j] += term[i] * term[j];
                    }
                }
                n++;
            }
        }
        return n;
    }
}
