package io.github.spatialvlm4j.datagen.source.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.Plane;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

/** Generated scenes: the ground truth must agree with the rendered pixels and with the world-frame solids. */
class GroundTruthTest {
    /** Back-projected visible pixels lie on their solid within this, meters. */
    private static final double ON_SHAPE = 1e-3;
    /** Float rounding of centres and transforms, meters. */
    private static final double FLOAT_TOL = 1e-4;
    private static final SyntheticSceneOptions OPTIONS =
            SyntheticSceneOptions.defaults().withSize(320, 240).withStackingProbability(0.6);
    private static final SyntheticSceneGenerator GENERATOR = new SyntheticSceneGenerator(OPTIONS);
    private static final long[] SEEDS = {1, 2, 3, 42, 1234567};

    @Test
    void visiblePixelsBackProjectOntoTheirSolidsAndFactsMatchTheSolids() {
        int checkedPixels = 0;
        for (long seed : SEEDS) {
            Frame f = GENERATOR.generate("gt", seed);
            SyntheticScene scene = GENERATOR.scene(seed);
            SceneFacts truth = f.groundTruth().orElseThrow();
            CameraIntrinsics k = f.intrinsics().orElseThrow();
            CameraPose pose = scene.camera();
            float[] depth = f.depth().orElseThrow().meters();
            int[] labels = f.labels().orElseThrow().ids();
            List<ObjectFacts> objects = truth.objects();
            assertTrue(objects.size() >= OPTIONS.minObjects(), "seed " + seed);
            Solid[] solidOf = new Solid[objects.size() + 1];
            for (ObjectFacts o : objects) {
                Solid s = matchByCentre(scene, pose, o);
                solidOf[o.id()] = s;
                assertEquals((float) s.footprintWidth(), o.width());
                assertEquals((float) s.footprintDepth(), o.depth());
                assertEquals((float) s.height(), o.height());
                assertEquals((float) s.bottom(), o.bottom());
                assertEquals((float) s.top(), o.top());
                assertTrue(o.width() >= o.depth());
                // Up frame = floor frame: z is the height of the centre, the floor distance is the horizontal one.
                assertEquals(0.5 * (o.bottom() + o.top()), o.centerUp().z(), FLOAT_TOL);
                double horizontal = Math.hypot(s.cx() - pose.x(), s.cy() - pose.y());
                assertEquals(horizontal, Math.hypot(o.centerUp().x(), o.centerUp().y()), FLOAT_TOL);
                assertTrue(o.centerUp().x() > 0, "objects are in front of the camera");
            }
            int[] count = new int[objects.size() + 1];
            int[] u0 = new int[objects.size() + 1];
            int[] u1 = new int[objects.size() + 1];
            int[] v0 = new int[objects.size() + 1];
            int[] v1 = new int[objects.size() + 1];
            java.util.Arrays.fill(u0, Integer.MAX_VALUE);
            java.util.Arrays.fill(v0, Integer.MAX_VALUE);
            Vector3d p = new Vector3d();
            for (int v = 0; v < k.height(); v++) {
                for (int u = 0; u < k.width(); u++) {
                    int i = v * k.width() + u;
                    int id = labels[i];
                    if (id == 0) {
                        continue;
                    }
                    double z = depth[i];
                    pose.cameraToWorld(p.set((u - k.cx()) * z / k.fx(), (v - k.cy()) * z / k.fy(), z), p);
                    assertTrue(solidOf[id].distanceTo(p.x, p.y, p.z) < ON_SHAPE,
                            "seed " + seed + " pixel (" + u + ", " + v + ") id " + id);
                    count[id]++;
                    u0[id] = Math.min(u0[id], u);
                    v0[id] = Math.min(v0[id], v);
                    u1[id] = Math.max(u1[id], u + 1);
                    v1[id] = Math.max(v1[id], v + 1);
                    checkedPixels++;
                }
            }
            for (ObjectFacts o : objects) {
                assertEquals(count[o.id()], o.pointCount());
                assertEquals(new io.github.spatialvlm4j.datagen.facts.PixelBox(u0[o.id()], v0[o.id()], u1[o.id()],
                        v1[o.id()]), o.imageBox());
            }
        }
        assertTrue(checkedPixels > 10_000);
    }

