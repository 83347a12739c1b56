/**
 * TornadoVM mirror of the kernels module's {@code gap} family (pairwise facts and closest-surface
 * gaps): the {@code @Parallel} loops TornadoVM compiles and the device launches that override the
 * family's JVM launches.
 */
package io.github.spatialvlm4j.kernels.tornado.gap;
