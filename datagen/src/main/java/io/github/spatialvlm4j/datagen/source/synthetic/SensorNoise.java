package io.github.spatialvlm4j.datagen.source.synthetic;

import java.util.SplittableRandom;

/**
 * Applies a {@link NoiseModel} to clean depth and labels (see its documentation for the exact process).
 * Package-private; stateless; O(pixels x (2k+1)^2) for bleeding radius k, O(pixels) otherwise.
 */
final class SensorNoise {
    private SensorNoise() {
    }

    /** A corrupted copy of {@code depth} (row-major, meters, 0 = invalid); {@code depth} is not changed. */
    static float[] corruptDepth(float[] depth, int w, int h, NoiseModel model, SplittableRandom rng) {
        float[] out = depth.clone();
        if (model.flyingPixelFraction() > 0) {
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    int p = v * w + u;
                    float z = depth[p];
                    if (z <= 0) {
                        continue;
                    }
                    float jumpTo = 0;
                    double largest = model.flyingEdgeJump();
                    int[] neighbours = {u > 0 ? p - 1 : -1, u < w - 1 ? p + 1 : -1, v > 0 ? p - w : -1,
                        v < h - 1 ? p + w : -1};
                    for (int q : neighbours) {
                        if (q >= 0 && depth[q] > 0 && Math.abs(depth[q] - z) > largest) {
                            largest = Math.abs(depth[q] - z);
                            jumpTo = depth[q];
                        }
                    }
                    if (jumpTo > 0 && rng.nextDouble() < model.flyingPixelFraction()) {
                        out[p] = (float) (z + rng.nextDouble() * (jumpTo - z));
                    }
                }
            }
        }
        boolean gaussian = model.sigmaBase() > 0 || model.sigmaQuadratic() > 0;
        for (int p = 0; p < out.length; p++) {
            float z = out[p];
            if (z <= 0) {
                continue;
            }
            double noisy = gaussian ? z + model.sigma(z) * gaussian(rng) : z;
            if (model.missingFraction() > 0 && rng.nextDouble() < model.missingFraction()) {
                noisy = 0;
            }
            out[p] = noisy > 0 ? (float) noisy : 0f;
        }
        return out;
    }

    /** A copy of {@code labels} (row-major ids) with boundaries bled by {@code k} pixels; the input is not changed. */
    static int[] bleedLabels(int[] labels, int w, int h, int k, SplittableRandom rng) {
        int[] out = labels.clone();
        if (k == 0) {
            return out;
        }
        int side = 2 * k + 1;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                if (!nearBoundary(labels, w, h, u, v, k)) {
                    continue;
                }
                int qu = Math.min(w - 1, Math.max(0, u - k + rng.nextInt(side)));
                int qv = Math.min(h - 1, Math.max(0, v - k + rng.nextInt(side)));
                out[p] = labels[qv * w + qu];
            }
        }
        return out;
    }

    private static boolean nearBoundary(int[] labels, int w, int h, int u, int v, int k) {
        int id = labels[v * w + u];
        for (int qv = Math.max(0, v - k); qv <= Math.min(h - 1, v + k); qv++) {
            for (int qu = Math.max(0, u - k); qu <= Math.min(w - 1, u + k); qu++) {
                if (labels[qv * w + qu] != id) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A standard normal deviate (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
