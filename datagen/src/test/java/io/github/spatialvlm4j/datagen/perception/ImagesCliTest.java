package io.github.spatialvlm4j.datagen.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.cli.SpatialVlm4jCli;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void missingModelsAreAUsageErrorNamingEachOne() throws IOException {
        Path models = tmp.resolve("models");
        RiggedModelsRoot.florence(models);
        Files.createDirectories(models.resolve("stray/onnx"));
        Run r = cli("generate", "--source", "images", "--input", photos().toString(), "--models", models.toString(),
                "--out", tmp.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("missing: a metric depth model"), r.err());
        assertTrue(r.err().contains("missing: a segmenter (SAM)"), r.err());
        assertFalse(r.err().contains("missing: a region captioner"), r.err());
        assertTrue(r.err().contains("not recognised: stray"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));

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
