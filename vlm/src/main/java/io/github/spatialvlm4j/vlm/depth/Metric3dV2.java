package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.SessionSettings;

import java.util.List;
import java.util.Optional;

/**
 * Metric3D v2 (Hu et al. 2024): depth predicted in a canonical camera space with a focal length
 * of {@value #CANONICAL_FOCAL} pixels. For an input resized by {@code s}, the real focal length
 * at the network input is {@code fx * s}, and metric depth is
 * {@code canonical * fx * s / 1000}, then clamped to [0, {@value #MAX_DEPTH}] m as in the
 * reference code. Intrinsics are required (the model does not estimate them); pass ones from
 * the dataset, EXIF, or {@link CameraIntrinsics#fromHorizontalFov} with an assumed field of view.
 *
 * <p>Licence: code and weights are BSD-2-Clause; check the model card.
 * Thread-safe for concurrent {@link #estimate} calls; holds a native session (close it).
 */
public final class Metric3dV2 extends OnnxDepthModel {
    /** The focal length of Metric3D's canonical camera, pixels. */
    public static final double CANONICAL_FOCAL = 1000.0;
    /** The largest depth reported, meters. */
    public static final double MAX_DEPTH = 300.0;

    /** Loads {@code dir/onnx/model.onnx} and {@code preprocessor_config.json}. */
    public Metric3dV2(ModelDirectory dir, SessionSettings settings) {
        super(dir, settings);
    }

    /**
     * @throws IllegalArgumentException when {@code intrinsics} is empty (Metric3D needs fx)
     */
    @Override
    public DepthEstimate estimate(RgbImage image, Optional<CameraIntrinsics> intrinsics) {
        checkIntrinsics(image, intrinsics);
        CameraIntrinsics k = intrinsics.orElseThrow(() -> new IllegalArgumentException(
                "Metric3D v2 needs the camera intrinsics (fx in pixels) to scale its canonical depth; none given"));
        ImageTensor t = preprocessor.preprocess(image);
        float[] map = toSource(infer(t, List.of(depthOutput)).get(depthOutput), t);
        double fxAtInput = k.fx() * t.resizedWidth() / image.width();
        float scale = (float) (fxAtInput / CANONICAL_FOCAL);
        for (int i = 0; i < map.length; i++) {
            map[i] *= scale;
        }
        return new DepthEstimate(depthMap(map, image.width(), image.height(), MAX_DEPTH), intrinsics,
                DepthEstimate.IntrinsicsSource.GIVEN);
    }

    @Override
    public DepthFamily family() {
        return DepthFamily.METRIC3D_V2;
    }
}
