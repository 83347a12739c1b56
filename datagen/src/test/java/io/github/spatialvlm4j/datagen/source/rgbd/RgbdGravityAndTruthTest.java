package io.github.spatialvlm4j.datagen.source.rgbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.GravityHint;
import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.datagen.facts.GroundTruth;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.geometry.io.LabelPng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RgbdFolderSource} with gravity and ground truth: {@code pose.json} for the folder, {@code <id>.pose.json}
 * winning over it, and {@code <id>.truth.json} with and without labels.
 */
class RgbdGravityAndTruthTest {
    private static final int W = 20;
    private static final int H = 16;
    private static final CameraIntrinsics K = new CameraIntrinsics(20, 20, 9.5, 7.5, W, H);
    private static final float EXACT = 1e-6f;
    private static final String TRUTH = "{\"up\": [0, -1, 0], \"floor\": {\"normal\": [0, -1, 0], \"d\": 1.5},"
            + " \"floor_visible\": true, \"objects\": [{\"label\": 1, \"name\": \"crate\", \"center\": [0, 1.3, 3],"
            + " \"size\": [0.4, 0.4, 0.4], \"rotation\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}]}";

    @TempDir
    Path dir;

    /** A frame {@code id}: a grey image and 3 m of depth everywhere, with a 4 x 4 pixel object 1 when {@code labelled}. */
    private void writeFrame(String id, boolean labelled) throws IOException {
        int[] rgb = new int[W * H];
        Arrays.fill(rgb, 0x808080);
        ColorImages.writePng(new RgbImage(W, H, rgb), dir.resolve(id + ".color.png"));
        float[] depth = new float[W * H];
        Arrays.fill(depth, 3f);
        DepthPng.write(new DepthMap(W, H, depth), dir.resolve(id + ".depth.png"), 1000);
        if (labelled) {
            int[] ids = new int[W * H];
            for (int v = 6; v < 10; v++) {
                for (int u = 8; u < 12; u++) {
                    ids[v * W + u] = 1;
                }
            }
            LabelPng.write(new LabelImage(W, H, ids), dir.resolve(id + ".labels.png"));
            RgbdFolders.writeCaptions(dir, id, Map.of(1, "wooden crate"));
        }
    }

    private static void assertUp(float x, float y, float z, GravityHint g) {
        assertTrue(g.up().orElseThrow().equals(new Vector3f(x, y, z).normalize(), EXACT), g.toString());
    }

    @Test
    void framePoseWinsOverTheFolderPose() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        for (String id : List.of("a", "b", "c")) {
            writeFrame(id, false);
        }
        Files.writeString(dir.resolve("pose.json"), "{\"up\": [0, -1, 0], \"camera_height\": 1.5}");
        Files.writeString(dir.resolve("a.pose.json"), "{\"up\": [0, -0.8, -0.6]}");
        Files.writeString(dir.resolve("c.pose.json"), "{\"up\": [0, 0, 0]}");
        RgbdFolderSource source = RgbdFolderSource.open(dir);
        assertEquals(List.of("a", "b", "c"), source.ids(), "pose files are not frames");

        GravityHint a = source.load(0).gravity();
        assertUp(0, -0.8f, -0.6f, a);
        assertEquals("a.pose.json", a.source());
        assertTrue(a.cameraHeight().isEmpty(), "the frame's file replaces the folder's, height included");

        GravityHint b = source.load(1).gravity();
        assertUp(0, -1, 0, b);
        assertEquals("pose.json", b.source());
        assertEquals(1.5, b.cameraHeight().orElseThrow(), 1e-12);

        // An invalid frame pose still wins: the pipeline estimates up and records why.
        GravityHint c = source.load(2).gravity();
        assertTrue(c.isInvalid(), c.toString());
        assertTrue(c.source().contains("c.pose.json") && c.source().contains("zero"), c.source());
    }

    @Test
    void noPoseFilesGiveNoGravity() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        writeFrame("a", false);
        Frame f = RgbdFolderSource.open(dir).load(0);
        assertEquals(GravityHint.NONE, f.gravity());
        assertTrue(f.truth().isEmpty());
    }

    @Test
    void invalidFolderPoseReachesEveryFrame() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        writeFrame("a", false);
        Files.writeString(dir.resolve("pose.json"), "{\"rtilt\": [[2, 0, 0], [0, 2, 0], [0, 0, 2]]}");
        GravityHint g = RgbdFolderSource.open(dir).load(0).gravity();
        assertTrue(g.isInvalid() && g.source().startsWith("pose.json") && g.source().contains("rtilt"), g.source());
    }

    @Test
    void truthWithLabelsKeepsItsObjects() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        writeFrame("a", true);
        Files.writeString(dir.resolve("a.truth.json"), TRUTH);
        Frame f = RgbdFolderSource.open(dir).load(0);
        GroundTruth t = f.truth().orElseThrow();
        assertTrue(t.floorVisible());
        assertEquals(FloorState.FLOOR, t.facts().floorState());
        assertEquals(1, t.facts().objects().size());
        var crate = t.facts().objects().get(0);
        assertEquals("wooden crate", crate.caption(), "the caption of objects.json");
        assertEquals(16, crate.pointCount());
        assertEquals(0.4, crate.height(), 1e-5);
        assertEquals(0, crate.bottom(), 1e-5);
        assertEquals("a", t.facts().frameId());
    }

    @Test
    void truthWithoutLabelsKeepsUpAndFloorOnly() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        writeFrame("a", false);
        Files.writeString(dir.resolve("a.truth.json"), TRUTH.replace("\"floor_visible\": true",
                "\"floor_visible\": false"));
        Frame f = RgbdFolderSource.open(dir).load(0);
        assertTrue(f.labels().isEmpty());
        GroundTruth t = f.truth().orElseThrow();
        assertFalse(t.floorVisible());
        assertEquals(FloorState.FLOOR, t.facts().floorState());
        assertTrue(t.facts().objects().isEmpty(), "no labels: no pixel matches the truth's objects");
        assertEquals(1.5, t.facts().floor().orElseThrow().d(), 1e-9);
    }

    @Test
    void badTruthFailsTheFrameWithTheFileNamed() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        writeFrame("a", true);
        Files.writeString(dir.resolve("a.truth.json"), TRUTH.replace("\"floor_visible\": true, ", ""));
        RgbdFolderSource source = RgbdFolderSource.open(dir);
        IOException e = assertThrows(IOException.class, () -> source.load(0));
        assertTrue(e.getMessage().contains("a.truth.json") && e.getMessage().contains("floor_visible"), e.getMessage());
    }
}
