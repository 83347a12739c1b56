package io.github.spatialvlm4j.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;

/** Finding and choosing a {@link KernelBackend} by name: the one place the backend is chosen. */
final class Backends {
    private Backends() {
    }

    /**
     * The backend and parallelism named by the system properties of {@link Kernels#create()}, with
     * {@code defaultParallelism} workers when no parallelism is named.
     */
    static KernelBackend fromProperties(int defaultParallelism) {
        String backend = System.getProperty(Kernels.BACKEND_PROPERTY, "auto");
        String value = System.getProperty(Kernels.PARALLELISM_PROPERTY);
        int parallelism = defaultParallelism;
        if (value != null) {
            try {
                parallelism = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid -D" + Kernels.PARALLELISM_PROPERTY + ": '" + value
                        + "' (must be an integer >= 1)", e);
            }
        }
        return named(backend, parallelism);
    }

    /** See {@link Kernels#create(String, int)}. */
    static KernelBackend named(String backend, int parallelism) {
        Objects.requireNonNull(backend, "backend");
        if (parallelism < 1) {
            throw new IllegalArgumentException("Invalid parallelism: " + parallelism + " (threads, must be >= 1)");
        }
        String name = backend.trim().toLowerCase(Locale.ROOT);
        List<KernelBackendProvider> providers = providers();
        if (name.equals("auto")) {
            for (KernelBackendProvider p : providers) {
                if (p.name().equals(Kernels.TORNADOVM) && p.isAvailable()) {
                    return p.create(parallelism);
                }
            }
            return new JvmBackend(parallelism);
        }
        if (name.equals(JvmBackend.NAME)) {
            return new JvmBackend(parallelism);
        }
        for (KernelBackendProvider p : providers) {
            if (p.name().equals(name)) {
                if (!p.isAvailable()) {
                    throw new IllegalStateException("Kernel backend '" + name + "' is installed but cannot run here"
                            + (name.equals(Kernels.TORNADOVM) ? " (is the TornadoVM runtime loaded?)" : ""));
                }
                return p.create(parallelism);
            }
        }
        throw new IllegalStateException("Unknown kernel backend: '" + backend + "' (present: "
                + providers.stream().map(KernelBackendProvider::name).toList() + ", or auto)");
    }

    /** See {@link Kernels#providers()}. */
    static List<KernelBackendProvider> providers() {
        List<KernelBackendProvider> out = new ArrayList<>();
        ClassLoader loader = Kernels.class.getClassLoader();
        for (KernelBackendProvider p : ServiceLoader.load(KernelBackendProvider.class, loader)) {
            if (p.name().equals(JvmBackend.NAME)) {
                out.add(0, p);
            } else {
                out.add(p);
            }
        }
        if (out.isEmpty() || !out.get(0).name().equals(JvmBackend.NAME)) {
            out.add(0, new JvmBackend.Provider());
        }
        return out;
    }
}
