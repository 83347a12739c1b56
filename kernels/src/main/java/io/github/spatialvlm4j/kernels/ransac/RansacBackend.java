package io.github.spatialvlm4j.kernels.ransac;

import io.github.spatialvlm4j.kernels.parallel.ParallelLoops;

/**
 * Launches of the RANSAC bodies ({@link RansacBodies}). The default methods are the JVM launches;
 * a device backend overrides them. Arguments are trusted (checked by the facade).
 */
public interface RansacBackend extends ParallelLoops {

    /** {@link RansacBodies#ransacHypothesis} for every hypothesis {@code h < hypotheses}. */
    default void ransacHypotheses(float[] xyz, int[] samples, int hypotheses, int hasPrior, float ax, float ay,
            float az, float priorCos, float[] planes, int[] status) {
        parallelFor(hypotheses, 256, (from, to) -> {
            for (int h = from; h < to; h++) {
                RansacBodies.ransacHypothesis(h, xyz, samples, hasPrior, ax, ay, az, priorCos, planes, status);
            }
        });
    }

    /**
     * {@link RansacBodies#ransacCountBlock} for every hypothesis in {@code [hypothesisFrom, hypothesisTo)}
     * and every block in {@code [blockFrom, blockTo)} of the {@code ceil(n / blockSize)} blocks of
     * {@code blockSize} points; other slots of {@code partial} are left as they are;
     * {@code bounds} has the blocks' boxes (6 floats each), {@code scratch} n floats. The box test
     * only saves work: a backend that reads every point gives the same counts.
     */
    default void ransacCount(int hypothesisFrom, int hypothesisTo, int blockFrom, int blockTo, int blockSize, int n,
            float[] x, float[] y, float[] z, float[] bounds, float[] planes, int[] status, float threshold,
            int hypotheses, float[] scratch, int[] partial) {
        // Blocks outside, hypotheses inside: a block of points stays in cache for all hypotheses.
        parallelFor(blockTo - blockFrom, 1, (from, to) -> {
            for (int b = blockFrom + from; b < blockFrom + to; b++) {
                for (int h = hypothesisFrom; h < hypothesisTo; h++) {
                    RansacBodies.ransacCountBlock(h, b, blockSize, n, x, y, z, bounds, planes, status, threshold,
                            hypotheses, scratch, partial);
                }
            }
        });
    }

    /** {@link RansacBodies#planeInlierFlag} for every point {@code i < n}. */
    default void planeInlierFlags(float[] xyz, int n, float nx, float ny, float nz, float d, float threshold,
            int[] flags) {
        parallelFor(n, 16384, (from, to) -> {
            for (int i = from; i < to; i++) {
                RansacBodies.planeInlierFlag(i, xyz, nx, ny, nz, d, threshold, flags);
            }
        });
    }
}
