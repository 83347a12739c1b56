package io.github.spatialvlm4j.benchmarks.naive;

import java.util.HashMap;
import java.util.Map;

/**
 * The simplest spatial index that makes the naive references finish at 100k-921k points: a
 * hash map from integer cell coordinates {@code floor(p / cell)} to the indices of the points
 * in that cell. Built in O(n); a query visits the 27 (or more, for kNN) cells around a point.
 * Used only by the naive references, where brute force would take minutes.
 */
final class HashGrid {
    private static final int[] EMPTY = new int[0];
    /** Offset that makes cell coordinates non-negative in 21 bits (|coordinate / cell| < 2^20). */
    private static final long BIAS = 1L << 20;

    private final float[] xyz;
    private final float cell;
    private final Map<Long, int[]> cells = new HashMap<>();

    /**
     * @param xyz points, {@code xyz[3i..3i+2]}, meters
     * @param cell edge of a cubic cell, meters, &gt; 0
     */
    HashGrid(float[] xyz, float cell) {
        if (!(cell > 0)) {
            throw new IllegalArgumentException("Invalid cell size: " + cell + " (meters, must be > 0)");
        }
        this.xyz = xyz;
        this.cell = cell;
        int n = xyz.length / 3;
        Map<Long, int[]> counts = new HashMap<>();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(coord(xyz[3 * i]), coord(xyz[3 * i + 1]), coord(xyz[3 * i + 2]));
            counts.computeIfAbsent(keys[i], k -> new int[1])[0]++;
        }
        for (Map.Entry<Long, int[]> e : counts.entrySet()) {
            cells.put(e.getKey(), new int[e.getValue()[0]]);
            e.getValue()[0] = 0;
        }
        for (int i = 0; i < n; i++) {
            int[] fill = counts.get(keys[i]);
            cells.get(keys[i])[fill[0]++] = i;
        }
    }

    /** Integer cell coordinate of a coordinate in meters. */
    int coord(float v) {
        return (int) Math.floor(v / cell);
    }

    /** Indices of the points in cell {@code (cx, cy, cz)}; empty when none. */
    int[] cell(int cx, int cy, int cz) {
        return cells.getOrDefault(key(cx, cy, cz), EMPTY);
    }

    float cellSize() {
        return cell;
    }

    float[] xyz() {
        return xyz;
    }

    private static long key(int cx, int cy, int cz) {
        return ((cx + BIAS) << 42) | ((cy + BIAS) << 21) | (cz + BIAS);
    }
}
