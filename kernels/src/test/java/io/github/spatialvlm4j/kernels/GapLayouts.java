package io.github.spatialvlm4j.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Pairs of clouds (3n floats, meters) for the gap: layouts that favour the sweep and layouts that defeat it. */
public final class GapLayouts {
    private GapLayouts() {
    }

    /** Every layout, a few sizes and offsets each; seeded by {@code rng}. */
    public static List<float[][]> all(SplittableRandom rng) {
        List<float[][]> out = new ArrayList<>();
        for (int n : new int[] {1, 2, 37, 600}) {
            // Two boxes' surfaces a gap apart along a random direction (the sweep's case).
            for (double gap : new double[] {0.0, 0.003, 0.4, 2.5}) {
                float[] a = boxSurface(rng, n, 0, 0, 2, 0.5, 0.6, 0.4);
                float[] b = boxSurface(rng, n + 5, 0.5 + gap, 0.1, 2.2, 0.4, 0.3, 0.7);
                out.add(new float[][] {a, b});
            }
            // Interleaved: two noisy samples of one box (the k-d tree's case).
            out.add(new float[][] {boxSurface(rng, n, 0, 0, 3, 1, 1, 1), boxSurface(rng, 2 * n + 1, 0, 0, 3, 1, 1, 1)});
            // One inside the other.
            out.add(new float[][] {boxSurface(rng, n, 0.4, 0.4, 3.4, 0.2, 0.2, 0.2), boxSurface(rng, n, 0, 0, 3, 1, 1, 1)});
            // A small object above the middle of a wide, flat one (a cup over a table top).
            out.add(new float[][] {boxSurface(rng, n, 0.9, -0.3, 2.9, 0.1, 0.1, 0.1),
                boxSurface(rng, 3 * n, 0, 0, 2, 2, 0.02, 2)});
            // Far from the origin: projections round at the millimetre scale's ulp.
            float[] far = boxSurface(rng, n, 1000, -2000, 1500, 0.5, 0.5, 0.5);
            out.add(new float[][] {far, boxSurface(rng, n, 1000.6, -2000, 1500, 0.5, 0.5, 0.5)});
        }
        // Duplicates: every point twice on both sides, and the very same cloud twice (gap 0).
        float[] dup = boxSurface(rng, 50, 0, 0, 1, 0.3, 0.3, 0.3);
        float[] twice = new float[2 * dup.length];
        System.arraycopy(dup, 0, twice, 0, dup.length);
        System.arraycopy(dup, 0, twice, dup.length, dup.length);
        out.add(new float[][] {twice, boxSurface(rng, 80, 0.9, 0, 1, 0.3, 0.3, 0.3)});
        out.add(new float[][] {dup, dup.clone()});
        return out;
    }

    /** {@code n} points on the faces of the box with min corner (x, y, z) and size (w, h, d), with 1 mm noise. */
    public static float[] boxSurface(SplittableRandom rng, int n, double x, double y, double z, double w, double h,
            double d) {
        float[] p = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double[] q = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            q[rng.nextInt(3)] = rng.nextInt(2);
            p[3 * i] = (float) (x + w * q[0] + 0.001 * rng.nextGaussian());
            p[3 * i + 1] = (float) (y + h * q[1] + 0.001 * rng.nextGaussian());
            p[3 * i + 2] = (float) (z + d * q[2] + 0.001 * rng.nextGaussian());
        }
        return p;
    }
}
