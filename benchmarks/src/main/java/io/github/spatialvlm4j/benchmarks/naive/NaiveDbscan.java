package io.github.spatialvlm4j.benchmarks.naive;

import io.github.spatialvlm4j.geometry.PointCloud;

import java.util.Arrays;

/**
 * Naive single-threaded DBSCAN (Ester, Kriegel, Sander and Xu, KDD 1996), the textbook
 * breadth-first expansion. A point's neighbourhood is every point within {@code eps}
 * (itself included); a point is core when its neighbourhood has at least {@code minPoints}
 * points. Range queries use a {@link HashGrid} of cell {@code eps} (27 cells per query)
 * because brute force, O(n^2), would take hours at 921k points. O(n * neighbours).
 *
 * <p>Two deterministic rules make the result identical to {@code Kernels.dbscan}, not only the
 * same partition of core points: a border point (within eps of a core point, not core itself)
 * belongs to the cluster of its lowest-index core neighbour (one more range query per border
 * point after the expansion), and clusters are numbered by their smallest point index.
 * The peer of {@code Kernels.dbscan}.
 */
public final class NaiveDbscan {
    /** The label of noise points. */
    public static final int NOISE = -1;
    private static final int UNVISITED = -2;

    private NaiveDbscan() {
    }

    /**
     * @param labels cluster of point i, {@code 0 .. clusterCount - 1} numbered by smallest point index, or
     *     {@link #NOISE}
     * @param clusterCount number of clusters
     */
    public record Result(int[] labels, int clusterCount) {
    }

    /**
     * @param eps neighbourhood radius, meters, &gt; 0
     * @param minPoints neighbours (self included) that make a core point, &gt;= 1
     */
    public static Result cluster(PointCloud cloud, float eps, int minPoints) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("Invalid eps: " + eps + " (meters, must be > 0)");
        }
        if (minPoints < 1) {
            throw new IllegalArgumentException("Invalid minPoints: " + minPoints + " (must be >= 1)");
        }
        float[] p = cloud.xyz();
        int n = cloud.size();
        HashGrid grid = new HashGrid(p, eps);
        float eps2 = eps * eps;
        int[] labels = new int[n];
        Arrays.fill(labels, UNVISITED);
        int[] queue = new int[n];
        int[] neighbours = new int[Math.max(16, n)];
        boolean[] core = new boolean[n];
        int clusters = 0;
        for (int seed = 0; seed < n; seed++) {
            if (labels[seed] != UNVISITED) {
                continue;
            }
            int count = grid.within(seed, eps2, neighbours);
            core[seed] = count >= minPoints;
            if (!core[seed]) {
                labels[seed] = NOISE; // may become a border point of a later cluster
                continue;
            }
            int cluster = clusters++;
            labels[seed] = cluster;
            int head = 0;
            int tail = 0;
            for (int k = 0; k < count; k++) {
                tail = enqueue(neighbours[k], cluster, labels, queue, tail);
            }
            while (head < tail) {
                int q = queue[head++];
                int qCount = grid.within(q, eps2, neighbours);
                core[q] = qCount >= minPoints;
                if (core[q]) {
                    for (int k = 0; k < qCount; k++) {
                        tail = enqueue(neighbours[k], cluster, labels, queue, tail);
                    }
                }
            }
        }
        // Every point was range-queried once (as a seed or when dequeued), so core[] is complete.
        for (int i = 0; i < n; i++) {
            if (!core[i] && labels[i] != NOISE) {
                int count = grid.within(i, eps2, neighbours);
                int lowest = Integer.MAX_VALUE;
                for (int k = 0; k < count; k++) {
                    if (core[neighbours[k]]) {
                        lowest = Math.min(lowest, neighbours[k]);
                    }
                }
                labels[i] = labels[lowest];
            }
        }
        return new Result(renumberBySmallestIndex(labels, clusters), clusters);
    }

    /** Relabels clusters 0, 1, ... in the order of their first point; noise stays noise. */
    private static int[] renumberBySmallestIndex(int[] labels, int clusters) {
        int[] number = new int[clusters];
        Arrays.fill(number, NOISE);
        int next = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != NOISE) {
                if (number[labels[i]] == NOISE) {
                    number[labels[i]] = next++;
                }
                labels[i] = number[labels[i]];
            }
        }
        return labels;
    }

    /** Claims an unvisited or noise point for {@code cluster}; only unvisited ones are expanded later. */
    private static int enqueue(int i, int cluster, int[] labels, int[] queue, int tail) {
        if (labels[i] == UNVISITED) {
            labels[i] = cluster;
            queue[tail++] = i;
        } else if (labels[i] == NOISE) {
            labels[i] = cluster; // border point: was not core, stays unexpanded
        }
        return tail;
    }
}
