package io.github.spatialvlm4j.vlm.image;

import io.github.spatialvlm4j.geometry.ShapeMismatchException;

/**
 * Separable image resizing with Pillow's semantics (what Hugging Face image processors run):
 * pixel centres are aligned ({@code src = (dst + 0.5) * scale - 0.5}), the kernel is widened by
 * the scale when shrinking (anti-aliasing), edge weights are renormalised, the horizontal pass
 * runs before the vertical one, and a pass is skipped when its size does not change. Nearest
 * neighbour picks {@code floor((dst + 0.5) * scale)}.
 *
 * <p>Planes are single-channel, row-major {@code plane[y * width + x]}. Cost
 * O(outW * inH * kx + outW * outH * ky) per plane, where {@code k} is the kernel width in
 * source pixels. Stateless and thread-safe.
 */
public final class Resampler {
    private Resampler() {
    }

    /**
     * Resizes one plane.
     *
     * @param src      row-major plane of {@code w * h} values
     * @param quantize round each pass to an integer in [0, 255] as Pillow does for 8-bit images;
     *                 false keeps floats (depth maps)
     * @return a new row-major plane of {@code nw * nh} values
     */
    public static float[] resize(float[] src, int w, int h, int nw, int nh, Resample filter, boolean quantize) {
        if (w <= 0 || h <= 0 || nw <= 0 || nh <= 0) {
            throw new IllegalArgumentException("Invalid resize " + w + "x" + h + " -> " + nw + "x" + nh
                    + " (pixels, all sizes must be > 0)");
        }
        if (src.length != (long) w * h) {
            throw new ShapeMismatchException("Plane has " + src.length + " values but is " + w + "x" + h);
        }
        if (filter == Resample.NEAREST) {
            return nearest(src, w, h, nw, nh);
        }
        float[] cur = src;
        int cw = w;
        if (nw != w) {
            cur = horizontal(cur, cw, h, nw, filter, quantize);
            cw = nw;
        }
        if (nh != h) {
            cur = vertical(cur, cw, h, nh, filter, quantize);
        }
        return cur == src ? src.clone() : cur;
    }

    private static float[] nearest(float[] src, int w, int h, int nw, int nh) {
        float[] out = new float[nw * nh];
        double sx = (double) w / nw;
        double sy = (double) h / nh;
        int[] xs = new int[nw];
        for (int x = 0; x < nw; x++) {
            xs[x] = Math.min(w - 1, (int) Math.floor((x + 0.5) * sx));
        }
        for (int y = 0; y < nh; y++) {
            int yy = Math.min(h - 1, (int) Math.floor((y + 0.5) * sy));
            for (int x = 0; x < nw; x++) {
                out[y * nw + x] = src[yy * w + xs[x]];
            }
        }
        return out;
    }

    /** Kernel of one output coordinate: first source index and normalised weights. */
    private record Coeffs(int[] start, double[][] weights) {
    }

    /** Pillow's precompute_coeffs, in double precision. */
    private static Coeffs coeffs(int inSize, int outSize, Resample filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support() * filterScale;
        int[] start = new int[outSize];
        double[][] weights = new double[outSize][];
        for (int o = 0; o < outSize; o++) {
            double center = (o + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize);
            int n = Math.max(xmax - xmin, 0);
            double[] k = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                k[i] = filter.weight((i + xmin - center + 0.5) / filterScale);
                sum += k[i];
            }
            if (sum != 0.0) {
                for (int i = 0; i < n; i++) {
                    k[i] /= sum;
                }
            }
            start[o] = xmin;
            weights[o] = k;
        }
        return new Coeffs(start, weights);
    }

    private static float[] horizontal(float[] src, int w, int h, int nw, Resample f, boolean quantize) {
        Coeffs c = coeffs(w, nw, f);
        float[] out = new float[nw * h];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < nw; x++) {
                double[] k = c.weights[x];
                int s = c.start[x];
                double acc = 0;
                for (int i = 0; i < k.length; i++) {
                    acc += k[i] * src[row + s + i];
                }
                out[y * nw + x] = quantize ? clip8(acc) : (float) acc;
            }
        }
        return out;
    }

    private static float[] vertical(float[] src, int w, int h, int nh, Resample f, boolean quantize) {
        Coeffs c = coeffs(h, nh, f);
        float[] out = new float[w * nh];
        for (int y = 0; y < nh; y++) {
            double[] k = c.weights[y];
            int s = c.start[y];
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = 0; i < k.length; i++) {
                    acc += k[i] * src[(s + i) * w + x];
                }
                out[y * w + x] = quantize ? clip8(acc) : (float) acc;
            }
        }
        return out;
    }

    /** Round half up and clamp to [0, 255], as Pillow stores an 8-bit pass. */
    private static float clip8(double v) {
        double r = Math.floor(v + 0.5);
        return (float) (r < 0 ? 0 : r > 255 ? 255 : r);
    }
}
