package io.github.spatialvlm4j.vlm.depth;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImagePreprocessor;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.image.Resample;
import io.github.spatialvlm4j.vlm.image.Resampler;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;
import io.github.spatialvlm4j.vlm.model.SessionSettings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the depth adapters share: one graph {@code onnx/model.onnx} taking {@code pixel_values}
 * {@code [1, 3, H, W]}, image preprocessing from {@code preprocessor_config.json}, and mapping
 * a network-resolution output back to the input image (drop padding, bilinear resize, which
 * averages like Pillow when shrinking).
 */
abstract class OnnxDepthModel implements MetricDepthModel {
    /** The graph role of single-graph depth exports. */
    static final String ROLE = "model";

    final OnnxModel model;
    final ImagePreprocessor preprocessor;
    final String pixelInput;
    final String depthOutput;

    OnnxDepthModel(ModelDirectory dir, SessionSettings settings) {
        this.preprocessor = ImagePreprocessor.from(dir.preprocessorConfig());
        if (preprocessor.config().cropWidth().isPresent()) {
            throw new ModelFormatException(dir.path().resolve("preprocessor_config.json")
                    + ": do_center_crop must be false for a depth model (depth is needed for every input pixel)");
        }
        this.model = OnnxModel.load(dir.onnx(ROLE), settings);
        try {
            this.pixelInput = model.requireInput("pixel_values");
            this.depthOutput = model.requireOutput("predicted_depth", "depth", "pred_depth");
            if (model.inputNames().size() != 1) {
                throw new ModelFormatException(model.file() + ": expected one input, pixel_values, but the graph's inputs are "
                        + model.inputNames());
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Preprocesses and runs the graph; returns the requested float outputs by name. */
    final Map<String, FloatTensor> infer(ImageTensor t, List<String> outputs) {
        Map<String, FloatTensor> out = new HashMap<>();
        try (OnnxTensor x = model.floatTensor(t.data(), t.batchShape());
             OrtSession.Result r = model.run(Map.of(pixelInput, x))) {
            for (String o : outputs) {
                out.put(o, model.floatOutput(r, o));
            }
        }
        return out;
    }

    static void checkIntrinsics(RgbImage image, Optional<CameraIntrinsics> k) {
        if (image == null || k == null) {
            throw new IllegalArgumentException("image and intrinsics must not be null (use Optional.empty())");
        }
        k.ifPresent(i -> i.requireImageSize(image.width(), image.height(), "Image"));
    }

    /**
     * The depth-like output {@code d} ({@code [1, h, w]}, {@code [1, 1, h, w]} or {@code [h, w]}) at the
     * network resolution, cropped to the part that shows the image and resized bilinearly to
     * the source size. Values are not validated here.
     */
    final float[] toSource(FloatTensor d, ImageTensor t) {
        int rank = d.rank();
        boolean ok = rank == 2 || (rank == 3 && d.dim(0) == 1) || (rank == 4 && d.dim(0) == 1 && d.dim(1) == 1);
        if (!ok) {
            throw new ModelException(model.file() + ": output '" + depthOutput + "' has shape "
                    + java.util.Arrays.toString(d.shape()) + "; expected [1, H, W], [1, 1, H, W] or [H, W]");
        }
        int oh = d.dim(-2);
        int ow = d.dim(-1);
        double sx = (double) ow / t.width();
        double sy = (double) oh / t.height();
        int x0 = (int) Math.round(t.contentX0() * sx);
        int x1 = Math.max(x0 + 1, (int) Math.round(t.contentX1() * sx));
        int y0 = (int) Math.round(t.contentY0() * sy);
        int y1 = Math.max(y0 + 1, (int) Math.round(t.contentY1() * sy));
        if (x1 > ow || y1 > oh) {
            throw new ModelException(model.file() + ": output '" + depthOutput + "' is " + ow + "x" + oh
                    + ", too small for the input tensor " + t.width() + "x" + t.height());
        }
        int cw = x1 - x0;
        int ch = y1 - y0;
        float[] crop = new float[cw * ch];
        float[] src = d.data();
        for (int y = 0; y < ch; y++) {
            System.arraycopy(src, (y0 + y) * ow + x0, crop, y * cw, cw);
        }
        return Resampler.resize(crop, cw, ch, t.sourceWidth(), t.sourceHeight(), Resample.BILINEAR, false);
    }

    /**
     * A depth map from meters, clamping to [0, maxMeters]; negative values become invalid (0).
     *
     * @throws ModelException naming the first NaN pixel
     */
    final DepthMap depthMap(float[] meters, int width, int height, double maxMeters) {
        float max = (float) maxMeters;
        for (int i = 0; i < meters.length; i++) {
            float z = meters[i];
            if (Float.isNaN(z)) {
                throw new ModelException(model.file() + ": depth is NaN at pixel (u=" + (i % width) + ", v="
                        + (i / width) + ")");
            }
            meters[i] = z < 0 ? DepthMap.INVALID : Math.min(z, max);
        }
        return new DepthMap(width, height, meters);
    }

    /** Intrinsics with square pixels, focal {@code f} pixels, principal point at the image centre. */
    static CameraIntrinsics centred(double f, int width, int height) {
        return new CameraIntrinsics(f, f, 0.5 * (width - 1), 0.5 * (height - 1), width, height);
    }

    @Override
    public void close() {
        model.close();
    }
}
