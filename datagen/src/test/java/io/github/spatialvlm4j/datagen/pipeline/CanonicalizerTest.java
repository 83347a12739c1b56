package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.GravityHint;
import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.datagen.source.synthetic.CameraPose;
import io.github.spatialvlm4j.datagen.source.synthetic.NamedColor;
import io.github.spatialvlm4j.datagen.source.synthetic.PlacedObject;
import io.github.spatialvlm4j.datagen.source.synthetic.Solid;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticScene;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Up and floor on rendered scenes with known answers: floors, tables without a floor, walls, given gravity. */
class CanonicalizerTest {
    /** Largest angle between the estimated and the true floor normal or up, degrees. */
    private static final double ANGLE_TOLERANCE_DEG = 1.0;
    /** Largest error of the camera height above the floor, meters. */
    private static final double HEIGHT_TOLERANCE_M = 0.02;
    private static final SyntheticSceneOptions OPTIONS = SyntheticSceneOptions.defaults().withSize(160, 120);

    private static Kernels kernels;
    private static Canonicalizer canonicalizer;

    @BeforeAll
    static void open() {
        kernels = Kernels.jvm(2);
        canonicalizer = new Canonicalizer(kernels, CanonicalizeOptions.defaults());
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

    private static Canonicalizer.Result run(Frame frame, GravityHint gravity, long seed) {
        return canonicalizer.canonicalize(frame.depth().orElseThrow(), frame.intrinsics().orElseThrow(),
                Optional.empty(), Optional.empty(), gravity, seed);
    }

    /** A scene of {@code solids} seen from a camera at (0, 0, height) looking along +x, pitched down. */
    private static Frame render(double height, double pitchDegrees, double rollDegrees, List<Solid> solids) {
        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(Math.toRadians(60), 160, 120);
        CameraPose pose = new CameraPose(0, 0, height, 0, Math.toRadians(pitchDegrees), Math.toRadians(rollDegrees));
        List<PlacedObject> objects = solids.stream().map(s -> PlacedObject.of(s, NamedColor.values()[0])).toList();
        SyntheticScene scene = new SyntheticScene(pose, k, objects, List.of());
        return new SyntheticSceneGenerator(OPTIONS.withMinVisiblePixels(1)).render("scene", scene, 1);
    }

    /** The true up of a rendered frame, camera frame. */
    private static Vector3f trueUp(Frame frame) {
        return new Matrix4f(frame.groundTruth().orElseThrow().cameraToUp()).invertAffine()
                .getColumn(2, new Vector3f()).normalize();
    }

    private static double angle(Vector3f a, Vector3f b) {
        return Math.toDegrees(a.angle(b));
    }

    @Test
    void syntheticSceneFloorMatchesGroundTruth() {
        SyntheticSceneGenerator gen = new SyntheticSceneGenerator(OPTIONS.withObjects(2, 5));
        for (long seed = 1; seed <= 4; seed++) {
            Frame frame = gen.generate("s" + seed, seed);
            Plane truth = frame.groundTruth().orElseThrow().floor().orElseThrow();
            Canonicalizer.Result r = run(frame, GravityHint.NONE, 100 + seed);
            assertEquals(FloorState.FLOOR, r.state(), "seed " + seed + ": " + r.detail());
            Plane est = r.floor().orElseThrow();
            double a = Math.toDegrees(est.angleTo(truth.nx(), truth.ny(), truth.nz()));
            assertTrue(a < ANGLE_TOLERANCE_DEG, "seed " + seed + ": normal off by " + a + " deg");
            assertEquals(truth.d(), est.d(), HEIGHT_TOLERANCE_M, "seed " + seed + ": camera height");
            assertTrue(r.detail().contains("floor found"), r.detail());
        }
    }

    @Test
    void aTableTopFillingTheViewIsNotTheFloorButGivesUp() {
        // The camera 0.6 m above a 3 x 3 m table top (at 0.75 m), looking 60 degrees down, rolled 4 degrees:
        // no floor in view.
        Frame frame = render(1.35, 60, 4, List.of(new Solid.Box(0.9, 0, 0.375, 3, 3, 0.75, 0)));
        Canonicalizer.Result r = run(frame, GravityHint.NONE, 3);
        assertEquals(FloorState.UP_ONLY, r.state(), r.detail());
        assertTrue(r.floor().isEmpty());
        assertTrue(angle(new Vector3f(r.up()), trueUp(frame)) < ANGLE_TOLERANCE_DEG, r.up() + " vs " + trueUp(frame));
        assertTrue(r.detail().contains("m below the camera, outside [0.90, 3.50] m for a floor"), r.detail());
        // The up frame is turned to gravity with its origin at the camera.
        assertEquals(0, new Matrix4f(r.frame().floorToCamera()).getColumn(3, new Vector3f()).length(), 1e-6);
    }

    @Test
    void aTableWithItsFloorInViewGivesTheFloor() {
        Frame frame = render(1.5, 30, 0, List.of(new Solid.Box(3, 0, 0.375, 1.2, 0.8, 0.75, 0.3)));
        Canonicalizer.Result r = run(frame, GravityHint.NONE, 4);
        assertEquals(FloorState.FLOOR, r.state(), r.detail());
        assertEquals(1.5, r.floor().orElseThrow().d(), HEIGHT_TOLERANCE_M, "the floor, not the table top");
    }

    @Test
    void aSurfaceWithTheSceneReachingBelowItIsNotTheFloor() {
        // A cupboard 0.9 m high seen from 1.9 m, 1 m above its top (so the height alone would pass), with the
        // floor erased from the depth: the lowest horizontal surface in view is the cupboard top, and its
        // front and sides reach 0.9 m below it.
        Frame frame = render(1.9, 40, 0, List.of(new Solid.Box(2.2, 0, 0.45, 1.5, 1.5, 0.9, 0.4)));
        Plane floor = frame.groundTruth().orElseThrow().floor().orElseThrow();
        CameraIntrinsics k = frame.intrinsics().orElseThrow();
        float[] z = frame.depth().orElseThrow().meters().clone();
        int w = k.width();
        for (int i = 0; i < z.length; i++) {
            double x = (i % w - k.cx()) * z[i] / k.fx();
            double y = (i / w - k.cy()) * z[i] / k.fy();
            if (z[i] > 0 && floor.signedDistance(x, y, z[i]) < 0.03) {
                z[i] = DepthMap.INVALID;
            }
        }
        Canonicalizer.Result r = canonicalizer.canonicalize(new DepthMap(w, k.height(), z), k, Optional.empty(),
                Optional.empty(), GravityHint.NONE, 5);
        assertEquals(FloorState.UP_ONLY, r.state(), r.detail());
        assertTrue(r.detail().contains("lies below the lowest horizontal surface"), r.detail());
        assertTrue(angle(new Vector3f(r.up()), trueUp(frame)) < ANGLE_TOLERANCE_DEG);
    }

    @Test
    void onlyAWallGivesNoUp() {
        // Level camera facing a wall 3 m away that fills the view.
        Frame frame = render(1.5, 0, 0, List.of(new Solid.Box(3.5, 0, 2.5, 1, 20, 5, 0)));
        Canonicalizer.Result r = run(frame, GravityHint.NONE, 6);
        assertEquals(FloorState.NONE, r.state(), r.detail());
        assertEquals(FloorFrame.cameraUp().cameraToFloor(), r.frame().cameraToFloor());
        assertTrue(r.detail().startsWith("no up"), r.detail());
    }

    @Test
    void aNoisyWallGivesNoUpRatherThanAWrongOne() {
        // A rolled camera tilted up at a wall 3.5 m away, depth noise of a consumer sensor at that range: the
        // scattered normals of the wall hold a few "horizontal" ones. No up is right; an up far off would make
        // every height answer wrong.
        Frame frame = render(1.5, -8, 10, List.of(new Solid.Box(4.0, 0, 2.5, 1, 20, 5, 0)));
        Vector3f truth = trueUp(frame);
        CameraIntrinsics k = frame.intrinsics().orElseThrow();
        float[] clean = frame.depth().orElseThrow().meters();
        for (long seed = 1; seed <= 6; seed++) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            float[] z = clean.clone();
            for (int i = 0; i < z.length; i++) {
                if (z[i] > 0) {
                    z[i] += (float) (0.02 * gaussian(random));
                }
            }
            Canonicalizer.Result r = canonicalizer.canonicalize(new DepthMap(k.width(), k.height(), z), k,
                    Optional.empty(), Optional.empty(), GravityHint.NONE, seed);
            assertTrue(r.state() == FloorState.NONE || angle(new Vector3f(r.up()), truth) < 5,
                    "seed " + seed + ": " + r.state() + " up " + r.up() + " vs " + truth + ", " + r.detail());
        }
    }

