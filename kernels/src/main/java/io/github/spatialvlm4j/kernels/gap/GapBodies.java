package io.github.spatialvlm4j.kernels.gap;

import io.github.spatialvlm4j.kernels.search.KdTreeBodies;

/**
 * The gap bodies: nearest distances between two clouds, by k-d tree query or by a sweep along
 * an axis, one query point per call.
 *
 * <p>Kernel bodies in the TornadoVM-compatible subset of {@code io.github.spatialvlm4j.kernels}'s
 * package documentation: public static, primitives and primitive arrays only, no allocation, no
 * exceptions, one element per call writing disjoint output slots. Arguments are trusted: the
 * facade checks everything before launch. Layouts: {@code xyz[3i..3i+2]} is point i (meters);
 * {@code x[i], y[i], z[i]} the same coordinates as structure of arrays; images are row-major
 * {@code data[v * width + u]}.
 */
public final class GapBodies {
    private GapBodies() {
    }

    /**
     * Element = query point {@code i} of {@code (qx, qy, qz)}: the distance (meters) to its nearest
     * point in the tree, written to {@code nearest[i]}; returns that point's tree position (pass it
     * as the next query's {@code hint} when queries are spatially coherent, or -1). Scratch as in
     * {@link KdTreeBodies#kdNearest} with k = 1.
     */
    public static int kdNearestDistance(int i, float[] qx, float[] qy, float[] qz, int hint, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize, float[] best, int[] bestIndex, int bestOffset,
            int[] stackRange, float[] stackBox, int stackOffset, float[] nearest) {
        KdTreeBodies.kdNearest(qx[i], qy[i], qz[i], -1, Math.max(0, hint), Math.max(0, hint + 1), 1, tx, ty, tz,
                split, bounds, n,
                leafSize, best, bestIndex, bestOffset, stackRange, stackBox, stackOffset);
        nearest[i] = (float) Math.sqrt(best[bestOffset]);
        return bestIndex[bestOffset];
    }

    /**
     * Element = query point {@code i} of {@code (qx, qy, qz)}: the smaller of {@code bound2} and
     * the squared distance to its nearest tree point. Subtrees farther than {@code bound2} are
     * never opened, so with a tight bound (the best so far of a closest-pair search) most queries
     * end at the root. Scratch as in {@link KdTreeBodies#kdNearest} with k = 1.
     */
    public static float kdNearestWithin(int i, float[] qx, float[] qy, float[] qz, float bound2, float[] tx,
            float[] ty, float[] tz, int[] split, float[] bounds, int leafSize, int n, float[] best, int[] bestIndex,
            int bestOffset, int[] stackRange, float[] stackBox, int stackOffset) {
        float x = qx[i];
        float y = qy[i];
        float z = qz[i];
        best[bestOffset] = bound2;
        bestIndex[bestOffset] = -1;
        KdTreeBodies.kdSearch(x, y, z, -1, 0, 0, 1, 1, 0, n, KdTreeBodies.boxOffset(x, bounds[0], bounds[3]),
                KdTreeBodies.boxOffset(y, bounds[1], bounds[4]), KdTreeBodies.boxOffset(z, bounds[2], bounds[5]), tx,
                ty, tz, split, leafSize, best, bestIndex, bestOffset,
                stackRange, stackBox, stackOffset);
        return best[bestOffset];
    }

    /**
     * Element = query point {@code i} of {@code (qx, qy, qz)}: the smaller of {@code bound2} and the
     * squared distance to its nearest target point, by a sweep along a unit axis {@code u}.
     * {@code qk[i]} and {@code tk[j]} are the points' coordinates along u (meters), the targets
     * sorted ascending by it. Since {@code |t - q| >= tk - qk}, the scan stops at the first target
     * with {@code tk - qk > sqrt(best) + slack}; {@code slack} (meters, >= 0) covers the rounding of
     * the projections, so no pair closer than the result is skipped and the result is exactly the
     * minimum of the same float expression over all pairs. Targets before the query along u are
     * all scanned: the sweep pays off when the query cloud lies before the target cloud along u
     * (two separated objects, u from one centroid to the other). O(candidates).
     */
    public static float sweepNearestWithin(int i, float[] qx, float[] qy, float[] qz, float[] qk, float bound2,
            float[] tx, float[] ty, float[] tz, float[] tk, int n, float slack) {
        float x = qx[i];
        float y = qy[i];
        float z = qz[i];
        float k = qk[i];
        float best2 = bound2;
        float reach = (float) Math.sqrt(best2) + slack;
        int j = 0;
        while (j < n && tk[j] - k <= reach) {
            float dx = x - tx[j];
            float dy = y - ty[j];
            float dz = z - tz[j];
            float d2 = dx * dx + dy * dy + dz * dz;
            if (d2 < best2) {
                best2 = d2;
                reach = (float) Math.sqrt(best2) + slack;
            }
            j++;
        }
        return best2;
    }
}
