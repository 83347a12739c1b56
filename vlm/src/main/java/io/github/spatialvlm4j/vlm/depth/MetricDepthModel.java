package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.RgbImage;

import java.util.Optional;

/**
 * A monocular metric depth model (perception's depth step, docs/ARCHITECTURE.md "Stages"): one RGB
 * image in, depth in meters at the image's resolution out. Implementations hold ONNX Runtime
 * sessions: close them. They may be called from several threads at once; {@link #close} must not
 * race with {@link #estimate}.
 */
public interface MetricDepthModel extends AutoCloseable {

    /**
     * Estimates metric depth.
     *
     * @param image      the image, any size
     * @param intrinsics the camera's intrinsics for this image size when known (pixels); models
     *                   that need them (Metric3D v2) throw without them, models that estimate
     *                   them ({@link DepthFamily#estimatesFocalLength()}: Depth Pro) use the given ones instead
     * @throws io.github.spatialvlm4j.geometry.ShapeMismatchException when the intrinsics are for another image size
     * @throws io.github.spatialvlm4j.vlm.model.ModelException        when inference fails or outputs are malformed
     */
    DepthEstimate estimate(RgbImage image, Optional<CameraIntrinsics> intrinsics);

    /** The model family, e.g. {@link DepthFamily#DEPTH_PRO}. */
    DepthFamily family();

    /** Frees the sessions. Idempotent. */
    @Override
    void close();
}
