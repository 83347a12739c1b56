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

    /** Stores the cell coordinates of point {@code i} in {@code dest[0..2]}. */
    void cellOf(int i, int[] dest) {
        dest[0] = coord(xyz[3 * i]);
        dest[1] = coord(xyz[3 * i + 1]);
        dest[2] = coord(xyz[3 * i + 2]);
    }

    /**
     * Writes to {@code out} the indices of the points within {@code sqrt(radius2)} of point i
     * (itself included) and returns how many; looks at the 27 cells around i, so the radius
     * must not exceed the cell size.
     */
    int within(int i, float radius2, int[] out) {
        float x = xyz[3 * i];
        float y = xyz[3 * i + 1];
        float z = xyz[3 * i + 2];
        int cx = coord(x);
        int cy = coord(y);
        int cz = coord(z);
        int count = 0;
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dz = -1; dz <= 1; dz++) {
                    for (int j : cell(cx + dx, cy + dy, cz + dz)) {
                        float ex = xyz[3 * j] - x;
                        float ey = xyz[3 * j + 1] - y;
                        float ez = xyz[3 * j + 2] - z;
                        if (ex * ex + ey * ey + ez * ez <= radius2) {
                            out[count++] = j;
                        }
                    }
                }
            }
        }
        return count;
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
