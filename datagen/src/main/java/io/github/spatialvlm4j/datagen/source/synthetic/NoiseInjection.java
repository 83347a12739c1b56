package io.github.spatialvlm4j.datagen.source.synthetic;

import java.util.SplittableRandom;

/**
 * Applies a {@link NoiseModel} to clean depth and labels (see its records for the exact process).
 * Package-private; stateless. Costs O(pixels) per depth artefact, O(pixels x (2k+1)^2) for mask
 * radius k and O(pixels x r) for ramps of half-width r.
 */
final class NoiseInjection {
    /** A window spanning more than this depth step, meters, is smeared into a ramp by the monocular model. */
    static final double RAMP_EDGE_METERS = 0.1;

    private NoiseInjection() {
    }

    /**
     * Corrupted depth and the global scale factor that was applied to it.
     *
     * @param depth row-major meters, 0 = invalid
     * @param scale the monocular global scale factor (1 when none)
     */
    record Depth(float[] depth, double scale) {
    }

    /** A corrupted copy of {@code depth} (row-major, meters, 0 = invalid); {@code depth} is not changed. */
    static Depth corruptDepth(float[] depth, int w, int h, NoiseModel model, SplittableRandom rng) {
        float[] out = depth.clone();
        double scale = 1;
        NoiseModel.MonocularDepth mono = model.monocular();
        if (!mono.isNone()) {
            if (mono.rampPixels() > 0) {
                out = ramps(out, w, h, mono.rampPixels());
            }
            if (mono.warpAmplitude() > 0) {
                warp(out, w, h, mono.warpAmplitude(), rng);
            }
            if (mono.scaleSigma() > 0) {
                scale = Math.exp(mono.scaleSigma() * gaussian(rng));
                for (int p = 0; p < out.length; p++) {
                    out[p] = (float) (out[p] * scale);
                }
            }
        }
        NoiseModel.DepthNoise d = model.depth();
        if (d.flyingPixelFraction() > 0) {
            out = flyingPixels(out, w, h, d, rng);
        }
        boolean gaussian = d.sigmaBase() > 0 || d.sigmaQuadratic() > 0;
        for (int p = 0; p < out.length; p++) {
            float z = out[p];
            if (z <= 0) {
                continue;
            }
            double noisy = gaussian ? z + d.sigma(z) * gaussian(rng) : z;
            if (d.outlierFraction() > 0 && rng.nextDouble() < d.outlierFraction()) {
                noisy = d.outlierMinDepth() + rng.nextDouble() * (d.outlierMaxDepth() - d.outlierMinDepth());
            }
            if (d.missingFraction() > 0 && rng.nextDouble() < d.missingFraction()) {
                noisy = 0;
            }
            out[p] = noisy > 0 ? (float) noisy : 0f;
        }
        return new Depth(out, scale);
    }

