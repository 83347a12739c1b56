package io.github.spatialvlm4j.vlm.model;

import java.util.OptionalInt;

/**
 * How ONNX Runtime sessions are created.
 *
 * @param intraOpThreads threads one operator may use; empty lets ONNX Runtime choose (one per
 *                       physical core). When several models run in parallel threads, set it
 *                       so that models x threads does not exceed the cores.
 * @param gpu            whether to use the CUDA execution provider
 * @param gpuDeviceId    the CUDA device ordinal, &gt;= 0 (used only when the GPU is used)
 */
public record SessionSettings(OptionalInt intraOpThreads, GpuPolicy gpu, int gpuDeviceId) {

    /** Whether a session uses the GPU. */
    public enum GpuPolicy {
        /** CUDA when the GPU build of ONNX Runtime ({@code onnxruntime_gpu}) is on the classpath, else CPU. */
        AUTO,
        /** Always the CPU provider. */
        CPU_ONLY,
        /** CUDA or fail: loading throws {@link ModelException} when CUDA cannot be added. */
        REQUIRE
    }

    public SessionSettings {
        if (intraOpThreads == null) {
            throw new IllegalArgumentException("intraOpThreads is null (use OptionalInt.empty() for the default)");
        }
        if (intraOpThreads.isPresent() && intraOpThreads.getAsInt() < 1) {
            throw new IllegalArgumentException("Invalid intra-op thread count: " + intraOpThreads.getAsInt()
                    + " (must be >= 1)");
        }
        if (gpu == null) {
            throw new IllegalArgumentException("GPU policy is null (expected AUTO, CPU_ONLY or REQUIRE)");
        }
        if (gpuDeviceId < 0) {
            throw new IllegalArgumentException("Invalid GPU device id: " + gpuDeviceId + " (must be >= 0)");
        }
    }

    /** ONNX Runtime's default thread count, GPU when available, device 0. */
    public static SessionSettings defaults() {
        return new SessionSettings(OptionalInt.empty(), GpuPolicy.AUTO, 0);
    }

    /** CPU only with {@code threads} intra-op threads (what tests and small machines use). */
    public static SessionSettings cpu(int threads) {
        return new SessionSettings(OptionalInt.of(threads), GpuPolicy.CPU_ONLY, 0);
    }

    /** These settings with {@code threads} intra-op threads. */
    public SessionSettings withIntraOpThreads(int threads) {
        return new SessionSettings(OptionalInt.of(threads), gpu, gpuDeviceId);
    }
}
