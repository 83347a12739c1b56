package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.spatialvlm4j.geometry.Plane;
import org.junit.jupiter.api.Test;

class RampSupportTest {
    /** A floor 1.2 m below the camera (camera y points down): a point's height above it is {@code 1.2 - y}. */
    private static final SupportSurface FLOOR = new SupportSurface(new Plane(0, -1, 0, 1.2), 0.02);
    private static final double MIN_KEPT_SHARE = CleanupOptions.paperDefaults().supportMinKeptShare();

    /** Points 4 m away at the given heights above the floor, interleaved camera-frame coordinates. */
    private static float[] atHeights(double... heights) {
        float[] xyz = new float[3 * heights.length];
        for (int i = 0; i < heights.length; i++) {
            xyz[3 * i] = 0.1f * i;
            xyz[3 * i + 1] = (float) (1.2 - heights[i]);
            xyz[3 * i + 2] = 4f;
        }
        return xyz;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * A low box's outline on smeared depth: two pixels bled onto the floor beside it took the box's surface
     * continued from inside, but their own depth lies on the floor (1 cm up, in the 2 cm band) and they leave. The
     * box's continued pixels above the band stay, and so do pixels the ramps left alone, on the floor or not (the
     * object cleaner cuts the floor's own points).
     */
    @Test
    void continuedPixelsWhoseOwnDepthLiesOnTheFloorLeave() {
        // The first four pixels are continued; their own depths put them 1, 1, 10 and 12 cm up. The others lie
        // 0.5-15 cm up, which does not matter: they are not continued.
        float[] given = atHeights(0.01, 0.01, 0.10, 0.12);
        boolean[] continued = {true, true, true, true, false, false, false, false, false, false};
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 7, 8, 9},
                RampSupport.keep(given, identity(10), continued, FLOOR, MIN_KEPT_SHARE));
    }

    /** Pixels are looked up in the image's continued plane by their own pixel index, not their position. */
    @Test
    void continuedIsReadAtEachPointsPixel() {
        // Pixel 42, the third point's, is the one continued; its own depth puts it 1 cm up.
        float[] given = atHeights(0.01);
        boolean[] continued = new boolean[100];
        continued[42] = true;
        assertArrayEquals(new int[] {0, 1},
                RampSupport.keep(given, new int[] {7, 9, 42}, continued, FLOOR, MIN_KEPT_SHARE));
    }

    /**
     * A flat thing lying on the floor (a rug) has every point in the band: it keeps them all, as the support rule
     * of the object cleaner keeps them, rather than lose its outline.
     */
    @Test
    void aFlatThingOnTheFloorKeepsItsPoints() {
        float[] given = atHeights(0.01, 0.01, 0.005, 0.015);
        boolean[] continued = {true, true, true, true, false};
        assertArrayEquals(identity(5), RampSupport.keep(given, identity(5), continued, FLOOR, MIN_KEPT_SHARE));
    }

    @Test
    void aCloudOfAnotherLengthIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> RampSupport.keep(new float[5], identity(2), new boolean[2], FLOOR, MIN_KEPT_SHARE));
    }
}
