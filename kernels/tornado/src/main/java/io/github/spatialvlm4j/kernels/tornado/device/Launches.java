package io.github.spatialvlm4j.kernels.tornado.device;

import io.github.spatialvlm4j.kernels.search.KdTreeBodies;

/** Small helpers shared by the families' device launches: argument indices, slot scratch, slot minima. */
public final class Launches {
    /** Most work items of a k-d tree query kernel (each owns about 3.2 KB of search scratch). */
    public static final int KD_SLOTS = 8192;

    private Launches() {
    }

    /** The argument indices {@code i}, for {@link DeviceLaunches#launch}'s outputs and scratch. */
    public static int[] idx(int... i) {
        return i;
    }

    /**
     * Search scratch for {@code slots} work items of a k-d tree query with {@code k} neighbours:
     * {best distances, best indices, stack ranges, stack boxes}.
     */
    public static Object[] kdScratch(int slots, int k) {
        return new Object[] {new float[slots * k], new int[slots * k], new int[2 * KdTreeBodies.KD_STACK * slots],
            new float[3 * KdTreeBodies.KD_STACK * slots]};
    }

    /** The smallest of the slots' minima (the host's reduction of the min-distance kernels). */
    public static float minimum(float[] slotMin) {
        float min = Float.POSITIVE_INFINITY;
        for (float m : slotMin) {
            min = Math.min(min, m);
        }
        return min;
    }
}
