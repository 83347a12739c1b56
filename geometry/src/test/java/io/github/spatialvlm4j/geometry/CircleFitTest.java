package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.joml.Matrix4f;
import org.junit.jupiter.api.Test;

class CircleFitTest {
    private static final double EXACT = 1e-9;

    private static double[] arc(double cx, double cy, double r, double from, double to, int n, double noise,
            Random rnd) {
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double t = from + (to - from) * i / (n - 1);
            double rr = r + noise * rnd.nextGaussian();
            xy[2 * i] = cx + rr * Math.cos(t);
            xy[2 * i + 1] = cy + rr * Math.sin(t);
        }
        return xy;
    }

    @Test
    void exactPointsOnAHalfCircleGiveTheCircle() {
        CircleFit c = CircleFit.fit(arc(3.5, -1.25, 0.4, 0, Math.PI, 20, 0, new Random(1))).orElseThrow();
        assertEquals(3.5, c.cx(), EXACT);
        assertEquals(-1.25, c.cy(), EXACT);
        assertEquals(0.4, c.radius(), EXACT);
        assertEquals(0, c.rms(), EXACT);
        assertEquals(20, c.points());
    }

    @Test
    void noisyQuarterArcStaysClose() {
        CircleFit c = CircleFit.fit(arc(1, 2, 0.5, 0.3, 0.3 + Math.PI / 2, 200, 0.002, new Random(2))).orElseThrow();
        assertEquals(0.5, c.radius(), 0.02);
        assertEquals(1, c.cx(), 0.02);
        assertEquals(2, c.cy(), 0.02);
        assertTrue(c.rms() < 0.004);
    }

    @Test
    void squareCornersFitWithVisibleResidualOnTheEdges() {
        // A square's outline is not a circle: the fit's residual is a large share of its radius.
        double[] xy = {0, 0, 0.5, 0, 1, 0, 1, 0.5, 1, 1, 0.5, 1, 0, 1, 0, 0.5};
        CircleFit c = CircleFit.fit(xy).orElseThrow();
        assertTrue(c.rms() / c.radius() > 0.05, "rms " + c.rms() + " r " + c.radius());
    }

    @Test
    void degenerateInputGivesNothing() {
        assertTrue(CircleFit.fit(new double[] {0, 0, 1, 1}).isEmpty());
        assertTrue(CircleFit.fit(new double[] {0, 0, 1, 1, 2, 2, 3, 3}).isEmpty());
        assertThrows(ShapeMismatchException.class, () -> CircleFit.fit(new double[] {0, 0, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircleFit.fit(new double[] {0, 0, 1, Double.NaN, 2, 0}));
        assertTrue(e.getMessage().contains("point 1"), e.getMessage());
    }

    @Test
    void footprintHullOfAColumnIsItsOutline() {
        // A vertical cylinder's side points (radius 0.3 at (2, 1)) project to a circle of hull vertices.
        int n = 360;
        float[] xyz = new float[3 * n * 3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                double t = 2 * Math.PI * i / n;
                int p = i * 3 + k;
                xyz[3 * p] = (float) (2 + 0.3 * Math.cos(t));
                xyz[3 * p + 1] = (float) (1 + 0.3 * Math.sin(t));
                xyz[3 * p + 2] = 0.2f * k;
            }
        }
        double[] hull = Boxes.footprintHull(new PointCloud(xyz));
        assertTrue(hull.length / 2 > 100, "hull vertices " + hull.length / 2);
        CircleFit c = CircleFit.fit(hull).orElseThrow();
        assertEquals(0.3, c.radius(), 1e-5);
        assertEquals(2, c.cx(), 1e-5);
        // And the gravity-aligned box built on the same hull is the enclosing square.
        GravityAlignedBox box = Boxes.gravityAligned(new PointCloud(xyz), new Matrix4f());
        assertEquals(0.6, box.majorExtent(), 1e-4);
        assertEquals(0.4, box.height(), 1e-6);
    }
}
