package io.github.spatialvlm4j.kernels.tornado.device;

import java.util.function.BiConsumer;
import uk.ac.manchester.tornado.api.TaskGraph;

/**
 * What every family's device launches need from the backend: running one kernel through a cached
 * TornadoVM plan. Implemented once, by {@code
 * io.github.spatialvlm4j.kernels.tornado.TornadoBackend}.
 */
public interface DeviceLaunches {

    /**
     * Runs one kernel: {@code args} are the caller's arrays (in the order {@code task} expects),
     * {@code outputs} / {@code scratch} name the indices copied back / never copied. The plan
     * (task graph, execution plan and device buffers) is found by kernel name, array lengths and
     * the {@code baked} scalars, and built by {@code task} on first use.
     *
     * @throws IllegalStateException when the backend is closed or the kernel fails to compile or run
     */
    void launch(String kernel, String baked, Object[] args, int[] outputs, int[] scratch,
            BiConsumer<TaskGraph, Object[]> task);
}
