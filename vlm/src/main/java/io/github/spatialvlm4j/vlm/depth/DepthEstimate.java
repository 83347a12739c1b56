package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;

import java.util.Optional;

/**
 * The result of a metric depth model for one image.
 *
 * @param depth            z depth in meters at the input image's resolution ({@code 0} = invalid)
 * @param intrinsics       the camera intrinsics for the input image, in pixels: the given ones, the
 *                         model's estimate, or empty when neither exists
 * @param intrinsicsSource where {@code intrinsics} came from
 */
public record DepthEstimate(DepthMap depth, Optional<CameraIntrinsics> intrinsics, IntrinsicsSource intrinsicsSource) {

    /** Where the intrinsics of a depth estimate came from. */
    public enum IntrinsicsSource {
        /** Passed in by the caller (sensor metadata, EXIF, dataset). */
        GIVEN,
        /** Estimated by the model from the image (Depth Pro's focal length). */
        ESTIMATED,
        /** Not known: the caller must supply or assume them before lifting to 3D. */
        NONE
    }

    public DepthEstimate {
        if (depth == null || intrinsics == null || intrinsicsSource == null) {
            throw new IllegalArgumentException("depth, intrinsics and intrinsicsSource must not be null");
        }
        if (intrinsics.isPresent() != (intrinsicsSource != IntrinsicsSource.NONE)) {
            throw new IllegalArgumentException("Intrinsics source " + intrinsicsSource + " does not match intrinsics "
                    + intrinsics);
        }
        intrinsics.ifPresent(k -> k.requireImageSize(depth.width(), depth.height(), "Depth map"));
    }
}
