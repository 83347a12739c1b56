package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.FloorFrame;
import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix4fc;
import org.junit.jupiter.api.Test;

class RampTopsTest {
    /** Up is the camera's -y: a point's height is {@code -y} (camera frame, meters). */
    private static final Matrix4fc UP = FloorFrame.cameraUp().cameraToFloor();

    /** Points and which of them were continued, built point by point. */
    private static final class Cloud {
        final List<float[]> points = new ArrayList<>();
        final List<Boolean> continued = new ArrayList<>();

        void add(double x, double y, double z, boolean cont) {
            points.add(new float[] {(float) x, (float) y, (float) z});
            continued.add(cont);
        }

        float[] xyz() {
            float[] out = new float[3 * points.size()];
            for (int i = 0; i < points.size(); i++) {
                System.arraycopy(points.get(i), 0, out, 3 * i, 3);
            }
            return out;
        }

        /** Point i's pixel is i. */
        int[] pixels() {
            int[] out = new int[points.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = i;
            }
            return out;
        }

        boolean[] flags() {
            boolean[] out = new boolean[continued.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = continued.get(i);
            }
            return out;
        }

        int[] keep() {
            return RampTops.keep(xyz(), pixels(), flags(), UP);
        }
    }

    /**
     * A box 0.6 m wide and 0.4 m tall, its front face 4 m ahead and 1.4 m below the camera's height (y 1.0 to 1.4
     * down): its top outline was continued on the front face's plane up to 6 cm above the top (y 0.94 to 1.0), and
     * its side outlines on the same plane within its height. The points above the top leave; every other stays.
     */
    @Test
    void pointsContinuedAboveAFlatTopLeave() {
        Cloud c = new Cloud();
        for (int i = 0; i <= 30; i++) {
            double x = -0.3 + 0.02 * i;
            boolean side = i < 3 || i > 27;
            for (int j = 0; j <= 40; j++) {
                c.add(x, 1.4 - 0.01 * j, 4, side);
            }
            for (int j = 1; j <= 6; j++) {
                c.add(x, 1.0 - 0.01 * j, 4, true);
            }
        }
        int[] keep = c.keep();
        float[] xyz = c.xyz();
        boolean[] continued = c.flags();
        int above = 0;
        for (int i = 0; i < continued.length; i++) {
            if (-xyz[3 * i + 1] > -1.0 + RampTops.TOLERANCE_METERS) {
                above++;
            }
        }
        assertEquals(31 * 6, above);
        assertEquals(continued.length - above, keep.length, "only the points above the top leave");
        for (int i : keep) {
            assertTrue(-xyz[3 * i + 1] <= -1.0 + 1e-6, "kept point " + i + " lies at or under the top");
        }
    }

    /**
     * A ball of radius 0.2 m, 4 m ahead: its outer ring (beyond 0.6 of the radius, as seen) was continued, its
     * cap above the reliable disc included. Its reliable top is no level line, so nothing leaves.
     */
    @Test
    void aBallsCapStays() {
        Cloud c = new Cloud();
        double r = 0.2;
        for (int i = -20; i <= 20; i++) {
            for (int j = -20; j <= 20; j++) {
                double a = r * i / 20;
                double b = r * j / 20;
                if (a * a + b * b < r * r) {
                    c.add(a, 1.2 + b, 4 - Math.sqrt(r * r - a * a - b * b), a * a + b * b > 0.36 * r * r);
                }
            }
        }
        int n = c.points.size();
        int above = 0;
        float[] xyz = c.xyz();
        for (int i = 0; i < n; i++) {
            if (-xyz[3 * i + 1] > -1.2 + 0.6 * r + RampTops.TOLERANCE_METERS) {
                above++;
            }
        }
        assertTrue(above > 50, "the cap above the reliable disc: " + above + " points");
        assertEquals(n, c.keep().length);
    }

    @Test
    void anObjectWithoutReliablePointsKeepsThemAll() {
        Cloud c = new Cloud();
        for (int j = 0; j < 10; j++) {
            c.add(0, 1.0 - 0.01 * j, 4, true);
        }
        assertArrayEquals(c.pixels(), c.keep());
        Cloud none = new Cloud();
        assertEquals(0, none.keep().length);
    }

    @Test
    void aCloudOfAnotherSizeThanItsPixelsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RampTops.keep(new float[5], new int[] {0, 1}, new boolean[2], UP));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
