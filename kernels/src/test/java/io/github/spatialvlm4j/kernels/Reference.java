package io.github.spatialvlm4j.kernels;

import io.github.spatialvlm4j.kernels.dbscan.DbscanResult;
import java.util.Arrays;

/** Slow, obviously correct versions of the kernels, for conformance tests (O(n^2) and worse). */
public final class Reference {
    private Reference() {
    }

    static float d2(float[] xyz, int i, int j) {
        float dx = xyz[3 * i] - xyz[3 * j];
        float dy = xyz[3 * i + 1] - xyz[3 * j + 1];
        float dz = xyz[3 * i + 2] - xyz[3 * j + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** Brute-force DBSCAN, the textbook definition; clusters numbered by smallest point index. */
    static int[] dbscan(float[] xyz, float eps, int minPoints) {
        int n = xyz.length / 3;
        float eps2 = eps * eps;
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (d2(xyz, i, j) <= eps2) {
                    count++;
                }
            }
            core[i] = count >= minPoints;
        }
        // Connected components of core points by breadth-first search.
        int[] comp = new int[n];
        Arrays.fill(comp, -1);
        int[] queue = new int[n];
        int comps = 0;
        for (int s = 0; s < n; s++) {
            if (!core[s] || comp[s] >= 0) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            comp[s] = comps;
            while (head < tail) {
                int i = queue[head++];
                for (int j = 0; j < n; j++) {
                    if (core[j] && comp[j] < 0 && d2(xyz, i, j) <= eps2) {
                        comp[j] = comps;
                        queue[tail++] = j;
                    }
                }
            }
            comps++;
        }
        int[] raw = new int[n];
        for (int i = 0; i < n; i++) {
            raw[i] = -1;
            if (core[i]) {
                raw[i] = comp[i];
            } else {
                for (int j = 0; j < n; j++) {
                    if (core[j] && d2(xyz, i, j) <= eps2) {
                        raw[i] = comp[j];
                        break;
                    }
                }
            }
        }
        int[] number = new int[comps];
        Arrays.fill(number, -1);
        int next = 0;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            if (raw[i] < 0) {
                labels[i] = DbscanResult.NOISE;
            } else {
                if (number[raw[i]] < 0) {
                    number[raw[i]] = next++;
                }
                labels[i] = number[raw[i]];
            }
        }
        return labels;
    }

    /** Mean distance of each point to its k nearest other points, by sorting all distances. */
    static float[] meanKnnDistances(float[] xyz, int k) {
        int n = xyz.length / 3;
        float[] out = new float[n];
        float[] d = new float[n - 1];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    d[c++] = d2(xyz, i, j);
                }
            }
            Arrays.sort(d);
            int kk = Math.min(k, n - 1);
            double sum = 0;
            for (int j = 0; j < kk; j++) {
                sum += (float) Math.sqrt(d[j]);
            }
            out[i] = (float) (sum / kk);
        }
        return out;
    }

    /** Statistical outlier removal from the brute-force distances (sample std, keep <= mean + ratio * std). */
    static int[] statisticalOutlierInliers(float[] xyz, int k, float stdRatio) {
        int n = xyz.length / 3;
        float[] mean = meanKnnDistances(xyz, k);
        double sum = 0;
        double sq = 0;
        for (float m : mean) {
            sum += m;
            sq += (double) m * m;
        }
        double mu = sum / n;
        double std = Math.sqrt(Math.max(0.0, (sq - sum * mu) / (n - 1)));
        double threshold = mu + stdRatio * std;
        return java.util.stream.IntStream.range(0, n).filter(i -> mean[i] <= threshold).toArray();
    }

    /** Inlier count of a plane, counted point by point. */
    static int countInliers(float[] xyz, float nx, float ny, float nz, float d, float t) {
        int count = 0;
        for (int i = 0; i < xyz.length; i += 3) {
            if (Math.abs(nx * xyz[i] + ny * xyz[i + 1] + nz * xyz[i + 2] + d) <= t) {
                count++;
            }
        }
        return count;
    }

    /** Minimum point-to-point distance between two clouds, all pairs. */
    public static float minDistance(float[] a, float[] b) {
        float best = Float.POSITIVE_INFINITY;
        for (int i = 0; i < a.length; i += 3) {
            for (int j = 0; j < b.length; j += 3) {
                float dx = a[i] - b[j];
                float dy = a[i + 1] - b[j + 1];
                float dz = a[i + 2] - b[j + 2];
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
        }
        return (float) Math.sqrt(best);
    }

    /** Mean over points of a of the distance to the nearest point of b, all pairs. */
    static double meanNearest(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i += 3) {
            float best = Float.POSITIVE_INFINITY;
            for (int j = 0; j < b.length; j += 3) {
                float dx = a[i] - b[j];
                float dy = a[i + 1] - b[j + 1];
                float dz = a[i + 2] - b[j + 2];
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            sum += (float) Math.sqrt(best);
        }
        return sum / (a.length / 3);
    }
}
