package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.CircleFit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The round-footprint test of {@link FactsExtractor#roundFootprint} (up frame, camera above the origin). */
class RoundFootprintTest {
    private final FactsExtractor extractor = new FactsExtractor(FactsOptions.defaults());

    @Test
    void aRoundThingsFarRimLiesOnItsCircle() {
        // A disc of radius 0.5 m centred 3 m ahead: its near half and its far rim (a top seen from above).
        Optional<CircleFit> round = extractor.roundFootprint(outline(0.5, 3.0, false), 1.0, 0);
        assertTrue(round.isPresent());
        assertEquals(0.5, round.get().radius(), 1e-6);
    }

    @Test
    void farCornersBeyondTheCircleAreNoRoundThing() {
        // The same near side (a footboard's corners and the sides' first stretch fitting an arc), and far corners
        // 1.6 m behind the centre: a bed seen from its foot, not a round thing.
        assertTrue(extractor.roundFootprint(outline(0.5, 3.0, true), 1.0, 0).isEmpty());
    }

    /**
     * Interleaved vertices, counter-clockwise: the near half of a circle of radius {@code r} centred {@code cx}
     * ahead on the x axis (the side facing the origin), then either its far half or two far corners.
     */
    private static double[] outline(double r, double cx, boolean farCorners) {
        int near = 13;
        double[] v = new double[2 * (near + 13)];
        int k = 0;
        for (int i = 0; i < near; i++) {
            double a = Math.PI / 2 + Math.PI * i / (near - 1);
            v[k++] = cx + r * Math.cos(a);
            v[k++] = r * Math.sin(a);
        }
        if (farCorners) {
            v[k++] = cx + 1.6;
            v[k++] = -r;
            v[k++] = cx + 1.6;
            v[k++] = r;
            return java.util.Arrays.copyOf(v, k);
        }
        for (int i = 1; i < 13; i++) {
            double a = 3 * Math.PI / 2 + Math.PI * i / 13;
            v[k++] = cx + r * Math.cos(a);
            v[k++] = r * Math.sin(a);
        }
        return java.util.Arrays.copyOf(v, k);
    }
}
