package io.github.spatialvlm4j.benchmarks.peers;

import io.github.spatialvlm4j.benchmarks.naive.NaiveOutlierRemoval;
import io.github.spatialvlm4j.geometry.PointCloud;

import smile.clustering.DBSCAN;
import smile.neighbor.KDTree;
import smile.neighbor.Neighbor;

/**
 * The Smile (Haifeng Li, smile-core 3.x) peers: its DBSCAN over its KD-tree, and KD-tree
 * k-nearest-neighbour and nearest-point queries. Smile works on {@code double[][]} rows, so
 * the benchmarks convert clouds once in their setup ({@link #rows}) and time only the work.
 */
public final class SmilePeers {
    private SmilePeers() {
    }

    /** One {@code double[3]} row per point, meters. O(n). */
    public static double[][] rows(PointCloud cloud) {
        double[][] rows = new double[cloud.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {cloud.x(i), cloud.y(i), cloud.z(i)};
        }
        return rows;
    }

    /**
     * Smile's DBSCAN with its KD-tree. Smile's {@code minPts} counts the neighbours of a point
     * without the point itself (its KD-tree skips the query row), so {@code minPoints - 1} is
     * passed to match the "self included" convention of ours.
     *
     * @param minPoints neighbours, self included, that make a core point, &gt;= 2
     * @return Smile's labels: {@code 0 .. k - 1}, and {@link Integer#MAX_VALUE} for noise
     */
    public static int[] dbscan(double[][] rows, float eps, int minPoints) {
        if (minPoints < 2) {
            throw new IllegalArgumentException("Invalid minPoints: " + minPoints + " (must be >= 2 for Smile)");
        }
        return DBSCAN.fit(rows, minPoints - 1, eps).y;
    }

    /** Smile's noise label. */
    public static final int SMILE_NOISE = smile.clustering.PartitionClustering.OUTLIER;

    /**
     * For every row, the mean distance to its k nearest other rows, meters, from a KD-tree
     * built here (build time included, as in our kernel). O(n log n + n k log n).
     */
    public static double[] meanKnnDistances(double[][] rows, int k) {
        KDTree<double[]> tree = KDTree.of(rows);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            // Passing the row itself makes the tree skip it: k neighbours besides the point.
            Neighbor<double[], double[]>[] nn = tree.search(rows[i], k);
            double sum = 0;
            for (Neighbor<double[], double[]> q : nn) {
                sum += q.distance;
            }
            out[i] = sum / nn.length;
        }
        return out;
    }

    /**
     * Statistical outlier removal with Smile's KD-tree for the k nearest neighbours and the
     * same inlier rule as {@link NaiveOutlierRemoval#inliersOf}.
     */
    public static int[] outlierInliers(double[][] rows, int k, float stdRatio) {
        return NaiveOutlierRemoval.inliersOf(meanKnnDistances(rows, k), stdRatio);
    }

    /**
     * The smallest distance between a row of {@code a} and a row of {@code b}: a KD-tree over
     * {@code b} (built here) queried with every row of {@code a}. O((n + m) log m).
     */
    public static double gap(double[][] a, double[][] b) {
        KDTree<double[]> tree = KDTree.of(b);
        double best = Double.POSITIVE_INFINITY;
        for (double[] q : a) {
            best = Math.min(best, tree.nearest(q).distance);
        }
        return best;
    }
}
