/**
 * Kernel family: distances between object clouds in one frame (meters): pairwise facts (centroid
 * distances, exact closest-surface gaps, mean nearest-neighbour distances, per-axis centroid
 * differences) and the gap of two clouds, by k-d tree queries or a sweep along the axis between
 * them. Host operation {@link io.github.spatialvlm4j.kernels.gap.GapKernel}, bodies
 * {@link io.github.spatialvlm4j.kernels.gap.GapBodies}, launches
 * {@link io.github.spatialvlm4j.kernels.gap.GapBackend}, result
 * {@link io.github.spatialvlm4j.kernels.gap.PairwiseFacts}.
 */
package io.github.spatialvlm4j.kernels.gap;
