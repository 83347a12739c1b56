package io.github.spatialvlm4j.datagen.source.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SolidGapsTest {
    /** Analytic cases: double rounding only. */
    private static final double EXACT = 1e-12;
    /** Grid step of the sampling reference, meters. */
    private static final double SAMPLE_STEP = 0.005;
    /** The reference overestimates the gap by at most half a grid diagonal, about 3.5 mm. */
    private static final double SAMPLING_TOLERANCE = 0.005;

    private static final Solid.Box UNIT_BOX = new Solid.Box(0, 0, 0.5, 1, 1, 1, 0);

    @Test
    void twoSpheres() {
        Solid a = new Solid.Sphere(0, 0, 1, 0.5);
        Solid b = new Solid.Sphere(1, 2, 3, 0.25);
        assertEquals(3 - 0.75, SolidGaps.gap(a, b), EXACT);
    }

    @Test
    void boxesAlongAnAxis() {
        assertEquals(1.5, SolidGaps.gap(UNIT_BOX, new Solid.Box(2.5, 0, 0.5, 1, 1, 1, 0)), EXACT);
        assertEquals(1.5, SolidGaps.gap(UNIT_BOX, new Solid.Box(0, -2.5, 0.5, 1, 1, 1, Math.PI / 2)), EXACT);
    }

    @Test
    void boxCornerTowardsFace() {
        Solid turned = new Solid.Box(2, 0, 0.5, 1, 1, 1, Math.PI / 4);
        assertEquals(2 - Math.sqrt(0.5) - 0.5, SolidGaps.gap(UNIT_BOX, turned), EXACT);
    }

    @Test
    void boxesAboveEachOther() {
        Solid above = new Solid.Box(0.2, 0.1, 2.0, 0.5, 0.5, 1, 0.7);
        assertEquals(0.5, SolidGaps.gap(UNIT_BOX, above), EXACT);
    }

    @Test
    void stackedAndOverlappingSolidsTouch() {
        Solid stacked = new Solid.Box(0.1, 0, 1.25, 0.5, 0.5, 0.5, 0.3);
        assertEquals(0, SolidGaps.gap(UNIT_BOX, stacked));
        assertEquals(0, SolidGaps.gap(UNIT_BOX, new Solid.Sphere(0.2, 0.1, 1.3, 0.3)));
        assertEquals(0, SolidGaps.gap(UNIT_BOX, new Solid.Cylinder(0.3, 0.3, 1.5, 0.2, 1)));
        assertEquals(0, SolidGaps.gap(UNIT_BOX, new Solid.Box(0.9, 0.9, 0.5, 1, 1, 1, 0.25)));
    }

    @Test
    void verticalCylinders() {
        Solid a = new Solid.Cylinder(0, 0, 0.5, 0.2, 1);
        Solid b = new Solid.Cylinder(1, 0, 1.75, 0.2, 0.5);
        assertEquals(Math.hypot(0.6, 0.5), SolidGaps.gap(a, b), EXACT);
    }

    @Test
    void sphereAgainstBoxFaceAndCorner() {
        assertEquals(1.2, SolidGaps.gap(UNIT_BOX, new Solid.Sphere(2, 0, 0.5, 0.3)), EXACT);
        assertEquals(1.3, SolidGaps.gap(new Solid.Sphere(1.5, 1.5, 1.5, 0.2), UNIT_BOX), EXACT);
    }

    @Test
    void cylinderAgainstBox() {
        assertEquals(1.25, SolidGaps.gap(new Solid.Cylinder(2, 0, 0.5, 0.25, 1), UNIT_BOX), EXACT);
        assertEquals(Math.hypot(1.25, 0.5), SolidGaps.gap(UNIT_BOX, new Solid.Cylinder(2, 0, 2, 0.25, 1)), EXACT);
    }

    @Test
    void randomPairsAgreeWithDenseSurfaceSampling() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 12; trial++) {
            Solid a = randomSolid(rng);
            Solid b = randomSolid(rng);
            double gap = SolidGaps.gap(a, b);
            double reference = Math.min(sampledGap(a, b), sampledGap(b, a));
            assertEquals(gap, SolidGaps.gap(b, a), EXACT, "symmetry");
            assertTrue(gap <= reference + EXACT, "trial " + trial + ": gap " + gap + " above sampled " + reference);
            assertEquals(reference, gap, SAMPLING_TOLERANCE, "trial " + trial + ": " + a + " / " + b);
        }
    }

    /** Least distance from the grid points on the surface of {@code a} to the solid {@code b}. */
    private static double sampledGap(Solid a, Solid b) {
        double[] best = {Double.POSITIVE_INFINITY};
        SurfaceSampler.visit(a, SAMPLE_STEP, (x, y, z) -> best[0] = Math.min(best[0], b.distanceTo(x, y, z)));
        return best[0];
    }

    private static Solid randomSolid(SplittableRandom rng) {
        double x = rng.nextDouble(-1, 1);
        double y = rng.nextDouble(-1, 1);
        double base = rng.nextBoolean() ? 0 : rng.nextDouble(0, 1);
        return switch (rng.nextInt(3)) {
            case 0 -> {
                double sz = rng.nextDouble(0.1, 0.5);
                yield new Solid.Box(x, y, base + 0.5 * sz, rng.nextDouble(0.1, 0.5), rng.nextDouble(0.1, 0.5), sz,
                        rng.nextDouble(0, Math.PI));
            }
            case 1 -> {
                double len = rng.nextDouble(0.1, 0.5);
                yield new Solid.Cylinder(x, y, base + 0.5 * len, rng.nextDouble(0.05, 0.25), len);
            }
            default -> {
                double r = rng.nextDouble(0.05, 0.25);
                yield new Solid.Sphere(x, y, base + r, r);
            }
        };
    }
}
