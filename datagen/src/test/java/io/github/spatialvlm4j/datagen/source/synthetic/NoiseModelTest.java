package io.github.spatialvlm4j.datagen.source.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import org.junit.jupiter.api.Test;

/** Noise statistics against the configured model (seeded, loose bounds) and validation. */
class NoiseModelTest {
    private static final SyntheticSceneOptions CLEAN = SyntheticSceneOptions.defaults().withSize(320, 240);
    private static final long SEED = 2024;
    private static final double EDGE = 0.1;

    private static Frame clean() {
        return new SyntheticSceneGenerator(CLEAN).generate("n", SEED);
    }

    /** Depth corruption only: sensor noise, missing and flying pixels, no outliers. */
    private static NoiseModel depthOnly(double sigmaBase, double sigmaQuadratic, double reference, double missing,
            double flying, double edge) {
        return NoiseModel.of(new NoiseModel.DepthNoise(sigmaBase, sigmaQuadratic, reference, missing, flying, edge, 0,
                0.3, 9), NoiseModel.MaskNoise.NONE, NoiseModel.MonocularDepth.NONE);
    }

    private static NoiseModel masksOnly(NoiseModel.MaskNoise masks) {
        return NoiseModel.of(NoiseModel.DepthNoise.NONE, masks, NoiseModel.MonocularDepth.NONE);
    }

    private static Frame noisy(NoiseModel model) {
        return new SyntheticSceneGenerator(CLEAN.withNoise(model)).generate("n", SEED);
    }

