package io.github.spatialvlm4j.kernels.dbscan;

import java.util.Arrays;

/**
 * A DBSCAN partition of a point cloud (Ester et al., KDD 1996).
 *
 * <p>Clusters are numbered {@code 0 .. clusterCount()-1} in the order of their smallest point
 * index, so the labelling is deterministic; {@link #NOISE} marks points in no cluster. A border
 * point (not core, within eps of a core point) belongs to the cluster of its lowest-index core
 * neighbour. Immutable; accessors return copies.
 */
public final class DbscanResult {
    /** The label of a point that belongs to no cluster. */
    public static final int NOISE = -1;

    private final int[] labels;
    private final int[] sizes;

    /**
     * @param labels per point, {@link #NOISE} or a cluster in {@code [0, sizes.length)}
     * @param sizes points per cluster
     */
    DbscanResult(int[] labels, int[] sizes) {
        this.labels = labels;
        this.sizes = sizes;
    }

    /** The label of every point: a cluster number in {@code [0, clusterCount())} or {@link #NOISE} (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The label of point {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Number of clusters (0 when every point is noise). */
    public int clusterCount() {
        return sizes.length;
    }

    /** Number of points of each cluster (a copy). */
    public int[] clusterSizes() {
        return sizes.clone();
    }

    /** Number of noise points. */
    public int noiseCount() {
        int n = labels.length;
        for (int s : sizes) {
            n -= s;
        }
        return n;
    }

    /**
     * The cluster with the most points; ties go to the lowest cluster number.
     *
     * @throws IllegalStateException when there is no cluster
     */
    public int largestCluster() {
        if (sizes.length == 0) {
            throw new IllegalStateException("No cluster: every one of the " + labels.length + " points is noise");
        }
        int best = 0;
        for (int c = 1; c < sizes.length; c++) {
            if (sizes[c] > sizes[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Ascending indices of the points of cluster {@code c}.
     *
     * @throws IllegalArgumentException when {@code c} is not in {@code [0, clusterCount())}
     */
    public int[] indicesOfCluster(int c) {
        if (c < 0 || c >= sizes.length) {
            throw new IllegalArgumentException("Invalid cluster: " + c + " (must be in [0, " + sizes.length + "))");
        }
        int[] out = new int[sizes[c]];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                out[k++] = i;
            }
        }
        return out;
    }

    /**
     * Ascending indices of the points of the largest cluster, or an empty array when every point
     * is noise (the pipeline then drops the object).
     */
    public int[] largestClusterIndices() {
        return sizes.length == 0 ? new int[0] : indicesOfCluster(largestCluster());
    }

    @Override
    public String toString() {
        return "DbscanResult[" + labels.length + " points, " + sizes.length + " clusters, sizes "
                + Arrays.toString(sizes.length > 8 ? Arrays.copyOf(sizes, 8) : sizes) + (sizes.length > 8 ? "..." : "")
                + "]";
    }
}
