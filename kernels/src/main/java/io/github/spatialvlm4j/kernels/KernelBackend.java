package io.github.spatialvlm4j.kernels;

import io.github.spatialvlm4j.kernels.backproject.BackProjectionBackend;
import io.github.spatialvlm4j.kernels.dbscan.DbscanBackend;
import io.github.spatialvlm4j.kernels.gap.GapBackend;
import io.github.spatialvlm4j.kernels.outliers.OutlierBackend;
import io.github.spatialvlm4j.kernels.ransac.RansacBackend;

/**
 * One backend for every kernel family: the union of the families' backend interfaces (each in its
 * own package, with the JVM launches as default methods over
 * {@link io.github.spatialvlm4j.kernels.parallel.ParallelLoops}). A backend implements the loops
 * and overrides the launches it runs elsewhere (a device backend overrides them all); every
 * launch runs its family's bodies over every element of its index space and returns when all are
 * done, with the results of a sequential loop. Arguments are trusted (validated by
 * {@link Kernels}). A backend holds a thread pool or a device context: close it when done
 * (idempotent).
 *
 * <p>Registering a new family is one line: its backend interface added to the list below.
 */
public interface KernelBackend extends BackProjectionBackend, OutlierBackend, DbscanBackend, RansacBackend,
        GapBackend, AutoCloseable {

    /** The name, e.g. {@code "jvm"}. */
    String name();

    /** Releases threads or device memory; idempotent. */
    @Override
    void close();
}
