package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The local floor under an object, and what is taken away as floor: warped floors, noisy floors, flat objects. */
class FloorSupportTest {
    private static final CleanupOptions CLEAN = CleanupOptions.paperDefaults();
    /** The floor 1.5 m below a level camera (camera frame: y down), normal up. */
    private static final Plane FLOOR = new Plane(0, -1, 0, 1.5);

    /**
     * Floor points in front of the camera (x in [-3, 3], z in [1, 8]), their height above the plane
     * {@code warp(z)} plus Gaussian noise.
     */
    private static PointCloud floor(double slopePerMeter, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 20000;
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double x = -3 + 6 * rng.nextDouble();
            double z = 1 + 7 * rng.nextDouble();
            double height = slopePerMeter * (z - 1) + noise * gaussian(rng);
            xyz[3 * i] = (float) x;
            xyz[3 * i + 1] = (float) (1.5 - height);
            xyz[3 * i + 2] = (float) z;
        }
        return new PointCloud(xyz);
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** A 40 cm cube standing on the floor at height {@code base}, 5 m away, its visible faces sampled. */
    private static PointCloud cube(double base, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            boolean front = rng.nextBoolean();
            double x = -0.2 + 0.4 * rng.nextDouble();
            double h = front ? 0.4 * rng.nextDouble() : 0.4;
            double z = front ? 4.8 : 4.8 + 0.4 * rng.nextDouble();
            xyz[3 * i] = (float) x;
            xyz[3 * i + 1] = (float) (1.5 - base - h);
            xyz[3 * i + 2] = (float) z;
        }
        return new PointCloud(xyz);
    }

    @Test
    void theFloorUnderAnObjectIsWhereTheFloorIsNextToIt() {
        // A warped floor: 2 cm higher per meter away, so 7.6 cm up at the cube, 5 m out.
        FloorSupport support = new FloorSupport(FloorFrame.fromFloorPlane(FLOOR), FLOOR, floor(0.02, 0.003, 1), CLEAN);
        SupportSurface under = support.near(cube(0.076, 2000, 2));
        double level = FLOOR.d() - under.plane().d();
        assertEquals(0.076, level, 0.01, "local floor level");
        // The band covers the noise and the warp across the neighbourhood (2 cm/m over about 1.4 m).
        assertTrue(under.band() >= CLEAN.floorMinBandMeters() && under.band() < 0.045, "band " + under.band());
        assertArrayEquals(new double[] {FLOOR.nx(), FLOOR.ny(), FLOOR.nz()},
                new double[] {under.plane().nx(), under.plane().ny(), under.plane().nz()}, 1e-12);
    }

    @Test
    void theBandGrowsWithTheFloorsNoiseAndFallsBackWithoutFloorNearby() {
        FloorSupport noisy = new FloorSupport(FloorFrame.fromFloorPlane(FLOOR), FLOOR, floor(0, 0.02, 3), CLEAN);
        SupportSurface under = noisy.near(cube(0, 2000, 4));
        assertEquals(0.06, under.band(), 0.012, "3 sigma of 2 cm noise");
        // An object far from every floor point gets the global plane and band.
        FloorSupport far = new FloorSupport(FloorFrame.fromFloorPlane(FLOOR), FLOOR, floor(0, 0.005, 5), CLEAN);
        float[] away = cube(0, 500, 6).xyz().clone();
        for (int i = 2; i < away.length; i += 3) {
            away[i] += 20;
        }
        SupportSurface fallback = far.near(new PointCloud(away));
        assertEquals(FLOOR, fallback.plane());
        assertEquals(far.globalBand(), fallback.band(), 1e-12);
    }

    @Test
    void floorPointsAroundTheBaseAreRemovedAndFlatObjectsKept() {
        SupportSurface surface = new SupportSurface(FLOOR, 0.02);
        // The cube plus a skirt of bled floor pixels around its base.
        PointCloud cube = cube(0, 1000, 7);
        float[] xyz = java.util.Arrays.copyOf(cube.xyz(), cube.xyz().length + 3 * 200);
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = cube.size(); i < cube.size() + 200; i++) {
            xyz[3 * i] = (float) (-0.3 + 0.6 * rng.nextDouble());
            xyz[3 * i + 1] = (float) (1.5 - 0.005 * rng.nextDouble());
            xyz[3 * i + 2] = (float) (4.5 + 0.3 * rng.nextDouble());
        }
        int[] kept = surface.pointsAbove(new PointCloud(xyz), CLEAN.supportMinKeptShare());
        for (int k : kept) {
            assertTrue(k < cube.size(), "a floor point was kept: " + k);
        }
        assertTrue(kept.length > 0.9 * cube.size(), "kept " + kept.length + " of the cube's " + cube.size());
        // A rug (everything within the band) keeps its points.
        float[] rug = new float[3 * 300];
        for (int i = 0; i < 300; i++) {
            rug[3 * i] = (float) rng.nextDouble();
            rug[3 * i + 1] = (float) (1.5 - 0.01 * rng.nextDouble());
            rug[3 * i + 2] = (float) (3 + rng.nextDouble());
        }
        assertEquals(300, surface.pointsAbove(new PointCloud(rug), CLEAN.supportMinKeptShare()).length);
    }
}
