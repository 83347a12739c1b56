package io.github.spatialvlm4j.kernels.tornado.ransac;

import static io.github.spatialvlm4j.kernels.tornado.device.Launches.idx;

import io.github.spatialvlm4j.kernels.ransac.RansacBackend;
import io.github.spatialvlm4j.kernels.tornado.device.DeviceLaunches;

/**
 * The device launches of RANSAC: hypotheses, (point block x hypothesis) counts reduced on the host,
 * inlier flags: each overrides the JVM launch of {@link RansacBackend} with one task graph of
 * {@link RansacLoops} per kernel and shape, run through {@link DeviceLaunches#launch} (plans cached
 * and reused by the backend). Arguments are trusted (checked by the facade).
 */
public interface TornadoRansac extends RansacBackend, DeviceLaunches {

    @Override
    default void ransacHypotheses(float[] xyz, int[] samples, int hypotheses, int hasPrior, float ax, float ay,
            float az, float priorCos, float[] planes, int[] status) {
        if (hypotheses == 0) {
            return;
        }
        Object[] args = {xyz, samples, new int[] {hasPrior}, new float[] {ax, ay, az, priorCos}, planes, status};
        launch("ransacHypotheses", "h" + hypotheses, args, idx(4, 5), idx(), (g, b) -> g.task("t",
                RansacLoops::ransacHypotheses, (float[]) b[0], (int[]) b[1], hypotheses, (int[]) b[2],
                (float[]) b[3], (float[]) b[4], (int[]) b[5]));
    }

    @Override
    default void ransacCount(int hypothesisFrom, int hypothesisTo, int blockFrom, int blockTo, int blockSize, int n,
            float[] x, float[] y, float[] z, float[] bounds, float[] planes, int[] status, float threshold,
            int hypotheses, float[] scratch, int[] partial) {
        // Every point of the range is read (uniform work items): the box test is a shortcut of the
        // JVM backend that gives the same counts.
        if (hypothesisFrom >= hypothesisTo || blockFrom >= blockTo || n == 0) {
            return;
        }
        int blocks = (n + blockSize - 1) / blockSize;
        Object[] args = {x, y, z, planes, status, new float[] {threshold},
            new int[] {hypothesisFrom, hypothesisTo, blockFrom, blockTo}, partial};
        launch("ransacCount", "b" + blockSize + "n" + n + "h" + hypotheses, args, idx(7), idx(), (g, b) -> g.task(
                "t", RansacLoops::ransacCount, blocks, blockSize, n, (float[]) b[0], (float[]) b[1],
                (float[]) b[2], (float[]) b[3], (int[]) b[4], hypotheses, (float[]) b[5], (int[]) b[6],
                (int[]) b[7]));
    }

    @Override
    default void planeInlierFlags(float[] xyz, int n, float nx, float ny, float nz, float d, float threshold,
            int[] flags) {
        if (n == 0) {
            return;
        }
        launch("planeInlierFlags", "n" + n, new Object[] {xyz, new float[] {nx, ny, nz, d, threshold}, flags},
                idx(2), idx(), (g, b) -> g.task("t", RansacLoops::planeInlierFlags, (float[]) b[0], n,
                        (float[]) b[1], (int[]) b[2]));
    }
}
