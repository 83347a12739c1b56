package io.github.spatialvlm4j.benchmarks.naive;

import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PlaneFit;
import io.github.spatialvlm4j.geometry.Planes;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;

import java.util.Arrays;

/**
 * Naive single-threaded RANSAC plane fit (Fischler and Bolles 1981), as the canonicalize stage uses
 * it (docs/ARCHITECTURE.md, "Stages"): for each hypothesis in turn, the plane through its three
 * sample points, then one loop over all points counting those within {@code threshold}; the most
 * inliers wins (first on ties); then a least-squares refit on the inliers
 * ({@link Planes#fitLeastSquares}) and a final inlier pass. All hypotheses are scored (no early
 * exit). O(iterations * n).
 *
 * <p>It is the peer of {@code Kernels.ransacPlane} with {@code RansacOptions.defaults(seed)}
 * and does the same work in the same float arithmetic: it takes its samples from
 * {@link Kernels#drawSamples} and skips collinear samples by the same rule, so a seed gives the
 * identical plane and inliers. The difference is only the loop order (the kernel scores every
 * hypothesis on cache-sized blocks of points, on all cores).
 */
public final class NaiveRansac {
    /** Collinearity test of a sample: |e1 x e2|^2 must exceed this times |e1|^2 |e2|^2 (as the kernel). */
    private static final float COLLINEAR = 1e-10f;

    private NaiveRansac() {
    }

    /**
     * @param status FOUND, TOO_FEW_POINTS (below 3 points) or DEGENERATE (every sample collinear)
     * @param plane the refit plane when FOUND, else null
     * @param inliers ascending indices of the points within the threshold of {@code plane}; empty unless FOUND
     */
    public record Result(PlaneFit.Status status, Plane plane, int[] inliers) {
    }

    /**
     * @param threshold inlier distance, meters, &gt; 0
     * @param iterations hypotheses to score, &gt; 0
     * @param seed seed of the samples
     */
    public static Result fit(PointCloud cloud, float threshold, int iterations, long seed) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("Invalid threshold: " + threshold + " (meters, must be > 0)");
        }
        if (iterations <= 0) {
            throw new IllegalArgumentException("Invalid iterations: " + iterations + " (must be > 0)");
        }
        int n = cloud.size();
        if (n < 3) {
            return new Result(PlaneFit.Status.TOO_FEW_POINTS, null, new int[0]);
        }
        float[] p = cloud.xyz();
        int[] samples = Kernels.drawSamples(n, iterations, seed);
        float[] best = null; // the scored float plane (nx, ny, nz, d)
        int bestCount = -1;
        for (int h = 0; h < iterations; h++) {
            int a = 3 * samples[3 * h];
            int b = 3 * samples[3 * h + 1];
            int c = 3 * samples[3 * h + 2];
            float ux = p[b] - p[a];
            float uy = p[b + 1] - p[a + 1];
            float uz = p[b + 2] - p[a + 2];
            float vx = p[c] - p[a];
            float vy = p[c + 1] - p[a + 1];
            float vz = p[c + 2] - p[a + 2];
            float nx = uy * vz - uz * vy;
            float ny = uz * vx - ux * vz;
            float nz = ux * vy - uy * vx;
            float len2 = nx * nx + ny * ny + nz * nz;
            if (!(len2 > COLLINEAR * (ux * ux + uy * uy + uz * uz) * (vx * vx + vy * vy + vz * vz)) || !(len2 > 0)) {
                continue;
            }
            float inv = 1f / (float) Math.sqrt(len2);
            nx *= inv;
            ny *= inv;
            nz *= inv;
            float d = -(nx * p[a] + ny * p[a + 1] + nz * p[a + 2]);
            int count = 0;
            for (int i = 0; i < p.length; i += 3) {
                if (Math.abs(nx * p[i] + ny * p[i + 1] + nz * p[i + 2] + d) <= threshold) {
                    count++;
                }
            }
            if (count > bestCount) {
                bestCount = count;
                best = new float[] {nx, ny, nz, d};
            }
        }
        if (best == null) {
            return new Result(PlaneFit.Status.DEGENERATE, null, new int[0]);
        }
        // The inliers of the plane exactly as scored, then of the least-squares refit.
        int[] inliers = inliers(p, best[0], best[1], best[2], best[3], threshold);
        Plane plane = new Plane(best[0], best[1], best[2], best[3]);
        PlaneFit refit = Planes.fitLeastSquares(p, inliers);
        if (refit.isFound()) {
            plane = refit.plane();
            inliers = inliers(p, (float) plane.nx(), (float) plane.ny(), (float) plane.nz(), (float) plane.d(),
                    threshold);
        }
        return new Result(PlaneFit.Status.FOUND, plane, inliers);
    }

    /** Ascending indices of the points within {@code threshold} of the plane, in float arithmetic. */
    private static int[] inliers(float[] p, float nx, float ny, float nz, float d, float threshold) {
        int[] out = new int[p.length / 3];
        int m = 0;
        for (int i = 0; i < p.length; i += 3) {
            if (Math.abs(nx * p[i] + ny * p[i + 1] + nz * p[i + 2] + d) <= threshold) {
                out[m++] = i / 3;
            }
        }
        return Arrays.copyOf(out, m);
    }
}
