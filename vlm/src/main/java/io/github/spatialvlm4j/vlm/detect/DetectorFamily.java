package io.github.spatialvlm4j.vlm.detect;

import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;

import java.util.Locale;
import java.util.Optional;

/**
 * The single-stage COCO detector exports spatialvlm4j can run, recognised from
 * {@code config.json}'s {@code model_type}. They differ in the layout of their prediction tensor:
 *
 * <pre>
 * YOLOX        [1, N, 5 + C]      raw grid offsets (cx, cy, log w, log h), objectness, C class scores
 *                                 (sigmoids applied); N anchors over the stride grids, no NMS
 * ULTRALYTICS  [1, 4 + C (+ M), N] decoded (cx, cy, w, h) in input pixels, C class scores (sigmoids
 *                                 applied), no objectness; a segment export adds M mask coefficients
 *                                 and a second output, the prototypes [1, M, h, w]
 * </pre>
 */
public enum DetectorFamily {
    /** YOLOX (Ge et al. 2021) exported without in-graph decoding ({@code model_type} "yolox"). */
    YOLOX,
    /** Ultralytics YOLOv8 / YOLO11 detect and segment exports ({@code model_type} "yolov8", "yolo11" or "ultralytics"). */
    ULTRALYTICS;

    /** The model types that name a detector, for messages. */
    public static final String MODEL_TYPES = "yolox, yolov8, yolo11, ultralytics";

    /**
     * The family named by {@code config.json}'s {@code model_type}, empty when the field is absent or
     * names no detector (the directory may hold another kind of model).
     */
    public static Optional<DetectorFamily> find(JsonConfig config) {
        String t = config.string("model_type").orElse("").toLowerCase(Locale.ROOT);
        return switch (t) {
            case "yolox" -> Optional.of(YOLOX);
            case "yolov8", "yolo11", "ultralytics" -> Optional.of(ULTRALYTICS);
            default -> Optional.empty();
        };
    }

    /**
     * The family named by {@code config.json}'s {@code model_type}.
     *
     * @throws ModelFormatException naming the file when the field is missing or names no detector
     */
    public static DetectorFamily detect(JsonConfig config) {
        return find(config).orElseThrow(() -> new ModelFormatException(config.file().toAbsolutePath()
                + ": model_type '" + config.string("model_type").orElse("(missing)")
                + "' is not a supported detector (expected " + MODEL_TYPES + ")"));
    }
}
