package io.github.spatialvlm4j.vlm.chat;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImagePreprocessor;
import io.github.spatialvlm4j.vlm.image.PreprocessorConfig;
import io.github.spatialvlm4j.vlm.image.Resampler;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * Idefics3 / SmolVLM image preprocessing: the image is resized so that its longest edge is
 * {@code size.longest_edge} (the other side rounded to an even number), then, with
 * {@code do_image_splitting}, resized up to multiples of the encoder size M
 * ({@code max_image_size.longest_edge}) and cut into a grid of M x M tiles read row by row,
 * followed by the whole image squashed to M x M (the global view); without splitting only the
 * global view is used. Each frame is rescaled and normalised as the config says.
 * Immutable and thread-safe. O(pixels x kernel) per image.
 */
public final class Idefics3Images {
    private final PreprocessorConfig base;
    private final int longestEdge;
    private final int tileSize;
    private final boolean split;

    /** Reads {@code preprocessor_config.json}: {@code size.longest_edge}, {@code max_image_size.longest_edge}, {@code do_image_splitting}. */
    public Idefics3Images(JsonConfig pre) {
        this.base = PreprocessorConfig.from(pre);
        this.longestEdge = edge(pre, "size");
        this.tileSize = edge(pre, "max_image_size");
        this.split = pre.bool("do_image_splitting", true);
        if (longestEdge < tileSize) {
            throw pre.bad("size", "a longest_edge >= max_image_size.longest_edge (" + tileSize + ")", pre.root().get("size"));
        }
    }

    private static int edge(JsonConfig pre, String field) {
        var n = pre.node(field).map(x -> x.get("longest_edge")).orElse(null);
        if (n == null || !n.isIntegralNumber() || n.intValue() < 1) {
            throw new ModelFormatException(pre.file().toAbsolutePath() + ": field '" + field
                    + "' must be {\"longest_edge\": N} with N >= 1, was " + pre.root().get(field));
        }
        return n.intValue();
    }

    /** The tile (and global view) size M, pixels. */
    public int tileSize() {
        return tileSize;
    }

    /**
     * Frames of one image: {@code pixels[f]} is frame {@code f} as {@code [3, M, M]} channels
     * first; tiles row by row, then the global view. {@code rows = cols = 0} when the image was
     * not split.
     */
    public record Frames(List<float[]> pixels, int rows, int cols) {
        public Frames {
            pixels = List.copyOf(pixels);
        }
    }

    /** {height, width} after the longest-edge resize: long side = L, short side scaled, truncated, made even. */
    public static int[] longestEdgeSize(int width, int height, int longest) {
        double aspect = (double) width / height;
        int w;
        int h;
        if (width >= height) {
            w = longest;
            h = (int) (w / aspect);
            if (h % 2 != 0) {
                h++;
            }
        } else {
            h = longest;
            w = (int) (h * aspect);
            if (w % 2 != 0) {
                w++;
            }
        }
        return new int[] {Math.max(h, 1), Math.max(w, 1)};
    }

    /** {height, width} rounded up to multiples of {@code m}, keeping the aspect ratio of the long side's rounding. */
    public static int[] encoderSize(int width, int height, int m) {
        double aspect = (double) width / height;
        int w;
        int h;
        if (width >= height) {
            w = ceilTo(width, m);
            h = ceilTo((int) (w / aspect), m);
        } else {
            h = ceilTo(height, m);
            w = ceilTo((int) (h * aspect), m);
        }
        return new int[] {Math.max(h, m), Math.max(w, m)};
    }

    private static int ceilTo(int v, int m) {
        return (v + m - 1) / m * m;
    }

    /** Preprocesses {@code image} into frames. */
    public Frames frames(RgbImage image) {
        int w = image.width();
        int h = image.height();
        float[][] planes = ImagePreprocessor.rgbPlanes(image);
        int[] first = longestEdgeSize(w, h, longestEdge);
        planes = resize(planes, w, h, first[1], first[0]);
        w = first[1];
        h = first[0];
        List<float[]> frames = new ArrayList<>();
        int rows = 0;
        int cols = 0;
        if (split) {
            int[] enc = encoderSize(w, h, tileSize);
            planes = resize(planes, w, h, enc[1], enc[0]);
            w = enc[1];
            h = enc[0];
            if (w > tileSize || h > tileSize) {
                rows = h / tileSize;
                cols = w / tileSize;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        frames.add(normalise(crop(planes, w, c * tileSize, r * tileSize)));
                    }
                }
            }
        }
        frames.add(normalise(resize(planes, w, h, tileSize, tileSize)));
        return new Frames(frames, rows, cols);
    }

    private float[][] resize(float[][] planes, int w, int h, int nw, int nh) {
        if (w == nw && h == nh) {
            return planes;
        }
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = Resampler.resize(planes[c], w, h, nw, nh, base.resample(), true);
        }
        return out;
    }

    private float[][] crop(float[][] planes, int w, int x0, int y0) {
        float[][] out = new float[3][tileSize * tileSize];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < tileSize; y++) {
                System.arraycopy(planes[c], (y0 + y) * w + x0, out[c], y * tileSize, tileSize);
            }
        }
        return out;
    }

    private float[] normalise(float[][] planes) {
        int n = tileSize * tileSize;
        float[] out = new float[3 * n];
        double[] mean = base.mean().orElse(new double[] {0, 0, 0});
        double[] std = base.std().orElse(new double[] {1, 1, 1});
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                out[c * n + i] = (float) ((planes[c][i] * base.rescaleFactor() - mean[c]) / std[c]);
            }
        }
        return out;
    }
}
