package io.github.spatialvlm4j.kernels;

import io.github.spatialvlm4j.kernels.parallel.ParallelLoops;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The multithreaded JVM backend: the loops under every family's default launches
 * ({@link ParallelLoops}), which run the kernel bodies over contiguous index ranges on its own
 * bounded {@link ForkJoinPool} of {@code parallelism} workers. Every range is split into at
 * most {@code 4 * parallelism} chunks (never smaller than a grain that amortises task
 * overhead); each chunk calls the body for its indices in order, with its own scratch where a
 * body needs some. With parallelism 1 everything runs on the calling thread.
 *
 * <p>Results never depend on the parallelism: bodies write disjoint slots.
 */
public final class JvmBackend implements KernelBackend {
    /** The name used by {@code -Dspatialvlm4j.backend=jvm}. */
    public static final String NAME = "jvm";

    private final int parallelism;
    private final ForkJoinPool pool;
    private volatile boolean closed;

    /**
     * @param parallelism worker threads, &gt;= 1
     */
    public JvmBackend(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Invalid parallelism: " + parallelism + " (threads, must be >= 1)");
        }
        this.parallelism = parallelism;
        this.pool = parallelism == 1 ? null : new ForkJoinPool(parallelism);
    }

    /** The {@link java.util.ServiceLoader} provider of this backend; always available. */
    public static final class Provider implements KernelBackendProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public KernelBackend create(int parallelism) {
            return new JvmBackend(parallelism);
        }
    }

    private final class Chunk extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int from;
        private final int to;
        private final int chunk;
        private final transient RangeBody body;

        Chunk(int from, int to, int chunk, RangeBody body) {
            this.from = from;
            this.to = to;
            this.chunk = chunk;
            this.body = body;
        }

        @Override
        protected void compute() {
            if (to - from <= chunk) {
                body.run(from, to);
                return;
            }
            int mid = from + ((to - from) / chunk / 2) * chunk;
            if (mid <= from) {
                mid = from + chunk;
            }
            invokeAll(new Chunk(from, mid, chunk, body), new Chunk(mid, to, chunk, body));
        }
    }

    /**
     * Runs {@code body} over {@code [0, count)} split into at most {@code 4 * parallelism} chunks of
     * at least {@code grain} indices, on the calling thread when the parallelism is 1 or the range
     * is one grain.
     */
    @Override
    public void parallelFor(int count, int grain, RangeBody body) {
        if (closed) {
            throw new IllegalStateException("The JVM kernel backend is closed");
        }
        if (count <= 0) {
            return;
        }
        if (pool == null || count <= grain) {
            body.run(0, count);
            return;
        }
        int chunks = Math.min(4 * parallelism, (count + grain - 1) / grain);
        int chunk = (count + chunks - 1) / chunks;
        pool.invoke(new Chunk(0, count, chunk, body));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    @Override
    public String toString() {
        return "JvmBackend[parallelism " + parallelism + "]";
    }
}
