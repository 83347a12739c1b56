package io.github.spatialvlm4j.datagen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.source.rgbd.RgbdFolders;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.OrganizedPointCloud;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.geometry.io.LabelPng;
import io.github.spatialvlm4j.geometry.io.PcdEncoding;
import io.github.spatialvlm4j.geometry.io.PcdFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every skipped frame is named: in {@code skipped.jsonl} (frame id, input files, reason, message), in
 * the manifest's counts and in the run summary; a run with no record, or too many skips, exits 3.
 */
class SkippedFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int W = 96;
    private static final int H = 72;

    @TempDir
    Path tmp;

    private static List<JsonNode> skipLines(Path out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("skipped.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static CliRun generate(Path in, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("generate", "--source", "rgbd", "--input", in.toString(), "--out",
                out.toString(), "--threads", "2", "--shard-size", "16", "--questions", "4"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static byte[] jpeg(RgbImage image) throws IOException {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, image.width(), image.height(), image.rgb(), 0, image.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(b, "jpeg", out));
        return out.toByteArray();
    }

    private static void cut(Path file, int keep) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, keep < 0 ? b.length + keep : keep));
    }

    @Test
    void hundredFramesWithSevenKindsOfCorruptionGiveSevenNamedLines() throws Exception {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 100, W, H, 100);
        Path clean = tmp.resolve("clean");
        CliRun reference = generate(in, clean);
        assertEquals(0, reference.code(), reference.err());
        JsonNode cleanManifest = JSON.readTree(clean.resolve("manifest.json").toFile());
        // Corrupt frames that gave a record in the clean run, one kind each.
        List<String> recorded = new ArrayList<>();
        for (String part : List.of("part-00000", "part-00001", "part-00002", "part-00003", "part-00004", "part-00005",
                "part-00006")) {
            for (String line : Files.readAllLines(clean.resolve("jsonl/" + part + ".jsonl"))) {
                recorded.add(JSON.readTree(line).get("id").asText());
            }
        }
        assertTrue(recorded.size() >= 80, "the fixture gives records: " + recorded.size());
        Map<String, String> corrupted = new TreeMap<>(); // frame id -> the file named
        String a = recorded.get(0);
        Path jpg = in.resolve(a + ".color.jpg");
        Files.write(jpg, jpeg(ColorImages.read(in.resolve(a + ".color.png"))));
        Files.delete(in.resolve(a + ".color.png"));
        cut(jpg, Files.readAllBytes(jpg).length / 2);
        corrupted.put(a, jpg.getFileName().toString());
        String b = recorded.get(10);
        cut(in.resolve(b + ".depth.png"), -30);
        corrupted.put(b, b + ".depth.png");
        String c = recorded.get(20);
        BufferedImage gray8 = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(gray8, "png", in.resolve(c + ".depth.png").toFile());
        corrupted.put(c, c + ".depth.png");
        String d = recorded.get(30);
        LabelPng.write(new LabelImage(W / 2, H / 2, new int[W * H / 4]), in.resolve(d + ".labels.png"));
        corrupted.put(d, d + ".labels.png");
        String e = recorded.get(40);
        Files.writeString(in.resolve(e + ".objects.json"), "{\"1\": \"red box\",");
        corrupted.put(e, e + ".objects.json");
        String f = recorded.get(50);
        Path depthF = in.resolve(f + ".depth.png");
        DepthMap depth = DepthPng.read(depthF, 1000);
        float[] xyz = new float[3 * W * H];
        Arrays.fill(xyz, 1f);
        for (int i = 0; i < W * H; i++) {
            xyz[3 * i + 2] = depth.meters()[i];
        }
        Path pcd = in.resolve(f + ".pcd");
        PcdFormat.write(new OrganizedPointCloud(W, H, xyz, null), pcd, PcdEncoding.BINARY);
        Files.delete(depthF);
        cut(pcd, -100);
        corrupted.put(f, f + ".pcd");
        String g = recorded.get(60);
        Path png = in.resolve(g + ".color.png");
        byte[] bytes = Files.readAllBytes(png);
        bytes[bytes.length - 17] ^= 0x40;
        Files.write(png, bytes);
        corrupted.put(g, g + ".color.png");

        Path out = tmp.resolve("out");
        CliRun r = generate(in, out);
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = skipLines(out);
        Map<String, JsonNode> loadErrors = new TreeMap<>();
        for (JsonNode n : lines) {
            if (n.get("reason").asText().equals("load_error")) {
                loadErrors.put(n.get("id").asText(), n);
            }
        }
        assertEquals(corrupted.keySet(), loadErrors.keySet(), "exactly the corrupted frames are load errors");
        for (Map.Entry<String, String> c7 : corrupted.entrySet()) {
            JsonNode n = loadErrors.get(c7.getKey());
            assertTrue(n.get("message").asText().contains(c7.getValue()), () -> c7.getValue() + " not named: " + n);
            boolean listed = false;
            for (JsonNode file : n.get("files")) {
                listed |= file.asText().endsWith(c7.getValue());
            }
            assertTrue(listed, () -> c7.getValue() + " not among the files: " + n);
            assertFalse(n.get("message").asText().contains("Exception"), n.toString());
        }
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(cleanManifest.get("records").asInt() - 7, manifest.get("records").asInt());
        assertEquals(cleanManifest.get("skipped").asInt() + 7, manifest.get("skipped").asInt());
        assertEquals(lines.size(), manifest.get("skipped").asInt(), "one line per skipped frame");
        assertEquals(7, manifest.path("skipped_by_reason").path("load_error").asInt());
        assertEquals(100, manifest.get("records").asInt() + manifest.get("skipped").asInt());
        // The summary names the first skips and says where the rest are.
        assertTrue(r.out().contains("Skipped " + lines.size() + " of 100 frames"), r.out());
        assertTrue(r.out().contains(lines.get(0).get("id").asText() + " [" + lines.get(0).get("reason").asText()
                + "]: "), r.out());
        assertTrue(r.out().contains(out.resolve("skipped.jsonl").toString()), r.out());
    }

    @Test
    void aRunThatSkipsEveryFrameExitsThreeNamingTheReason() throws IOException {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 4, W, H, 7);
        // Intrinsics for half the size: every frame is a load error, as 320x240 intrinsics with 640x480 images.
        RgbdFolders.writeIntrinsics(in, new CameraIntrinsics(40, 40, 23.5, 17.5, W / 2, H / 2), 1000);
        Path out = tmp.resolve("out");
        CliRun r = generate(in, out);
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("No records: all 4 frames were skipped, most for load_error (4 frames)"), r.err());
        assertTrue(r.err().contains(out.resolve("skipped.jsonl").toString()), r.err());
        assertTrue(r.out().contains("scene000 [load_error]: ") && r.out().contains("intrinsics.json is for 48x36"),
                r.out());
        assertEquals(4, skipLines(out).size());
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")), "the output is still finished");
    }

    @Test
    void aSkipShareOverTheLimitExitsThree() throws IOException {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 4, W, H, 7);
        cut(in.resolve("scene001.depth.png"), 40);
        CliRun ok = generate(in, tmp.resolve("ok"));
        assertEquals(0, ok.code(), ok.err());
        CliRun strict = generate(in, tmp.resolve("strict"), "--max-skip-share", "0.2");
        assertEquals(3, strict.code(), strict.err());
        assertTrue(strict.err().contains("of 4 frames (") && strict.err().contains("more than --max-skip-share 0.2")
                && strict.err().contains("load_error"), strict.err());
        assertEquals(2, generate(in, tmp.resolve("bad"), "--max-skip-share", "1.5").code());
    }

    @Test
    void anOversizedImageIsANamedSkipNotAnOutOfMemoryError() throws IOException {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 2, W, H, 7);
        Path big = in.resolve("scene001.color.png");
        ColorImages.writePng(new RgbImage(W * 3, H * 3, new int[W * H * 9]), big);
        Path out = tmp.resolve("out");
        CliRun r = generate(in, out, "--max-pixels", Integer.toString(W * H));
        assertEquals(0, r.code(), r.err());
        JsonNode skip = skipLines(out).get(0);
        assertEquals("scene001", skip.get("id").asText());
        assertTrue(skip.get("message").asText().contains(big.toRealPath() + " is 288x216")
                && skip.get("message").asText().contains("--max-pixels"), skip.toString());
        assertEquals(String.valueOf(W * H), JSON.readTree(out.resolve("manifest.json").toFile()).at(
                "/options/max_pixels").asText());
    }

    @Test
    void aNamedPipeAsADepthFileIsASkipNotAHang() throws Exception {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 2, W, H, 7);
        Path depth = in.resolve("scene000.depth.png");
        Files.delete(depth);
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", depth.toString()).start().waitFor() == 0;
        } catch (IOException noMkfifo) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available here");
        Path out = tmp.resolve("out");
        // Opening a pipe without a writer blocks: the guard turns a regression into a failure, not a hang.
        CliRun r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> generate(in, out));
        assertEquals(0, r.code(), r.err());
        JsonNode skip = skipLines(out).get(0);
        assertEquals("scene000", skip.get("id").asText());
        assertTrue(skip.get("message").asText().contains("named pipe"), skip.toString());
    }
}
