package io.github.spatialvlm4j.vlm.image;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Known answers worked out by hand from Pillow's resampling rules (see Resampler). */
class ResamplerTest {
    private static final float EXACT = 0f;
    private static final float F32 = 1e-4f;

    private static float[] row(float[] src, int nw, Resample f, boolean quantize) {
        return Resampler.resize(src, src.length, 1, nw, 1, f, quantize);
    }

    @Test
    void bilinearUpscaleAlignsPixelCentres() {
        // out 1: centre 0.75 in source -> 0.75 * 0 + 0.25 * 100; the ends clamp to the edge pixels.
        assertArrayEquals(new float[] {0, 25, 75, 100}, row(new float[] {0, 100}, 4, Resample.BILINEAR, true), EXACT);
    }

    @Test
    void bilinearDownscaleIsAntialiased() {
        // Scale 2 widens the triangle to 2 source pixels: weights 3/7, 3/7, 1/7 (renormalised at the edge).
        assertArrayEquals(new float[] {50, 160}, row(new float[] {0, 70, 140, 210}, 2, Resample.BILINEAR, true), EXACT);
    }

    @Test
    void bicubicOvershootsAndIsClampedWhenQuantized() {
        // Keys a = -0.5: out 0 = 100 * (-0.0703125 / 0.796875) = -8.8 -> 0; out 3 = 108.8 -> 109.
        assertArrayEquals(new float[] {0, 21, 79, 109}, row(new float[] {0, 100}, 4, Resample.BICUBIC, true), EXACT);
        float[] f = row(new float[] {0, 100}, 4, Resample.BICUBIC, false);
        assertEquals(-8.8235f, f[0], F32);
        assertEquals(108.8235f, f[3], F32);
    }

    @Test
    void nearestPicksFloorOfScaledCentre() {
        assertArrayEquals(new float[] {10, 30}, row(new float[] {10, 20, 30}, 2, Resample.NEAREST, true), EXACT);
        assertArrayEquals(new float[] {10, 10, 20, 20, 30, 30}, row(new float[] {10, 20, 30}, 6, Resample.NEAREST, true), EXACT);
    }

    @Test
    void boxDownscaleByTwoAveragesPairs() {
        assertArrayEquals(new float[] {5, 25}, row(new float[] {0, 10, 20, 30}, 2, Resample.BOX, false), EXACT);
    }

    @Test
    void everyFilterKeepsAConstantImageAndSameSizeIsACopy() {
        float[] c = new float[6 * 5];
        java.util.Arrays.fill(c, 42f);
        for (Resample f : Resample.values()) {
            float[] out = Resampler.resize(c, 6, 5, 11, 3, f, false);
            for (float v : out) {
                assertEquals(42f, v, F32, f.name());
            }
        }
        float[] same = Resampler.resize(c, 6, 5, 6, 5, Resample.BICUBIC, true);
        assertNotSame(c, same);
        assertArrayEquals(c, same, EXACT);
    }

    @Test
    void separablePassesMatchATwoDimensionalReference() {
        SplittableRandom rnd = new SplittableRandom(7);
        int w = 7;
        int h = 5;
        float[] src = new float[w * h];
        for (int i = 0; i < src.length; i++) {
            src[i] = rnd.nextInt(256);
        }
        float[] fast = Resampler.resize(src, w, h, 3, 9, Resample.BILINEAR, false);
        // Reference: resize every row, then every column of the result, one 1-D call at a time.
        float[] rows = new float[3 * h];
        for (int y = 0; y < h; y++) {
            float[] r = row(java.util.Arrays.copyOfRange(src, y * w, y * w + w), 3, Resample.BILINEAR, false);
            System.arraycopy(r, 0, rows, y * 3, 3);
        }
        for (int x = 0; x < 3; x++) {
            float[] col = new float[h];
            for (int y = 0; y < h; y++) {
                col[y] = rows[y * 3 + x];
            }
            float[] c = Resampler.resize(col, 1, h, 1, 9, Resample.BILINEAR, false);
            for (int y = 0; y < 9; y++) {
                assertEquals(c[y], fast[y * 3 + x], F32);
            }
        }
    }

    @Test
    void rejectsBadSizesAndCodes() {
        assertThrows(IllegalArgumentException.class, () -> Resampler.resize(new float[4], 2, 2, 0, 2, Resample.BOX, true));
        assertThrows(io.github.spatialvlm4j.geometry.ShapeMismatchException.class,
                () -> Resampler.resize(new float[5], 2, 2, 4, 4, Resample.BOX, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resample.fromPilCode(9));
        assertTrue(e.getMessage().contains("9"), e.getMessage());
        assertEquals(Resample.BICUBIC, Resample.fromPilCode(3));
    }
}
