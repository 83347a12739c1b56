package io.github.spatialvlm4j.kernels;

/**
 * Raw kernel launches over primitive arrays: each method runs one {@link KernelBodies} body over
 * every element of its index space and returns when all are done. Arguments are trusted
 * (validated by {@link Kernels}); layouts are those of the bodies. A backend holds a thread
 * pool or a device context: close it when done (idempotent).
 *
 * <p>Implementations must give the same results as calling the body for each element in a
 * sequential loop; {@link JvmBackend} is the reference.
 */
public interface KernelBackend extends AutoCloseable {

    /** The name, e.g. {@code "jvm"}. */
    String name();

    /** Worker threads (or the device's equivalent hint). */
    int parallelism();

    /**
     * True when DBSCAN labels must come from atomic-free min-label propagation
     * ({@link #dbscanPropagate}) rather than union-find on the host, as on a GPU.
     */
    boolean prefersLabelPropagation();

    /** {@link KernelBodies#backProjectCountRow} for every row {@code v < height}. */
    void backProjectCount(float[] depth, int width, int height, float minDepth, float maxDepth, int[] rowCounts);

    /** {@link KernelBodies#backProjectRow} for every row {@code v < height}. */
    void backProject(float[] depth, int[] labels, int hasLabels, int width, int height, float fx, float fy, float cx,
            float cy, float minDepth, float maxDepth, int[] rowStart, float[] xyz, int[] pixelIndex, int[] pointLabel);

    /** {@link KernelBodies#gridCellKey} for every point {@code i < n}. */
    void gridCellKeys(float[] xyz, int n, double minX, double minY, double minZ, double invCell, long nx, long ny,
            long[] keys);

    /** {@link KernelBodies#gridRowFirst} for every row {@code r < 25}. */
    void gridRowFirst(long[] cellKey, int m, long[] rowDelta, int[] rowFirst);

    /** {@link KernelBodies#dbscanCoreCell} for every cell {@code c < m}. */
    void dbscanCore(float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m, long[] rowDelta,
            int[] rowFirst, float eps2, int minPoints, int[] core);

    /** {@link KernelBodies#dbscanCellLinks} for every cell {@code c < m}. */
    void dbscanCellLinks(float[] x, float[] y, float[] z, int[] core, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, float eps2, int upperOnly, int phase, int[] label, int useLabel,
            int[] links);

    /** {@link KernelBodies#dbscanPropagateCell} for every cell {@code c < m}. */
    void dbscanPropagate(long[] cellKey, int m, long[] rowDelta, int[] rowFirst, int[] links, int[] labelIn,
            int[] labelOut, int[] changed);

    /** {@link KernelBodies#dbscanBorderCell} for every cell {@code c < m}. */
    void dbscanBorder(float[] x, float[] y, float[] z, int[] core, int[] order, int n, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float eps2, int[] borderCore);

    /** {@link KernelBodies#ransacHypothesis} for every hypothesis {@code h < hypotheses}. */
    void ransacHypotheses(float[] xyz, int[] samples, int hypotheses, int hasPrior, float ax, float ay, float az,
            float priorCos, float[] planes, int[] status);

    /**
     * {@link KernelBodies#ransacCountBlock} for every hypothesis in {@code [hypothesisFrom, hypothesisTo)}
     * and every block in {@code [blockFrom, blockTo)} of the {@code ceil(n / blockSize)} blocks of
     * {@code blockSize} points; other slots of {@code partial} are left as they are;
     * {@code bounds} has the blocks' boxes (6 floats each), {@code scratch} n floats. The box test
     * only saves work: a backend that reads every point gives the same counts.
     */
    void ransacCount(int hypothesisFrom, int hypothesisTo, int blockFrom, int blockTo, int blockSize, int n,
            float[] x, float[] y, float[] z, float[] bounds, float[] planes, int[] status, float threshold,
            int hypotheses, float[] scratch, int[] partial);

    /** {@link KernelBodies#planeInlierFlag} for every point {@code i < n}. */
    void planeInlierFlags(float[] xyz, int n, float nx, float ny, float nz, float d, float threshold, int[] flags);

    /**
     * {@link KernelBodies#kdMeanKnnDistance} for every {@code j < count}: the tree points
     * {@code positions[j]}.
     */
    void kdMeanKnnDistance(int k, int[] positions, int count, float[] tx, float[] ty, float[] tz, int[] split, int n,
            int leafSize, float[] meanDistance);

    /** {@link KernelBodies#gridMeanKnnCell} for every cell {@code c < m}. */
    void gridMeanKnnDistance(int k, float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, double minX, double minY, double minZ, double invCell,
            float[] meanDistance, int[] resolved);

    /**
     * {@link KernelBodies#kdNearestDistance} for every query point {@code i < queries}; queries
     * should be spatially coherent (e.g. in another tree's order) so each can hint the next.
     */
    void kdNearestDistance(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty, float[] tz,
            int[] split, float[] bounds, int n,
            int leafSize, float[] nearest);

    /**
     * The smallest squared distance between the query points and the tree's points:
     * {@link KernelBodies#kdNearestWithin} over every query, each bounded by the best found so far
     * (in its chunk; the minimum is the same whatever the split). Returns +infinity for no query.
     */
    float kdMinDistanceSquared(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty, float[] tz,
            int[] split, float[] bounds, int n, int leafSize);

    /**
     * The smallest squared distance between the query points and the target points by a sweep
     * along an axis: {@link KernelBodies#sweepNearestWithin} over every query (targets sorted by
     * {@code tk}), each bounded by the best found so far in its chunk (the minimum is the same
     * whatever the split). Returns +infinity for no query.
     */
    float sweepMinDistanceSquared(float[] qx, float[] qy, float[] qz, float[] qk, int queries, float[] tx,
            float[] ty, float[] tz, float[] tk, int n, float slack);

    /** Releases threads or device memory; idempotent. */
    @Override
    void close();
}
