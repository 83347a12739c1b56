package io.github.spatialvlm4j.vlm.detect;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spatialvlm4j.vlm.image.PreprocessorConfig;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a detector export is fed and read, from its {@code config.json} (one small file in the
 * spirit of the Hugging Face layout):
 *
 * <pre>
 * {
 *   "model_type": "yolox",                        yolox | yolov8 | yolo11 | ultralytics
 *   "input_size": {"height": 416, "width": 416},  the graph's input, pixels (or one integer: a square)
 *   "channel_order": "bgr",                       rgb | bgr
 *   "rescale_factor": 1.0,                        multiplies 8-bit values (Ultralytics: 1/255)
 *   "image_mean": [0, 0, 0], "image_std": [1, 1, 1],   optional, after rescaling, in channel_order
 *   "letterbox": "top_left",                      top_left | center: where the resized image sits
 *   "pad_value": 114,                             8-bit value of the padding, before rescaling
 *   "strides": [8, 16, 32],                       YOLOX grid strides, pixels
 *   "id2label": {"0": "person", "1": "bicycle", ...},  class names, ids 0 .. C-1
 *   "score_threshold": 0.3, "nms_iou": 0.45, "max_detections": 100
 * }
 * </pre>
 *
 * Absent fields take the family's export defaults: YOLOX BGR, 0..255, top-left letterbox, strides
 * 8/16/32; Ultralytics RGB, 1/255, centred letterbox; both pad with 114, keep scores &gt;= 0.3,
 * suppress at IoU 0.45 and keep at most 100 detections. {@code input_size} and {@code id2label}
 * are required.
 *
 * @param family          the export's output layout
 * @param inputHeight     graph input height, pixels, &gt; 0
 * @param inputWidth      graph input width, pixels, &gt; 0
 * @param bgr             whether the first input channel is blue (else red)
 * @param rescaleFactor   multiplies 8-bit values, finite and &gt; 0
 * @param mean            per-channel mean subtracted after rescaling, in input channel order, or empty
 * @param std             per-channel divisor after subtracting the mean, in input channel order, or empty
 * @param centred         whether the resized image is centred in the input (else at the top-left corner)
 * @param padValue        8-bit value of padding pixels, in [0, 255]
 * @param strides         YOLOX grid strides, pixels, each dividing both input sides (empty for Ultralytics)
 * @param classes         class names by id, at least one
 * @param scoreThreshold  detections scoring below this are dropped, in [0, 1]
 * @param nmsIou          a box overlapping a higher-scoring box of its class by more than this IoU is dropped, in (0, 1]
 * @param maxDetections   at most this many detections are returned, &gt;= 1
 */
