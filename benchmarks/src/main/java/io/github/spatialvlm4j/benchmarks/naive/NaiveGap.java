package io.github.spatialvlm4j.benchmarks.naive;

import io.github.spatialvlm4j.geometry.PointCloud;

/**
 * Naive gap between two objects (the "gap" pair fact: closest surfaces, docs/ARCHITECTURE.md,
 * "Stages"): the smallest Euclidean distance between a point of one cloud and a point of the other,
 * by brute force over all pairs. O(n * m), single-threaded. The peer of
 * {@code Kernels.pairwise(..).gap(i, j)}.
 */
public final class NaiveGap {
    private NaiveGap() {
    }

    /**
     * @return the smallest point-to-point distance, meters
     * @throws IllegalArgumentException when either cloud is empty
     */
    public static double gap(PointCloud a, PointCloud b) {
        if (a.isEmpty() || b.isEmpty()) {
            throw new IllegalArgumentException("Gap needs two non-empty clouds, got " + a.size() + " and "
                    + b.size() + " points");
        }
        float[] p = a.xyz();
        float[] q = b.xyz();
        float best = Float.POSITIVE_INFINITY;
        for (int i = 0; i < p.length; i += 3) {
            float x = p[i];
            float y = p[i + 1];
            float z = p[i + 2];
            for (int j = 0; j < q.length; j += 3) {
                float dx = x - q[j];
                float dy = y - q[j + 1];
                float dz = z - q[j + 2];
                float d2 = dx * dx + dy * dy + dz * dz;
                if (d2 < best) {
                    best = d2;
                }
            }
        }
        return Math.sqrt(best);
    }
}