    @Test
    void constantSigmaAndMissingFraction() {
        float[] z = clean().depth().orElseThrow().meters();
        float[] n = noisy(depthOnly(0.01, 0, 0, 0.1, 0, EDGE)).depth().orElseThrow().meters();
        int valid = 0;
        int missing = 0;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] == 0) {
                assertEquals(0f, n[i], "no depth appears where there was none");
                continue;
            }
            valid++;
            if (n[i] == 0) {
                missing++;
                continue;
            }
            double r = n[i] - z[i];
            sum += r;
            sumSq += r * r;
        }
        int kept = valid - missing;
        double mean = sum / kept;
        double std = Math.sqrt(sumSq / kept - mean * mean);
        assertTrue(valid > 20_000);
        assertEquals(0.1, (double) missing / valid, 0.01);
        assertEquals(0, mean, 5e-4);
        assertEquals(0.01, std, 5e-4);
    }

    @Test
    void quadraticSigmaScalesWithDepth() {
        float[] z = clean().depth().orElseThrow().meters();
        NoiseModel model = depthOnly(0, 0.01, 0.5, 0, 0, EDGE);
        float[] n = noisy(model).depth().orElseThrow().meters();
        double sumSq = 0;
        int count = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] > 1) {
                double r = (n[i] - z[i]) / model.sigma(z[i]);
                sumSq += r * r;
                count++;
            }
        }
        assertEquals(1, Math.sqrt(sumSq / count), 0.05);
    }

    @Test
    void flyingPixelsSitOnDepthEdgesBetweenTheirNeighbours() {
        Frame c = clean();
        int w = c.image().width();
        int h = c.image().height();
        float[] z = c.depth().orElseThrow().meters();
        float[] n = noisy(depthOnly(0, 0, 0, 0, 0.5, EDGE)).depth().orElseThrow().meters();
        int edges = 0;
        int flying = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int i = v * w + u;
                float lo = z[i];
                float hi = z[i];
                boolean edge = false;
                int[] neighbours = {u > 0 ? i - 1 : -1, u < w - 1 ? i + 1 : -1, v > 0 ? i - w : -1, v < h - 1 ? i + w : -1};
                for (int q : neighbours) {
                    if (q >= 0 && z[q] > 0 && z[i] > 0 && Math.abs(z[q] - z[i]) > EDGE) {
                        edge = true;
                        lo = Math.min(lo, z[q]);
                        hi = Math.max(hi, z[q]);
                    }
                }
                if (edge) {
                    edges++;
                }
                if (n[i] != z[i]) {
                    assertTrue(edge, "pixel (" + u + ", " + v + ") changed off an edge");
                    assertTrue(n[i] >= lo && n[i] <= hi, "flying value " + n[i] + " outside [" + lo + ", " + hi + "]");
                    flying++;
                }
            }
        }
        assertTrue(edges > 500, "edges " + edges);
        assertEquals(0.5, (double) flying / edges, 0.05);
    }

    @Test
    void kinectLikeDefault() {
        Frame c = clean();
        NoiseModel kinect = NoiseModel.of(NoiseModel.DepthNoise.KINECT.withOutliers(0, 0.3, 9),
                NoiseModel.MaskNoise.NONE, NoiseModel.MonocularDepth.NONE);
        Frame d = noisy(kinect);
        int w = c.image().width();
        float[] z = c.depth().orElseThrow().meters();
        float[] n = d.depth().orElseThrow().meters();
        int valid = 0;
        int missing = 0;
        double sumSq = 0;
        int interior = 0;
        for (int i = w; i < z.length - w; i++) {
            if (z[i] == 0) {
                continue;
            }
            valid++;
            if (n[i] == 0) {
                missing++;
                continue;
            }
            boolean edge = false;
            for (int q : new int[] {i - 1, i + 1, i - w, i + w}) {
                edge |= z[q] > 0 && Math.abs(z[q] - z[i]) > kinect.depth().flyingEdgeJump();
            }
            if (!edge) {
                double r = (n[i] - z[i]) / kinect.sigma(z[i]);
                sumSq += r * r;
                interior++;
            }
        }
        assertEquals(0.02, (double) missing / valid, 0.005);
        assertEquals(1, Math.sqrt(sumSq / interior), 0.1);
        assertArrayEquals(c.image().rgb(), d.image().rgb());
    }

    @Test
    void maskBleedingOnlyMovesBoundaries() {
        for (int k = 1; k <= 2; k++) {
            Frame c = clean();
            Frame b = noisy(masksOnly(NoiseModel.MaskNoise.ragged(k)));
            int w = c.image().width();
            int h = c.image().height();
            int[] clean = c.labels().orElseThrow().ids();
            int[] bled = b.labels().orElseThrow().ids();
            assertArrayEquals(c.depth().orElseThrow().meters(), b.depth().orElseThrow().meters());
            int changed = 0;
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    int i = v * w + u;
                    if (bled[i] == clean[i]) {
                        continue;
                    }
                    changed++;
                    boolean fromWindow = false;
                    for (int qv = Math.max(0, v - k); qv <= Math.min(h - 1, v + k); qv++) {
                        for (int qu = Math.max(0, u - k); qu <= Math.min(w - 1, u + k); qu++) {
                            fromWindow |= clean[qv * w + qu] == bled[i];
                        }
                    }
                    assertTrue(fromWindow, "k " + k + ": label at (" + u + ", " + v + ") came from afar");
                }
            }
            assertTrue(changed > 100, "k " + k + ": only " + changed + " labels moved");
        }
    }

    @Test
    void sigmaFormulaAndPresets() {
        assertEquals(0.0012, NoiseModel.DEFAULT.sigma(0.4), 1e-12);
        assertEquals(0.0012 + 0.0019 * 4, NoiseModel.DEFAULT.sigma(2.4), 1e-12);
        assertTrue(NoiseModel.NONE.isNone());
        assertTrue(!NoiseModel.DEFAULT.isNone());
        assertEquals(0.02, NoiseModel.SENSOR.depth().missingFraction());
        assertEquals(0.02, NoiseModel.SENSOR.depth().outlierFraction());
        assertEquals(1, NoiseModel.SENSOR.masks().bleedPixels());
        assertEquals(NoiseModel.SENSOR, NoiseModel.preset("sensor"));
        assertEquals(NoiseModel.MONOCULAR, NoiseModel.preset("monocular"));
        assertEquals(NoiseModel.NONE, NoiseModel.preset("none"));
        assertMessage("Unknown noise model: 'lidar' (expected none, sensor or monocular)",
                () -> NoiseModel.preset("lidar"));
    }

    @Test
    void validationNamesTheBadValue() {
        assertMessage("Invalid sigmaBase: -0.1 (meters, must be finite and >= 0)",
                () -> depthOnly(-0.1, 0, 0, 0, 0, EDGE));
        assertMessage("Invalid outlierFraction: 1.0 (must be in [0, 1))",
                () -> NoiseModel.DepthNoise.KINECT.withOutliers(1, 0.3, 9));
        assertMessage("Invalid outlier depth range [2.0, 1.0] m: need 0 < min <= max, finite",
                () -> NoiseModel.DepthNoise.KINECT.withOutliers(0.1, 2, 1));
        assertMessage("Invalid mask dilation range [2, 1] (pixels, must lie in [-3, 3], min <= max)",
                () -> new NoiseModel.MaskNoise(0, 2, 1, 0));
        assertMessage("Invalid warpAmplitude: 0.5 (must be in [0, 0.5))",
                () -> new NoiseModel.MonocularDepth(0, 0.5, 0));
        assertMessage("Invalid rampPixels: 17 (pixels, must be in [0, 16])",
                () -> new NoiseModel.MonocularDepth(0, 0, 17));
        assertMessage("Invalid sigmaQuadratic: NaN (meters per square meter, must be finite and >= 0)",
                () -> depthOnly(0, Double.NaN, 0, 0, 0, EDGE));
        assertMessage("Invalid missingFraction: 1.0 (must be in [0, 1))", () -> depthOnly(0, 0, 0, 1, 0, EDGE));
        assertMessage("Invalid flyingPixelFraction: 1.5 (must be in [0, 1])",
                () -> depthOnly(0, 0, 0, 0, 1.5, EDGE));
        assertMessage("Invalid flyingEdgeJump: 0.0 (meters, must be finite and > 0)",
                () -> depthOnly(0, 0, 0, 0, 0, 0));
        assertMessage("Invalid maskBleedPixels: 4 (pixels, must be in [0, 3])",
                () -> NoiseModel.MaskNoise.ragged(4));
    }

    @Test
    void outliersAreUniformInTheirRangeAndNowhereElse() {
        float[] z = clean().depth().orElseThrow().meters();
        NoiseModel model = NoiseModel.of(NoiseModel.DepthNoise.NONE.withOutliers(0.05, 0.5, 4),
                NoiseModel.MaskNoise.NONE, NoiseModel.MonocularDepth.NONE);
        float[] n = noisy(model).depth().orElseThrow().meters();
        int valid = 0;
        int changed = 0;
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] == 0) {
                assertEquals(0f, n[i]);
                continue;
            }
            valid++;
            if (n[i] != z[i]) {
                changed++;
                sum += n[i];
                assertTrue(n[i] >= 0.5f && n[i] <= 4f, "outlier " + n[i] + " outside [0.5, 4] m");
            }
        }
        assertEquals(0.05, (double) changed / valid, 0.005);
        assertEquals(2.25, sum / changed, 0.05);
    }

    @Test
    void systematicDilationGrowsEachObjectOntoTheBackgroundOnly() {
        Frame c = clean();
        int w = c.image().width();
        int h = c.image().height();
        int[] clean = c.labels().orElseThrow().ids();
        for (int d = 1; d <= 2; d++) {
            int[] grown = noisy(masksOnly(new NoiseModel.MaskNoise(0, d, d, 0))).labels().orElseThrow().ids();
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    int i = v * w + u;
                    if (clean[i] != 0) {
                        assertEquals(clean[i], grown[i], "an object pixel changed at (" + u + ", " + v + ")");
                        continue;
                    }
                    int nearest = Integer.MAX_VALUE;
                    for (int y = Math.max(0, v - d); y <= Math.min(h - 1, v + d); y++) {
                        for (int x = Math.max(0, u - d); x <= Math.min(w - 1, u + d); x++) {
                            if (clean[y * w + x] != 0) {
                                nearest = Math.min(nearest, Math.max(Math.abs(x - u), Math.abs(y - v)));
                            }
                        }
                    }
                    assertEquals(nearest <= d, grown[i] != 0, "background pixel (" + u + ", " + v + "), d " + d);
                }
            }
        }
    }

    @Test
    void erosionShrinksEveryObjectFromItsBoundary() {
        Frame c = clean();
        int w = c.image().width();
        int h = c.image().height();
        int[] clean = c.labels().orElseThrow().ids();
        int[] eroded = noisy(masksOnly(new NoiseModel.MaskNoise(0, -1, -1, 0))).labels().orElseThrow().ids();
        int removed = 0;
        for (int v = 1; v < h - 1; v++) {
            for (int u = 1; u < w - 1; u++) {
                int i = v * w + u;
                boolean boundary = false;
                for (int q : new int[] {i - w - 1, i - w, i - w + 1, i - 1, i + 1, i + w - 1, i + w, i + w + 1}) {
                    boundary |= clean[q] != clean[i];
                }
                if (clean[i] == 0) {
                    assertEquals(0, eroded[i]);
                } else {
                    assertEquals(boundary ? 0 : clean[i], eroded[i], "pixel (" + u + ", " + v + ")");
                    removed += boundary ? 1 : 0;
                }
            }
        }
        assertTrue(removed > 100, "only " + removed + " pixels eroded");
    }

    @Test
    void chunksAttachBackgroundNextToTheObject() {
        Frame c = clean();
        int[] clean = c.labels().orElseThrow().ids();
        int[] chunked = noisy(masksOnly(new NoiseModel.MaskNoise(0, 0, 0, 1))).labels().orElseThrow().ids();
        int gained = 0;
        for (int i = 0; i < clean.length; i++) {
            if (clean[i] != 0) {
                assertEquals(clean[i], chunked[i]);
            } else if (chunked[i] != 0) {
                gained++;
            }
        }
        assertTrue(gained > 20, "only " + gained + " background pixels joined an object");
    }

    @Test
    void monocularScaleMultipliesDepthAndIsReportedToTheAudit() {
        float[] z = clean().depth().orElseThrow().meters();
        NoiseModel scaleOnly = NoiseModel.of(NoiseModel.DepthNoise.NONE, NoiseModel.MaskNoise.NONE,
                new NoiseModel.MonocularDepth(0.1, 0, 0));
        Frame f = noisy(scaleOnly);
        float[] n = f.depth().orElseThrow().meters();
        double s = f.truth().orElseThrow().depthScale();
        assertTrue(s != 1 && s > 0.5 && s < 2, "scale " + s);
        for (int i = 0; i < z.length; i++) {
            assertEquals(z[i] * s, n[i], 1e-5 * Math.max(1, z[i]));
        }
    }

    @Test
    void monocularRampsSmearOnlyDepthEdgesAndLeaveNoHoles() {
        Frame c = clean();
        int w = c.image().width();
        float[] z = c.depth().orElseThrow().meters();
        NoiseModel rampsOnly = NoiseModel.of(NoiseModel.DepthNoise.NONE, NoiseModel.MaskNoise.NONE,
                new NoiseModel.MonocularDepth(0, 0, 3));
        float[] n = noisy(rampsOnly).depth().orElseThrow().meters();
        int smeared = 0;
        for (int i = 0; i < z.length; i++) {
            assertEquals(z[i] > 0, n[i] > 0, "validity changed at pixel " + i);
            if (n[i] != z[i]) {
                smeared++;
                int u = i % w;
                int v = i / w;
                float lo = Float.POSITIVE_INFINITY;
                float hi = 0;
                for (int y = Math.max(0, v - 3); y <= Math.min(z.length / w - 1, v + 3); y++) {
                    for (int x = Math.max(0, u - 3); x <= Math.min(w - 1, u + 3); x++) {
                        if (z[y * w + x] > 0) {
                            lo = Math.min(lo, z[y * w + x]);
                            hi = Math.max(hi, z[y * w + x]);
                        }
                    }
                }
                assertTrue(hi - lo > 0.1, "smeared away from an edge at pixel " + i);
                assertTrue(n[i] >= lo - 1e-4 && n[i] <= hi + 1e-4, "ramp value outside its window at pixel " + i);
            }
        }
        assertTrue(smeared > 500, "only " + smeared + " pixels smeared");
    }

    @Test
    void monocularWarpIsSmallAndSmooth() {
        float[] z = clean().depth().orElseThrow().meters();
        NoiseModel warpOnly = NoiseModel.of(NoiseModel.DepthNoise.NONE, NoiseModel.MaskNoise.NONE,
                new NoiseModel.MonocularDepth(0, 0.03, 0));
        float[] n = noisy(warpOnly).depth().orElseThrow().meters();
        double largest = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] > 0) {
                double r = n[i] / z[i] - 1;
                largest = Math.max(largest, Math.abs(r));
                assertTrue(Math.abs(r) <= 0.03 + 1e-6, "warp " + r + " at pixel " + i);
            }
        }
        assertTrue(largest > 0.005, "warp too small: " + largest);
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
