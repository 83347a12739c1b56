package io.github.spatialvlm4j.vlm.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The image preprocessing of one model, read from its {@code preprocessor_config.json}. Steps
 * run in this order: resize ({@code do_resize}, {@code size}, {@code keep_aspect_ratio},
 * {@code ensure_multiple_of}, {@code resample}), centre crop ({@code do_center_crop},
 * {@code crop_size}), rescale ({@code do_rescale}, {@code rescale_factor}), normalise
 * ({@code do_normalize}, {@code image_mean}, {@code image_std}), pad ({@code do_pad} with
 * {@code pad_size}, or to a multiple of {@code size_divisor}; zeros at the bottom and right).
 *
 * <p>Defaults when a field is absent: {@code do_resize} true when {@code size} is given,
 * {@code resample} 2 (bilinear), {@code do_rescale} true with factor 1/255,
 * {@code do_normalize} true when {@code image_mean} is given, no crop, no pad. An integer
 * {@code size} means a square. {@code image_mean}/{@code image_std} are required when
 * normalising.
 *
 * @param size          resize rule, empty when the image keeps its size
 * @param multipleOf    resized sides are rounded (half to even) to a multiple of this, &gt;= 1
 * @param cropHeight    centre-crop height, pixels; empty for no crop (set together with cropWidth)
 * @param rescaleFactor multiplies 8-bit values (1.0 to keep 0..255)
 * @param mean          per-channel RGB mean subtracted after rescaling, or empty to skip normalising
 * @param padHeight     pad to this height, pixels; empty for none
 * @param padMultiple   pad each side up to a multiple of this, &gt;= 1 (1 = none)
 */
