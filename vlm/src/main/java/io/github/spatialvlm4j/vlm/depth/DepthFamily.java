package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.vlm.model.Alternatives;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The registry of metric depth model families spatialvlm4j can run: one constant per family says how
 * {@code config.json}'s {@code model_type} names it, whether it estimates the focal length, and which
 * adapter opens it. Constants are declared in order of preference: when a models root holds several
 * depth models, the first family wins (Depth Pro, as it estimates the focal length, then Depth
 * Anything V2 Metric, then Metric3D v2).
 *
 * <p>Adding a family is one adapter class implementing {@link MetricDepthModel} (usually extending
 * {@link OnnxDepthModel}) and one constant here; see docs/ARCHITECTURE.md, "Models".
 */
public enum DepthFamily {
    /** Apple Depth Pro ({@code model_type} "depth_pro"): metric depth plus a focal length estimate. */
    DEPTH_PRO("Depth Pro", "depth_pro", false, true, DepthPro::new),
    /** Depth Anything V2 Metric (Hugging Face {@code model_type} "depth_anything", {@code depth_estimation_type} "metric"). */
    DEPTH_ANYTHING_V2_METRIC("Depth Anything V2 Metric", "depth_anything", false, false, DepthAnythingV2Metric::new),
    /** Metric3D v2 ({@code model_type} containing "metric3d"): depth for a canonical 1000-pixel focal length. */
    METRIC3D_V2("Metric3D v2", "metric3d", true, false, Metric3dV2::new);

    private final String displayName;
    private final String modelType;
    private final boolean modelTypeContains;
    private final boolean estimatesFocalLength;
    private final BiFunction<ModelDirectory, SessionSettings, MetricDepthModel> adapter;

    DepthFamily(String displayName, String modelType, boolean modelTypeContains, boolean estimatesFocalLength,
            BiFunction<ModelDirectory, SessionSettings, MetricDepthModel> adapter) {
        this.displayName = displayName;
        this.modelType = modelType;
        this.modelTypeContains = modelTypeContains;
        this.estimatesFocalLength = estimatesFocalLength;
        this.adapter = adapter;
    }

    /** The family's name for people, e.g. "Depth Pro". */
    public String displayName() {
        return displayName;
    }

    /** The {@code model_type} that names the family (lower case; for Metric3D v2 any type containing it). */
    public String modelType() {
        return modelType;
    }

    /**
     * Whether the model estimates the camera's focal length itself: then a frame without intrinsics is
     * given none and the estimate is used; other families get a default field of view (or need intrinsics).
     */
    public boolean estimatesFocalLength() {
        return estimatesFocalLength;
    }

    /** Whether {@code type} (a {@code model_type}, any case) names this family. */
    public boolean matches(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return modelTypeContains ? t.contains(modelType) : t.equals(modelType);
    }

    /**
     * Opens {@code dir} with this family's adapter.
     *
     * @throws io.github.spatialvlm4j.vlm.model.ModelFormatException naming the file when the directory is incomplete
     */
    public MetricDepthModel open(ModelDirectory dir, SessionSettings settings) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(settings, "settings");
        return adapter.apply(dir, settings);
    }

    /** Every family's display name, in order of preference: "Depth Pro, Depth Anything V2 Metric or Metric3D v2". */
    public static String displayNames() {
        List<String> names = new ArrayList<>();
        for (DepthFamily f : values()) {
            names.add(f.displayName);
        }
        return Alternatives.or(names);
    }

    /** Every family's {@code model_type}, for messages: "depth_pro, depth_anything or metric3d". */
    public static String modelTypes() {
        List<String> types = new ArrayList<>();
        for (DepthFamily f : values()) {
            types.add(f.modelType);
        }
        return Alternatives.or(types);
    }

    /**
     * The family named by {@code config.json}'s {@code model_type}.
     *
     * @throws ModelFormatException naming the file when the field is missing or names no supported family
     */
    public static DepthFamily detect(JsonConfig config) {
        String type = config.string("model_type").orElseThrow(() -> new ModelFormatException(
                config.file().toAbsolutePath() + ": missing field 'model_type' (expected " + modelTypes() + ")"));
        for (DepthFamily f : values()) {
            if (f.matches(type)) {
                return f;
            }
        }
        throw new ModelFormatException(config.file().toAbsolutePath() + ": model_type '" + type
                + "' is not a supported metric depth model (expected " + modelTypes() + ")");
    }
}
