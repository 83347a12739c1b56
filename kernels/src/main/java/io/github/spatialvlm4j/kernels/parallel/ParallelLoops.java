package io.github.spatialvlm4j.kernels.parallel;

/**
 * The host loops every family's JVM launches run on: a parallel for over an index range and a
 * minimum over chunks. A backend supplies them once ({@code JvmBackend}: a bounded fork-join
 * pool); each family's backend interface writes its launches on top of them as default methods,
 * so the JVM versions of all kernels come with any backend that can run loops, and a device
 * backend overrides the launches it compiles for its device.
 *
 * <p>Results never depend on how the range is split: bodies write disjoint slots, and minima
 * are the same whatever the chunks.
 */
public interface ParallelLoops {

    /** Worker threads (or the device's equivalent hint), &gt;= 1. */
    int parallelism();

    /**
     * Runs {@code body} over {@code [0, count)} split into contiguous chunks of at least
     * {@code grain} indices (each chunk calls the body once, with its own scratch where it needs
     * some), and returns when all are done. Nothing runs for {@code count <= 0}.
     *
     * @throws IllegalStateException when the backend is closed
     */
    void parallelFor(int count, int grain, RangeBody body);

    /**
     * The queries split into a few chunks per worker (at least 512 queries each), each chunk's
     * minimum computed in parallel, then the minimum of those: the same whatever the split.
     * +infinity for no query.
     */
    default float minimumOverChunks(int queries, ChunkMinimum chunk) {
        int chunks = Math.max(1, Math.min(4 * parallelism(), queries / 512));
        float[] chunkMin = new float[chunks];
        parallelFor(chunks, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                chunkMin[c] = chunk.of(c, chunks);
            }
        });
        float min = Float.POSITIVE_INFINITY;
        for (float m : chunkMin) {
            min = Math.min(min, m);
        }
        return min;
    }

    /** The body of a parallel loop over the indices {@code [from, to)}. */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    /** The minimum over one chunk of the queries: chunk {@code chunk} of {@code chunks}. */
    @FunctionalInterface
    interface ChunkMinimum {
        float of(int chunk, int chunks);
    }
}