    private static Solid matchByCentre(SyntheticScene scene, CameraPose pose, ObjectFacts o) {
        Vector3d c = pose.cameraToWorld(new Vector3d(o.center().x(), o.center().y(), o.center().z()), new Vector3d());
        Solid best = null;
        for (PlacedObject po : scene.objects()) {
            Solid s = po.solid();
            if (c.distance(s.cx(), s.cy(), s.cz()) < FLOAT_TOL) {
                assertTrue(best == null, "two solids share a centre");
                best = s;
            }
        }
        assertNotNull(best, "no solid has the centre of object " + o.id());
        return best;
    }

    @Test
    void floorPlaneMatchesFloorPixelsAndWorldHeights() {
        for (long seed : SEEDS) {
            Frame f = GENERATOR.generate("floor", seed);
            SyntheticScene scene = GENERATOR.scene(seed);
            SceneFacts truth = f.groundTruth().orElseThrow();
            assertTrue(truth.canonicalized());
            Plane floor = truth.floor().orElseThrow();
            assertTrue(floor.ny() < 0, "normal points up (against camera +y)");
            assertEquals(new org.joml.Matrix4f(FloorFrame.fromFloorPlane(floor).cameraToFloor()),
                    new org.joml.Matrix4f(truth.cameraToUp()));
            CameraIntrinsics k = f.intrinsics().orElseThrow();
            float[] depth = f.depth().orElseThrow().meters();
            Vector3d p = new Vector3d();
            for (int i = 0; i < depth.length; i += 7) {
                double z = depth[i];
                if (z == 0) {
                    continue;
                }
                int u = i % k.width();
                int v = i / k.width();
                p.set((u - k.cx()) * z / k.fx(), (v - k.cy()) * z / k.fy(), z);
                double height = floor.signedDistance(p.x, p.y, p.z);
                Vector3d w = scene.camera().cameraToWorld(p, new Vector3d());
                assertEquals(w.z, height, ON_SHAPE, "pixel " + i);
                assertTrue(height > -ON_SHAPE, "nothing is below the floor");
            }
        }
    }

    @Test
    void emptyRoomPixelsAllLieOnTheGroundTruthFloor() {
        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(Math.toRadians(65), 200, 150);
        for (int trial = 0; trial < 4; trial++) {
            CameraPose pose = new CameraPose(trial, -trial, 1.0 + 0.2 * trial, 0.7 * trial, Math.toRadians(10 + 8 * trial),
                    Math.toRadians(trial - 2));
            Frame f = GENERATOR.render("empty", new SyntheticScene(pose, k, List.of(), List.of()), 0);
            Plane floor = f.groundTruth().orElseThrow().floor().orElseThrow();
            float[] depth = f.depth().orElseThrow().meters();
            int valid = 0;
            for (int i = 0; i < depth.length; i++) {
                double z = depth[i];
                if (z > 0) {
                    double x = (i % k.width() - k.cx()) * z / k.fx();
                    double y = (i / k.width() - k.cy()) * z / k.fy();
                    assertEquals(0, floor.signedDistance(x, y, z), ON_SHAPE);
                    valid++;
                }
            }
            assertTrue(valid > depth.length / 3, "trial " + trial + ": " + valid);
            assertTrue(f.groundTruth().orElseThrow().objects().isEmpty());
        }
    }

    @Test
    void stackedObjectsRestOnTheTopOfTheirSupport() {
        SyntheticSceneGenerator stacking = new SyntheticSceneGenerator(
                OPTIONS.withStackingProbability(1.0).withObjects(6, 12));
        int stackedInScenes = 0;
        int stackedInTruth = 0;
        for (long seed = 100; seed < 106; seed++) {
            SyntheticScene scene = stacking.scene(seed);
            for (PlacedObject o : scene.objects()) {
                Solid s = o.solid();
                if (s.bottom() > SolidGaps.TOUCHING) {
                    Solid support = scene.objects().stream().map(PlacedObject::solid)
                            .filter(b -> b instanceof Solid.Box && Math.abs(b.top() - s.bottom()) < 1e-12
                                    && SolidGaps.pointToRectangle(s.cx(), s.cy(), (Solid.Box) b) == 0)
                            .findFirst().orElse(null);
                    assertNotNull(support, "seed " + seed + ": nothing under " + s);
                    assertEquals(0, SolidGaps.gap(s, support));
                    stackedInScenes++;
                }
            }
            SceneFacts truth = stacking.generate("stack", seed).groundTruth().orElseThrow();
            List<ObjectFacts> objects = truth.objects();
            for (int i = 0; i < objects.size(); i++) {
                ObjectFacts o = objects.get(i);
                for (int j = 0; j < objects.size(); j++) {
                    if (j != i && o.bottom() > 0 && objects.get(j).top() == o.bottom()) {
                        assertEquals(0f, truth.gap(i, j));
                        assertEquals(0f, truth.gap(j, i));
                        stackedInTruth++;
                    }
                }
            }
        }
        assertTrue(stackedInScenes >= 3, "stacked objects drawn: " + stackedInScenes);
        assertTrue(stackedInTruth >= 2, "stacked pairs in ground truth: " + stackedInTruth);
    }

