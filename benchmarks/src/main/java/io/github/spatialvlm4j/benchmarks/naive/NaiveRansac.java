package io.github.spatialvlm4j.benchmarks.naive;

import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;

import java.util.SplittableRandom;

/**
 * Naive single-threaded RANSAC plane fit (Fischler and Bolles 1981), SPEC stage 5: every
 * hypothesis is the plane through three distinct random points; its score is the number of
 * points within {@code threshold} of it; the best-scoring plane wins (first one on ties).
 * All {@code iterations} hypotheses are scored (no early exit). O(iterations * n).
 * The peer of {@code Kernels.ransacPlane}.
 */
public final class NaiveRansac {
    private NaiveRansac() {
    }

    /**
     * The best plane and its inlier count; {@code plane} is null only when every hypothesis
     * was degenerate (collinear samples) or the cloud has fewer than 3 points, and then
     * {@code inliers} is 0.
     */
    public record Result(Plane plane, int inliers) {
        public boolean found() {
            return plane != null;
        }
    }

    /**
     * @param threshold inlier distance, meters, &gt; 0
     * @param iterations hypotheses to score, &gt; 0
     * @param seed seed of the sampling
     */
    public static Result fit(PointCloud cloud, double threshold, int iterations, long seed) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("Invalid threshold: " + threshold + " (meters, must be > 0)");
        }
        if (iterations <= 0) {
            throw new IllegalArgumentException("Invalid iterations: " + iterations + " (must be > 0)");
        }
        int n = cloud.size();
        if (n < 3) {
            return new Result(null, 0);
        }
        float[] p = cloud.xyz();
        SplittableRandom rng = new SplittableRandom(seed);
        Plane best = null;
        int bestCount = 0;
        for (int it = 0; it < iterations; it++) {
            int a = rng.nextInt(n);
            int b = rng.nextInt(n);
            int c = rng.nextInt(n);
            if (a == b || b == c || a == c) {
                continue;
            }
            double ux = p[3 * b] - p[3 * a];
            double uy = p[3 * b + 1] - p[3 * a + 1];
            double uz = p[3 * b + 2] - p[3 * a + 2];
            double vx = p[3 * c] - p[3 * a];
            double vy = p[3 * c + 1] - p[3 * a + 1];
            double vz = p[3 * c + 2] - p[3 * a + 2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (!(len > 1e-12)) {
                continue;
            }
            nx /= len;
            ny /= len;
            nz /= len;
            double d = -(nx * p[3 * a] + ny * p[3 * a + 1] + nz * p[3 * a + 2]);
            int count = 0;
            for (int i = 0; i < p.length; i += 3) {
                if (Math.abs(nx * p[i] + ny * p[i + 1] + nz * p[i + 2] + d) <= threshold) {
                    count++;
                }
            }
            if (count > bestCount) {
                bestCount = count;
                best = new Plane(nx, ny, nz, d);
            }
        }
        return new Result(best, bestCount);
    }
}