    private static double gaussian(java.util.SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void twoWallsGiveUpWithoutAnyHorizontalSurface() {
        // A level camera rolled 6 degrees, facing the corner of two walls: no floor, table or ceiling in view.
        Frame frame = render(1.5, 0, 6, List.of(new Solid.Box(4.0, 2.5, 2.5, 4, 1, 8, Math.toRadians(45)),
                new Solid.Box(4.0, -2.5, 2.5, 4, 1, 8, Math.toRadians(-45))));
        float[] z = frame.depth().orElseThrow().meters().clone();
        int[] ids = frame.labels().orElseThrow().ids();
        for (int i = 0; i < z.length; i++) {
            if (ids[i] == 0) {
                z[i] = DepthMap.INVALID; // the floor out of view
            }
        }
        CameraIntrinsics k = frame.intrinsics().orElseThrow();
        Canonicalizer.Result r = canonicalizer.canonicalize(new DepthMap(k.width(), k.height(), z), k,
                Optional.empty(), Optional.empty(), GravityHint.NONE, 8);
        assertEquals(FloorState.UP_ONLY, r.state(), r.detail());
        assertTrue(angle(new Vector3f(r.up()), trueUp(frame)) < ANGLE_TOLERANCE_DEG, r.up() + " vs " + trueUp(frame));
    }

    @Test
    void aLowObjectTopIsNotTheFloor() {
        // The floor is out of the depth (a dark floor a sensor misses); the lowest horizontal surface in view is
        // the top of a 10 cm box, 1.4 m below the camera, whose mask says it is an object.
        Frame frame = render(1.5, 30, 0, List.of(new Solid.Box(3, 0, 0.05, 1.2, 1.2, 0.1, 0.3),
                new Solid.Box(4, 1, 0.4, 0.5, 0.5, 0.8, 0.1)));
        float[] z = frame.depth().orElseThrow().meters().clone();
        int[] ids = frame.labels().orElseThrow().ids();
        for (int i = 0; i < z.length; i++) {
            if (ids[i] == 0) {
                z[i] = DepthMap.INVALID;
            }
        }
        CameraIntrinsics k = frame.intrinsics().orElseThrow();
        Canonicalizer.Result withMasks = canonicalizer.canonicalize(new DepthMap(k.width(), k.height(), z), k,
                Optional.empty(), frame.labels(), GravityHint.NONE, 9);
        assertEquals(FloorState.UP_ONLY, withMasks.state(), withMasks.detail());
        assertTrue(withMasks.detail().contains("object pixels"), withMasks.detail());
    }

    @Test
    void givenUpIsUsedAsGivenAndOnlyTheFloorHeightIsFitted() {
        Frame frame = render(1.4, 25, 3, List.of(new Solid.Box(3, 0.5, 0.4, 0.8, 0.8, 0.8, 0.2)));
        Vector3f up = trueUp(frame);
        // A data set's gravity 1.5 degrees off the depth's floor is kept as it is.
        Vector3f tilted = new Matrix4f().rotate((float) Math.toRadians(1.5), 1, 0, 0).transformDirection(new Vector3f(up));
        Canonicalizer.Result r = run(frame, GravityHint.given(tilted, OptionalDouble.empty(), "pose.json"), 7);
        assertEquals(FloorState.FLOOR, r.state(), r.detail());
        assertTrue(angle(new Vector3f(r.up()), tilted) < 1e-4, "given up kept");
        assertEquals(1.4, r.floor().orElseThrow().d(), 0.05);
        assertTrue(r.detail().startsWith("up given by pose.json"), r.detail());
        // With a camera height the floor is given too, whatever the depth says.
        Canonicalizer.Result given = run(frame, GravityHint.given(up, OptionalDouble.of(1.25), "pose.json"), 7);
        assertEquals(1.25, given.floor().orElseThrow().d(), 1e-6);
        // An invalid hint falls back to estimation and says so.
        Canonicalizer.Result fallback = run(frame, GravityHint.invalid("pose.json: \"up\" is a zero vector"), 7);
        assertEquals(FloorState.FLOOR, fallback.state(), fallback.detail());
        assertTrue(fallback.detail().startsWith("pose.json: \"up\" is a zero vector is invalid, so up is estimated"),
                fallback.detail());
        assertTrue(angle(new Vector3f(fallback.up()), up) < ANGLE_TOLERANCE_DEG);
    }

    @Test
    void tooFewPointsGiveNoUp() {
        DepthMap empty = new DepthMap(160, 120, new float[160 * 120]);
        Canonicalizer.Result r = canonicalizer.canonicalize(empty,
                CameraIntrinsics.fromHorizontalFov(Math.toRadians(60), 160, 120), Optional.empty(), Optional.empty(), GravityHint.NONE, 1);
        assertEquals(FloorState.NONE, r.state());
        assertTrue(r.detail().contains("only 0 points"), r.detail());
    }

    @Test
    void sameSeedGivesTheSamePlaneOnAnyThreadCount() {
        Frame frame = new SyntheticSceneGenerator(OPTIONS.withObjects(4, 8)).generate("t", 77);
        Canonicalizer.Result a = run(frame, GravityHint.NONE, 77);
        Canonicalizer.Result b = run(frame, GravityHint.NONE, 77);
        Canonicalizer.Result c;
        try (Kernels one = Kernels.jvm(1)) {
            c = new Canonicalizer(one, CanonicalizeOptions.defaults()).canonicalize(frame.depth().orElseThrow(),
                    frame.intrinsics().orElseThrow(), Optional.empty(), Optional.empty(), GravityHint.NONE, 77);
        }
        assertEquals(FloorState.FLOOR, a.state(), a.detail());
        assertEquals(a.floor(), b.floor());
        assertEquals(a.floor(), c.floor());
        assertEquals(a.detail(), c.detail());
    }
}
