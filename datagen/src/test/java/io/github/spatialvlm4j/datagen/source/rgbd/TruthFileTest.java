package io.github.spatialvlm4j.datagen.source.rgbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.datagen.facts.GroundTruth;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.OrientedBox;
import io.github.spatialvlm4j.geometry.Plane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.joml.Matrix3f;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TruthFile#read} on a hand-built truth: a level camera {@value #CAMERA_HEIGHT} m above the floor
 * (camera frame x right, y down, z forward), two axis-aligned boxes and one turned 30 degrees about the
 * vertical, all standing on the floor, plus boxes without labelled pixels that must be dropped.
 */
class TruthFileTest {
    private static final double CAMERA_HEIGHT = 1.5;
    private static final float EXACT = 1e-5f;
    private static final int W = 16;
    private static final int H = 12;
    private static final String IDENTITY = "[[1, 0, 0], [0, 1, 0], [0, 0, 1]]";
    private static final double YAW = Math.toRadians(30);
    /** A turn by {@link #YAW} about camera y (the vertical): columns (c, 0, -s), (0, 1, 0), (s, 0, c). */
    private static final String TURNED = String.format(Locale.ROOT, "[[%s, 0, %s], [0, 1, 0], [%s, 0, %s]]",
            Math.cos(YAW), Math.sin(YAW), -Math.sin(YAW), Math.cos(YAW));

    @TempDir
    Path dir;

    /** Labels 1 (u 1-4, v 2-8), 2 (u 10-13, v 3-8) and 3 (u 6-8, v 1-4); label 4 has pixels but no box. */
    private static LabelImage labels() {
        int[] ids = new int[W * H];
        fill(ids, 1, 1, 5, 2, 9);
        fill(ids, 2, 10, 14, 3, 9);
        fill(ids, 3, 6, 9, 1, 5);
        fill(ids, 4, 14, 16, 10, 12);
        return new LabelImage(W, H, ids);
    }

    private static void fill(int[] ids, int id, int u0, int u1, int v0, int v1) {
        for (int v = v0; v < v1; v++) {
            for (int u = u0; u < u1; u++) {
                ids[v * W + u] = id;
            }
        }
    }

    private static DepthMap depth() {
        float[] m = new float[W * H];
        Arrays.fill(m, 3f);
        return new DepthMap(W, H, m);
    }

    private static String object(Integer label, String name, double x, double y, double z, double sx, double sy,
            double sz, String rotation) {
        return String.format(Locale.ROOT, "{%s%s\"center\": [%s, %s, %s], \"size\": [%s, %s, %s], \"rotation\": %s}",
                label == null ? "" : "\"label\": " + label + ", ", name == null ? "" : "\"name\": \"" + name + "\", ",
                x, y, z, sx, sy, sz, rotation);
    }

    /**
     * Box 1: 0.4 (x) x 0.6 (vertical) x 0.3 (z) at (-0.5, 1.2, 3); box 2: 0.2 x 0.4 x 0.5 at (0.5, 1.3, 3), 0.7 m
     * to the right of box 1; box 3: 0.8 x 1.0 x 0.4 turned 30 degrees at (0, 1.0, 5). All stand on the floor,
     * 1.5 m below the camera. Box 5 and the unlabelled box have no pixels.
     */
    private static final List<String> OBJECTS = List.of(
            object(1, "box", -0.5, 1.2, 3, 0.4, 0.6, 0.3, IDENTITY),
            object(2, "chair", 0.5, 1.3, 3, 0.2, 0.4, 0.5, IDENTITY),
            object(3, null, 0, 1.0, 5, 0.8, 1.0, 0.4, TURNED),
            object(5, "ghost", 2, 1.0, 4, 0.3, 0.3, 0.3, IDENTITY),
            object(null, "unlabelled", -2, 1.0, 4, 0.3, 0.3, 0.3, IDENTITY),
            object(0, "outside", -2, 1.0, 6, 0.3, 0.3, 0.3, IDENTITY));

    private static String truth(String floor, boolean visible, List<String> objects) {
        return "{\"up\": [0, -1, 0], " + (floor == null ? "" : "\"floor\": " + floor + ", ") + "\"floor_visible\": "
                + visible + ", \"objects\": [" + String.join(", ", objects) + "]}";
    }

