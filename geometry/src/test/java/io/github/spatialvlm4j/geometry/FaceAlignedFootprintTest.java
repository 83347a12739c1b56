package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Boxes#gravityAligned(double[], PointCloud, double, double)}: among footprint rectangles of about
 * the least area, the one whose sides carry the points. A box seen with two side faces and no top projects to
 * an L; the rectangle on its legs and the one on its hypotenuse have the same area, and only the first is the
 * box. A whole footprint keeps the least-area rectangle.
 */
class FaceAlignedFootprintTest {
    /** Extents from noise-free faces sampled every centimetre, meters. */
    private static final double EXTENT_TOLERANCE = 1e-3;
    private static final double YAW_TOLERANCE = Math.toRadians(0.2);
    private static final double SPACING = 0.01;
    private static final double CX = 2.0;
    private static final double CY = 0.5;
    private static final double HEIGHT = 0.4;

    /**
     * Points (up frame, z up) on the side faces of an upright box centred at ({@link #CX}, {@link #CY}),
     * sides {@code a} along (cos yaw, sin yaw) and {@code b} across, standing on z = 0. {@code faces} picks
     * the faces: bit 0 the face at -a/2, bit 1 the face at -b/2, bit 2 +a/2, bit 3 +b/2.
     */
    static PointCloud sideFaces(double a, double b, double yaw, int faces) {
        double ux = Math.cos(yaw);
        double uy = Math.sin(yaw);
        double vx = -uy;
        double vy = ux;
        float[] out = new float[0];
        int n = 0;
        int nz = (int) Math.round(HEIGHT / SPACING);
        for (int f = 0; f < 4; f++) {
            if ((faces & (1 << f)) == 0) {
                continue;
            }
            boolean acrossA = f % 2 == 0; // the face lies at +-a/2 along u and runs along v
            double offset = (f < 2 ? -0.5 : 0.5) * (acrossA ? a : b);
            double length = acrossA ? b : a;
            int nl = (int) Math.round(length / SPACING);
            out = Arrays.copyOf(out, 3 * (n + (nl + 1) * (nz + 1)));
            for (int i = 0; i <= nl; i++) {
                double s = -0.5 * length + length * i / nl;
                double lu = acrossA ? offset : s;
                double lv = acrossA ? s : offset;
                for (int k = 0; k <= nz; k++) {
                    out[3 * n] = (float) (CX + lu * ux + lv * vx);
                    out[3 * n + 1] = (float) (CY + lu * uy + lv * vy);
                    out[3 * n + 2] = (float) (HEIGHT * k / nz);
                    n++;
                }
            }
        }
        return new PointCloud(out);
    }

    private static GravityAlignedBox faceAligned(PointCloud cloud) {
        return Boxes.gravityAligned(Boxes.footprintHull(cloud), cloud, 0, HEIGHT);
    }

    /** Angle between two yaws modulo {@code period}, in [0, period / 2]. */
    private static double yawError(double a, double b, double period) {
        double d = Math.abs(a - b) % period;
        return Math.min(d, period - d);
    }

    @Test
    void squareBoxSeenFromTwoSidesIsNotTheDiagonalRectangle() {
        double yaw = Math.toRadians(30);
        PointCloud l = sideFaces(0.40, 0.40, yaw, 0b0011);
        GravityAlignedBox least = Boxes.gravityAligned(Boxes.footprintHull(l), 0, HEIGHT);
        // The L's hull is a right triangle: both the leg and the hypotenuse rectangles have area 0.16 m^2.
        assertEquals(0.16, least.footprintArea(), 1e-4);
        GravityAlignedBox box = faceAligned(l);
        assertEquals(0.40, box.majorExtent(), EXTENT_TOLERANCE, box.toString());
        assertEquals(0.40, box.minorExtent(), EXTENT_TOLERANCE, box.toString());
        assertTrue(yawError(box.yaw(), yaw, Math.PI / 2) < YAW_TOLERANCE, "yaw " + Math.toDegrees(box.yaw()));
        assertEquals(CX, box.centerX(), EXTENT_TOLERANCE);
        assertEquals(CY, box.centerY(), EXTENT_TOLERANCE);
        assertEquals(HEIGHT, box.height(), 0);
    }

    @Test
    void everyLShapeGivesItsLegs() {
        double[][] sides = {{0.40, 0.40}, {0.60, 0.30}, {0.30, 0.80}, {1.2, 0.5}};
        for (double[] s : sides) {
            for (double deg : new double[] {0, 10, 30, 45, 60, 75, 120, 165}) {
                double yaw = Math.toRadians(deg);
                for (int faces : new int[] {0b0011, 0b0110, 0b1100, 0b1001}) {
                    GravityAlignedBox box = faceAligned(sideFaces(s[0], s[1], yaw, faces));
                    String what = s[0] + " x " + s[1] + " at " + deg + " deg, faces " + faces + ": " + box;
                    assertEquals(Math.max(s[0], s[1]), box.majorExtent(), EXTENT_TOLERANCE, what);
                    assertEquals(Math.min(s[0], s[1]), box.minorExtent(), EXTENT_TOLERANCE, what);
                    double majorYaw = s[0] >= s[1] ? yaw : yaw + Math.PI / 2;
                    double period = s[0] == s[1] ? Math.PI / 2 : Math.PI;
                    assertTrue(yawError(box.yaw(), majorYaw, period) < YAW_TOLERANCE, what);
                }
            }
        }
    }

    @Test
    void wholeFootprintKeepsTheLeastAreaRectangle() {
        double yaw = Math.toRadians(20);
        for (int faces : new int[] {0b1111, 0b0111}) {
            PointCloud cloud = sideFaces(0.6, 0.3, yaw, faces);
            double[] hull = Boxes.footprintHull(cloud);
            GravityAlignedBox least = Boxes.gravityAligned(hull, 0, HEIGHT);
            GravityAlignedBox box = Boxes.gravityAligned(hull, cloud, 0, HEIGHT);
            // Float rounding leaves nearly collinear hull vertices, so a sliver of an edge can win: same rectangle.
            String what = "faces " + faces + ": " + box + " vs " + least;
            assertEquals(least.footprintArea(), box.footprintArea(), 1e-6, what);
            assertEquals(least.majorExtent(), box.majorExtent(), 1e-5, what);
            assertEquals(least.minorExtent(), box.minorExtent(), 1e-5, what);
            assertTrue(yawError(least.yaw(), box.yaw(), Math.PI) < 1e-5, what);
            assertEquals(least.centerX(), box.centerX(), 1e-5, what);
            assertEquals(least.centerY(), box.centerY(), 1e-5, what);
            assertEquals(0.6, box.majorExtent(), EXTENT_TOLERANCE);
            assertEquals(0.3, box.minorExtent(), EXTENT_TOLERANCE);
            assertTrue(yawError(box.yaw(), yaw, Math.PI) < YAW_TOLERANCE, "yaw " + Math.toDegrees(box.yaw()));
        }
    }

    @Test
    void badHullsAndEmptyCloudsAreRejected() {
        PointCloud cloud = sideFaces(0.4, 0.4, 0, 0b0011);
        String m = assertThrows(ShapeMismatchException.class,
                () -> Boxes.gravityAligned(new double[] {0, 0, 1}, cloud, 0, 1)).getMessage();
        assertTrue(m.contains("3 coordinates"), m);
        assertThrows(ShapeMismatchException.class, () -> Boxes.gravityAligned(new double[0], cloud, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Boxes.gravityAligned(new double[] {0, 0}, new PointCloud(new float[0]), 0, 1));
    }
}
