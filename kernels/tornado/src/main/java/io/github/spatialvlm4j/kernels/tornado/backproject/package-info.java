/**
 * TornadoVM mirror of the kernels module's {@code backproject} family (back-projection): the {@code
 * @Parallel} loops TornadoVM compiles and the device launches that override the family's JVM
 * launches.
 */
package io.github.spatialvlm4j.kernels.tornado.backproject;
