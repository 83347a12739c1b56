package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.DepthMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpecklesTest {
    private static final LiftOptions LIFT = LiftOptions.defaults();

    /** A sloped surface (a floor seen at a grazing angle) with some invalid pixels: nothing to remove. */
    private static float[] slope(int w, int h) {
        float[] z = new float[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                z[v * w + u] = 2f + 0.04f * (h - v) + 0.001f * u;
            }
        }
        return z;
    }

    @Test
    void smoothSurfacesAndEdgesAreKept() {
        int w = 40;
        int h = 30;
        DepthMap plain = new DepthMap(w, h, slope(w, h));
        assertSame(plain, Speckles.remove(plain, LIFT));
        // A step edge (an object 1 m in front of the surface): both sides keep their pixels.
        float[] z = slope(w, h);
        for (int v = 5; v < 20; v++) {
            for (int u = 10; u < 25; u++) {
                z[v * w + u] = 1.5f;
            }
        }
        DepthMap edge = new DepthMap(w, h, z);
        assertSame(edge, Speckles.remove(edge, LIFT));
        // A one-pixel-wide line in front of the surface (a chair leg) keeps every pixel with two neighbours
        // along it: all but its two ends.
        float[] line = slope(w, h);
        for (int v = 5; v < 25; v++) {
            line[v * w + 7] = 1.0f;
        }
        float[] out = Speckles.remove(new DepthMap(w, h, line), LIFT).meters();
        for (int v = 5; v < 25; v++) {
            assertEquals(v == 5 || v == 24 ? DepthMap.INVALID : 1.0f, out[v * w + 7], "line pixel row " + v);
        }
    }

    @Test
    void isolatedOutliersAreRemovedAndNothingElse() {
        int w = 60;
        int h = 40;
        float[] z = slope(w, h);
        SplittableRandom rng = new SplittableRandom(5);
        boolean[] outlier = new boolean[z.length];
        for (int k = 0; k < 60; k++) {
            int u = 1 + rng.nextInt(w - 2);
            int v = 1 + rng.nextInt(h - 2);
            int p = v * w + u;
            // Isolated: no other outlier among its neighbours.
            boolean clear = true;
            for (int dv = -1; dv <= 1; dv++) {
                for (int du = -1; du <= 1; du++) {
                    clear &= !outlier[(v + dv) * w + u + du];
                }
            }
            if (clear) {
                outlier[p] = true;
                z[p] = z[p] + (rng.nextBoolean() ? 1.5f : -1.2f);
            }
        }
        float[] out = Speckles.remove(new DepthMap(w, h, z), LIFT).meters();
        for (int p = 0; p < z.length; p++) {
            assertEquals(outlier[p] ? DepthMap.INVALID : z[p], out[p], "pixel " + p);
        }
    }

    @Test
    void aPixelWithOneConsistentNeighbourIsASpeckle() {
        // 3x3 of invalid depth with the centre and one neighbour valid and alike: both have one neighbour.
        float[] z = new float[9];
        z[4] = 2f;
        z[5] = 2.01f;
        float[] out = Speckles.remove(new DepthMap(3, 3, z), LIFT).meters();
        assertEquals(DepthMap.INVALID, out[4]);
        assertEquals(DepthMap.INVALID, out[5]);
        assertTrue(LIFT.speckleMinSupport() == 2);
    }

    @Test
    void everyPixelIncludingTheBorderIsJudgedByItsOwnNeighbours() {
        // Rough depth with holes and outliers everywhere, the border rows and columns included, against a
        // count of each pixel's valid neighbours within the tolerance (no early exit, no interior shortcut).
        SplittableRandom rng = new SplittableRandom(9);
        LiftOptions options = LiftOptions.defaults();
        for (int trial = 0; trial < 6; trial++) {
            int w = 7 + trial * 5;
            int h = 5 + trial * 3;
            float[] z = new float[w * h];
            for (int i = 0; i < z.length; i++) {
                double r = rng.nextDouble();
                z[i] = r < 0.1 ? DepthMap.INVALID : (float) (2 + (r < 0.3 ? rng.nextDouble(-1, 1) : 0.02 * rng.nextDouble()));
            }
            float[] expected = z.clone();
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    float zi = z[v * w + u];
                    if (!(zi > DepthMap.INVALID)) {
                        continue;
                    }
                    float tol = Math.max(options.speckleMinToleranceMeters(), options.speckleRelativeTolerance() * zi);
                    int support = 0;
                    for (int y = Math.max(0, v - 1); y <= Math.min(h - 1, v + 1); y++) {
                        for (int x = Math.max(0, u - 1); x <= Math.min(w - 1, u + 1); x++) {
                            float zn = z[y * w + x];
                            if ((x != u || y != v) && zn > DepthMap.INVALID && Math.abs(zn - zi) <= tol) {
                                support++;
                            }
                        }
                    }
                    if (support < options.speckleMinSupport()) {
                        expected[v * w + u] = DepthMap.INVALID;
                    }
                }
            }
            assertArrayEquals(expected, Speckles.remove(new DepthMap(w, h, z), options).meters(), 0f, "trial " + trial);
        }
    }
}