    private static float[] flyingPixels(float[] depth, int w, int h, NoiseModel.DepthNoise d, SplittableRandom rng) {
        float[] out = depth.clone();
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                float z = depth[p];
                if (z <= 0) {
                    continue;
                }
                float jumpTo = 0;
                double largest = d.flyingEdgeJump();
                int[] neighbours = {u > 0 ? p - 1 : -1, u < w - 1 ? p + 1 : -1, v > 0 ? p - w : -1,
                    v < h - 1 ? p + w : -1};
                for (int q : neighbours) {
                    if (q >= 0 && depth[q] > 0 && Math.abs(depth[q] - z) > largest) {
                        largest = Math.abs(depth[q] - z);
                        jumpTo = depth[q];
                    }
                }
                if (jumpTo > 0 && rng.nextDouble() < d.flyingPixelFraction()) {
                    out[p] = (float) (z + rng.nextDouble() * (jumpTo - z));
                }
            }
        }
        return out;
    }

    /**
     * Depth edges smeared into ramps: a valid pixel whose window of half-width {@code r} spans more than
     * {@link #RAMP_EDGE_METERS} takes the window's mean valid depth. Separable sums, O(pixels x r).
     */
    private static float[] ramps(float[] depth, int w, int h, int r) {
        // Row pass: sums, counts, minima and maxima over [u - r, u + r]; then the column pass over them.
        double[] rowSum = new double[depth.length];
        int[] rowCount = new int[depth.length];
        float[] rowMin = new float[depth.length];
        float[] rowMax = new float[depth.length];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double s = 0;
                int c = 0;
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int x = Math.max(0, u - r); x <= Math.min(w - 1, u + r); x++) {
                    float z = depth[v * w + x];
                    if (z > 0) {
                        s += z;
                        c++;
                        lo = Math.min(lo, z);
                        hi = Math.max(hi, z);
                    }
                }
                int p = v * w + u;
                rowSum[p] = s;
                rowCount[p] = c;
                rowMin[p] = lo;
                rowMax[p] = hi;
            }
        }
        float[] out = depth.clone();
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                if (depth[p] <= 0) {
                    continue;
                }
                double s = 0;
                int c = 0;
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int y = Math.max(0, v - r); y <= Math.min(h - 1, v + r); y++) {
                    int q = y * w + u;
                    s += rowSum[q];
                    c += rowCount[q];
                    lo = Math.min(lo, rowMin[q]);
                    hi = Math.max(hi, rowMax[q]);
                }
                if (hi - lo > RAMP_EDGE_METERS) {
                    out[p] = (float) (s / c);
                }
            }
        }
        return out;
    }

    /** Multiplies valid depth by {@code 1 + amplitude * f(u, v)}, f a normalised sum of three plane waves. */
    private static void warp(float[] depth, int w, int h, double amplitude, SplittableRandom rng) {
        int waves = 3;
        double[] a = new double[waves];
        double[] fu = new double[waves];
        double[] fv = new double[waves];
        double[] phase = new double[waves];
        double norm = 0;
        for (int k = 0; k < waves; k++) {
            a[k] = 0.5 + rng.nextDouble();
            double cycles = 0.3 + 0.9 * rng.nextDouble();
            double angle = 2 * Math.PI * rng.nextDouble();
            fu[k] = 2 * Math.PI * cycles * Math.cos(angle) / w;
            fv[k] = 2 * Math.PI * cycles * Math.sin(angle) / h;
            phase[k] = 2 * Math.PI * rng.nextDouble();
            norm += a[k];
        }
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                if (depth[p] <= 0) {
                    continue;
                }
                double f = 0;
                for (int k = 0; k < waves; k++) {
                    f += a[k] * Math.cos(fu[k] * u + fv[k] * v + phase[k]);
                }
                depth[p] = (float) (depth[p] * (1 + amplitude * f / norm));
            }
        }
    }

    /**
     * A copy of {@code labels} (row-major ids, 0 = none) corrupted as {@link NoiseModel.MaskNoise} says; the
     * input is not changed.
     */
    static int[] corruptLabels(int[] labels, int w, int h, NoiseModel.MaskNoise masks, SplittableRandom rng) {
        int[] out = labels;
        if (masks.minDilation() != 0 || masks.maxDilation() != 0 || masks.chunkProbability() > 0) {
            out = dilateAndChunk(labels, w, h, masks, rng);
        }
        return bleedLabels(out, w, h, masks.bleedPixels(), rng);
    }

    /** Systematic per-object dilation or erosion, then chunks of background (see {@link NoiseModel.MaskNoise}). */
    private static int[] dilateAndChunk(int[] labels, int w, int h, NoiseModel.MaskNoise masks, SplittableRandom rng) {
        int maxId = 0;
        for (int id : labels) {
            maxId = Math.max(maxId, id);
        }
        int[] area = new int[maxId + 1];
        for (int id : labels) {
            area[id]++;
        }
        int[] offset = new int[maxId + 1];
        boolean[] chunk = new boolean[maxId + 1];
        int span = masks.maxDilation() - masks.minDilation() + 1;
        for (int id = 1; id <= maxId; id++) {
            if (area[id] > 0) {
                offset[id] = masks.minDilation() + rng.nextInt(span);
                chunk[id] = masks.chunkProbability() > 0 && rng.nextDouble() < masks.chunkProbability();
            }
        }
        int reach = Math.max(Math.abs(masks.minDilation()), Math.abs(masks.maxDilation()));
        int[] out = labels.clone();
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                int id = labels[p];
                if (id == 0) {
                    // The nearest object whose dilation reaches this background pixel, lower id on ties.
                    int best = 0;
                    int bestDist = Integer.MAX_VALUE;
                    for (int y = Math.max(0, v - reach); y <= Math.min(h - 1, v + reach); y++) {
                        for (int x = Math.max(0, u - reach); x <= Math.min(w - 1, u + reach); x++) {
                            int q = labels[y * w + x];
                            int dist = Math.max(Math.abs(x - u), Math.abs(y - v));
                            if (q != 0 && dist <= offset[q] && (dist < bestDist || dist == bestDist && q < best)) {
                                best = q;
                                bestDist = dist;
                            }
                        }
                    }
                    out[p] = best;
                } else if (offset[id] < 0 && nearOther(labels, w, h, u, v, -offset[id])) {
                    out[p] = 0;
                }
            }
        }
        for (int id = 1; id <= maxId; id++) {
            if (chunk[id]) {
                swallowChunk(labels, out, w, h, id, Math.max(2, 0.15 * Math.sqrt(area[id])), rng);
            }
        }
        return out;
    }

    /** Whether a pixel of another label (or of the background) lies within Chebyshev distance k of (u, v). */
    private static boolean nearOther(int[] labels, int w, int h, int u, int v, int k) {
        int id = labels[v * w + u];
        for (int y = Math.max(0, v - k); y <= Math.min(h - 1, v + k); y++) {
            for (int x = Math.max(0, u - k); x <= Math.min(w - 1, u + k); x++) {
                if (labels[y * w + x] != id) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Gives object {@code id} the background pixels of {@code out} within {@code radius} of a background
     * pixel of the clean {@code labels} that touches the object, drawn uniformly among such pixels.
     */
    private static void swallowChunk(int[] labels, int[] out, int w, int h, int id, double radius,
            SplittableRandom rng) {
        int candidates = 0;
        for (int p = 0; p < labels.length; p++) {
            if (labels[p] == 0 && touches(labels, w, h, p, id)) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return;
        }
        int pick = rng.nextInt(candidates);
        int centre = -1;
        for (int p = 0; p < labels.length && centre < 0; p++) {
            if (labels[p] == 0 && touches(labels, w, h, p, id) && pick-- == 0) {
                centre = p;
            }
        }
        int cu = centre % w;
        int cv = centre / w;
        int r = (int) Math.ceil(radius);
        for (int y = Math.max(0, cv - r); y <= Math.min(h - 1, cv + r); y++) {
            for (int x = Math.max(0, cu - r); x <= Math.min(w - 1, cu + r); x++) {
                int q = y * w + x;
                if (labels[q] == 0 && out[q] == 0 && (x - cu) * (x - cu) + (y - cv) * (y - cv) <= radius * radius) {
                    out[q] = id;
                }
            }
        }
    }

    private static boolean touches(int[] labels, int w, int h, int p, int id) {
        int u = p % w;
        int v = p / w;
        return u > 0 && labels[p - 1] == id || u < w - 1 && labels[p + 1] == id
                || v > 0 && labels[p - w] == id || v < h - 1 && labels[p + w] == id;
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
                if (!nearOther(labels, w, h, u, v, k)) {
                    continue;
                }
                int qu = Math.min(w - 1, Math.max(0, u - k + rng.nextInt(side)));
                int qv = Math.min(h - 1, Math.max(0, v - k + rng.nextInt(side)));
                out[p] = labels[qv * w + qu];
            }
        }
        return out;
    }

    /** A standard normal deviate (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
