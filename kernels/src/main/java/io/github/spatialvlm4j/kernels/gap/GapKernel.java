package io.github.spatialvlm4j.kernels.gap;

import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.search.CloudArrays;
import io.github.spatialvlm4j.kernels.search.KdTree;
import java.util.List;
import java.util.Optional;
import org.joml.Matrix4fc;
import org.joml.Vector3f;

/**
 * The host side of the distances between object clouds: pairwise facts (centroids, exact
 * closest-surface gaps and mean nearest-neighbour distances by k-d tree queries) and the gap of
 * two clouds (a sweep along the axis between them when it is cheap, else a bounded k-d tree
 * search). Arguments are trusted: the facade ({@code io.github.spatialvlm4j.kernels.Kernels})
 * checks them (non-empty, finite clouds) before any launch.
 */
public final class GapKernel {
    private GapKernel() {
    }

    /**
     * Pairwise facts of k object clouds (same frame, meters): centroid distances, closest-surface
     * gaps (exact minimum point-to-point distance, by exact nearest-neighbour queries on a k-d
     * tree of each object), mean nearest-neighbour distances in both directions, and the
     * per-axis centroid differences {@code centroid_j - centroid_i} after transforming the
     * centroids by {@code frame} (e.g. camera to floor frame). O(sum over pairs of n_i log n_j).
     *
     * @param objects k non-empty clouds
     * @param frame affine transform applied to the centroids before the per-axis differences
     */
    public static PairwiseFacts pairwise(GapBackend backend, List<PointCloud> objects, Matrix4fc frame) {
        int k = objects.size();
        Vector3f[] centroid = new Vector3f[k];
        Vector3f[] inFrame = new Vector3f[k];
        KdTree[] trees = new KdTree[k];
        for (int i = 0; i < k; i++) {
            centroid[i] = objects.get(i).centroid(new Vector3f());
            inFrame[i] = frame.transformPosition(centroid[i], new Vector3f());
            trees[i] = KdTree.build(objects.get(i).xyz());
        }
        float[] dist = new float[k * k];
        float[] gap = new float[k * k];
        float[] mean = new float[k * k];
        float[] dx = new float[k * k];
        float[] dy = new float[k * k];
        float[] dz = new float[k * k];
        for (int i = 0; i < k; i++) {
            // Queries in tree order are spatially coherent: each one's answer hints the next.
            KdTree qi = trees[i];
            float[] nearest = new float[qi.n];
            for (int j = 0; j < k; j++) {
                int ij = i * k + j;
                dist[ij] = centroid[i].distance(centroid[j]);
                dx[ij] = inFrame[j].x - inFrame[i].x;
                dy[ij] = inFrame[j].y - inFrame[i].y;
                dz[ij] = inFrame[j].z - inFrame[i].z;
                if (i == j) {
                    continue;
                }
                KdTree t = trees[j];
                backend.kdNearestDistance(qi.x, qi.y, qi.z, qi.n, t.x, t.y, t.z, t.split, t.bounds, t.n,
                        KdTree.LEAF_SIZE, nearest);
                float min = Float.POSITIVE_INFINITY;
                double sum = 0;
                for (float d : nearest) {
                    min = Math.min(min, d);
                    sum += d;
                }
                gap[ij] = min;
                mean[ij] = (float) (sum / nearest.length);
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                float g = Math.min(gap[i * k + j], gap[j * k + i]);
                gap[i * k + j] = g;
                gap[j * k + i] = g;
            }
        }
        return new PairwiseFacts(k, dist, gap, mean, dx, dy, dz);
    }

    /**
     * The closest-surface gap of two clouds (same frame, meters): the exact minimum
     * point-to-point distance, as {@link PairwiseFacts#gap} but without the other pairwise facts.
     * Two exact strategies, chosen by a bound on their work computed first: for clouds that lie
     * apart along the axis between their centroids (two objects), a sweep along that axis that
     * compares only the pairs in the slab between them ({@link GapBodies#sweepNearestWithin});
     * otherwise a k-d tree of the larger cloud, queried by the smaller one's points, each query
     * bounded by the best distance so far. Both return the minimum of the same float expression
     * over all pairs, so the choice never changes the result. O((n + m) log(n + m)) plus the
     * compared pairs.
     *
     * @param a non-empty cloud, meters
     * @param b non-empty cloud, same frame
     */
    public static float gap(GapBackend backend, PointCloud a, PointCloud b) {
        PointCloud small = a.size() <= b.size() ? a : b;
        PointCloud large = small == a ? b : a;
        Optional<AxisSweep> sweepIfCheap = AxisSweep.whenItPaysOff(small, large);
        if (sweepIfCheap.isPresent()) {
            AxisSweep sweep = sweepIfCheap.get();
            float d2 = backend.sweepMinDistanceSquared(sweep.qx, sweep.qy, sweep.qz, sweep.qk, small.size(),
                    sweep.tx, sweep.ty, sweep.tz, sweep.tk, large.size(), sweep.slack);
            return (float) Math.sqrt(d2);
        }
        KdTree tree = KdTree.build(large.xyz());
        float[] q = small.xyz();
        float d2 = backend.kdMinDistanceSquared(CloudArrays.axis(q, 0), CloudArrays.axis(q, 1), CloudArrays.axis(q, 2),
                small.size(), tree.x, tree.y, tree.z, tree.split, tree.bounds, tree.n, KdTree.LEAF_SIZE);
        return (float) Math.sqrt(d2);
    }
}
