package io.github.spatialvlm4j.datagen.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.cli.SpatialVlm4jCli;
import io.github.spatialvlm4j.datagen.source.images.WebDatasetSourceTest;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.vlm.testing.RiggedModelsRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on rigged models: {@code generate --source images} and {@code ask}. */
class ImagesCliTest {
    private static final int W = 40;
    private static final int H = 30;
    /** Depth tolerance of an object centre, meters: the rigged depth is exact, cleaning may shift the mean slightly. */
    private static final double CENTRE_TOL = 0.02;
    /** Width tolerance, meters: the SAM mask edge may move by a pixel (0.087 m at 3 m, 60 degrees, 40 px). */
    private static final double WIDTH_TOL = 0.2;

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = SpatialVlm4jCli.run(o, e, args);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path photos() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("photos"));
        ColorImages.writePng(RiggedModelsRoot.photo(W, H, RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA),
                in.resolve("a-red.png"));
        ColorImages.writePng(RiggedModelsRoot.photo(W, H, RiggedModelsRoot.GREEN, RiggedModelsRoot.CYAN),
                in.resolve("b-green.png"));
        Files.writeString(in.resolve("notes.txt"), "not an image");
        return in;
    }

    @Test
    void generateOnPhotosWritesTheRiggedObjectsWithMeasuredQa() throws IOException {
        Path models = RiggedModelsRoot.all(tmp.resolve("models"));
        Path out = tmp.resolve("out");
        Run r = cli("generate", "--source", "images", "--input", photos().toString(), "--models", models.toString(),
                "--out", out.toString(), "--exact", "--threads", "1", "--questions", "20");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("models: filter: openai/clip, depth: depth-anything/dav2-metric"), r.out());

        List<JsonNode> records = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out.resolve("jsonl/part-00000.jsonl"))) {
            records.add(json.readTree(line));
        }
        assertEquals(2, records.size());
        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(Math.toRadians(60), W, H);
        // The rigged box covers columns 10..29: centre to centre 19 pixels at the object depth.
        double width = 19 * RiggedModelsRoot.OBJECT_DEPTH / k.fx();
        String[] ids = {"a-red", "b-green"};
        String[] captions = {"cat", "dog"};
        for (int i = 0; i < 2; i++) {
            JsonNode rec = records.get(i);
            assertEquals(ids[i], rec.get("id").asText());
            assertEquals(1, rec.get("objects").size(), rec.toString());
            JsonNode o = rec.get("objects").get(0);
            assertEquals(captions[i], o.get("caption").asText());
            assertEquals(RiggedModelsRoot.OBJECT_DEPTH, o.get("center_camera").get(2).asDouble(), CENTRE_TOL);
            assertEquals(width, o.get("width").asDouble(), WIDTH_TOL, rec.toString());
            // The object is seen whole, so size questions are asked; every question names it.
            int widths = 0;
            for (JsonNode q : rec.get("qa")) {
                assertTrue(q.get("question").asText().contains(captions[i]), q.toString());
                if (q.get("category").asText().equals("width")) {
                    widths++;
                    assertEquals(o.get("width").asDouble(), q.get("exact").get("value").asDouble(), 1e-4, q.toString());
                }
            }
            assertTrue(widths > 0, rec.toString());
        }
    }

    @Test
    void aWebDatasetShardGivesTheOutputOfTheSamePhotosInAFolder() throws IOException {
        Path models = RiggedModelsRoot.all(tmp.resolve("models"));
        Path photos = photos();
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (String id : List.of("a-red", "b-green")) {
            members.put(id + ".png", Files.readAllBytes(photos.resolve(id + ".png")));
            String json = "{\"url\": \"https://example.org/" + id + "\"}";
            members.put(id + ".json", json.getBytes(StandardCharsets.UTF_8));
        }
        Path shards = Files.createDirectories(tmp.resolve("shards"));
        Files.write(shards.resolve("photos-000000.tar"), WebDatasetSourceTest.tar(members));
        Path fromFolder = tmp.resolve("out-folder");
        Path fromTar = tmp.resolve("out-tar");
        for (Path[] run : new Path[][] {{photos, fromFolder}, {shards, fromTar}}) {
            Run r = cli("generate", "--source", "images", "--input", run[0].toString(), "--models",
                    models.toString(), "--out", run[1].toString(), "--threads", "2", "--format", "jsonl,parquet");
            assertEquals(0, r.code(), r.err() + r.out());
            assertEquals(run[1] == fromTar, r.out().contains("Inputs: 1 file, 0 with skipped frames:\n  "
                    + shards.resolve("photos-000000.tar") + ": 2 frames, 0 skipped"), r.out());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fromFolder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (Stream<Path> walk = Files.walk(fromTar)) {
            assertEquals(files.size(), walk.filter(Files::isRegularFile).count(), "files in " + fromTar);
        }
        for (Path f : files) {
            Path other = fromTar.resolve(fromFolder.relativize(f));
            String name = f.getFileName().toString();
            if (!name.equals("manifest.json") && !name.equals("run.json")) { // they describe the source
                assertTrue(Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(other)), "same bytes: " + other);
            }
        }
        assertEquals(2, Files.readAllLines(fromTar.resolve("jsonl/part-00000.jsonl")).size());
        String manifest = Files.readString(fromTar.resolve("manifest.json"));
        assertTrue(manifest.contains("webdataset: 2 photos in 1 .tar shard") && manifest.contains(
                "\"source_kind\" : \"images\""), manifest);
    }

    @Test
    void photosWithADetectorAndNoFlorenceOrSamGetClassNamesAndDepthMasks() throws IOException {
        Path models = tmp.resolve("models");
        RiggedModelsRoot.depth(models);
        RiggedModelsRoot.detector(models);
        Path out = tmp.resolve("out");
        Run r = cli("generate", "--source", "images", "--input", photos().toString(), "--models", models.toString(),
                "--out", out.toString(), "--exact", "--threads", "1", "--no-ground-mask");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("detector: megvii/yolox (yolox)") && r.out().contains("box masks: depth rule"),
                r.out());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(out.resolve("jsonl/part-00000.jsonl"));
        assertEquals(2, lines.size());
        String[] captions = {"red cup", "green cup"};
        for (int i = 0; i < 2; i++) {
            JsonNode o = json.readTree(lines.get(i)).get("objects").get(0);
            assertEquals(captions[i], o.get("caption").asText());
            assertEquals("depth", o.get("mask_source").asText());
            assertEquals(RiggedModelsRoot.OBJECT_DEPTH, o.get("center_camera").get(2).asDouble(), CENTRE_TOL);
        }
    }

    @Test
    void unlabelledRgbdFoldersUseTheDetector() throws IOException {
        Path models = tmp.resolve("models");
        RiggedModelsRoot.detector(models);
        Path in = Files.createDirectories(tmp.resolve("rgbd"));
        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(Math.toRadians(60), W, H);
        Files.writeString(in.resolve("intrinsics.json"), String.format(java.util.Locale.ROOT,
                "{\"fx\": %s, \"fy\": %s, \"cx\": %s, \"cy\": %s, \"width\": %d, \"height\": %d, "
                        + "\"depth_scale\": 1000}", k.fx(), k.fy(), k.cx(), k.cy(), W, H));
        RgbImage image = RiggedModelsRoot.photo(W, H, 0xF4F4F4, 0x202020);
        ColorImages.writePng(image, in.resolve("desk.color.png"));
        int[] mm = new int[W * H];
        for (int i = 0; i < mm.length; i++) {
            mm[i] = image.rgb()[i] == 0xF4F4F4 ? 2000 : 4000;
        }
        DepthPng.write(DepthMap.fromRaw(W, H, mm, 1000), in.resolve("desk.depth.png"), 1000);
        Path out = tmp.resolve("out");
        Run r = cli("generate", "--source", "rgbd", "--input", in.toString(), "--models", models.toString(), "--out",
                out.toString(), "--exact", "--threads", "1");
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode o = new ObjectMapper().readTree(Files.readAllLines(out.resolve("jsonl/part-00000.jsonl")).get(0))
                .get("objects").get(0);
        assertEquals("white cup", o.get("caption").asText());
        assertEquals("depth", o.get("mask_source").asText());
        assertEquals(2.0, o.get("center_camera").get(2).asDouble(), CENTRE_TOL);
        // The box spans 20 pixels (columns 10..29) at 2 m: 19 pixel centres apart.
        assertEquals(19 * 2.0 / k.fx(), o.get("width").asDouble(), WIDTH_TOL);
    }

    @Test
    void missingModelsAreAUsageErrorNamingEachOne() throws IOException {
        Path models = tmp.resolve("models");
        RiggedModelsRoot.florence(models);
        Files.createDirectories(models.resolve("stray/onnx"));
        Run r = cli("generate", "--source", "images", "--input", photos().toString(), "--models", models.toString(),
                "--out", tmp.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("missing: a metric depth model"), r.err());
        // SAM is optional: without it, masks come from the boxes and the depth.
        assertFalse(r.err().contains("missing: a segmenter (SAM)"), r.err());
        assertFalse(r.err().contains("missing: a region captioner"), r.err());
        assertTrue(r.err().contains("not recognised: stray"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));

        Path depthOnly = tmp.resolve("depth-only");
        RiggedModelsRoot.depth(depthOnly);
        Run noRegions = cli("generate", "--source", "images", "--input", photos().toString(), "--models",
                depthOnly.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, noRegions.code(), noRegions.err());
        assertTrue(noRegions.err().contains("missing: a region captioner (Florence-2)")
                && noRegions.err().contains("; or an object detector (YOLOX or Ultralytics YOLO)"), noRegions.err());
        assertFalse(noRegions.err().contains("missing: a metric depth model"), noRegions.err());

        Run noRoot = cli("generate", "--source", "images", "--input", photos().toString(), "--models",
                tmp.resolve("nowhere").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, noRoot.code(), noRoot.err());
        assertTrue(noRoot.err().contains("nowhere"), noRoot.err());
    }

    @Test
    void askStreamsTheRiggedAnswerOfTheChosenModel() throws IOException {
        Path models = tmp.resolve("models");
        RiggedModelsRoot.qwen(models);
        RiggedModelsRoot.smolVlm(models);
        Path red = tmp.resolve("red.png");
        ColorImages.writePng(solid(8, 8, 0xFF0000), red);
        // Qwen2-VL's rigged decoder answers a red image with "red" then "green".
        Run qwen = cli("ask", "--models", models.toString(), "--image", red.toString(), "--model", "qwen2-vl",
                "How far is the chair from the table?");
        assertEquals(0, qwen.code(), qwen.err());
        assertEquals("red green" + System.lineSeparator(), qwen.out());
        // SmolVLM's answers with the image's colour alone.
        Run smol = cli("ask", "--models", models.toString(), "--image", red.toString(), "--model", "smolvlm",
                "What", "colour?");
        assertEquals(0, smol.code(), smol.err());
        assertEquals("red" + System.lineSeparator(), smol.out());

        Run unknown = cli("ask", "--models", models.toString(), "--image", red.toString(), "--model", "llava", "Hi?");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("llava") && unknown.err().contains("smolvlm"), unknown.err());
        Run none = cli("ask", "--models", tmp.resolve("photos-none").toString(), "--image", red.toString(), "Hi?");
        assertEquals(2, none.code());
        Files.createDirectories(tmp.resolve("empty"));
        Run empty = cli("ask", "--models", tmp.resolve("empty").toString(), "--image", red.toString(), "Hi?");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("missing: a vision-language model"), empty.err());
    }

    private static RgbImage solid(int w, int h, int rgb) {
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, rgb);
        return new RgbImage(w, h, px);
    }
}
