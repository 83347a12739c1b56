package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The floor under an object's footprint, seen or not ({@link FactsExtractor#floorSeenUnder}), and the contact
 * rule for an object whose base is hidden. Camera frame: x right, y down, z forward; the floor lies 1.5 m
 * below the camera.
 */
class FloorUnderObjectTest {
    private static final Plane FLOOR = new Plane(0, -1, 0, 1.5);
    private static final FloorFrame FRAME = FloorFrame.fromFloorPlane(FLOOR);
    private static final CameraIntrinsics K = new CameraIntrinsics(500, 500, 320, 240, 640, 480);

    @Test
    void aFloatingBoxShowsTheFloorUnderIt() {
        // A box 0.5 m wide, 0.5 m deep, 0.3-0.7 m above the floor, 5.0-5.5 m ahead; the depth shows only the floor.
        PointCloud box = box(5.0, 0.3, 0.7);
        assertEquals(1.0, FactsExtractor.floorSeenUnder(box, FRAME, 0, floorOnly(), K), 1e-9);
    }

    @Test
    void aBoxWhoseFrontReachesTheFloorHidesIt() {
        // Its front face (z = 5.0 m) goes down to the floor in the depth map: the floor behind it is not seen.
        PointCloud box = box(5.0, 0.3, 0.7);
        float[] z = floorOnly().meters().clone();
        for (int v = 0; v < K.height(); v++) {
            for (int u = 0; u < K.width(); u++) {
                double x = (u - K.cx()) / K.fx() * 5.0;
                double y = (v - K.cy()) / K.fy() * 5.0;
                if (Math.abs(x) <= 0.25 && y >= 0.8 && y <= 1.5) {
                    z[v * K.width() + u] = 5.0f;
                }
            }
        }
        assertEquals(0.0, FactsExtractor.floorSeenUnder(box, FRAME, 0, new DepthMap(K.width(), K.height(), z), K),
                1e-9);
    }

    @Test
    void aFloorOutsideTheImageIsNotSeen() {
        // 1.2 m ahead the floor under the box projects below the image's bottom border.
        assertEquals(0.0, FactsExtractor.floorSeenUnder(box(1.2, 0.3, 0.7), FRAME, 0, floorOnly(), K), 1e-9);
    }

    @Test
    void aBaseHiddenOverMoreThanTheAbsoluteLimitStillStandsOnTheFloor() {
        // Seen from 0.2 m above the floor to 1.2 m: the gap is over the 0.12 m limit, and under 35% of the height.
        FactsExtractor extractor = new FactsExtractor(FactsOptions.defaults());
        PointCloud bed = box(5.0, 0.2, 1.2);
        Optional<SupportSurface> floor = Optional.of(new SupportSurface(FLOOR, 0.02));
        PixelBox pixels = new PixelBox(0, 0, 10, 10);
        ObjectFacts lifted = extractor.objectFacts(1, "bed", bed, null, FRAME, floor, OptionalDouble.empty(), false,
                pixels, 0f);
        assertEquals(0.2, lifted.bottom(), 1e-4);
        ObjectFacts standing = extractor.objectFacts(1, "bed", bed, null, FRAME, floor, OptionalDouble.empty(), true,
                pixels, 0f);
        assertEquals(0.0, standing.bottom(), 1e-9);
        assertEquals(1.2, standing.height(), 1e-4);
        // Lifted by more than 35% of its visible height, it does not stand on the floor even then (a lamp on a
        // night stand).
        PointCloud lamp = box(5.0, 0.6, 1.2);
        assertTrue(extractor.objectFacts(2, "lamp", lamp, null, FRAME, floor, OptionalDouble.empty(), true, pixels,
                0f).bottom() > 0.5);
    }

    @Test
    void anObjectWhoseBaseMeetsAnotherTopRestsOnIt() {
        // A cylinder seen from 0.27 m up, over a box whose top is 0.25 m high and whose footprint it overlaps
        // (off the box's centre): its base is hidden by the box, not by itself.
        ObjectFacts box = facts(1, 0.0, 0.0, 0.6, 0.0, 0.25);
        ObjectFacts cylinder = facts(2, 0.25, 0.1, 0.2, 0.27, 1.0);
        assertTrue(FactsStage.restsOnAnother(java.util.List.of(box, cylinder), 1, 0.12));
        // Beside the box, or far above its top, it does not.
        ObjectFacts beside = facts(2, 1.0, 0.0, 0.2, 0.27, 1.0);
        assertTrue(!FactsStage.restsOnAnother(java.util.List.of(box, beside), 1, 0.12));
        ObjectFacts above = facts(2, 0.25, 0.1, 0.2, 0.6, 1.2);
        assertTrue(!FactsStage.restsOnAnother(java.util.List.of(box, above), 1, 0.12));
    }

    /** Facts with a footprint centre (x, y) in the up frame, a width, and a vertical span, meters. */
    private static ObjectFacts facts(int id, double x, double y, double width, double bottom, double top) {
        org.joml.Vector3f up = new org.joml.Vector3f((float) x, (float) y, (float) (0.5 * (bottom + top)));
        return new ObjectFacts(id, "thing", up, up, (float) width, (float) width, (float) (top - bottom),
                (float) bottom, (float) top, 100, new PixelBox(0, 0, 10, 10));
    }

    /** Points on the front and top faces of a 0.5 x 0.5 m box from {@code bottom} to {@code top} m above the floor. */
    private static PointCloud box(double near, double bottom, double top) {
        int n = 40;
        float[] xyz = new float[3 * 2 * n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = -0.25 + 0.5 * i / (n - 1);
                // Front face, then top face (camera y = 1.5 - height).
                xyz[k++] = (float) x;
                xyz[k++] = (float) (1.5 - (bottom + (top - bottom) * j / (n - 1)));
                xyz[k++] = (float) near;
                xyz[k++] = (float) x;
                xyz[k++] = (float) (1.5 - top);
                xyz[k++] = (float) (near + 0.5 * j / (n - 1));
            }
        }
        return new PointCloud(xyz);
    }

    /** The depth of the floor alone; no depth above the horizon. */
    private static DepthMap floorOnly() {
        float[] z = new float[K.width() * K.height()];
        for (int v = 0; v < K.height(); v++) {
            double down = (v - K.cy()) / K.fy();
            for (int u = 0; u < K.width(); u++) {
                z[v * K.width() + u] = down > 0 ? (float) (1.5 / down) : 0f;
            }
        }
        return new DepthMap(K.width(), K.height(), z);
    }
}
