package io.github.spatialvlm4j.kernels.tornado.bench;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.ransac.RansacOptions;
import java.util.SplittableRandom;

/** The benchmarked workloads, seeded, shared by the JMH benchmark, the first-run timer and the tests. */
public final class Workloads {
    /** DBSCAN radius (meters) and minimum neighbours. */
    static final float EPS = 0.05f;
    static final int MIN_POINTS = 6;
    /** RANSAC hypotheses scored (no early exit, so both backends do the same work). */
    static final RansacOptions RANSAC = RansacOptions.defaults(17).withIterations(256).withEarlyExitProbability(0);
    /** Statistical outlier removal: neighbours and standard-deviation ratio. */
    static final int SOR_K = 8;
    static final float SOR_STD = 1.5f;

    private Workloads() {
    }

    /** A floor (half the points, 2 mm noise), two boxes and uniform clutter: n points, meters. */
    public static PointCloud scene(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(10);
            double x;
            double y;
            double z;
            if (kind < 5) {
                x = 4 * rng.nextDouble() - 2;
                y = 1.5 + 0.002 * rng.nextGaussian();
                z = 1 + 4 * rng.nextDouble();
            } else if (kind < 9) {
                x = (kind < 7 ? -1 : 0.8) + 0.3 * rng.nextDouble();
                y = 1.1 + 0.4 * rng.nextDouble();
                z = (kind < 7 ? 2 : 3) + 0.3 * rng.nextDouble();
            } else {
                x = 6 * rng.nextDouble() - 3;
                y = 3 * rng.nextDouble();
                z = 6 * rng.nextDouble();
            }
            xyz[3 * i] = (float) x;
            xyz[3 * i + 1] = (float) y;
            xyz[3 * i + 2] = (float) z;
        }
        return new PointCloud(xyz);
    }

    /** A width x height depth map (meters, 1/8 of the pixels invalid) and its intrinsics. */
    static DepthMap depth(int width, int height, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] m = new float[width * height];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextInt(8) == 0 ? 0f : (float) (0.3 + 8 * rng.nextDouble());
        }
        return new DepthMap(width, height, m);
    }

    static CameraIntrinsics intrinsics(int width, int height) {
        return new CameraIntrinsics(0.8 * width, 0.8 * width, width / 2.0, height / 2.0, width, height);
    }

    /** Runs one named workload once; returns a value so nothing is optimised away. */
    static long run(Kernels kernels, String workload, PointCloud cloud, DepthMap depth, CameraIntrinsics k) {
        return switch (workload) {
            case "dbscan" -> kernels.dbscan(cloud, EPS, MIN_POINTS).clusterCount();
            case "ransac" -> kernels.ransacPlane(cloud, RANSAC).inliers().length;
            case "sor" -> kernels.statisticalOutlierInliers(cloud, SOR_K, SOR_STD).length;
            case "backproject" -> kernels.backProject(depth, k, null, 0.1f, 10f).cloud().size();
            default -> throw new IllegalArgumentException("Unknown workload: " + workload
                    + " (dbscan, ransac, sor, backproject)");
        };
    }
}
