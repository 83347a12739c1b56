/**
 * The seam between the TornadoVM backend and the families' device launches: {@link
 * io.github.spatialvlm4j.kernels.tornado.device.DeviceLaunches} (run a kernel through a cached
 * plan) and the helpers of {@link io.github.spatialvlm4j.kernels.tornado.device.Launches}.
 */
package io.github.spatialvlm4j.kernels.tornado.device;
