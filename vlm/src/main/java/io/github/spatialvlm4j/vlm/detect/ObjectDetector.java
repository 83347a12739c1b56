package io.github.spatialvlm4j.vlm.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.model.TensorSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A single-stage COCO-style detector (a region source with fixed categories; docs/ARCHITECTURE.md,
 * "Models"): boxes with class names and scores, and instance masks for segment exports. One graph
 * and its configuration:
 *
 * <pre>
 * DIR/onnx/model.onnx   one image input [1, 3, H, W] (YOLOX and Ultralytics name it "images")
 *                       -> predictions [1, N, 5 + C] (YOLOX "output") or [1, 4 + C (+ M), N]
 *                          (Ultralytics "output0"), and for segment exports prototypes [1, M, h, w] ("output1")
 * DIR/config.json       {@link DetectorConfig}: model_type, input size, channel order, normalisation,
 *                       letterbox, strides, id2label, thresholds
 * </pre>
 *
 * Tensor names are read from the session: the input is the graph's only input, the predictions
 * its rank-3 output, the prototypes its rank-4 output. {@link #detect} letterboxes the image
 * ({@link Letterbox}), runs the graph, decodes ({@link YoloDecoding}), applies class-aware NMS
 * ({@link Nms}) and, for segment exports, builds the kept detections' masks.
 *
 * <p>Fixed categories depart from the paper's free-form captions (which the data engine prefers,
 * since questions name objects by them and class names cannot tell two chairs apart): captions are
 * class names. Thread-safe for concurrent calls; holds a session: close it.
 */
public final class ObjectDetector implements AutoCloseable {
    /** The graph role of detector exports. */
    public static final String ROLE = "model";

    private final DetectorConfig config;
    private final OnnxModel model;
    private final String input;
    private final String predictions;
    private final Optional<String> prototypes;

    /**
     * Loads {@code onnx/model.onnx} and {@code config.json} of {@code dir}.
     *
     * @throws ModelFormatException naming the file when the configuration is invalid or the graph's
     *     tensors do not match it
     */
    public ObjectDetector(ModelDirectory dir, SessionSettings settings) {
        this.config = DetectorConfig.from(dir.config());
        this.model = OnnxModel.load(dir.onnx(ROLE), settings);
        try {
            if (model.inputNames().size() != 1) {
                throw new ModelFormatException(model.file() + ": expected one image input but the graph's inputs are "
                        + model.inputNames());
            }
            this.input = model.inputNames().get(0);
            checkInput(model.input(input));
            String pred = null;
            String proto = null;
            for (TensorSpec o : model.outputs()) {
                if (o.rank() == 3 && pred == null) {
                    pred = o.name();
                } else if (o.rank() == 4 && proto == null) {
                    proto = o.name();
                }
            }
            if (pred == null) {
                throw new ModelFormatException(model.file() + ": expected a rank-3 predictions output but the graph's "
                        + "outputs are " + model.outputNames());
            }
            if (proto != null && config.family() != DetectorFamily.ULTRALYTICS) {
                throw new ModelFormatException(model.file() + ": output '" + proto + "' looks like mask prototypes, "
                        + "which only Ultralytics segment exports have (model_type is " + config.family() + ")");
            }
            this.predictions = pred;
            this.prototypes = Optional.ofNullable(proto);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private void checkInput(TensorSpec spec) {
        if (spec.rank() != 4) {
            throw new ModelFormatException(model.file() + ": input '" + spec.name() + "' has rank " + spec.rank()
                    + "; expected [1, 3, H, W]");
        }
        long[] want = {1, 3, config.inputHeight(), config.inputWidth()};
        for (int a = 0; a < 4; a++) {
            OptionalLong d = spec.dims().get(a);
            if (d.isPresent() && d.getAsLong() != want[a]) {
                throw new ModelFormatException(model.file() + ": input '" + spec.name() + "' has shape " + spec.dims()
                        + " but config.json's input_size asks for [1, 3, " + config.inputHeight() + ", "
                        + config.inputWidth() + "]");
            }
        }
    }

    /** The configuration read from {@code config.json}. */
    public DetectorConfig config() {
        return config;
    }

    /** Whether detections come with instance masks (an Ultralytics segment export). */
    public boolean segments() {
        return prototypes.isPresent();
    }

    /**
     * The objects in {@code image}: class-aware NMS applied, by descending score, at most
     * {@link DetectorConfig#maxDetections()}, boxes in image pixels clipped to the image.
     */
    public List<Detection> detect(RgbImage image) {
        ImageTensor t = Letterbox.apply(image, config);
        FloatTensor out;
        Optional<FloatTensor> protos;
        try (OnnxTensor x = model.floatTensor(t.data(), t.batchShape());
             OrtSession.Result r = model.run(Map.of(input, x))) {
            out = model.floatOutput(r, predictions);
            protos = prototypes.isPresent() ? Optional.of(model.floatOutput(r, prototypes.get())) : Optional.empty();
        }
        List<YoloDecoding.Candidate> candidates;
        if (config.family() == DetectorFamily.YOLOX) {
            candidates = YoloDecoding.yolox(out, config, t);
        } else {
            int m = protos.map(p -> p.dim(1)).orElse(0);
            if (protos.isPresent() && (protos.get().rank() != 4 || protos.get().dim(0) != 1)) {
                throw new ModelFormatException(model.file() + ": prototypes '" + prototypes.get() + "' have shape "
                        + java.util.Arrays.toString(protos.get().shape()) + "; expected [1, M, h, w]");
            }
            candidates = YoloDecoding.ultralytics(out, m, config, t);
        }
        List<YoloDecoding.Candidate> kept = Nms.classAware(candidates, config.nmsIou(), config.maxDetections());
        List<Detection> detections = new ArrayList<>(kept.size());
        for (YoloDecoding.Candidate c : kept) {
            detections.add(new Detection(c.box(), c.classId(), c.score(),
                    protos.map(p -> YoloDecoding.mask(c, p, t))));
        }
        return detections;
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "ObjectDetector[" + model.file() + ", " + config + "]";
    }
}
