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

    private static Frame noisy(NoiseModel model) {
        return new SyntheticSceneGenerator(CLEAN.withNoise(model)).generate("n", SEED);
    }

    @Test
    void constantSigmaAndMissingFraction() {
        float[] z = clean().depth().orElseThrow().meters();
        float[] n = noisy(new NoiseModel(0.01, 0, 0, 0.1, 0, EDGE, 0)).depth().orElseThrow().meters();
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
        NoiseModel model = new NoiseModel(0, 0.01, 0.5, 0, 0, EDGE, 0);
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
        float[] n = noisy(new NoiseModel(0, 0, 0, 0, 0.5, EDGE, 0)).depth().orElseThrow().meters();
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
        Frame d = noisy(NoiseModel.DEFAULT);
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
                edge |= z[q] > 0 && Math.abs(z[q] - z[i]) > NoiseModel.DEFAULT.flyingEdgeJump();
            }
            if (!edge) {
                double r = (n[i] - z[i]) / NoiseModel.DEFAULT.sigma(z[i]);
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
            Frame b = noisy(new NoiseModel(0, 0, 0, 0, 0, EDGE, k));
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
        assertEquals(0.02, NoiseModel.DEFAULT.missingFraction());
        assertEquals(1, NoiseModel.DEFAULT.maskBleedPixels());
    }

    @Test
    void validationNamesTheBadValue() {
        assertMessage("Invalid sigmaBase: -0.1 (meters, must be finite and >= 0)",
                () -> new NoiseModel(-0.1, 0, 0, 0, 0, EDGE, 0));
        assertMessage("Invalid sigmaQuadratic: NaN (meters per square meter, must be finite and >= 0)",
                () -> new NoiseModel(0, Double.NaN, 0, 0, 0, EDGE, 0));
        assertMessage("Invalid missingFraction: 1.0 (must be in [0, 1))", () -> new NoiseModel(0, 0, 0, 1, 0, EDGE, 0));
        assertMessage("Invalid flyingPixelFraction: 1.5 (must be in [0, 1])",
                () -> new NoiseModel(0, 0, 0, 0, 1.5, EDGE, 0));
        assertMessage("Invalid flyingEdgeJump: 0.0 (meters, must be finite and > 0)",
                () -> new NoiseModel(0, 0, 0, 0, 0, 0, 0));
        assertMessage("Invalid maskBleedPixels: 4 (pixels, must be in [0, 3])",
                () -> new NoiseModel(0, 0, 0, 0, 0, EDGE, 4));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
