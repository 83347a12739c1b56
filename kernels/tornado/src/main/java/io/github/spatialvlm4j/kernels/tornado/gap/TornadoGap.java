package io.github.spatialvlm4j.kernels.tornado.gap;

import static io.github.spatialvlm4j.kernels.tornado.device.Launches.KD_SLOTS;
import static io.github.spatialvlm4j.kernels.tornado.device.Launches.idx;
import static io.github.spatialvlm4j.kernels.tornado.device.Launches.kdScratch;
import static io.github.spatialvlm4j.kernels.tornado.device.Launches.minimum;

import io.github.spatialvlm4j.kernels.gap.GapBackend;
import io.github.spatialvlm4j.kernels.tornado.device.DeviceLaunches;

/**
 * The device launches of gaps: nearest distances and minimum distances per slot, reduced on the
 * host: each overrides the JVM launch of {@link GapBackend} with one task graph of {@link GapLoops}
 * per kernel and shape, run through {@link DeviceLaunches#launch} (plans cached and reused by the
 * backend). Arguments are trusted (checked by the facade).
 */
public interface TornadoGap extends GapBackend, DeviceLaunches {

    @Override
    default void kdNearestDistance(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize, float[] nearest) {
        if (queries == 0) {
            return;
        }
        int slots = Math.min(queries, KD_SLOTS);
        Object[] s = kdScratch(slots, 1);
        Object[] args = {qx, qy, qz, tx, ty, tz, split, bounds, new int[] {-1, 1}, s[0], s[1], s[2], s[3], nearest};
        launch("kdNearestDistance", "q" + queries + "n" + n + "l" + leafSize, args, idx(13), idx(9, 10, 11, 12),
                (g, b) -> g.task("t", GapLoops::kdNearestDistance, (float[]) b[0], (float[]) b[1],
                        (float[]) b[2], queries, (float[]) b[3], (float[]) b[4], (float[]) b[5], (int[]) b[6],
                        (float[]) b[7], n, leafSize, slots, (int[]) b[8], (float[]) b[9], (int[]) b[10],
                        (int[]) b[11], (float[]) b[12], (float[]) b[13]));
    }

    @Override
    default float kdMinDistanceSquared(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize) {
        if (queries == 0) {
            return Float.POSITIVE_INFINITY;
        }
        int slots = Math.min(queries, KD_SLOTS);
        Object[] s = kdScratch(slots, 1);
        float[] slotMin = new float[slots];
        Object[] args = {qx, qy, qz, tx, ty, tz, split, bounds, new int[] {-1, 1}, s[0], s[1], s[2], s[3], slotMin};
        launch("kdMinDistanceSquared", "q" + queries + "n" + n + "l" + leafSize, args, idx(13), idx(9, 10, 11, 12),
                (g, b) -> g.task("t", GapLoops::kdMinDistanceSquared, (float[]) b[0], (float[]) b[1],
                        (float[]) b[2], queries, (float[]) b[3], (float[]) b[4], (float[]) b[5], (int[]) b[6],
                        (float[]) b[7], n, leafSize, slots, (int[]) b[8], (float[]) b[9], (int[]) b[10],
                        (int[]) b[11], (float[]) b[12], (float[]) b[13]));
        return minimum(slotMin);
    }

    @Override
    default float sweepMinDistanceSquared(float[] qx, float[] qy, float[] qz, float[] qk, int queries, float[] tx,
            float[] ty, float[] tz, float[] tk, int n, float slack) {
        if (queries == 0) {
            return Float.POSITIVE_INFINITY;
        }
        int slots = Math.min(queries, KD_SLOTS);
        float[] slotMin = new float[slots];
        Object[] args = {qx, qy, qz, qk, tx, ty, tz, tk, new float[] {slack}, slotMin};
        launch("sweepMinDistanceSquared", "q" + queries + "n" + n, args, idx(9), idx(),
                (g, b) -> g.task("t", GapLoops::sweepMinDistanceSquared, (float[]) b[0], (float[]) b[1],
                        (float[]) b[2], (float[]) b[3], queries, (float[]) b[4], (float[]) b[5], (float[]) b[6],
                        (float[]) b[7], n, slots, (float[]) b[8], (float[]) b[9]));
        return minimum(slotMin);
    }

}
