package io.github.spatialvlm4j.kernels.gap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.GapLayouts;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.Reference;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AxisSweepTest {

    @Test
    void separatedObjectsSweepAFewPairsAndInterleavedOnesDefeatIt() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 2000;
        float[] a = GapLayouts.boxSurface(rng, n, 0, 0, 2, 0.5, 0.6, 0.4);
        float[] b = GapLayouts.boxSurface(rng, n, 1.5, 0.1, 2.2, 0.4, 0.3, 0.7);
        AxisSweep separated = AxisSweep.of(new PointCloud(a), new PointCloud(b));
        assertTrue(separated.paysOff());
        assertTrue(separated.pairBound() < (long) n * n / 20, () -> "separated: " + separated.pairBound());
        float[] c = GapLayouts.boxSurface(rng, n, 0, 0, 2, 0.5, 0.6, 0.4);
        AxisSweep interleaved = AxisSweep.of(new PointCloud(a), new PointCloud(c));
        assertFalse(interleaved.paysOff(), () -> "interleaved: " + interleaved.pairBound());
    }

    @Test
    void largeCloudsAreJudgedOnSamplesFirst() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 3 * AxisSweep.ESTIMATE_ABOVE;
        float[] a = GapLayouts.boxSurface(rng, n, 0, 0, 2, 0.5, 0.6, 0.4);
        float[] far = GapLayouts.boxSurface(rng, n, 3.0, 0.1, 2.2, 0.4, 0.3, 0.7);
        // Whatever the sampled guess says, a sweep that is returned pays off on the whole clouds.
        AxisSweep.whenItPaysOff(new PointCloud(a), new PointCloud(far)).ifPresent(sweep -> assertTrue(sweep.paysOff()));
        float[] near = GapLayouts.boxSurface(rng, n, 0.55, 0.1, 2.2, 0.4, 0.3, 0.7);
        assertFalse(AxisSweep.whenItPaysOff(new PointCloud(a), new PointCloud(near)).isPresent(), "large objects 5 cm apart search the tree");
        float[] same = GapLayouts.boxSurface(rng, n, 0, 0, 2, 0.5, 0.6, 0.4);
        assertFalse(AxisSweep.whenItPaysOff(new PointCloud(a), new PointCloud(same)).isPresent(), "interleaved clouds search the tree");
        try (Kernels kernels = Kernels.jvm(2)) {
            for (float[] b : new float[][] {far, near}) {
                assertEquals(Reference.minDistance(a, b), kernels.gap(new PointCloud(a),
                        new PointCloud(b)));
            }
        }
    }

    @Test
    void queriesComeNearestFirstAndTargetsInSweepOrder() {
        SplittableRandom rng = new SplittableRandom(6);
        float[] a = GapLayouts.boxSurface(rng, 300, 0, 0, 2, 0.5, 0.6, 0.4);
        float[] b = GapLayouts.boxSurface(rng, 200, 0, 1.5, 2, 0.5, 0.6, 0.4);
        AxisSweep s = AxisSweep.of(new PointCloud(a), new PointCloud(b));
        assertEquals(300, s.qk.length);
        assertEquals(200, s.tk.length);
        for (int i = 1; i < s.qk.length; i++) {
            assertTrue(s.qk[i - 1] >= s.qk[i], "queries by descending projection at " + i);
        }
        for (int j = 1; j < s.tk.length; j++) {
            assertTrue(s.tk[j - 1] <= s.tk[j], "targets by ascending projection at " + j);
        }
        // The axis runs from a's centroid to b's: +y here, so the projections are the y coordinates.
        for (int j = 0; j < s.tk.length; j++) {
            assertEquals(s.ty[j], s.tk[j], 0.02f, "projection of target " + j);
        }
        assertTrue(s.slack > 0 && s.slack < 1e-4f, () -> "slack " + s.slack);
    }
}
