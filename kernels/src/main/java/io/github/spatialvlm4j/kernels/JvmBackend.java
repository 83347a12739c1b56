package io.github.spatialvlm4j.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The multithreaded JVM backend: runs the kernel bodies over contiguous index ranges on its own
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

    @FunctionalInterface
    private interface RangeBody {
        void run(int from, int to);
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

    /** Runs {@code body} over {@code [0, count)} split into chunks of at least {@code grain} indices. */
    private void parallelFor(int count, int grain, RangeBody body) {
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
    public boolean prefersLabelPropagation() {
        return false;
    }

    @Override
    public void backProjectCount(float[] depth, int width, int height, float minDepth, float maxDepth,
            int[] rowCounts) {
        parallelFor(height, Math.max(1, 16384 / width), (from, to) -> {
            for (int v = from; v < to; v++) {
                KernelBodies.backProjectCountRow(v, depth, width, minDepth, maxDepth, rowCounts);
            }
        });
    }

    @Override
    public void backProject(float[] depth, int[] labels, int hasLabels, int width, int height, float fx, float fy,
            float cx, float cy, float minDepth, float maxDepth, int[] rowStart, float[] xyz, int[] pixelIndex,
            int[] pointLabel) {
        parallelFor(height, Math.max(1, 16384 / width), (from, to) -> {
            for (int v = from; v < to; v++) {
                KernelBodies.backProjectRow(v, depth, labels, hasLabels, width, fx, fy, cx, cy, minDepth, maxDepth,
                        rowStart, xyz, pixelIndex, pointLabel);
            }
        });
    }

    @Override
    public void gridCellKeys(float[] xyz, int n, double minX, double minY, double minZ, double invCell, long nx,
            long ny, long[] keys) {
        parallelFor(n, 16384, (from, to) -> {
            for (int i = from; i < to; i++) {
                KernelBodies.gridCellKey(i, xyz, minX, minY, minZ, invCell, nx, ny, keys);
            }
        });
    }

    @Override
    public void gridRowFirst(long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        parallelFor(KernelBodies.GRID_ROWS, m < 4096 ? KernelBodies.GRID_ROWS : 1, (from, to) -> {
            for (int r = from; r < to; r++) {
                KernelBodies.gridRowFirst(r, cellKey, m, rowDelta, rowFirst);
            }
        });
    }

    @Override
    public void dbscanCore(float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m, long[] rowDelta,
            int[] rowFirst, float eps2, int minPoints, int[] core) {
        parallelFor(m, 64, (from, to) -> {
            for (int c = from; c < to; c++) {
                KernelBodies.dbscanCoreCell(c, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, eps2, minPoints,
                        core);
            }
        });
    }

    @Override
    public void dbscanCellLinks(float[] x, float[] y, float[] z, int[] core, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, float eps2, int upperOnly, int phase, int[] label, int useLabel,
            int[] links) {
        parallelFor(m, 64, (from, to) -> {
            for (int c = from; c < to; c++) {
                KernelBodies.dbscanCellLinks(c, x, y, z, core, cellStart, cellKey, m, rowDelta, rowFirst, eps2,
                        upperOnly, phase, label, useLabel, links);
            }
        });
    }

    @Override
    public void dbscanPropagate(long[] cellKey, int m, long[] rowDelta, int[] rowFirst, int[] links, int[] labelIn,
            int[] labelOut, int[] changed) {
        parallelFor(m, 256, (from, to) -> {
            for (int c = from; c < to; c++) {
                KernelBodies.dbscanPropagateCell(c, cellKey, m, rowDelta, rowFirst, links, labelIn, labelOut, changed);
            }
        });
    }

    @Override
    public void dbscanBorder(float[] x, float[] y, float[] z, int[] core, int[] order, int n, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float eps2, int[] borderCore) {
        parallelFor(m, 64, (from, to) -> {
            for (int c = from; c < to; c++) {
                KernelBodies.dbscanBorderCell(c, x, y, z, core, order, n, cellStart, cellKey, m, rowDelta, rowFirst,
                        eps2, borderCore);
            }
        });
    }

    @Override
    public void ransacHypotheses(float[] xyz, int[] samples, int hypotheses, int hasPrior, float ax, float ay,
            float az, float priorCos, float[] planes, int[] status) {
        parallelFor(hypotheses, 256, (from, to) -> {
            for (int h = from; h < to; h++) {
                KernelBodies.ransacHypothesis(h, xyz, samples, hasPrior, ax, ay, az, priorCos, planes, status);
            }
        });
    }

    @Override
    public void ransacCount(int hypothesisFrom, int hypothesisTo, int blockFrom, int blockTo, int blockSize, int n,
            float[] x, float[] y, float[] z, float[] bounds, float[] planes, int[] status, float threshold,
            int hypotheses, float[] scratch, int[] partial) {
        // Blocks outside, hypotheses inside: a block of points stays in cache for all hypotheses.
        parallelFor(blockTo - blockFrom, 1, (from, to) -> {
            for (int b = blockFrom + from; b < blockFrom + to; b++) {
                for (int h = hypothesisFrom; h < hypothesisTo; h++) {
                    KernelBodies.ransacCountBlock(h, b, blockSize, n, x, y, z, bounds, planes, status, threshold, hypotheses,
                            scratch, partial);
                }
            }
        });
    }

    @Override
    public void planeInlierFlags(float[] xyz, int n, float nx, float ny, float nz, float d, float threshold,
            int[] flags) {
        parallelFor(n, 16384, (from, to) -> {
            for (int i = from; i < to; i++) {
                KernelBodies.planeInlierFlag(i, xyz, nx, ny, nz, d, threshold, flags);
            }
        });
    }

    @Override
    public void kdMeanKnnDistance(int k, int[] positions, int count, float[] tx, float[] ty, float[] tz, int[] split,
            int n, int leafSize, float[] meanDistance) {
        parallelFor(count, 512, (from, to) -> {
            float[] best = new float[k];
            int[] bestIndex = new int[k];
            int[] stackRange = new int[2 * KernelBodies.KD_STACK];
            float[] stackBox = new float[3 * KernelBodies.KD_STACK];
            for (int j = from; j < to; j++) {
                KernelBodies.kdMeanKnnDistance(j, positions, k, tx, ty, tz, split, n, leafSize, best, bestIndex, 0,
                        stackRange, stackBox, 0, meanDistance);
            }
        });
    }

    @Override
    public void gridMeanKnnDistance(int k, float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, double minX, double minY, double minZ, double invCell,
            float[] meanDistance, int[] resolved) {
        parallelFor(m, 64, (from, to) -> {
            float[] scratch = new float[KernelBodies.gridKnnScratch(k)];
            for (int c = from; c < to; c++) {
                KernelBodies.gridMeanKnnCell(c, k, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, minX, minY,
                        minZ, invCell, scratch, 0, meanDistance, resolved);
            }
        });
    }

    @Override
    public void kdNearestDistance(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize, float[] nearest) {
        parallelFor(queries, 512, (from, to) -> {
            float[] best = new float[1];
            int[] bestIndex = new int[1];
            int[] stackRange = new int[2 * KernelBodies.KD_STACK];
            float[] stackBox = new float[3 * KernelBodies.KD_STACK];
            int hint = -1;
            for (int i = from; i < to; i++) {
                hint = KernelBodies.kdNearestDistance(i, qx, qy, qz, hint, tx, ty, tz, split, bounds, n, leafSize, best,
                        bestIndex, 0, stackRange, stackBox, 0, nearest);
            }
        });
    }

    @Override
    public float kdMinDistanceSquared(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize) {
        return minimumOverChunks(queries, (c, chunks) -> {
            float[] best = new float[1];
            int[] bestIndex = new int[1];
            int[] stackRange = new int[2 * KernelBodies.KD_STACK];
            float[] stackBox = new float[3 * KernelBodies.KD_STACK];
            int per = (queries + chunks - 1) / chunks;
            float min = Float.POSITIVE_INFINITY;
            for (int i = c * per; i < Math.min(queries, (c + 1) * per); i++) {
                min = KernelBodies.kdNearestWithin(i, qx, qy, qz, min, tx, ty, tz, split, bounds, leafSize, n, best,
                        bestIndex, 0, stackRange, stackBox, 0);
            }
            return min;
        });
    }

    @Override
    public float sweepMinDistanceSquared(float[] qx, float[] qy, float[] qz, float[] qk, int queries, float[] tx,
            float[] ty, float[] tz, float[] tk, int n, float slack) {
        return minimumOverChunks(queries, (c, chunks) -> {
            // Strided: every chunk starts with the queries nearest the targets (the sort order).
            float min = Float.POSITIVE_INFINITY;
            for (int i = c; i < queries; i += chunks) {
                min = KernelBodies.sweepNearestWithin(i, qx, qy, qz, qk, min, tx, ty, tz, tk, n, slack);
            }
            return min;
        });
    }

    /** The minimum over one chunk of the queries: chunk {@code chunk} of {@code chunks}. */
    @FunctionalInterface
    private interface ChunkMinimum {
        float of(int chunk, int chunks);
    }

    /**
     * The queries split into a few chunks per worker (at least 512 queries each), each chunk's
     * minimum computed in parallel, then the minimum of those: the same whatever the split.
     * +infinity for no query.
     */
    private float minimumOverChunks(int queries, ChunkMinimum chunk) {
        int chunks = Math.max(1, Math.min(4 * parallelism, queries / 512));
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
