/**
 * TornadoVM mirror of the kernels module's {@code outliers} family (statistical outlier removal):
 * the {@code @Parallel} loops TornadoVM compiles and the device launches that override the family's
 * JVM launches.
 */
package io.github.spatialvlm4j.kernels.tornado.outliers;