    private GroundTruth read(String json) throws IOException {
        Path f = dir.resolve("f1.truth.json");
        Files.writeString(f, json);
        return TruthFile.read(f, "f1", labels(), Map.of(1, "red box"), depth());
    }

    private static OrientedBox box(float x, float y, float z, Matrix3f r, float sx, float sy, float sz) {
        return new OrientedBox(new Vector3f(x, y, z), r, new Vector3f(sx / 2, sy / 2, sz / 2));
    }

    @Test
    void floorTruthGivesFactsOfTheBoxes() throws IOException {
        GroundTruth g = read(truth("{\"normal\": [0, -1, 0], \"d\": 1.5}", true, OBJECTS));
        assertTrue(g.floorVisible());
        assertEquals(1, g.depthScale(), 0);
        SceneFacts s = g.facts();
        assertEquals(FloorState.FLOOR, s.floorState());
        assertEquals("f1", s.frameId());
        assertEquals(W, s.imageWidth());
        Plane floor = s.floor().orElseThrow();
        assertEquals(-1, floor.ny(), EXACT);
        assertEquals(CAMERA_HEIGHT, floor.d(), EXACT);
        // The camera stands 1.5 m above the floor in the up frame.
        Vector3f camera = s.cameraToUp().transformPosition(new Vector3f());
        assertEquals(CAMERA_HEIGHT, camera.z, EXACT);

        // Only labels 1, 2 and 3 have pixels and boxes; captions from objects.json, else the name, else "object".
        List<ObjectFacts> o = s.objects();
        assertEquals(List.of(1, 2, 3), o.stream().map(ObjectFacts::id).toList());
        assertEquals(List.of("red box", "chair", "object"), o.stream().map(ObjectFacts::caption).toList());
        assertObject(o.get(0), 0.4, 0.3, 0.6, 0, 28, new PixelBox(1, 2, 5, 9));
        assertObject(o.get(1), 0.5, 0.2, 0.4, 0, 24, new PixelBox(10, 3, 14, 9));
        assertObject(o.get(2), 0.8, 0.4, 1.0, 0, 12, new PixelBox(6, 1, 9, 5));
        assertTrue(o.get(0).center().equals(new Vector3f(-0.5f, 1.2f, 3f), EXACT), o.get(0).center().toString());
        assertTrue(o.get(2).center().equals(new Vector3f(0, 1f, 5f), EXACT), o.get(2).center().toString());
        assertEquals(0.3, o.get(0).centerUp().z(), EXACT, "centre height above the floor");

        // Gaps: the exact box distances.
        assertEquals(0.7, s.gap(0, 1), EXACT);
        assertEquals(s.gap(0, 1), s.gap(1, 0), 0);
        assertEquals(0, s.gap(2, 2), 0);
        Matrix3f turned = new Matrix3f().rotationY((float) YAW);
        OrientedBox b1 = box(-0.5f, 1.2f, 3, new Matrix3f(), 0.4f, 0.6f, 0.3f);
        OrientedBox b2 = box(0.5f, 1.3f, 3, new Matrix3f(), 0.2f, 0.4f, 0.5f);
        OrientedBox b3 = box(0, 1, 5, turned, 0.8f, 1.0f, 0.4f);
        assertEquals(b1.distance(b3), s.gap(0, 2), EXACT);
        assertEquals(b2.distance(b3), s.gap(1, 2), EXACT);
        assertEquals(s.gap(0, 2), s.gap(2, 0), 0);
        assertTrue(s.gap(0, 2) > 1.5 && s.gap(0, 2) < 2, "box 3 is about 1.6 m behind box 1: " + s.gap(0, 2));
    }

    private static void assertObject(ObjectFacts o, double width, double depth, double height, double bottom,
            int pixels, PixelBox box) {
        String what = o.toString();
        assertEquals(width, o.width(), EXACT, what);
        assertEquals(depth, o.depth(), EXACT, what);
        assertEquals(height, o.height(), EXACT, what);
        assertEquals(bottom, o.bottom(), EXACT, what);
        assertEquals(bottom + height, o.top(), EXACT, what);
        assertEquals(pixels, o.pointCount(), what);
        assertEquals(box, o.imageBox(), what);
        assertTrue(o.occludedOutline() >= 0 && o.occludedOutline() <= 1, what);
    }

