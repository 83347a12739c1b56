package io.github.spatialvlm4j.kernels.tornado.gap;

import io.github.spatialvlm4j.kernels.gap.GapBodies;
import io.github.spatialvlm4j.kernels.search.KdTreeBodies;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The {@code @Parallel} loops TornadoVM compiles for gaps: nearest distances and minimum distances
 * per slot, reduced on the host. Each calls the family's bodies per work item (TornadoVM inlines
 * them), so the device computes exactly what the JVM backend computes; scalars that change from
 * call to call travel in small parameter arrays (see the package documentation of {@code
 * io.github.spatialvlm4j.kernels.tornado}). Every method also runs as plain sequential Java, giving
 * the same result. Launched by {@link TornadoGap}.
 */
public final class GapLoops {
    private GapLoops() {
    }

    /**
     * Per slot, grid-stride over the queries: distance (meters) to the nearest tree point, as
     * {@link GapBodies#kdNearestDistance} computes it (no warm start). ip = {-1, 1}: the skipped
     * index and k travel as data because, as constants, the compiler folds conditions of the
     * inlined search into nodes TornadoVM's OpenCL backend cannot emit ("logic node
     * LogicConstantNode").
     */
    public static void kdNearestDistance(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize, int slots, int[] ip, float[] best,
            int[] bestIndex, int[] stackRange, float[] stackBox, float[] nearest) {
        for (@Parallel int s = 0; s < slots; s++) {
            for (int i = s; i < queries; i += slots) {
                KdTreeBodies.kdNearest(qx[i], qy[i], qz[i], ip[0], 0, 0, ip[1], tx, ty, tz, split, bounds, n,
                        leafSize, best, bestIndex, s, stackRange, stackBox, s * KdTreeBodies.KD_STACK);
                nearest[i] = (float) Math.sqrt(best[s]);
            }
        }
    }

    /**
     * Per slot, grid-stride over the queries: the smallest squared distance (square meters) of its
     * queries to the tree, each search bounded by the best so far, as
     * {@link GapBodies#kdNearestWithin} computes it; the host takes the minimum over slots (the
     * reduction). ip = {-1, 1} (skipped index and k, as data: see {@link #kdNearestDistance}).
     */
    public static void kdMinDistanceSquared(float[] qx, float[] qy, float[] qz, int queries, float[] tx,
            float[] ty, float[] tz, int[] split, float[] bounds, int n, int leafSize, int slots, int[] ip,
            float[] best, int[] bestIndex, int[] stackRange, float[] stackBox, float[] slotMin) {
        for (@Parallel int s = 0; s < slots; s++) {
            best[s] = Float.POSITIVE_INFINITY;
            for (int i = s; i < queries; i += slots) {
                float x = qx[i];
                float y = qy[i];
                float z = qz[i];
                bestIndex[s] = ip[0];
                KdTreeBodies.kdSearch(x, y, z, ip[0], 0, 0, ip[1], ip[1], 0, n,
                        KdTreeBodies.boxOffset(x, bounds[0], bounds[3]), KdTreeBodies.boxOffset(y, bounds[1],
                                bounds[4]), KdTreeBodies.boxOffset(z, bounds[2], bounds[5]), tx, ty, tz, split,
                        leafSize, best, bestIndex, s, stackRange, stackBox, s * KdTreeBodies.KD_STACK);
            }
            slotMin[s] = best[s];
        }
    }

    /**
     * Slot {@code s} sweeps queries {@code s, s + slots, ...} (in the sweep's order, nearest the
     * targets first), each bounded by the slot's best so far: {@link GapBodies#sweepNearestWithin}.
     * The host takes the minimum over slots. fp = {slack} (as data, so a new value compiles nothing).
     */
    public static void sweepMinDistanceSquared(float[] qx, float[] qy, float[] qz, float[] qk, int queries,
            float[] tx, float[] ty, float[] tz, float[] tk, int n, int slots, float[] fp, float[] slotMin) {
        for (@Parallel int s = 0; s < slots; s++) {
            float min = Float.POSITIVE_INFINITY;
            for (int i = s; i < queries; i += slots) {
                min = GapBodies.sweepNearestWithin(i, qx, qy, qz, qk, min, tx, ty, tz, tk, n, fp[0]);
            }
            slotMin[s] = min;
        }
    }
}
