package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;

import java.util.List;
import java.util.Optional;

/**
 * Depth Anything V2 Metric (Yang et al. 2024), Hugging Face export: {@code pixel_values}
 * {@code [1, 3, H, W]} (H, W multiples of 14) to {@code predicted_depth} {@code [1, H, W]} in
 * meters. The metric head is {@code sigmoid(x) * max_depth} inside the graph, with
 * {@code max_depth} from {@code config.json} (20 m for the indoor Hypersim weights, 80 m for the
 * outdoor Virtual KITTI weights); outputs are clamped to [0, max_depth] after resizing.
 * Relative-depth (disparity) checkpoints are rejected. The model does not estimate intrinsics:
 * given ones are passed through, otherwise the estimate has none.
 *
 * <p>Thread-safe for concurrent {@link #estimate} calls; holds a native session (close it).
 */
public final class DepthAnythingV2Metric extends OnnxDepthModel {
    private final double maxDepth;

    /**
     * Loads {@code dir/onnx/model.onnx}, {@code config.json} and {@code preprocessor_config.json}.
     *
     * @throws ModelFormatException naming the file when one is missing or the checkpoint is not metric
     */
    public DepthAnythingV2Metric(ModelDirectory dir, SessionSettings settings) {
        this(dir, settings, readMaxDepth(dir.config()));
    }

    private DepthAnythingV2Metric(ModelDirectory dir, SessionSettings settings, double maxDepth) {
        super(dir, settings);
        this.maxDepth = maxDepth;
    }

    private static double readMaxDepth(JsonConfig config) {
        String type = config.string("depth_estimation_type").orElse("relative");
        if (!type.equals("metric")) {
            throw new ModelFormatException(config.file().toAbsolutePath() + ": depth_estimation_type is '" + type
                    + "' (a relative-depth checkpoint); expected 'metric' (Depth Anything V2 Metric)");
        }
        return config.positiveNumber("max_depth");
    }

    /** The largest depth the model can output, meters. */
    public double maxDepth() {
        return maxDepth;
    }

    @Override
    public DepthEstimate estimate(RgbImage image, Optional<CameraIntrinsics> intrinsics) {
        checkIntrinsics(image, intrinsics);
        ImageTensor t = preprocessor.preprocess(image);
        float[] meters = toSource(infer(t, List.of(depthOutput)).get(depthOutput), t);
        return new DepthEstimate(depthMap(meters, image.width(), image.height(), maxDepth), intrinsics,
                intrinsics.isPresent() ? DepthEstimate.IntrinsicsSource.GIVEN : DepthEstimate.IntrinsicsSource.NONE);
    }

    @Override
    public DepthFamily family() {
        return DepthFamily.DEPTH_ANYTHING_V2_METRIC;
    }
}
