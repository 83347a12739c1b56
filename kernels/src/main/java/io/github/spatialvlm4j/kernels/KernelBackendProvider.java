package io.github.spatialvlm4j.kernels;

/**
 * A factory of one kind of {@link KernelBackend}, found with {@link java.util.ServiceLoader}
 * (register the implementation in
 * {@code META-INF/services/io.github.spatialvlm4j.kernels.KernelBackendProvider}). The JVM
 * backend's provider is always present; a TornadoVM module registers another.
 */
public interface KernelBackendProvider {
    /** The backend name used by {@code -Dspatialvlm4j.backend}, e.g. {@code "jvm"} or {@code "tornadovm"}. */
    String name();

    /** Whether the backend can run here (e.g. the TornadoVM runtime is loaded). Must be cheap and not throw. */
    boolean isAvailable();

    /**
     * A new backend.
     *
     * @param parallelism worker threads (or the device's equivalent hint), &gt;= 1
     */
    KernelBackend create(int parallelism);
}
