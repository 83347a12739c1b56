package io.github.spatialvlm4j.datagen.source.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.Plane;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-built scenes whose depths, labels, visibility and captions are known in advance. */
class RenderKnownAnswerTest {
    /** Depth is stored as float: a few ulps at 10 m. */
    private static final double DEPTH_TOL = 1e-5;
    private static final double FOCAL = 500;
    /** Odd sizes put the principal point exactly on the centre pixel (320, 240). */
    private static final CameraIntrinsics K = new CameraIntrinsics(FOCAL, FOCAL, 320, 240, 641, 481);
    private static final SyntheticSceneGenerator GENERATOR =
            new SyntheticSceneGenerator(SyntheticSceneOptions.defaults());

    private static Frame render(CameraPose pose, List<PlacedObject> objects, List<Plane> walls) {
        return GENERATOR.render("hand", new SyntheticScene(pose, K, objects, walls), 1);
    }

    private static Frame render(double cameraHeight, Solid solid) {
        return render(new CameraPose(0, 0, cameraHeight, 0, 0, 0), List.of(PlacedObject.of(solid, NamedColor.RED)),
                List.of());
    }

    private static float depth(Frame f, int u, int v) {
        return f.depth().orElseThrow().get(u, v);
    }

    private static int label(Frame f, int u, int v) {
        return f.labels().orElseThrow().get(u, v);
    }

    @Test
    void centrePixelSeesTheFrontFaceOfABox() {
        Frame f = render(1.2, new Solid.Box(4, 0, 1.2, 1, 1, 2.4, 0));
        assertEquals(3.5, depth(f, 320, 240), DEPTH_TOL);
        assertEquals(1, label(f, 320, 240));
    }

    @Test
    void centrePixelSeesTheEdgeOfATurnedBox() {
        Frame f = render(1.2, new Solid.Box(4, 0, 1.2, 1, 1, 2.4, Math.PI / 4));
        assertEquals(4 - Math.sqrt(0.5), depth(f, 320, 240), DEPTH_TOL);
    }

    @Test
    void depthIsCameraZNotRayLength() {
        // A wall x = 6 seen by a level camera: every pixel of it has depth 6, whatever the ray's angle.
        Frame f = render(new CameraPose(0, 0, 1.5, 0, 0, 0), List.of(),
                List.of(Plane.fromPointAndNormal(6, 0, 0, -1, 0, 0)));
        assertEquals(6, depth(f, 320, 240), DEPTH_TOL);
        assertEquals(6, depth(f, 20, 200), DEPTH_TOL);
        assertEquals(6, depth(f, 600, 30), DEPTH_TOL);
        assertEquals(LabelImage.NONE, label(f, 20, 200));
    }

    @Test
    void centrePixelSeesSphereAndCylinder() {
        assertEquals(4.5, depth(render(1.2, new Solid.Sphere(5, 0, 1.2, 0.5)), 320, 240), DEPTH_TOL);
        assertEquals(2.6, depth(render(1.2, new Solid.Cylinder(3, 0, 1.0, 0.4, 2)), 320, 240), DEPTH_TOL);
        // Looking down on a cylinder's top cap from straight above its axis.
        Frame top = render(new CameraPose(3, 0, 3, 0, Math.toRadians(80), 0),
                List.of(PlacedObject.of(new Solid.Cylinder(3 + 3 / Math.tan(Math.toRadians(80)), 0, 0.5, 0.8, 1),
                        NamedColor.BLUE)), List.of());
        assertEquals(2 / Math.sin(Math.toRadians(80)), depth(top, 320, 240), DEPTH_TOL);
    }

