package io.github.spatialvlm4j.benchmarks.naive;

import io.github.spatialvlm4j.geometry.PointCloud;

/** Test access to the grid of the naive references. */
public final class NaiveDbscanTestSupport {
    private NaiveDbscanTestSupport() {
    }

    /** Mean number of other points within {@code eps} of a point. */
    public static double meanNeighbourCount(PointCloud cloud, float eps) {
        HashGrid grid = new HashGrid(cloud.xyz(), eps);
        float[] p = cloud.xyz();
        long total = 0;
        for (int i = 0; i < cloud.size(); i++) {
            int cx = grid.coord(p[3 * i]);
            int cy = grid.coord(p[3 * i + 1]);
            int cz = grid.coord(p[3 * i + 2]);
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dz = -1; dz <= 1; dz++) {
                        for (int j : grid.cell(cx + dx, cy + dy, cz + dz)) {
                            float ex = p[3 * j] - p[3 * i];
                            float ey = p[3 * j + 1] - p[3 * i + 1];
                            float ez = p[3 * j + 2] - p[3 * i + 2];
                            if (j != i && ex * ex + ey * ey + ez * ez <= eps * eps) {
                                total++;
                            }
                        }
                    }
                }
            }
        }
        return (double) total / cloud.size();
    }
}