public record PreprocessorConfig(Optional<SizeRule> size, boolean keepAspectRatio, int multipleOf, Resample resample,
                                 OptionalInt cropHeight, OptionalInt cropWidth, double rescaleFactor,
                                 Optional<double[]> mean, Optional<double[]> std,
                                 OptionalInt padHeight, OptionalInt padWidth, int padMultiple) {

    public PreprocessorConfig {
        if (multipleOf < 1) {
            throw new IllegalArgumentException("Invalid multipleOf: " + multipleOf + " (must be >= 1)");
        }
        if (padMultiple < 1) {
            throw new IllegalArgumentException("Invalid padMultiple: " + padMultiple + " (must be >= 1)");
        }
        if (cropHeight.isPresent() != cropWidth.isPresent() || padHeight.isPresent() != padWidth.isPresent()) {
            throw new IllegalArgumentException("Crop and pad sizes need both a height and a width");
        }
        if (!(rescaleFactor > 0) || !Double.isFinite(rescaleFactor)) {
            throw new IllegalArgumentException("Invalid rescale factor: " + rescaleFactor + " (must be finite and > 0)");
        }
        requireNormalisation(mean, std);
    }

    /**
     * Checks a per-channel normalisation: a mean and a std together or neither, 3 values each, every
     * std finite and &gt; 0.
     *
     * @throws IllegalArgumentException naming the bad values
     */
    public static void requireNormalisation(Optional<double[]> mean, Optional<double[]> std) {
        if (mean.isPresent() != std.isPresent()) {
            throw new IllegalArgumentException("Normalisation needs both a mean and a std");
        }
        if (std.isPresent()) {
            if (std.get().length != 3 || mean.get().length != 3) {
                throw new IllegalArgumentException("Mean and std need 3 values, one per channel, got "
                        + Arrays.toString(mean.get()) + " and " + Arrays.toString(std.get()));
            }
            for (double s : std.get()) {
                if (!(s > 0) || !Double.isFinite(s)) {
                    throw new IllegalArgumentException("Invalid image_std " + Arrays.toString(std.get())
                            + " (each must be finite and > 0)");
                }
            }
        }
    }

    /**
     * Reads the Hugging Face fields of {@code json} (see the class notes).
     *
     * @throws ModelFormatException naming the file and field for a value of the wrong type or range
     */
    public static PreprocessorConfig from(JsonConfig json) {
        Optional<SizeRule> size = Optional.empty();
        Optional<JsonNode> sizeNode = json.node("size");
        boolean doResize = json.bool("do_resize", sizeNode.isPresent());
        if (doResize) {
            if (sizeNode.isEmpty()) {
                throw new ModelFormatException(json.file().toAbsolutePath() + ": do_resize is true but field 'size' "
                        + "is missing (expected {\"height\", \"width\"}, {\"shortest_edge\"} or {\"longest_edge\"})");
            }
            size = Optional.of(sizeRule(json, sizeNode.get()));
        }
        boolean keepAspect = json.bool("keep_aspect_ratio", false);
        int multiple = positiveInt(json, "ensure_multiple_of").orElse(1);
        Resample resample = json.integer("resample").isPresent()
                ? pil(json, json.integer("resample").getAsInt()) : Resample.BILINEAR;

        OptionalInt cropH = OptionalInt.empty();
        OptionalInt cropW = OptionalInt.empty();
        if (json.bool("do_center_crop", false)) {
            JsonNode c = json.node("crop_size").orElseThrow(() -> new ModelFormatException(json.file().toAbsolutePath()
                    + ": do_center_crop is true but field 'crop_size' is missing (expected {\"height\", \"width\"} or an integer)"));
            int[] hw = heightWidth(json, "crop_size", c);
            cropH = OptionalInt.of(hw[0]);
            cropW = OptionalInt.of(hw[1]);
        }
        double rescale = 1.0;
        if (json.bool("do_rescale", true)) {
            rescale = json.number("rescale_factor").orElse(1.0 / 255.0);
            if (!(rescale > 0) || !Double.isFinite(rescale)) {
                throw json.bad("rescale_factor", "a finite number > 0", json.root().get("rescale_factor"));
            }
        }
        Optional<double[]> mean = Optional.empty();
        Optional<double[]> std = Optional.empty();
        if (json.bool("do_normalize", json.has("image_mean"))) {
            mean = Optional.of(json.numbers("image_mean", 3).orElseThrow(() -> missing(json, "image_mean")));
            std = Optional.of(json.numbers("image_std", 3).orElseThrow(() -> missing(json, "image_std")));
            for (double s : std.get()) {
                if (!(s > 0)) {
                    throw json.bad("image_std", "3 numbers > 0", json.root().get("image_std"));
                }
            }
        }
        OptionalInt padH = OptionalInt.empty();
        OptionalInt padW = OptionalInt.empty();
        int padMultiple = 1;
        if (json.bool("do_pad", false)) {
            if (json.has("pad_size")) {
                int[] hw = heightWidth(json, "pad_size", json.root().get("pad_size"));
                padH = OptionalInt.of(hw[0]);
                padW = OptionalInt.of(hw[1]);
            } else {
                padMultiple = positiveInt(json, "size_divisor").orElseThrow(() -> new ModelFormatException(
                        json.file().toAbsolutePath() + ": do_pad is true but neither 'pad_size' nor 'size_divisor' is given"));
            }
        }
        return new PreprocessorConfig(size, keepAspect, multiple, resample, cropH, cropW, rescale, mean, std,
                padH, padW, padMultiple);
    }

    private static Resample pil(JsonConfig json, int code) {
        try {
            return Resample.fromPilCode(code);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json.file().toAbsolutePath() + ": field 'resample': " + e.getMessage(), e);
        }
    }

    private static ModelFormatException missing(JsonConfig json, String field) {
        return new ModelFormatException(json.file().toAbsolutePath() + ": do_normalize is true but field '" + field
                + "' is missing (expected 3 numbers, R G B)");
    }

    private static OptionalInt positiveInt(JsonConfig json, String field) {
        OptionalInt v = json.integer(field);
        if (v.isPresent() && v.getAsInt() < 1) {
            throw json.bad(field, "an integer >= 1", json.root().get(field));
        }
        return v;
    }

    private static SizeRule sizeRule(JsonConfig json, JsonNode n) {
        if (n.isIntegralNumber()) {
            return new SizeRule.Exact(checkPositive(json, "size", n, n.intValue()), n.intValue());
        }
        if (n.isObject()) {
            if (n.has("height") && n.has("width")) {
                int[] hw = heightWidth(json, "size", n);
                return new SizeRule.Exact(hw[0], hw[1]);
            }
            if (n.has("shortest_edge")) {
                int s = intField(json, "size", n, "shortest_edge");
                OptionalInt l = n.has("longest_edge") && !n.get("longest_edge").isNull()
                        ? OptionalInt.of(intField(json, "size", n, "longest_edge")) : OptionalInt.empty();
                if (l.isPresent() && l.getAsInt() < s) {
                    throw json.bad("size", "longest_edge >= shortest_edge", n);
                }
                return new SizeRule.ShortestEdge(s, l);
            }
            if (n.has("longest_edge")) {
                return new SizeRule.LongestEdge(intField(json, "size", n, "longest_edge"));
            }
        }
        throw json.bad("size", "an integer, {\"height\", \"width\"}, {\"shortest_edge\"[, \"longest_edge\"]} or "
                + "{\"longest_edge\"}", n);
    }

    private static int[] heightWidth(JsonConfig json, String field, JsonNode n) {
        if (n.isIntegralNumber()) {
            int v = checkPositive(json, field, n, n.intValue());
            return new int[] {v, v};
        }
        if (!n.isObject()) {
            throw json.bad(field, "an integer or {\"height\", \"width\"}", n);
        }
        return new int[] {intField(json, field, n, "height"), intField(json, field, n, "width")};
    }

    private static int intField(JsonConfig json, String field, JsonNode parent, String key) {
        JsonNode v = parent.get(key);
        if (v == null || !v.isIntegralNumber()) {
            throw json.bad(field, "an object with integer '" + key + "'", parent);
        }
        return checkPositive(json, field, parent, v.intValue());
    }

    private static int checkPositive(JsonConfig json, String field, JsonNode n, int v) {
        if (v <= 0) {
            throw json.bad(field, "sizes > 0 pixels", n);
        }
        return v;
    }
}
