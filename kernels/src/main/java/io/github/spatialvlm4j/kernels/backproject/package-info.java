/**
 * Kernel family: back-projection of a metric depth map (meters) through pinhole intrinsics
 * (pixels) to points in the camera frame (x right, y down, z forward, meters), one image row per
 * element, with each point's pixel index and instance label. Host operation
 * {@link io.github.spatialvlm4j.kernels.backproject.BackProjectionKernel}, bodies
 * {@link io.github.spatialvlm4j.kernels.backproject.BackProjectionBodies}, launches
 * {@link io.github.spatialvlm4j.kernels.backproject.BackProjectionBackend}, result
 * {@link io.github.spatialvlm4j.kernels.backproject.BackProjection}.
 */
package io.github.spatialvlm4j.kernels.backproject;
