package io.github.spatialvlm4j.geometry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The box-and-depth rule on ray-cast scenes with known answers: axis-aligned boxes standing on a
 * floor in front of a wall, seen by a camera {@value #HEIGHT} m above the floor pitched down
 * {@value #PITCH_DEGREES} degrees. Each object's box is the extent of its visible pixels (what a
 * perfect detector gives); its mask must be those pixels.
 */
class BoxDepthMasksTest {
    private static final int W = 320;
    private static final int H = 240;
    private static final double F = 300;
    private static final double HEIGHT = 1.4;
    private static final double PITCH_DEGREES = 25;
    private static final double WALL_Z = 6;
    private static final CameraIntrinsics K = new CameraIntrinsics(F, F, (W - 1) / 2.0, (H - 1) / 2.0, W, H);

    /** An axis-aligned box in the world frame (x right, y up, z forward; floor y = 0, camera at (0, HEIGHT, 0)). */
    private record Solid(double x0, double y0, double z0, double x1, double y1, double z1) {
    }

    /** A rendered scene: depth, and for each pixel the index + 1 of the solid it shows (0: floor or wall). */
    private record Scene(DepthMap depth, int[] visible, int solids) {
        /** The extent of solid {@code s}'s visible pixels as edges {x0, y0, x1, y1}. */
        double[] box(int s) {
            int u0 = W;
            int v0 = H;
            int u1 = -1;
            int v1 = -1;
            for (int i = 0; i < visible.length; i++) {
                if (visible[i] == s + 1) {
                    u0 = Math.min(u0, i % W);
                    u1 = Math.max(u1, i % W);
                    v0 = Math.min(v0, i / W);
                    v1 = Math.max(v1, i / W);
                }
            }
            return new double[] {u0, v0, u1 + 1, v1 + 1};
        }
    }

    private static Scene render(List<Solid> solids) {
        double t = Math.toRadians(PITCH_DEGREES);
        // Camera axes in the world frame.
        double[] ex = {1, 0, 0};
        double[] ey = {0, -Math.cos(t), -Math.sin(t)};
        double[] ez = {0, -Math.sin(t), Math.cos(t)};
        float[] z = new float[W * H];
        int[] visible = new int[W * H];
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                double a = (u - K.cx()) / F;
                double b = (v - K.cy()) / F;
                // World direction of the ray whose camera-frame depth grows by 1 per unit of s.
                double[] d = new double[3];
                for (int k = 0; k < 3; k++) {
                    d[k] = a * ex[k] + b * ey[k] + ez[k];
                }
                double best = Double.POSITIVE_INFINITY;
                int hit = 0;
                if (d[1] < 0) {
                    best = HEIGHT / -d[1]; // floor
                }
                if (d[2] > 0) {
                    best = Math.min(best, WALL_Z / d[2]); // wall
                }
                for (int s = 0; s < solids.size(); s++) {
                    double in = slab(solids.get(s), d);
                    if (in < best) {
                        best = in;
                        hit = s + 1;
                    }
                }
                z[v * W + u] = Double.isFinite(best) ? (float) best : DepthMap.INVALID;
                visible[v * W + u] = hit;
            }
        }
        return new Scene(new DepthMap(W, H, z), visible, solids.size());
    }

    /** The entry parameter of the ray (0, HEIGHT, 0) + s d into {@code b}, infinity when it misses. */
    private static double slab(Solid b, double[] d) {
        double[] o = {0, HEIGHT, 0};
        double[] lo = {b.x0(), b.y0(), b.z0()};
        double[] hi = {b.x1(), b.y1(), b.z1()};
        double enter = 0;
        double exit = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            if (Math.abs(d[k]) < 1e-12) {
                if (o[k] < lo[k] || o[k] > hi[k]) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            double t1 = (lo[k] - o[k]) / d[k];
            double t2 = (hi[k] - o[k]) / d[k];
            enter = Math.max(enter, Math.min(t1, t2));
            exit = Math.min(exit, Math.max(t1, t2));
        }
        return enter <= exit ? enter : Double.POSITIVE_INFINITY;
    }

    private static double[] boxes(Scene scene) {
        double[] flat = new double[4 * scene.solids()];
        for (int s = 0; s < scene.solids(); s++) {
            System.arraycopy(scene.box(s), 0, flat, 4 * s, 4);
        }
        return flat;
    }

    /** Intersection over union of mask id {@code s + 1} and solid {@code s}'s visible pixels. */
    private static double iou(BoxDepthMasks.Result r, Scene scene, int s) {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < scene.visible().length; i++) {
            boolean a = r.labels().ids()[i] == s + 1;
            boolean b = scene.visible()[i] == s + 1;
            inter += a && b ? 1 : 0;
            union += a || b ? 1 : 0;
        }
        return (double) inter / union;
    }

    @Test
    void aBoxOnTheFloorIsItsVisiblePixelsAndTheFloorIsTheSupport() {
        Scene scene = render(List.of(new Solid(-0.2, 0, 2.4, 0.2, 0.3, 2.9)));
        BoxDepthMasks.Result r = BoxDepthMasks.segment(scene.depth(), K, boxes(scene), BoxDepthMasks.Options.defaults());
        assertTrue(iou(r, scene, 0) > 0.97, "IoU " + iou(r, scene, 0));
        Plane floor = r.supportPlanes()[0].orElseThrow();
        double t = Math.toRadians(PITCH_DEGREES);
        // Up in the camera frame is (0, -cos t, -sin t); the floor lies HEIGHT below the camera.
        assertTrue(Math.toDegrees(floor.angleTo(0, -Math.cos(t), -Math.sin(t))) < 0.5, floor.toString());
        assertEquals(HEIGHT, floor.d(), 0.005);
    }

    @Test
    void occludedAndOccludingObjectsKeepTheirOwnPixels() {
        // A tall box behind, half hidden by a lower box in front of it.
        Scene scene = render(List.of(new Solid(-0.3, 0, 3.2, 0.3, 0.9, 3.6), new Solid(-0.5, 0, 2.2, 0.1, 0.35, 2.6)));
        BoxDepthMasks.Result r = BoxDepthMasks.segment(scene.depth(), K, boxes(scene), BoxDepthMasks.Options.defaults());
        assertTrue(iou(r, scene, 0) > 0.95, "behind: IoU " + iou(r, scene, 0));
        assertTrue(iou(r, scene, 1) > 0.95, "front: IoU " + iou(r, scene, 1));
    }

    @Test
    void aStackedObjectIsNotPartOfWhatItStandsOn() {
        Scene scene = render(List.of(new Solid(-0.35, 0, 2.5, 0.35, 0.4, 3.1), new Solid(-0.1, 0.4, 2.7, 0.1, 0.6, 2.9)));
        BoxDepthMasks.Result r = BoxDepthMasks.segment(scene.depth(), K, boxes(scene), BoxDepthMasks.Options.defaults());
        assertTrue(iou(r, scene, 0) > 0.95, "base: IoU " + iou(r, scene, 0));
        assertTrue(iou(r, scene, 1) > 0.95, "stacked: IoU " + iou(r, scene, 1));
        // The stacked box stands on the top of the lower one: 0.4 m above the floor.
        assertEquals(HEIGHT - 0.4, r.supportPlanes()[1].orElseThrow().d(), 0.005);
    }

    @Test
    void aBoxOnTheBackgroundOrWithoutDepthGetsNoMask() {
        Scene scene = render(List.of(new Solid(-0.2, 0, 2.4, 0.2, 0.3, 2.9)));
        // A box on the wall alone: its surface runs on far beyond the box.
        double[] wall = {40, 4, 120, 40};
        BoxDepthMasks.Result r = BoxDepthMasks.segment(scene.depth(), K, wall, BoxDepthMasks.Options.defaults());
        assertEquals(0, r.areas()[0]);
        DepthMap none = new DepthMap(W, H, new float[W * H]);
        BoxDepthMasks.Result empty = BoxDepthMasks.segment(none, K, boxes(scene), BoxDepthMasks.Options.defaults());
        assertEquals(0, empty.areas()[0]);
        assertEquals(Optional.empty(), empty.supportPlanes()[0]);
        // Boxes off the image or empty are ignored.
        BoxDepthMasks.Result off = BoxDepthMasks.segment(scene.depth(), K, new double[] {500, 500, 600, 600, 3, 3, 3, 3},
                BoxDepthMasks.Options.defaults());
        assertArrayEquals(new int[] {0, 0}, off.areas());
        assertEquals(0, off.labels().maxId());
    }

    @Test
    void invalidInputIsRejectedWithTheValue() {
        DepthMap d = new DepthMap(W, H, new float[W * H]);
        BoxDepthMasks.Options o = BoxDepthMasks.Options.defaults();
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> BoxDepthMasks.segment(d, K, new double[] {0, 0, Double.NaN, 4}, o));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoxDepthMasks.segment(d, K, new double[] {5, 0, 4, 4}, o));
        assertThrows(ShapeMismatchException.class, () -> BoxDepthMasks.segment(d, K, new double[] {0, 0, 4}, o));
        CameraIntrinsics other = new CameraIntrinsics(F, F, 10, 10, 20, 20);
        assertThrows(ShapeMismatchException.class, () -> BoxDepthMasks.segment(d, other, new double[0], o));
        IllegalArgumentException jump = assertThrows(IllegalArgumentException.class,
                () -> new BoxDepthMasks.Options(0, 0.02, 0.01, 30, 0.1, 0.6, 20));
        assertTrue(jump.getMessage().contains("minJumpMeters"), jump.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BoxDepthMasks.Options(0.03, 0.02, 0.01, 90, 0.1, 0.6, 20));
        assertThrows(IllegalArgumentException.class, () -> new BoxDepthMasks.Options(0.03, 0.02, 0.01, 30, 0, 0.6, 20));
        assertThrows(IllegalArgumentException.class, () -> new BoxDepthMasks.Options(0.03, 0.02, 0.01, 30, 0.1, 0.6, 0));
    }

    @Test
    void noiseMakesNormalsSpanALongerBaseline() {
        Scene scene = render(new ArrayList<>());
        assertEquals(BoxDepthMasks.NORMAL_STEP, BoxDepthMasks.normalStep(scene.depth(), K));
        // 0.4% seeded depth noise: sigma x 5 x 300 px = 6 pixels.
        float[] z = scene.depth().meters().clone();
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < z.length; i++) {
            z[i] *= (float) (1 + 0.004 * rnd.nextGaussian());
        }
        int step = BoxDepthMasks.normalStep(new DepthMap(W, H, z), K);
        assertTrue(step >= 6 && step <= 7, "step " + step);
        for (int i = 0; i < z.length; i++) {
            z[i] *= (float) (1 + 0.03 * rnd.nextGaussian());
        }
        assertEquals(BoxDepthMasks.MAX_NORMAL_STEP, BoxDepthMasks.normalStep(new DepthMap(W, H, z), K));
    }
}
