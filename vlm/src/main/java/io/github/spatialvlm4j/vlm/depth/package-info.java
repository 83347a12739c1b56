/**
 * Monocular metric depth: one RGB image in, depth in meters at the image's resolution out
 * ({@link io.github.spatialvlm4j.vlm.depth.MetricDepthModel}), over ONNX Runtime.
 *
 * <p>Frames and units: depth is the z coordinate in the camera frame (x right, y down, z forward), meters,
 * row-major at the source image's size; intrinsics are in pixels of that image. A family that estimates
 * the focal length (Depth Pro) returns intrinsics it estimated; the others return the ones given.
 *
 * <p>Families are registered in {@link io.github.spatialvlm4j.vlm.depth.DepthFamily}, one constant each
 * ({@code model_type}, order of preference, whether it estimates the focal length, its adapter); the
 * adapters share the session and preprocessing code of
 * {@link io.github.spatialvlm4j.vlm.depth.OnnxDepthModel}. See docs/ARCHITECTURE.md, "Models".
 */
package io.github.spatialvlm4j.vlm.depth;
