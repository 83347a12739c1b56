package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;

import java.util.Locale;

/** The metric depth model families spatialvlm4j can run, recognised from {@code config.json}'s {@code model_type}. */
public enum DepthFamily {
    /** Depth Anything V2 Metric (Hugging Face {@code model_type} "depth_anything", {@code depth_estimation_type} "metric"). */
    DEPTH_ANYTHING_V2_METRIC,
    /** Apple Depth Pro ({@code model_type} "depth_pro"): metric depth plus a focal length estimate. */
    DEPTH_PRO,
    /** Metric3D v2 ({@code model_type} containing "metric3d"): depth for a canonical 1000-pixel focal length. */
    METRIC3D_V2;

    /**
     * The family named by {@code config.json}'s {@code model_type}.
     *
     * @throws ModelFormatException naming the file when the field is missing or names no supported family
     */
    public static DepthFamily detect(JsonConfig config) {
        String type = config.string("model_type").orElseThrow(() -> new ModelFormatException(
                config.file().toAbsolutePath() + ": missing field 'model_type' (expected depth_anything, depth_pro or metric3d)"));
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("depth_anything")) {
            return DEPTH_ANYTHING_V2_METRIC;
        }
        if (t.equals("depth_pro")) {
            return DEPTH_PRO;
        }
        if (t.contains("metric3d")) {
            return METRIC3D_V2;
        }
        throw new ModelFormatException(config.file().toAbsolutePath() + ": model_type '" + type
                + "' is not a supported metric depth model (expected depth_anything, depth_pro or metric3d)");
    }
}
