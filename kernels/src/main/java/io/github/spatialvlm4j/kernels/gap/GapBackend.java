package io.github.spatialvlm4j.kernels.gap;

import io.github.spatialvlm4j.kernels.parallel.ParallelLoops;
import io.github.spatialvlm4j.kernels.search.KdTreeBodies;

/**
 * Launches of the nearest-distance bodies ({@link GapBodies}) behind the pairwise facts and the
 * closest-surface gap. The default methods are the JVM launches; a device backend overrides
 * them. Arguments are trusted (checked by the facade).
 */
public interface GapBackend extends ParallelLoops {

    /**
     * {@link GapBodies#kdNearestDistance} for every query point {@code i < queries}; queries
     * should be spatially coherent (e.g. in another tree's order) so each can hint the next.
     */
    default void kdNearestDistance(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize, float[] nearest) {
        parallelFor(queries, 512, (from, to) -> {
            float[] best = new float[1];
            int[] bestIndex = new int[1];
            int[] stackRange = new int[2 * KdTreeBodies.KD_STACK];
            float[] stackBox = new float[3 * KdTreeBodies.KD_STACK];
            int hint = -1;
            for (int i = from; i < to; i++) {
                hint = GapBodies.kdNearestDistance(i, qx, qy, qz, hint, tx, ty, tz, split, bounds, n, leafSize, best,
                        bestIndex, 0, stackRange, stackBox, 0, nearest);
            }
        });
    }

    /**
     * The smallest squared distance between the query points and the tree's points:
     * {@link GapBodies#kdNearestWithin} over every query, each bounded by the best found so far
     * (in its chunk; the minimum is the same whatever the split). Returns +infinity for no query.
     */
    default float kdMinDistanceSquared(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize) {
        return minimumOverChunks(queries, (c, chunks) -> {
            float[] best = new float[1];
            int[] bestIndex = new int[1];
            int[] stackRange = new int[2 * KdTreeBodies.KD_STACK];
            float[] stackBox = new float[3 * KdTreeBodies.KD_STACK];
            int per = (queries + chunks - 1) / chunks;
            float min = Float.POSITIVE_INFINITY;
            for (int i = c * per; i < Math.min(queries, (c + 1) * per); i++) {
                min = GapBodies.kdNearestWithin(i, qx, qy, qz, min, tx, ty, tz, split, bounds, leafSize, n, best,
                        bestIndex, 0, stackRange, stackBox, 0);
            }
            return min;
        });
    }

    /**
     * The smallest squared distance between the query points and the target points by a sweep
     * along an axis: {@link GapBodies#sweepNearestWithin} over every query (targets sorted by
     * {@code tk}), each bounded by the best found so far in its chunk (the minimum is the same
     * whatever the split). Returns +infinity for no query.
     */
    default float sweepMinDistanceSquared(float[] qx, float[] qy, float[] qz, float[] qk, int queries, float[] tx,
            float[] ty, float[] tz, float[] tk, int n, float slack) {
        return minimumOverChunks(queries, (c, chunks) -> {
            // Strided: every chunk starts with the queries nearest the targets (the sort order).
            float min = Float.POSITIVE_INFINITY;
            for (int i = c; i < queries; i += chunks) {
                min = GapBodies.sweepNearestWithin(i, qx, qy, qz, qk, min, tx, ty, tz, tk, n, slack);
            }
            return min;
        });
    }
}
