package io.github.spatialvlm4j.benchmarks.naive;

import io.github.spatialvlm4j.geometry.PointCloud;

/** Test access to the grid of the naive references. */
public final class NaiveDbscanTestSupport {
    private NaiveDbscanTestSupport() {
    }

    /** Mean number of other points within {@code eps} of a point. */
    public static double meanNeighbourCount(PointCloud cloud, float eps) {
        HashGrid grid = new HashGrid(cloud.xyz(), eps);
        int[] scratch = new int[cloud.size()];
        long total = 0;
        for (int i = 0; i < cloud.size(); i++) {
            total += grid.within(i, eps * eps, scratch) - 1;
        }
        return (double) total / cloud.size();
    }
}
