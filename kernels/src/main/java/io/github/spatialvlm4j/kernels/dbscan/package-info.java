/**
 * Kernel family: exact DBSCAN clustering (eps in meters) on a uniform grid of cells of side
 * eps / sqrt(3), with union-find labelling on the host or min-label propagation on a device (the
 * same labels). Host operation {@link io.github.spatialvlm4j.kernels.dbscan.DbscanKernel}, bodies
 * {@link io.github.spatialvlm4j.kernels.dbscan.DbscanBodies}, launches
 * {@link io.github.spatialvlm4j.kernels.dbscan.DbscanBackend}, result
 * {@link io.github.spatialvlm4j.kernels.dbscan.DbscanResult}.
 */
package io.github.spatialvlm4j.kernels.dbscan;
