package io.github.spatialvlm4j.benchmarks.naive;

import io.github.spatialvlm4j.geometry.PointCloud;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.joml.Vector3f;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

import java.util.Arrays;

/**
 * Naive single-threaded statistical outlier removal (Rusu et al. 2008, as in PCL and Open3D), as
 * the clean stage uses it (docs/ARCHITECTURE.md, "Stages"): for every point, the mean distance to
 * its {@code k} nearest other points; a point is an inlier when that mean is at most
 * {@code mu + stdRatio * sigma}, where mu and sigma (sample standard deviation, n - 1) are taken
 * over all points, computed with commons-math3. The k nearest neighbours are found exactly by
 * visiting grid cells in growing rings until no unvisited cell can hold a closer point (brute force
 * would be O(n^2): minutes at 100k points). O(n * k) on evenly sampled surfaces. The peer of
 * {@code Kernels.statisticalOutlierInliers}.
 */
public final class NaiveOutlierRemoval {
    private NaiveOutlierRemoval() {
    }

    /**
     * @param k neighbours per point (the point itself excluded), in {@code [1, n - 1]}
     * @param stdRatio multiple of the standard deviation above the mean that is still an inlier, &gt;= 0
     * @return indices of the inliers, ascending
     */
    public static int[] inliers(PointCloud cloud, int k, float stdRatio) {
        int n = cloud.size();
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("Invalid k: " + k + " (must be in [1, " + (n - 1) + "] for " + n
                    + " points)");
        }
        if (!(stdRatio >= 0)) {
            throw new IllegalArgumentException("Invalid stdRatio: " + stdRatio + " (must be >= 0)");
        }
        return inliersOf(meanKnnDistances(cloud, k), stdRatio);
    }

    /**
     * The inlier rule on given per-point mean neighbour distances: indices i, ascending, with
     * {@code meanDistance[i] <= mu + stdRatio * sigma}.
     */
    public static int[] inliersOf(double[] meanDistance, float stdRatio) {
        double mu = new Mean().evaluate(meanDistance);
        double sigma = new StandardDeviation(true).evaluate(meanDistance);
        double limit = mu + stdRatio * sigma;
        int[] out = new int[meanDistance.length];
        int m = 0;
        for (int i = 0; i < meanDistance.length; i++) {
            if (meanDistance[i] <= limit) {
                out[m++] = i;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /** For every point, the mean distance to its k nearest other points, meters. */
    public static double[] meanKnnDistances(PointCloud cloud, int k) {
        float[] p = cloud.xyz();
        int n = cloud.size();
        HashGrid grid = new HashGrid(p, cellSize(cloud, k));
        float cell = grid.cellSize();
        double[] result = new double[n];
        float[] best = new float[k]; // squared distances, ascending
        int[] home = new int[3];
        for (int i = 0; i < n; i++) {
            float x = p[3 * i];
            float y = p[3 * i + 1];
            float z = p[3 * i + 2];
            grid.cellOf(i, home);
            Arrays.fill(best, Float.POSITIVE_INFINITY);
            int found = 0;
            int visited = 0;
            for (int r = 0; ; r++) {
                for (int dx = -r; dx <= r; dx++) {
                    for (int dy = -r; dy <= r; dy++) {
                        for (int dz = -r; dz <= r; dz++) {
                            if (Math.max(Math.abs(dx), Math.max(Math.abs(dy), Math.abs(dz))) != r) {
                                continue; // inner cells were visited in earlier rings
                            }
                            for (int j : grid.cell(home[0] + dx, home[1] + dy, home[2] + dz)) {
                                visited++;
                                if (j == i) {
                                    continue;
                                }
                                float ex = p[3 * j] - x;
                                float ey = p[3 * j + 1] - y;
                                float ez = p[3 * j + 2] - z;
                                found = insert(best, found, ex * ex + ey * ey + ez * ez);
                            }
                        }
                    }
                }
                // Any point outside the rings seen so far is at least r cells away.
                float reach = r * cell;
                if (visited == n || (found == k && best[k - 1] <= reach * reach)) {
                    break;
                }
            }
            double sum = 0;
            for (int q = 0; q < k; q++) {
                sum += Math.sqrt(best[q]);
            }
            result[i] = sum / k;
        }
        return result;
    }

    /** Inserts {@code d2} into the ascending array {@code best} holding {@code found} values (capacity k). */
    private static int insert(float[] best, int found, float d2) {
        int k = best.length;
        if (found == k && d2 >= best[k - 1]) {
            return found;
        }
        int at = found < k ? found : k - 1;
        while (at > 0 && best[at - 1] > d2) {
            best[at] = best[at - 1];
            at--;
        }
        best[at] = d2;
        return Math.min(found + 1, k);
    }

    /**
     * A cell edge that puts about k points in a cell for a cloud sampled over surfaces whose
     * area is estimated by the faces of its bounding box (any edge gives exact results; this
     * one only keeps the ring search short).
     */
    private static float cellSize(PointCloud cloud, int k) {
        Vector3f extent = cloud.bounds().extent(new Vector3f());
        double ex = Math.max(1e-3, extent.x);
        double ey = Math.max(1e-3, extent.y);
        double ez = Math.max(1e-3, extent.z);
        double area = ex * ey + ey * ez + ex * ez;
        return (float) Math.sqrt(area * k / cloud.size());
    }
}
