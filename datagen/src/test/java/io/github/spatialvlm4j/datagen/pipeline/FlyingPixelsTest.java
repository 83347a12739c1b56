package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.spatialvlm4j.geometry.DepthMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlyingPixelsTest {
    private static final LiftOptions LIFT = LiftOptions.defaults();

    /** The rule as the class documents it, pixel by pixel, with no shortcut. */
    private static float[] reference(DepthMap depth) {
        int w = depth.width();
        int h = depth.height();
        float[] z = depth.meters();
        float[] out = z.clone();
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int i = v * w + u;
                if (!(z[i] > DepthMap.INVALID)) {
                    continue;
                }
                float jump = Math.max(LIFT.flyingMinJumpMeters(), LIFT.flyingRelativeJump() * z[i]);
                boolean row = u > 0 && u < w - 1 && strictlyBetween(z[i - 1], z[i], z[i + 1], jump);
                boolean column = v > 0 && v < h - 1 && strictlyBetween(z[i - w], z[i], z[i + w], jump);
                if (row || column) {
                    out[i] = DepthMap.INVALID;
                }
            }
        }
        return out;
    }

    private static boolean strictlyBetween(float a, float z, float b, float jump) {
        boolean valid = a > DepthMap.INVALID && b > DepthMap.INVALID;
        return valid && (a < z - jump && b > z + jump || b < z - jump && a > z + jump);
    }

    @Test
    void aPixelBetweenANearAndAFarSurfaceIsRemovedAndOutlinesStay() {
        // Row: near object (1 m), one mixed pixel (2 m), far wall (3 m).
        float[] z = {1, 1, 1, 2, 3, 3, 3};
        DepthMap out = FlyingPixels.remove(new DepthMap(7, 1, z), LIFT);
        assertArrayEquals(new float[] {1, 1, 1, DepthMap.INVALID, 3, 3, 3}, out.meters());
        // A clean edge (no pixel in between) is left alone, and the same instance comes back.
        DepthMap clean = new DepthMap(6, 1, new float[] {1, 1, 1, 3, 3, 3});
        assertSame(clean, FlyingPixels.remove(clean, LIFT));
        // Jumps below max(5 cm, 3% of depth) are surface slope, not flying pixels.
        DepthMap slope = new DepthMap(3, 1, new float[] {4.0f, 4.1f, 4.2f});
        assertSame(slope, FlyingPixels.remove(slope, LIFT));
        // Just over the smallest jump on both sides (5 cm at 1 m): removed, along a column too.
        float[] edge = {0.9498f, 1f, 1.0502f};
        assertArrayEquals(new float[] {0.9498f, DepthMap.INVALID, 1.0502f},
                FlyingPixels.remove(new DepthMap(3, 1, edge), LIFT).meters());
        assertArrayEquals(new float[] {0.9498f, DepthMap.INVALID, 1.0502f},
                FlyingPixels.remove(new DepthMap(1, 3, edge), LIFT).meters());
        // Invalid neighbours decide nothing.
        DepthMap holes = new DepthMap(3, 1, new float[] {DepthMap.INVALID, 2, 5});
        assertSame(holes, FlyingPixels.remove(holes, LIFT));
    }

    @Test
    void matchesThePixelRuleOnRandomSceneDepth() {
        SplittableRandom rng = new SplittableRandom(41);
        for (int trial = 0; trial < 30; trial++) {
            int w = 5 + rng.nextInt(60);
            int h = 5 + rng.nextInt(40);
            float[] z = new float[w * h];
            // Blocks of constant depth plus slopes, holes and isolated in-between pixels.
            float base = (float) (0.3 + 8 * rng.nextDouble());
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    int block = (u / (2 + trial % 5)) + 3 * (v / 3);
                    float d = base + (block % 4) * (float) (0.02 + 0.5 * rng.nextDouble()) + 0.001f * u;
                    int kind = rng.nextInt(20);
                    z[v * w + u] = kind == 0 ? DepthMap.INVALID : kind == 1 ? (float) (0.2 + 10 * rng.nextDouble()) : d;
                }
            }
            DepthMap depth = new DepthMap(w, h, z);
            float[] expected = reference(depth);
            DepthMap out = FlyingPixels.remove(depth, LIFT);
            assertArrayEquals(expected, out.meters(), "trial " + trial);
            assertEquals(java.util.Arrays.equals(expected, z), out == depth, "same instance when unchanged");
        }
    }
}
