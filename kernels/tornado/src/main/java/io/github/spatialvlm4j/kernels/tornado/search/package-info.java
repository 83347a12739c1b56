/**
 * TornadoVM mirror of the kernels module's {@code search} family (the uniform grid of DBSCAN and
 * the k-nearest-neighbour search): the {@code @Parallel} loops TornadoVM compiles and the device
 * launches that override the family's JVM launches.
 */
package io.github.spatialvlm4j.kernels.tornado.search;