    @Test
    void withoutAFloorTheTruthKnowsOnlyUp() throws IOException {
        for (String floor : new String[] {null, "null"}) {
            GroundTruth g = read(truth(floor, false, OBJECTS));
            assertFalse(g.floorVisible());
            SceneFacts s = g.facts();
            assertEquals(FloorState.UP_ONLY, s.floorState());
            assertTrue(s.floor().isEmpty());
            // Heights are relative to the camera, sizes and gaps as with a floor.
            assertEquals(0, s.cameraToUp().transformPosition(new Vector3f()).length(), EXACT);
            Vector3f up = new Matrix4f(s.cameraToUp()).invertAffine().getColumn(2, new Vector3f());
            assertTrue(up.equals(new Vector3f(0, -1, 0), EXACT), up.toString());
            ObjectFacts first = s.objects().get(0);
            assertEquals(-1.5, first.bottom(), EXACT);
            assertEquals(-0.9, first.top(), EXACT);
            assertEquals(0.6, first.height(), EXACT);
            assertEquals(0.4, first.width(), EXACT);
            assertEquals(0.7, s.gap(0, 1), EXACT);
            assertEquals(3, s.objects().size());
        }
    }

    @Test
    void errorsNameTheFileAndTheField() throws IOException {
        String floor = "{\"normal\": [0, -1, 0], \"d\": 1.5}";
        String good = object(1, "box", -0.5, 1.2, 3, 0.4, 0.6, 0.3, IDENTITY);
        assertError("{\"floor_visible\": true, \"objects\": []}", "\"up\"");
        assertError("{\"up\": [0, 0, 0], \"floor_visible\": true, \"objects\": []}", "\"up\" is a zero vector");
        assertError("{\"up\": [0, -1, 0], \"objects\": []}", "floor_visible");
        assertError("{\"up\": [0, -1, 0], \"floor_visible\": \"yes\", \"objects\": []}", "floor_visible", "yes");
        assertError("{\"up\": [0, -1, 0], \"floor_visible\": true}", "\"objects\"");
        assertError(truth("{\"normal\": [0, -1, 0]}", true, List.of()), "floor.d");
        assertError(truth("{\"d\": 1.5}", true, List.of()), "floor.normal");
        assertError(truth("{\"normal\": [0, 0, 0], \"d\": 1.5}", true, List.of()), "\"floor.normal\" is a zero vector");
        assertError(truth("{\"normal\": [0, 1, 0], \"d\": -1.5}", true, List.of()), "floor normal",
                "not the up direction");
        assertError(truth(floor, true, List.of(good, object(-1, "x", 0, 1, 3, 0.1, 0.1, 0.1, IDENTITY))),
                "objects[1].label", "-1");
        assertError(truth(floor, true, List.of(object(null, "x", 0, 1, 3, 0.1, 0.1, 0.1, IDENTITY).replace("{",
                "{\"label\": \"two\", "))), "objects[0].label", "two");
        assertError(truth(floor, true, List.of(good, object(2, "x", 0, 1, 3, 0.1, -0.2, 0.1, IDENTITY))),
                "objects[1].size", "negative");
        assertError(truth(floor, true, List.of(object(1, "x", 0, 1, 3, 0.1, 0.1, 0.1, "[[1, 0, 0], [0, 1, 0], [0, 0, 2]]"))),
                "objects[0].rotation", "not a rotation");
        assertError(truth(floor, true, List.of("{\"label\": 1, \"size\": [1, 1, 1], \"rotation\": " + IDENTITY + "}")),
                "objects[0].center");
        assertError(truth(floor, true, List.of(good, good)), "label 1 has two boxes");
        // Malformed JSON names the file.
        Path f = dir.resolve("bad.truth.json");
        Files.writeString(f, "{\"up\": [0, -1");
        IOException e = assertThrows(IOException.class, () -> TruthFile.read(f, "bad", labels(), Map.of(), depth()));
        assertTrue(e.getMessage().contains("Malformed JSON") && e.getMessage().contains("bad.truth.json"),
                e.getMessage());
    }

    private void assertError(String json, String... parts) throws IOException {
        Path f = dir.resolve("f1.truth.json");
        Files.writeString(f, json);
        IOException e = assertThrows(IOException.class, () -> TruthFile.read(f, "f1", labels(), Map.of(), depth()),
                json);
        assertTrue(e.getMessage().contains("f1.truth.json"), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }
}
