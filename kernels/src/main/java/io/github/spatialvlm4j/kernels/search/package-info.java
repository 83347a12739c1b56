/**
 * The spatial search structures the kernel families share, the project's one implementation of
 * them: a sparse uniform grid ({@link io.github.spatialvlm4j.kernels.search.CellGrid}, used by
 * DBSCAN and the grid k-nearest-neighbour search) and an implicit k-d tree
 * ({@link io.github.spatialvlm4j.kernels.search.KdTree}, used by outlier removal and the gap
 * family), both built on the host as structure-of-arrays, with their query bodies
 * ({@link io.github.spatialvlm4j.kernels.search.GridBodies},
 * {@link io.github.spatialvlm4j.kernels.search.KdTreeBodies}) in the kernel subset. Coordinates are
 * meters in the cloud's own frame; {@code xyz[3i..3i+2]} is point i.
 */
package io.github.spatialvlm4j.kernels.search;
