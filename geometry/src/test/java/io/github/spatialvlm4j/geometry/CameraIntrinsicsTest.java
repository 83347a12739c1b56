package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link CameraIntrinsics}: validation, field of view, resizing. */
class CameraIntrinsicsTest {
    private static final double EXACT = 1e-9;

    private static void assertRejected(String expectedInMessage, Runnable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void invalidValuesAreNamedInTheMessage() {
        assertRejected("Invalid fx: 0.0", () -> new CameraIntrinsics(0, 500, 320, 240, 640, 480));
        assertRejected("Invalid fx: -1.0", () -> new CameraIntrinsics(-1, 500, 320, 240, 640, 480));
        assertRejected("Invalid fx: NaN", () -> new CameraIntrinsics(Double.NaN, 500, 320, 240, 640, 480));
        assertRejected("Invalid fx: Infinity", () -> new CameraIntrinsics(Double.POSITIVE_INFINITY, 500, 320, 240, 640, 480));
        assertRejected("Invalid fy: NaN", () -> new CameraIntrinsics(500, Double.NaN, 320, 240, 640, 480));
        assertRejected("Invalid fy: -3.0", () -> new CameraIntrinsics(500, -3, 320, 240, 640, 480));
        assertRejected("Invalid cx: NaN", () -> new CameraIntrinsics(500, 500, Double.NaN, 240, 640, 480));
        assertRejected("Invalid cy: -Infinity", () -> new CameraIntrinsics(500, 500, 320, Double.NEGATIVE_INFINITY, 640, 480));
        assertRejected("Invalid width: 0", () -> new CameraIntrinsics(500, 500, 320, 240, 0, 480));
        assertRejected("Invalid height: -2", () -> new CameraIntrinsics(500, 500, 320, 240, 640, -2));
    }

    @Test
    void fromHorizontalFovKnownAnswer() {
        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(Math.toRadians(90), 640, 480);
        assertEquals(320.0, k.fx(), EXACT);
        assertEquals(320.0, k.fy(), EXACT);
        assertEquals(319.5, k.cx(), EXACT);
        assertEquals(239.5, k.cy(), EXACT);
        assertEquals(Math.toRadians(90), k.horizontalFov(), EXACT);
        assertEquals(2 * Math.atan(240.0 / 320.0), k.verticalFov(), EXACT);
        assertRejected("0.0 rad", () -> CameraIntrinsics.fromHorizontalFov(0, 640, 480));
        assertRejected(Math.PI + " rad", () -> CameraIntrinsics.fromHorizontalFov(Math.PI, 640, 480));
        assertRejected("NaN rad", () -> CameraIntrinsics.fromHorizontalFov(Double.NaN, 640, 480));
        assertRejected("640x0", () -> CameraIntrinsics.fromHorizontalFov(1, 640, 0));
    }

    @Test
    void scaledToKeepsThePixelOfEveryRay() {
        CameraIntrinsics k = new CameraIntrinsics(500, 480, 310.2, 250.7, 640, 480);
        CameraIntrinsics half = k.scaledTo(320, 240);
        assertEquals(250.0, half.fx(), EXACT);
        assertEquals(240.0, half.fy(), EXACT);
        assertEquals((310.2 + 0.5) * 0.5 - 0.5, half.cx(), EXACT);
        assertEquals(k.horizontalFov(), half.horizontalFov(), EXACT);
        // A 3D ray hits pixel u in the original and (u + 0.5) * s - 0.5 in the resized image.
        double x = 0.3;
        double y = -0.2;
        double z = 2.0;
        double u = k.fx() * x / z + k.cx();
        double v = k.fy() * y / z + k.cy();
        CameraIntrinsics up = k.scaledTo(1920, 1200);
        assertEquals((u + 0.5) * 3 - 0.5, up.fx() * x / z + up.cx(), 1e-9);
        assertEquals((v + 0.5) * 2.5 - 0.5, up.fy() * y / z + up.cy(), 1e-9);
        assertRejected("0x240", () -> k.scaledTo(0, 240));
    }

    @Test
    void requireImageSizeNamesBothShapes() {
        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(1.2, 640, 480);
        k.requireImageSize(640, 480, "depth map");
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> k.requireImageSize(1280, 720, "depth map"));
        assertTrue(e.getMessage().contains("1280x720") && e.getMessage().contains("640x480"), e.getMessage());
    }
}