    @Test
    void floorDepthFollowsPlaneGeometry() {
        // Level camera at height h: row cy + dv meets the floor at depth h f / dv.
        Frame level = render(new CameraPose(0, 0, 1.5, 0, 0, 0), List.of(), List.of());
        assertEquals(1.5 * FOCAL / 100, depth(level, 320, 340), DEPTH_TOL);
        assertEquals(1.5 * FOCAL / 100, depth(level, 17, 340), DEPTH_TOL);
        assertEquals(DepthMap.INVALID, depth(level, 320, 100), "above the horizon: nothing");
        // Pitched down by theta: the centre ray meets the floor at h / sin(theta); row cy + dv at
        // h / (sin(theta) + cos(theta) dv / f).
        double theta = Math.toRadians(30);
        Frame pitched = render(new CameraPose(0, 0, 1.5, 1.1, theta, 0), List.of(), List.of());
        assertEquals(1.5 / Math.sin(theta), depth(pitched, 320, 240), DEPTH_TOL);
        assertEquals(1.5 / (Math.sin(theta) + Math.cos(theta) * 100 / FOCAL), depth(pitched, 320, 340), DEPTH_TOL);
        // Roll turns the image about the centre pixel, which keeps its depth.
        Frame rolled = render(new CameraPose(0, 0, 1.5, 1.1, theta, Math.toRadians(4)), List.of(), List.of());
        assertEquals(1.5 / Math.sin(theta), depth(rolled, 320, 240), DEPTH_TOL);
        assertFalse(Math.abs(depth(rolled, 320, 340) - depth(pitched, 320, 340)) < DEPTH_TOL);
    }

    @Test
    void hiddenAndTinyObjectsAreRemovedAndIdsRenumbered() {
        List<PlacedObject> objects = List.of(
                PlacedObject.of(new Solid.Box(4, 0, 1.2, 1, 2, 2.4, 0), NamedColor.RED),
                PlacedObject.of(new Solid.Sphere(6, 0, 1.2, 0.3), NamedColor.GREEN), // behind the box
                PlacedObject.of(new Solid.Sphere(5, -1.5, 1.2, 0.02), NamedColor.BLUE), // about 12 pixels
                PlacedObject.of(new Solid.Cylinder(5, 2.2, 1.2, 0.6, 2.4), NamedColor.YELLOW));
        Frame f = render(new CameraPose(0, 0, 1.2, 0, 0, 0), objects, List.of());
        SceneFacts truth = f.groundTruth().orElseThrow();
        assertEquals(2, truth.objects().size());
        assertArrayEquals(new int[] {1, 2}, f.labels().orElseThrow().distinctIds());
        assertEquals(Map.of(1, "red box", 2, "yellow cylinder"), f.captions());
        assertEquals("yellow cylinder", truth.objects().get(1).caption());
        // The tiny ball still has depth (it is there) but no label.
        int u = (int) Math.round(320 + FOCAL * 1.5 / 5);
        assertEquals(5 - 0.02, depth(f, u, 240), 1e-3);
        assertEquals(LabelImage.NONE, label(f, u, 240));
        for (ObjectFacts o : truth.objects()) {
            assertTrue(o.pointCount() >= SyntheticSceneOptions.defaults().minVisiblePixels());
        }
    }

    @Test
    void captionsCarryAnAdjectiveOnlyWhenClearlyTrue() {
        List<PlacedObject> objects = List.of(
                PlacedObject.of(new Solid.Box(5, -1.8, 0.15, 0.3, 0.3, 0.3, 0), NamedColor.RED),
                PlacedObject.of(new Solid.Box(5, -0.9, 0.15, 0.3, 0.3, 0.3, 0.5), NamedColor.GREEN),
                PlacedObject.of(new Solid.Cylinder(5, 0, 0.6, 0.1, 1.2), NamedColor.BLUE),
                PlacedObject.of(new Solid.Sphere(5, 0.9, 0.15, 0.15), NamedColor.PINK),
                PlacedObject.of(new Solid.Box(5.5, 2.2, 0.5, 1, 1, 1, 0), NamedColor.GRAY),
                PlacedObject.of(new Solid.Box(4, 1.0, 0.15, 1.0, 0.3, 0.3, 0), NamedColor.BROWN));
        Frame f = render(new CameraPose(0, 0, 1.5, 0, Math.toRadians(15), 0), objects, List.of());
        assertEquals(Map.of(1, "red box", 2, "green box", 3, "tall blue cylinder", 4, "pink ball", 5,
                "large gray box", 6, "wide brown box"), f.captions());
    }
}
