package io.github.spatialvlm4j.datagen.source.rgbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.synthetic.CameraPose;
import io.github.spatialvlm4j.datagen.source.synthetic.NamedColor;
import io.github.spatialvlm4j.datagen.source.synthetic.PlacedObject;
import io.github.spatialvlm4j.datagen.source.synthetic.Solid;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticScene;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.geometry.io.LabelPng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --source rgbd} on a tiny RGB-D folder rendered from a hand-built scene of three yawed boxes
 * (so the truth is exact), written in the folder layout with a {@code truth.json} made from the boxes:
 * <ul>
 *   <li>frame {@code a}: floor visible, no pose: the engine finds the floor;</li>
 *   <li>frame {@code b}: the floor cut out of the depth, truth {@code floor_visible: false}, up given by
 *       {@code b.pose.json}: up only, no floor claimed;</li>
 *   <li>frame {@code c}: no truth: counted as {@code no_ground_truth};</li>
 *   <li>frame {@code d}: as {@code b} without a pose: up estimated from the box tops and walls, up only.</li>
 * </ul>
 */
class RgbdAuditCliTest {
    private static final double MILLIMETRES = 1000;
    private static final double CAMERA_HEIGHT = 1.4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static SyntheticScene scene() {
        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(Math.toRadians(65), 160, 120);
        CameraPose pose = new CameraPose(0, 0, CAMERA_HEIGHT, 0, Math.toRadians(25), Math.toRadians(2));
        List<PlacedObject> boxes = List.of(
                PlacedObject.of(new Solid.Box(3.0, -0.7, 0.3, 0.6, 0.4, 0.6, 0.3), NamedColor.RED),
                PlacedObject.of(new Solid.Box(3.2, 0.7, 0.4, 0.5, 0.45, 0.8, 1.0), NamedColor.BLUE),
                PlacedObject.of(new Solid.Box(4.2, 0.0, 0.25, 0.9, 0.4, 0.5, -0.4), NamedColor.YELLOW));
        List<Plane> walls = List.of(Plane.fromPointAndNormal(6.5, 0, 0, -1, 0, 0),
                Plane.fromPointAndNormal(0, 3, 0, 0, -1, 0), Plane.fromPointAndNormal(0, -3, 0, 0, 1, 0));
        return new SyntheticScene(pose, k, boxes, walls);
    }

    /** Up in the camera frame: the world's z seen from the camera. */
    private static Vector3d up(CameraPose pose) {
        return pose.worldFromCamera(new Matrix3d()).transformTranspose(new Vector3d(0, 0, 1));
    }

    private static ArrayNode vector(ArrayNode a, Vector3d v) {
        return a.add(v.x).add(v.y).add(v.z);
    }

    /** The truth of {@code scene} in the layout of {@link TruthFile}: up, floor, each box with its label. */
    private static String truth(SyntheticScene scene, boolean floorVisible) throws IOException {
        CameraPose pose = scene.camera();
        Matrix3d cameraFromWorld = pose.worldFromCamera(new Matrix3d()).transpose();
        ObjectNode root = JSON.createObjectNode();
        Vector3d up = up(pose);
        vector(root.putArray("up"), up);
        ObjectNode floor = root.putObject("floor");
        vector(floor.putArray("normal"), up);
        floor.put("d", CAMERA_HEIGHT);
        root.put("floor_visible", floorVisible);
        ArrayNode objects = root.putArray("objects");
        for (int i = 0; i < scene.objects().size(); i++) {
            Solid.Box b = (Solid.Box) scene.objects().get(i).solid();
            ObjectNode o = objects.addObject();
            o.put("label", i + 1);
            o.put("name", "box " + (i + 1));
            vector(o.putArray("center"), pose.worldToCamera(new Vector3d(b.cx(), b.cy(), b.cz()), new Vector3d()));
            o.putArray("size").add(b.sizeX()).add(b.sizeY()).add(b.sizeZ());
            Vector3d[] axes = {new Vector3d(Math.cos(b.yaw()), Math.sin(b.yaw()), 0),
                new Vector3d(-Math.sin(b.yaw()), Math.cos(b.yaw()), 0), new Vector3d(0, 0, 1)};
            for (Vector3d a : axes) {
                cameraFromWorld.transform(a);
            }
            ArrayNode rows = o.putArray("rotation");
            for (int r = 0; r < 3; r++) {
                rows.addArray().add(axes[0].get(r)).add(axes[1].get(r)).add(axes[2].get(r));
            }
        }
        return JSON.writeValueAsString(root);
    }

    /** The depth with every pixel of the floor (world z below 1 cm, no object) set invalid. */
    private static DepthMap withoutFloor(Frame f, CameraPose pose) {
        CameraIntrinsics k = f.intrinsics().orElseThrow();
        DepthMap d = f.depth().orElseThrow();
        float[] m = d.meters().clone();
        int[] labels = f.labels().orElseThrow().ids();
        int cut = 0;
        for (int v = 0; v < d.height(); v++) {
            for (int u = 0; u < d.width(); u++) {
                int i = v * d.width() + u;
                float z = m[i];
                if (z == DepthMap.INVALID || labels[i] != 0) {
                    continue;
                }
                Vector3d p = new Vector3d((u - k.cx()) * z / k.fx(), (v - k.cy()) * z / k.fy(), z);
                if (pose.cameraToWorld(p, new Vector3d()).z < 0.01) {
                    m[i] = DepthMap.INVALID;
                    cut++;
                }
            }
        }
        assertTrue(cut > d.width() * d.height() / 5, "the floor covers much of the view: " + cut);
        return new DepthMap(d.width(), d.height(), m);
    }

