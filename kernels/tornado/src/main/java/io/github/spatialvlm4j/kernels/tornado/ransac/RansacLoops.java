package io.github.spatialvlm4j.kernels.tornado.ransac;

import io.github.spatialvlm4j.kernels.ransac.RansacBodies;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The {@code @Parallel} loops TornadoVM compiles for RANSAC: hypotheses, (point block x hypothesis)
 * counts reduced on the host, inlier flags. Each calls the family's bodies per work item (TornadoVM
 * inlines them), so the device computes exactly what the JVM backend computes; scalars that change
 * from call to call travel in small parameter arrays (see the package documentation of {@code
 * io.github.spatialvlm4j.kernels.tornado}). Every method also runs as plain sequential Java, giving
 * the same result. Launched by {@link TornadoRansac}.
 */
public final class RansacLoops {
    private RansacLoops() {
    }

    /** Per hypothesis: plane through its three samples; ip = {hasPrior}, fp = {ax, ay, az, priorCos}. */
    public static void ransacHypotheses(float[] xyz, int[] samples, int hypotheses, int[] ip, float[] fp,
            float[] planes, int[] status) {
        for (@Parallel int h = 0; h < hypotheses; h++) {
            RansacBodies.ransacHypothesis(h, xyz, samples, ip[0], fp[0], fp[1], fp[2], fp[3], planes, status);
        }
    }

    /**
     * Per (point block, hypothesis): inlier count of the block, written to
     * {@code partial[block * hypotheses + h]} for hypotheses in [ip[0], ip[1]) and blocks in
     * [ip[2], ip[3]) (others untouched); fp = {threshold} (meters). The host sums the blocks (the
     * reduction).
     */
    public static void ransacCount(int blocks, int blockSize, int n, float[] x, float[] y, float[] z,
            float[] planes, int[] status, int hypotheses, float[] fp, int[] ip, int[] partial) {
        for (@Parallel int b = 0; b < blocks; b++) {
            for (@Parallel int h = 0; h < hypotheses; h++) {
                if (h >= ip[0] && h < ip[1] && b >= ip[2] && b < ip[3]) {
                    partial[b * hypotheses + h] = ransacBlockInliers(h, b, blockSize, n, x, y, z, planes, status,
                            fp[0]);
                }
            }
        }
    }

    /**
     * {@link RansacBodies#ransacCountBlock}'s count without its per-point scratch array, which a
     * block shared by many hypotheses in flight would race on: the sum of
     * {@link RansacBodies#planeInlier} over the block. Same count: for floats t &gt; 0 and r,
     * {@code t - |r|} has a clear sign bit exactly when {@code |r| <= t} (the difference of two
     * distinct floats is never zero), given finite residuals, which finite coordinates of a
     * validated cloud give.
     */
    public static int ransacBlockInliers(int h, int block, int blockSize, int n, float[] x, float[] y, float[] z,
            float[] planes, int[] status, float threshold) {
        int count = 0;
        if (status[h] == 0) {
            int start = block * blockSize;
            int end = Math.min(n, start + blockSize);
            for (int i = start; i < end; i++) {
                count += RansacBodies.planeInlier(x[i], y[i], z[i], planes[4 * h], planes[4 * h + 1],
                        planes[4 * h + 2], planes[4 * h + 3], threshold);
            }
        }
        return count;
    }

    /** Per point: 1 when within fp[4] meters of the plane fp[0..3] = (nx, ny, nz, d). */
    public static void planeInlierFlags(float[] xyz, int n, float[] fp, int[] flags) {
        for (@Parallel int i = 0; i < n; i++) {
            RansacBodies.planeInlierFlag(i, xyz, fp[0], fp[1], fp[2], fp[3], fp[4], flags);
        }
    }
}
