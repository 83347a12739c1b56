/**
 * Kernel family: RANSAC plane fitting (threshold in meters, the plane in the cloud's frame) with
 * samples drawn before any parallel work and exact shortcuts that change no result. Host operation
 * {@link io.github.spatialvlm4j.kernels.ransac.RansacKernel}, bodies
 * {@link io.github.spatialvlm4j.kernels.ransac.RansacBodies}, launches
 * {@link io.github.spatialvlm4j.kernels.ransac.RansacBackend}, options and result
 * {@link io.github.spatialvlm4j.kernels.ransac.RansacOptions},
 * {@link io.github.spatialvlm4j.kernels.ransac.RansacResult}.
 */
package io.github.spatialvlm4j.kernels.ransac;