public record DetectorConfig(DetectorFamily family, int inputHeight, int inputWidth, boolean bgr, double rescaleFactor,
                             Optional<double[]> mean, Optional<double[]> std, boolean centred, int padValue,
                             int[] strides, List<String> classes, double scoreThreshold, double nmsIou,
                             int maxDetections) {

    public DetectorConfig {
        if (family == null) {
            throw new IllegalArgumentException("Detector family is null");
        }
        if (inputHeight <= 0 || inputWidth <= 0) {
            throw new IllegalArgumentException("Invalid input size " + inputWidth + "x" + inputHeight
                    + " (pixels, must be > 0)");
        }
        if (!(rescaleFactor > 0) || !Double.isFinite(rescaleFactor)) {
            throw new IllegalArgumentException("Invalid rescale factor: " + rescaleFactor + " (must be finite and > 0)");
        }
        PreprocessorConfig.requireNormalisation(mean, std);
        if (padValue < 0 || padValue > 255) {
            throw new IllegalArgumentException("Invalid pad value: " + padValue + " (8-bit, must be in [0, 255])");
        }
        strides = strides.clone();
        if (family == DetectorFamily.YOLOX && strides.length == 0) {
            throw new IllegalArgumentException("A YOLOX detector needs its grid strides, e.g. [8, 16, 32]");
        }
        for (int s : strides) {
            if (s <= 0 || inputHeight % s != 0 || inputWidth % s != 0) {
                throw new IllegalArgumentException("Invalid stride " + s + " in " + Arrays.toString(strides)
                        + " (pixels, must be > 0 and divide the input size " + inputWidth + "x" + inputHeight + ")");
            }
        }
        classes = List.copyOf(classes);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("A detector needs at least one class name");
        }
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).isBlank()) {
                throw new IllegalArgumentException("Class " + i + " has a blank name");
            }
        }
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("Invalid score threshold: " + scoreThreshold + " (must be in [0, 1])");
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw new IllegalArgumentException("Invalid NMS IoU: " + nmsIou + " (must be in (0, 1])");
        }
        if (maxDetections < 1) {
            throw new IllegalArgumentException("Invalid max detections: " + maxDetections + " (must be >= 1)");
        }
    }

    /** The grid strides (a copy). */
    @Override
    public int[] strides() {
        return strides.clone();
    }

    /** Number of classes. */
    public int classCount() {
        return classes.size();
    }

    /**
     * YOLOX anchors over the stride grids: {@code sum over s of (H / s) * (W / s)}; 0 for families
     * without a fixed grid.
     */
    public int gridAnchors() {
        int n = 0;
        for (int s : strides) {
            n += (inputHeight / s) * (inputWidth / s);
        }
        return n;
    }

    /**
     * Reads {@code json} (see the class notes).
     *
     * @throws ModelFormatException naming the file and field for a missing or invalid value
     */
    public static DetectorConfig from(JsonConfig json) {
        DetectorFamily family = DetectorFamily.detect(json);
        boolean yolox = family == DetectorFamily.YOLOX;
        int[] hw = inputSize(json);
        boolean bgr = choice(json, "channel_order", yolox ? "bgr" : "rgb", "rgb", "bgr").equals("bgr");
        double rescale = json.number("rescale_factor").orElse(yolox ? 1.0 : 1.0 / 255.0);
        Optional<double[]> mean = json.numbers("image_mean", 3);
        Optional<double[]> std = json.numbers("image_std", 3);
        boolean centred = choice(json, "letterbox", yolox ? "top_left" : "center", "top_left", "center").equals("center");
        int pad = json.integer("pad_value").orElse(114);
        int[] strides = !yolox ? new int[0] : json.has("strides")
                ? json.integers("strides").stream().mapToInt(Integer::intValue).toArray() : new int[] {8, 16, 32};
        List<String> classes = classes(json);
        double score = json.number("score_threshold").orElse(0.3);
        double iou = json.number("nms_iou").orElse(0.45);
        int max = json.integer("max_detections").orElse(100);
        try {
            return new DetectorConfig(family, hw[0], hw[1], bgr, rescale, mean, std, centred, pad, strides, classes,
                    score, iou, max);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json.file().toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static int[] inputSize(JsonConfig json) {
        JsonNode n = json.node("input_size").orElseThrow(() -> new ModelFormatException(json.file().toAbsolutePath()
                + ": missing field 'input_size' (expected {\"height\": H, \"width\": W} or an integer, pixels)"));
        if (n.isIntegralNumber()) {
            return new int[] {n.intValue(), n.intValue()};
        }
        JsonNode h = n.get("height");
        JsonNode w = n.get("width");
        if (!n.isObject() || h == null || w == null || !h.isIntegralNumber() || !w.isIntegralNumber()) {
            throw json.bad("input_size", "{\"height\": H, \"width\": W} or an integer (pixels)", n);
        }
        return new int[] {h.intValue(), w.intValue()};
    }

    private static String choice(JsonConfig json, String field, String defaultValue, String... allowed) {
        String v = json.string(field).orElse(defaultValue).toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(v)) {
            throw json.bad(field, "one of " + Arrays.toString(allowed), json.root().get(field));
        }
        return v;
    }

    private static List<String> classes(JsonConfig json) {
        JsonNode n = json.node("id2label").orElseThrow(() -> new ModelFormatException(json.file().toAbsolutePath()
                + ": missing field 'id2label' (expected the class names by id, {\"0\": \"person\", ...})"));
        if (!n.isObject() || n.size() == 0) {
            throw json.bad("id2label", "a non-empty object mapping ids 0 .. C-1 to class names", n);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode name = n.get(Integer.toString(i));
            if (name == null || !name.isTextual()) {
                throw json.bad("id2label", "an object with ids 0 .. " + (n.size() - 1) + " each mapped to a name "
                        + "(id " + i + " is missing or not a string)", n);
            }
            names.add(name.textValue());
        }
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectorConfig c && family == c.family && inputHeight == c.inputHeight
                && inputWidth == c.inputWidth && bgr == c.bgr && rescaleFactor == c.rescaleFactor
                && sameArray(mean, c.mean) && sameArray(std, c.std) && centred == c.centred
                && padValue == c.padValue && Arrays.equals(strides, c.strides) && classes.equals(c.classes)
                && scoreThreshold == c.scoreThreshold && nmsIou == c.nmsIou && maxDetections == c.maxDetections;
    }

    private static boolean sameArray(Optional<double[]> a, Optional<double[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(family, inputHeight, inputWidth, bgr, rescaleFactor, centred, padValue,
                Arrays.hashCode(strides), classes, scoreThreshold, nmsIou, maxDetections);
    }

    @Override
    public String toString() {
        return "DetectorConfig[" + family.name().toLowerCase(Locale.ROOT) + ", input " + inputWidth + "x" + inputHeight
                + ", " + (bgr ? "bgr" : "rgb") + ", " + classes.size() + " classes, score >= " + scoreThreshold
                + ", nms " + nmsIou + "]";
    }
}