    @Test
    void gapsMatrixIsSymmetricAndMatchesTheSolids() {
        Frame f = GENERATOR.generate("gaps", 7);
        SyntheticScene scene = GENERATOR.scene(7);
        SceneFacts truth = f.groundTruth().orElseThrow();
        int n = truth.objects().size();
        for (int i = 0; i < n; i++) {
            assertEquals(0f, truth.gap(i, i));
            Solid a = matchByCentre(scene, scene.camera(), truth.objects().get(i));
            for (int j = 0; j < n; j++) {
                assertEquals(truth.gap(i, j), truth.gap(j, i));
                if (i != j) {
                    Solid b = matchByCentre(scene, scene.camera(), truth.objects().get(j));
                    assertEquals((float) SolidGaps.gap(a, b), truth.gap(i, j));
                    assertTrue(truth.gap(i, j) <= truth.distance(i, j));
                }
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalFramesAndNoiseLeavesSceneAndTruthAlone() {
        SyntheticSceneGenerator noisy = new SyntheticSceneGenerator(OPTIONS.withNoise(NoiseModel.DEFAULT));
        Frame a = noisy.generate("d", 99);
        Frame b = noisy.generate("d", 99);
        assertArrayEquals(a.depth().orElseThrow().meters(), b.depth().orElseThrow().meters());
        assertArrayEquals(a.labels().orElseThrow().ids(), b.labels().orElseThrow().ids());
        assertArrayEquals(a.image().rgb(), b.image().rgb());
        assertEquals(a.captions(), b.captions());
        assertEquals(a.groundTruth().orElseThrow().objects(), b.groundTruth().orElseThrow().objects());
        assertArrayEquals(a.groundTruth().orElseThrow().gaps(), b.groundTruth().orElseThrow().gaps());

        Frame clean = GENERATOR.generate("d", 99);
        assertArrayEquals(clean.image().rgb(), a.image().rgb());
        assertEquals(clean.groundTruth().orElseThrow().objects(), a.groundTruth().orElseThrow().objects());
        assertFalse(java.util.Arrays.equals(clean.depth().orElseThrow().meters(), a.depth().orElseThrow().meters()));

        Frame other = noisy.generate("d", 100);
        assertFalse(java.util.Arrays.equals(other.image().rgb(), a.image().rgb()));
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Frame>> futures = new java.util.ArrayList<>();
            for (long seed = 0; seed < 4; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> GENERATOR.generate("c", s)));
            }
            for (int seed = 0; seed < 4; seed++) {
                Frame sequential = GENERATOR.generate("c", seed);
                Frame parallel = futures.get(seed).get();
                assertArrayEquals(sequential.depth().orElseThrow().meters(), parallel.depth().orElseThrow().meters());
                assertArrayEquals(sequential.labels().orElseThrow().ids(), parallel.labels().orElseThrow().ids());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void captionsAreShortAndNameColourAndShape() {
        java.util.regex.Pattern grammar = java.util.regex.Pattern.compile(
                "((small|large|tall|short|wide|thin) )?(red|green|blue|yellow|orange|purple|white|black|gray|brown|pink"
                        + "|cyan) (box|cylinder|ball|sphere)");
        for (long seed : SEEDS) {
            Frame f = GENERATOR.generate("cap", seed);
            SceneFacts truth = f.groundTruth().orElseThrow();
            assertEquals(truth.objects().size(), f.captions().size());
            for (ObjectFacts o : truth.objects()) {
                assertEquals(o.caption(), f.captions().get(o.id()));
                assertTrue(grammar.matcher(o.caption()).matches(), o.caption());
            }
            assertArrayEquals(truth.objects().stream().mapToInt(ObjectFacts::id).toArray(),
                    f.labels().orElseThrow().distinctIds());
        }
    }
}
