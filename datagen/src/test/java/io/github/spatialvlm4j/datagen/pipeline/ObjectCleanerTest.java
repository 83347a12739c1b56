package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ObjectCleanerTest {
    /** Kept points may stick out of the true box by float rounding only, meters. */
    private static final double BOX_TOLERANCE_M = 1e-5;
    /**
     * Share of the box's own points that cleaning may drop. Statistical outlier removal (ratio 1.2)
     * drops about a tenth of an evenly sampled surface; the cleaner gives back every point of a voxel
     * that kept one, so with several points per voxel (the densities used here) little is lost. At one
     * or two points per voxel (1500 points on this box) the loss reaches about 8%.
     */
    private static final double MAX_BOX_LOSS = 0.05;

    /** The box, camera frame: centre and half sides, meters. */
    private static final double CX = 0.2;
    private static final double CY = 0.4;
    private static final double CZ = 3.0;
    private static final double[] HALF = {0.3, 0.2, 0.25};

    private static Kernels kernels;

    @BeforeAll
    static void open() {
        kernels = Kernels.jvm(2);
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

    /** {@code n} points uniformly on the surface of the box (face chosen by area). */
    private static float[] boxSurface(int n, Random rnd) {
        double[] areas = {HALF[1] * HALF[2], HALF[0] * HALF[2], HALF[0] * HALF[1]};
        double total = areas[0] + areas[1] + areas[2];
        float[] xyz = new float[3 * n];
        double[] c = {CX, CY, CZ};
        for (int i = 0; i < n; i++) {
            double r = rnd.nextDouble() * total;
            int axis = r < areas[0] ? 0 : r < areas[0] + areas[1] ? 1 : 2;
            for (int a = 0; a < 3; a++) {
                double t = a == axis ? (rnd.nextBoolean() ? 1 : -1) : 2 * rnd.nextDouble() - 1;
                xyz[3 * i + a] = (float) (c[a] + t * HALF[a]);
            }
        }
        return xyz;
    }

    private static boolean inBox(float x, float y, float z) {
        return Math.abs(x - CX) <= HALF[0] + BOX_TOLERANCE_M && Math.abs(y - CY) <= HALF[1] + BOX_TOLERANCE_M
                && Math.abs(z - CZ) <= HALF[2] + BOX_TOLERANCE_M;
    }

    @Test
    void removesFarOutliersAndASeparateClusterAndKeepsTheBox() {
        Random rnd = new Random(31);
        int boxPoints = 2000;
        int outliers = boxPoints / 20;
        int cluster = 30;
        float[] box = boxSurface(boxPoints, rnd);
        float[] xyz = Arrays.copyOf(box, 3 * (boxPoints + outliers + cluster));
        // Flying pixels: 1-2.5 m from the box centre, in any direction.
        for (int i = boxPoints; i < boxPoints + outliers; i++) {
            double ux = rnd.nextGaussian();
            double uy = rnd.nextGaussian();
            double uz = rnd.nextGaussian();
            double norm = Math.sqrt(ux * ux + uy * uy + uz * uz);
            double r = 1.0 + 1.5 * rnd.nextDouble();
            xyz[3 * i] = (float) (CX + r * ux / norm);
            xyz[3 * i + 1] = (float) (CY + r * uy / norm);
            xyz[3 * i + 2] = (float) (CZ + r * uz / norm);
        }
        // A small separate thing 1.5 m to the right: a 4 cm blob.
        for (int i = boxPoints + outliers; i < boxPoints + outliers + cluster; i++) {
            xyz[3 * i] = (float) (CX + 1.5 + 0.02 * rnd.nextGaussian());
            xyz[3 * i + 1] = (float) (CY + 0.02 * rnd.nextGaussian());
            xyz[3 * i + 2] = (float) (CZ + 0.02 * rnd.nextGaussian());
        }
        ObjectCleaner cleaner = new ObjectCleaner(kernels, CleanupOptions.paperDefaults());
        ObjectCleaner.Result r = cleaner.clean(new PointCloud(xyz));
        assertEquals(ObjectCleaner.Status.KEPT, r.status());
        assertTrue(r.kept());
        PointCloud kept = r.cloud();
        for (int i = 0; i < kept.size(); i++) {
            int k = i;
            assertTrue(inBox(kept.x(i), kept.y(i), kept.z(i)),
                    () -> "kept point outside the box: " + kept.x(k) + ", " + kept.y(k) + ", " + kept.z(k));
        }
        assertTrue(kept.size() >= (1 - MAX_BOX_LOSS) * boxPoints, "kept " + kept.size() + " of " + boxPoints);
        assertTrue(kept.size() <= boxPoints);
        assertTrue(r.scale() > 0 && r.voxelSize() >= CleanupOptions.paperDefaults().minVoxelSize());
    }

    @Test
    void cleanBoxIsKeptWhole() {
        float[] box = boxSurface(4000, new Random(32));
        ObjectCleaner.Result r = new ObjectCleaner(kernels, CleanupOptions.paperDefaults()).clean(new PointCloud(box));
        assertEquals(ObjectCleaner.Status.KEPT, r.status());
        assertTrue(r.cloud().size() >= (1 - MAX_BOX_LOSS) * 4000, "kept " + r.cloud().size());
        // The scale is |robust std| * 3 + 1e-6, the robust std being 1.4826 x the median absolute deviation.
        assertEquals(robustReference(box) * 3 + 1e-6, r.scale(), 1e-9);
    }

    @Test
    void outliersDoNotInflateTheScaleAndAreRemoved() {
        Random rng = new Random(33);
        float[] box = boxSurface(4000, rng);
        float[] noisy = java.util.Arrays.copyOf(box, box.length + 3 * 80);
        // 2% wild points, as a sensor's multipath returns give: half far behind the box, half beside it at its
        // depth, all at least 1 m from it.
        for (int i = box.length; i < noisy.length; i += 3) {
            boolean behind = (i / 3) % 2 == 0;
            noisy[i] = (float) (behind ? rng.nextDouble() * 6 - 3 : 1.5 + rng.nextDouble() * 1.5);
            noisy[i + 1] = (float) (rng.nextDouble() * 6 - 3);
            noisy[i + 2] = (float) (behind ? 4.5 + rng.nextDouble() * 3 : CZ - 0.25 + 0.5 * rng.nextDouble());
        }
        ObjectCleaner cleaner = new ObjectCleaner(kernels, CleanupOptions.paperDefaults());
        ObjectCleaner.Result clean = cleaner.clean(new PointCloud(box));
        ObjectCleaner.Result dirty = cleaner.clean(new PointCloud(noisy));
        assertEquals(clean.scale(), dirty.scale(), 0.05 * clean.scale(), "robust scale moved");
        PointCloud kept = dirty.cloud();
        for (int i = 0; i < kept.size(); i++) {
            assertTrue(inBox(kept.x(i), kept.y(i), kept.z(i)), "an outlier survived at point " + i);
        }
        for (int k : dirty.keptIndices()) {
            assertTrue(k < box.length / 3, "kept index " + k + " is an outlier");
        }
    }

    @Test
    void theMainDepthRunDropsWhatLiesBehindAGap() {
        // An object 1.00-1.30 m deep and a patch of wall at 2.0-2.1 m (a mask bled onto the background).
        int n = 1000;
        float[] xyz = new float[3 * (n + 100)];
        Random rng = new Random(34);
        for (int i = 0; i < n + 100; i++) {
            xyz[3 * i] = (float) rng.nextDouble();
            xyz[3 * i + 1] = (float) rng.nextDouble();
            xyz[3 * i + 2] = (float) (i < n ? 1.0 + 0.3 * rng.nextDouble() : 2.0 + 0.1 * rng.nextDouble());
        }
        int[] run = ObjectCleaner.mainDepthRun(new PointCloud(xyz), List.of(), CleanupOptions.paperDefaults(), kernels);
        assertEquals(n, run.length);
        for (int k = 0; k < n; k++) {
            assertEquals(k, run[k]);
        }
        // One continuous run is kept whole.
        assertEquals(n, ObjectCleaner.mainDepthRun(new PointCloud(java.util.Arrays.copyOf(xyz, 3 * n)), List.of(),
                CleanupOptions.paperDefaults(), kernels).length);
    }

    @Test
    void anObjectSeenAlongItsLengthIsOneRun() {
        // A bed seen from its foot: the footboard 1.7-2.6 m (60 points per 1 cm bin), the mattress 2.6-3.5 m
        // seen at a grazing angle (15 per bin: fewer than 0.2% of the 9,750 points), the headboard 3.5-4.0 m
        // (60 per bin). Nothing lies between them along the rays: one object, kept whole.
        float[] xyz = new float[3 * 9750];
        int k = 0;
        k = evenlyInDepth(xyz, k, 5400, 1.7, 2.6);
        k = evenlyInDepth(xyz, k, 1350, 2.6, 3.5);
        k = evenlyInDepth(xyz, k, 3000, 3.5, 4.0);
        assertEquals(9750, k);
        PointCloud bed = new PointCloud(xyz);
        assertEquals(9750, ObjectCleaner.mainDepthRun(bed, List.of(), CleanupOptions.paperDefaults(), kernels).length);
        // Judged against the object's share alone, and without the surface test of sharp depth, the mattress is a
        // gap and the bed ends at the footboard.
        int[] cut = ObjectCleaner.mainDepthRun(bed, List.of(),
                CleanupOptions.paperDefaults().withDepthEmptyTypicalShare(1), null);
        assertEquals(5400, cut.length);
    }

    @Test
    void aThinSurfaceBehindADenseFaceIsNoGapOnSharpDepth() {
        // A bed from its foot, as a Kinect v2 saw one (camera frame, y down): a dense footboard face on (30,000
        // points over 2.0-2.2 m, 1,500 per 1 cm bin, its top edge at y = 0), the mattress top level with it at a
        // grazing angle (rows 1 cm apart over 2.2-3.6 m, 30 points each, 5 cm apart: under both emptiness
        // thresholds, 93 and 48 points), the headboard rising from it (8,000 points over 3.6-3.7 m).
        List<float[]> pts = new java.util.ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            pts.add(new float[] {-0.7f + 1.4f * (i % 300) / 300f, 0.5f * (i / 300 % 100) / 100f,
                (float) (2.0 + 0.2 * (spread(i, 30_000) + 0.5) / 30_000)});
        }
        for (int row = 0; row < 140; row++) {
            for (int c = 0; c < 30; c++) {
                pts.add(new float[] {-0.7f + 1.4f * c / 30f, 0f, (float) (2.205 + 0.01 * row)});
            }
        }
        for (int i = 0; i < 8_000; i++) {
            pts.add(new float[] {-0.7f + 1.4f * (i % 80) / 80f, -0.6f * (i / 80) / 100f,
                (float) (3.6 + 0.1 * (spread(i, 8_000) + 0.5) / 8_000)});
        }
        PointCloud bed = cloudOf(pts);
        assertEquals(bed.size(),
                ObjectCleaner.mainDepthRun(bed, List.of(), CleanupOptions.paperDefaults(), kernels).length);
        // On smeared depth a ramp joins anything, so thin is empty: the footboard alone.
        assertEquals(30_000, ObjectCleaner.mainDepthRun(bed, List.of(), CleanupOptions.paperDefaults(), null).length);
    }

    @Test
    void sparsePointsAcrossAGapDoNotBridgeIt() {
        // The object at 1.0-1.3 m, a patch of wall at 2.0-2.1 m, and 40 stray depths (outliers, flying pixels)
        // between them: the patch still goes.
        Random rng = new Random(35);
        List<float[]> pts = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pts.add(randomAt(rng, 1.0, 0.3));
        }
        for (int i = 0; i < 40; i++) {
            pts.add(randomAt(rng, 1.3, 0.7));
        }
        for (int i = 0; i < 100; i++) {
            pts.add(randomAt(rng, 2.0, 0.1));
        }
        int[] run = ObjectCleaner.mainDepthRun(cloudOf(pts), List.of(), CleanupOptions.paperDefaults(), kernels);
        assertTrue(run.length >= 1000 && run.length < 1040, "kept " + run.length);
        for (int k = 0; k < 1000; k++) {
            assertEquals(k, run[k]);
        }
    }

    @Test
    void aStripOfFloorDoesNotBridgeAGap() {
        // Camera frame (y down): the floor at y = 1 m. An object standing on it at 1.0-1.3 m, the strip of floor a
        // mask bled onto behind it (2 points across, 1 cm apart in depth, 1.3-2.0 m), and a patch of wall behind
        // at 2.0-2.1 m whose foot the strip reaches.
        List<float[]> pts = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // Its faces, and its edge along the floor at x = 0.3 m, 3 cm above it.
            float x = i < 200 ? 0.3f : 0.3f * (i % 20) / 20f;
            float y = i < 200 ? 0.97f : 0.6f + 0.37f * (i / 20) / 100f;
            pts.add(new float[] {x, y, (float) (1.0 + 0.3 * (spread(i, 2000) + 0.5) / 2000)});
        }
        for (int row = 0; row < 70; row++) {
            for (int c = 0; c < 2; c++) {
                pts.add(new float[] {0.3f + 0.005f * c, 1.0f, (float) (1.305 + 0.01 * row)});
            }
        }
        for (int i = 0; i < 400; i++) {
            pts.add(new float[] {0.3f + 0.2f * (i % 20) / 20f, 0.6f + 0.37f * (i / 20) / 19f,
                (float) (2.0 + 0.1 * (spread(i, 400) + 0.5) / 400)});
        }
        PointCloud cloud = cloudOf(pts);
        SupportSurface floor = new SupportSurface(
                io.github.spatialvlm4j.geometry.Plane.fromPointAndNormal(0, 1, 0, 0, -1, 0), 0.02);
        int[] run = ObjectCleaner.mainDepthRun(cloud, List.of(floor), CleanupOptions.paperDefaults(), kernels);
        assertTrue(run.length < 2000 + 140, "the patch behind the strip was kept: " + run.length);
        // Without the floor known, the strip joins them.
        assertEquals(cloud.size(),
                ObjectCleaner.mainDepthRun(cloud, List.of(), CleanupOptions.paperDefaults(), kernels).length);
    }

    /** A point at a uniform place in the unit square across the view, at a uniform depth in [from, from + span). */
    private static float[] randomAt(Random rng, double from, double span) {
        float x = (float) rng.nextDouble();
        float y = (float) rng.nextDouble();
        return new float[] {x, y, (float) (from + span * rng.nextDouble())};
    }

    /** A permutation of 0..n-1 that spreads consecutive {@code i} over the range (n not a multiple of 7919). */
    private static int spread(int i, int n) {
        return (int) ((long) i * 7919 % n);
    }

    private static PointCloud cloudOf(List<float[]> points) {
        float[] xyz = new float[3 * points.size()];
        for (int i = 0; i < points.size(); i++) {
            System.arraycopy(points.get(i), 0, xyz, 3 * i, 3);
        }
        return new PointCloud(xyz);
    }

    /** {@code count} points on a 1 mm grid in x and y, z evenly over [from, to) meters, from point {@code k} on. */
    private static int evenlyInDepth(float[] xyz, int k, int count, double from, double to) {
        for (int i = 0; i < count; i++) {
            xyz[3 * k] = 0.001f * (i % 100);
            xyz[3 * k + 1] = 0.001f * (i / 100);
            xyz[3 * k + 2] = (float) (from + (i + 0.5) * (to - from) / count);
            k++;
        }
        return k;
    }

    /** |per-axis 1.4826 MAD|, sorting every coordinate (the cloud has fewer points than the sample cap). */
    private static double robustReference(float[] xyz) {
        int n = xyz.length / 3;
        double sumSq = 0;
        for (int a = 0; a < 3; a++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = xyz[3 * i + a];
            }
            java.util.Arrays.sort(v);
            double median = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
            double[] dev = new double[n];
            for (int i = 0; i < n; i++) {
                dev[i] = Math.abs(v[i] - median);
            }
            java.util.Arrays.sort(dev);
            double mad = n % 2 == 1 ? dev[n / 2] : 0.5 * (dev[n / 2 - 1] + dev[n / 2]);
            double sigma = 1.482602218505602 * mad;
            sumSq += sigma * sigma;
        }
        return Math.sqrt(sumSq);
    }


    @Test
    void tooFewPoints() {
        CleanupOptions options = CleanupOptions.paperDefaults();
        float[] few = boxSurface(options.minObjectPoints() - 1, new Random(33));
        ObjectCleaner.Result r = new ObjectCleaner(kernels, options).clean(new PointCloud(few));
        assertEquals(ObjectCleaner.Status.TOO_FEW_POINTS, r.status());
        assertTrue(r.cloud().isEmpty());
        assertEquals(ObjectCleaner.Status.TOO_FEW_POINTS,
                new ObjectCleaner(kernels, options).clean(PointCloud.empty()).status());
    }
}