    private static void write(Path dir, String id, Frame f, DepthMap depth) throws IOException {
        ColorImages.writePng(f.image(), dir.resolve(id + ".color.png"));
        DepthPng.write(depth, dir.resolve(id + ".depth.png"), MILLIMETRES);
        LabelPng.write(f.labels().orElseThrow(), dir.resolve(id + ".labels.png"));
        RgbdFolders.writeCaptions(dir, id, f.captions());
    }

    @Test
    void auditOfAnRgbdFolderWithTruth() throws IOException {
        SyntheticScene scene = scene();
        Frame f = new SyntheticSceneGenerator(SyntheticSceneOptions.defaults().withSize(160, 120))
                .render("room", scene, 1);
        assertEquals(3, f.captions().size(), "every box is visible, so labels 1-3 are the boxes in order");
        Path in = tmp.resolve("in");
        RgbdFolders.writeIntrinsics(in, f.intrinsics().orElseThrow(), MILLIMETRES);
        write(in, "a", f, f.depth().orElseThrow());
        Files.writeString(in.resolve("a.truth.json"), truth(scene, true));
        write(in, "b", f, withoutFloor(f, scene.camera()));
        Files.writeString(in.resolve("b.truth.json"), truth(scene, false));
        Vector3d up = up(scene.camera());
        Files.writeString(in.resolve("b.pose.json"), "{\"up\": [" + up.x + ", " + up.y + ", " + up.z + "]}");
        write(in, "c", f, f.depth().orElseThrow());
        write(in, "d", f, withoutFloor(f, scene.camera()));
        Files.writeString(in.resolve("d.truth.json"), truth(scene, false));

        Path out = tmp.resolve("audit");
        CliRun r = CliRun.of("audit", "--source", "rgbd", "--input", in.toString(), "--threads", "1", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        for (String file : new String[] {"audit.json", "audit.txt", "frames.jsonl", "objects.jsonl", "failures.jsonl"}) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        JsonNode audit = JSON.readTree(out.resolve("audit.json").toFile());
        String report = audit.toPrettyString();
        assertEquals(4, audit.get("frames").asInt(), report);
        assertEquals(1, audit.get("skipped").get("no_ground_truth").asInt(), report);
        assertEquals(3, audit.get("frames_scored").asInt(), report);
        assertEquals(1, audit.get("floor_states").get("floor").asInt(), report);
        assertEquals(2, audit.get("floor_states").get("up_only").asInt(), report);
        assertEquals(0, audit.get("floor_states").get("none").asInt(), report);
        assertEquals(1, audit.get("frames_showing_floor").asInt(), report);
        assertEquals(1, audit.get("floor_found_where_visible").asInt(), report);
        assertEquals(0, audit.get("false_floor_claims").asInt(), report);
        assertEquals(0, audit.get("floor_questions_without_floor").asInt(), report);
        assertEquals(0, audit.get("up_questions_without_up").asInt(), report);
        assertEquals(3, audit.get("up_within_2_deg").asInt(), report);
        assertTrue(audit.get("floor_angle_median_deg").asDouble() < 1, report);
        assertTrue(audit.get("floor_height_median_error_m").asDouble() < 0.03, report);
        assertTrue(audit.get("qualitative").get("scored").asInt() > 10, report);
        assertTrue(audit.get("qualitative").get("accuracy").asDouble() >= 0.9, report);
        assertTrue(audit.get("metric").get("scored").asInt() > 5, report);

        List<String> frames = Files.readAllLines(out.resolve("frames.jsonl"));
        assertEquals(3, frames.size(), String.join("\n", frames));
        JsonNode a = JSON.readTree(frames.get(0));
        JsonNode b = JSON.readTree(frames.get(1));
        JsonNode d = JSON.readTree(frames.get(2));
        assertEquals("a", a.get("frame").asText());
        assertEquals("floor", a.get("floor_state").asText(), a.toString());
        assertTrue(a.get("true_floor_visible").asBoolean());
        assertFalse(a.get("false_floor_claim").asBoolean());
        assertTrue(a.get("questions").asInt() > 0, a.toString());
        assertEquals("b", b.get("frame").asText());
        assertEquals("up_only", b.get("floor_state").asText(), b.toString());
        assertFalse(b.get("true_floor_visible").asBoolean());
        assertFalse(b.get("false_floor_claim").asBoolean());
        assertTrue(b.get("floor_note").asText().contains("b.pose.json"), b.toString());
        assertEquals(0, b.get("up_error_deg").asDouble(), 0.01, b.toString());
        assertTrue(b.get("questions").asInt() > 0, b.toString());
        assertEquals("d", d.get("frame").asText());
        assertEquals("up_only", d.get("floor_state").asText(), d.toString());
        assertFalse(d.get("false_floor_claim").asBoolean());
        assertTrue(d.get("floor_note").asText().contains("up estimated"), d.toString());
        assertTrue(d.get("up_error_deg").asDouble() < 2, d.toString());

        // Every box measured in the three frames, against its true box: heights within 10%.
        List<String> objects = Files.readAllLines(out.resolve("objects.jsonl"));
        assertEquals(9, objects.size(), String.join("\n", objects));
        double[] trueHeights = {0.6, 0.8, 0.5};
        for (String line : objects) {
            JsonNode o = JSON.readTree(line);
            int id = o.get("id").asInt();
            assertEquals(trueHeights[id - 1], o.get("true").get("height").asDouble(), 1e-4, line);
            assertTrue(o.get("height_error").asDouble() < 0.1, line);
        }
    }
}
