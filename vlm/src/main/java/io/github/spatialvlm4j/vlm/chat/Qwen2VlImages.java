package io.github.spatialvlm4j.vlm.chat;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImagePreprocessor;
import io.github.spatialvlm4j.vlm.image.PreprocessorConfig;
import io.github.spatialvlm4j.vlm.image.Resampler;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;

/**
 * Qwen2-VL image preprocessing: "smart resize" to multiples of {@code patch_size * merge_size}
 * with the pixel count kept in [{@code min_pixels}, {@code max_pixels}], rescale and normalise,
 * then cut into {@code patch_size}-pixel patches, each flattened with its
 * {@code temporal_patch_size} copies (a still image is repeated in time), in the order the
 * vision encoder merges them: merge windows row by row, patches row by row inside a window.
 * Immutable and thread-safe. O(pixels).
 */
public final class Qwen2VlImages {
    private final PreprocessorConfig base;
    private final int patch;
    private final int temporal;
    private final int merge;
    private final long minPixels;
    private final long maxPixels;

    /** Reads {@code patch_size}, {@code temporal_patch_size}, {@code merge_size}, {@code min_pixels}, {@code max_pixels} (top level or in {@code size}). */
    public Qwen2VlImages(JsonConfig pre) {
        this.base = PreprocessorConfig.from(JsonConfig.parse(pre.file(), withoutSize(pre)));
        this.patch = positive(pre, "patch_size", 14);
        this.temporal = positive(pre, "temporal_patch_size", 2);
        this.merge = positive(pre, "merge_size", 2);
        var size = pre.node("size");
        this.minPixels = pre.integer("min_pixels").isPresent() ? pre.integer("min_pixels").getAsInt()
                : size.map(n -> n.path("min_pixels").asLong(56 * 56)).orElse(56L * 56);
        this.maxPixels = pre.number("max_pixels").isPresent() ? (long) pre.number("max_pixels").getAsDouble()
                : size.map(n -> n.path("max_pixels").asLong(28L * 28 * 1280)).orElse(28L * 28 * 1280);
        if (minPixels < 1 || maxPixels < minPixels) {
            throw new ModelFormatException(pre.file().toAbsolutePath() + ": min_pixels " + minPixels + " and max_pixels "
                    + maxPixels + " must satisfy 1 <= min_pixels <= max_pixels");
        }
    }

    /** The config without its {@code size} rule (the smart resize replaces it). */
    private static String withoutSize(JsonConfig pre) {
        var copy = pre.root().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(java.util.List.of("size", "do_resize"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).put("do_resize", false);
        return copy.toString();
    }

    private static int positive(JsonConfig pre, String field, int dflt) {
        int v = pre.integer(field).orElse(dflt);
        if (v < 1) {
            throw pre.bad(field, "an integer >= 1", pre.root().get(field));
        }
        return v;
    }

    /** Spatial merge size (image tokens = patches / merge^2). */
    public int mergeSize() {
        return merge;
    }

    /** Values per flattened patch: 3 x temporal x patch x patch. */
    public int patchDim() {
        return 3 * temporal * patch * patch;
    }

    /**
     * Qwen2-VL's smart resize: {@code {height, width}} rounded (half to even) to multiples of
     * {@code factor}, then scaled down or up (floor or ceil to the factor) when the pixel count
     * leaves [minPixels, maxPixels].
     */
    public static int[] smartResize(int height, int width, int factor, long minPixels, long maxPixels) {
        if (height <= 0 || width <= 0 || factor <= 0) {
            throw new IllegalArgumentException("Invalid size " + width + "x" + height + " or factor " + factor);
        }
        if ((double) Math.max(height, width) / Math.min(height, width) > 200) {
            throw new IllegalArgumentException("Aspect ratio of " + width + "x" + height + " exceeds 200");
        }
        long h = Math.max(factor, (long) Math.rint((double) height / factor) * factor);
        long w = Math.max(factor, (long) Math.rint((double) width / factor) * factor);
        if (h * w > maxPixels) {
            double beta = Math.sqrt((double) height * width / maxPixels);
            h = Math.max(factor, (long) Math.floor(height / beta / factor) * factor);
            w = Math.max(factor, (long) Math.floor(width / beta / factor) * factor);
        } else if (h * w < minPixels) {
            double beta = Math.sqrt((double) minPixels / ((double) height * width));
            h = (long) Math.ceil(height * beta / factor) * factor;
            w = (long) Math.ceil(width * beta / factor) * factor;
        }
        return new int[] {(int) h, (int) w};
    }

    /**
     * Patches of one image.
     *
     * @param pixels {@code [gridH * gridW, patchDim]} row-major
     * @param gridH  patches per column
     * @param gridW  patches per row
     */
    public record Patches(float[] pixels, int gridH, int gridW) {
    }

    /** Preprocesses {@code image} into patches. */
    public Patches patches(RgbImage image) {
        int factor = patch * merge;
        int[] hw = smartResize(image.height(), image.width(), factor, minPixels, maxPixels);
        int h = hw[0];
        int w = hw[1];
        float[][] planes = ImagePreprocessor.rgbPlanes(image);
        if (h != image.height() || w != image.width()) {
            for (int c = 0; c < 3; c++) {
                planes[c] = Resampler.resize(planes[c], image.width(), image.height(), w, h, base.resample(), true);
            }
        }
        double[] mean = base.mean().orElse(new double[] {0, 0, 0});
        double[] std = base.std().orElse(new double[] {1, 1, 1});
        int gh = h / patch;
        int gw = w / patch;
        int dim = patchDim();
        float[] out = new float[gh * gw * dim];
        int row = 0;
        for (int bh = 0; bh < gh / merge; bh++) {
            for (int bw = 0; bw < gw / merge; bw++) {
                for (int mh = 0; mh < merge; mh++) {
                    for (int mw = 0; mw < merge; mw++) {
                        int py0 = (bh * merge + mh) * patch;
                        int px0 = (bw * merge + mw) * patch;
                        int k = row * dim;
                        for (int c = 0; c < 3; c++) {
                            for (int t = 0; t < temporal; t++) {
                                for (int y = 0; y < patch; y++) {
                                    for (int x = 0; x < patch; x++) {
                                        float v = planes[c][(py0 + y) * w + px0 + x];
                                        out[k++] = (float) ((v * base.rescaleFactor() - mean[c]) / std[c]);
                                    }
                                }
                            }
                        }
                        row++;
                    }
                }
            }
        }
        return new Patches(out, gh, gw);
    }
}
