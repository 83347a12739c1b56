/**
 * Kernel family: statistical outlier removal (PCL / Open3D semantics) by exact mean distances
 * (meters) to the k nearest neighbours, on the uniform grid where it proves the answer and on the
 * k-d tree otherwise. Host operation {@link io.github.spatialvlm4j.kernels.outliers.OutlierKernel},
 * bodies {@link io.github.spatialvlm4j.kernels.outliers.OutlierBodies}, launches
 * {@link io.github.spatialvlm4j.kernels.outliers.OutlierBackend}.
 */
package io.github.spatialvlm4j.kernels.outliers;
