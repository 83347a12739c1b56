package io.github.spatialvlm4j.datagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line through {@link SpatialVlm4jCli#run}: exit codes, messages, and the audit's files. */
class SpatialVlm4jCliTest {

    @TempDir
    Path tmp;

    /** Exit code and both streams of one run. */


    @Test
    void helpExitsZeroAndListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("generate") && r.out().contains("audit"), r.out());
        CliRun g = CliRun.of("generate", "--help");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("--format") && g.out().contains("--shard-size"), g.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.of("generate", "--out", tmp.resolve("x").toString(), "--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--frobnicate"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing is written on a usage error");
    }

    @Test
    void imagesSourceNamesTheMissingModels() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        ImageIO.write(new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), "png", photos.resolve("a.png").toFile());
        CliRun r = CliRun.of("generate", "--source", "images", "--input", photos.toString(), "--out",
                tmp.resolve("x").toString());
        assertEquals(2, r.code());
        for (String model : new String[] {"depth", "Florence-2", "SAM", "--models"}) {
            assertTrue(r.err().contains(model), () -> "no '" + model + "' in: " + r.err());
        }
    }

    @Test
    void generateWithoutOutIsAUsageError() {
        CliRun r = CliRun.of("generate", "--count", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--out") && r.err().contains("--demo"), r.err());
    }

    @Test
    void badFormatListsTheValidNames() {
        CliRun r = CliRun.of("generate", "--out", tmp.resolve("x").toString(), "--format", "jsonl,csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("csv"), r.err());
        for (OutputFormat f : OutputFormat.values()) {
            assertTrue(r.err().contains(f.id()), () -> "no '" + f.id() + "' in: " + r.err());
        }
    }

    @Test
    void otherUsageErrors() {
        assertEquals(2, CliRun.of("generate", "--out", tmp.resolve("x").toString(), "--shard-size", "0").code());
        assertEquals(2, CliRun.of("generate", "--out", tmp.resolve("x").toString(), "--threads", "0").code());
        assertEquals(2, CliRun.of("generate", "--out", tmp.resolve("x").toString(), "--source", "rgbd").code());
        assertEquals(2, CliRun.of("generate", "--out", tmp.resolve("x").toString(), "--input", tmp.toString()).code());
        assertEquals(2, CliRun.of("audit", "--source", "images", "--out", tmp.resolve("x").toString()).code());
        CliRun imagesAudit = CliRun.of("audit", "--source", "images", "--input", tmp.toString(), "--out",
                tmp.resolve("x").toString());
        assertEquals(2, imagesAudit.code());
        assertTrue(imagesAudit.err().contains("ground-truth"), imagesAudit.err());
        assertEquals(2, CliRun.of("generate", "--demo", "--source", "rgbd", "--input", tmp.toString()).code());
        CliRun missing = CliRun.of("generate", "--source", "rgbd", "--input", tmp.resolve("none").toString(), "--out",
                tmp.resolve("x").toString());
        assertEquals(1, missing.code(), "a missing input folder is a failure, not a usage error");
        assertTrue(missing.err().contains(tmp.resolve("none").toString()), missing.err());
    }

    @Test
    void auditCanMeasureBoxOnlyMasks() throws Exception {
        Path out = tmp.resolve("audit-boxes");
        CliRun r = CliRun.of("audit", "--count", "3", "--width", "160", "--height", "120", "--threads", "1",
                "--masks", "boxes", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("masks from label boxes and depth"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertTrue(json.get("frames_scored").asInt() > 0, json.toString());
        assertEquals(2, CliRun.of("audit", "--masks", "sam", "--out", tmp.resolve("x").toString()).code());
    }

    @Test
    void auditWritesItsReport() throws Exception {
        Path out = tmp.resolve("audit");
        CliRun r = CliRun.of("audit", "--count", "3", "--width", "160", "--height", "120", "--threads", "2", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("audit [") && r.err().contains("3/3 frames"),
                () -> "progress goes to the error stream given to run(): " + r.err());
        for (String f : new String[] {"audit.json", "audit.txt", "failures.jsonl", "objects.jsonl", "accuracy.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals(3, json.get("frames").asInt());
        assertTrue(json.get("frames_scored").asInt() > 0, json.toString());
        assertEquals(0, json.get("up_questions_without_up").asInt());
        assertEquals(0, json.get("floor_questions_without_floor").asInt());
        assertEquals(0, json.get("false_floor_claims").asInt());
        Set<String> names = new HashSet<>();
        json.get("categories").forEach(c -> names.add(c.get("name").asText()));
        for (Category c : Category.values()) {
            assertTrue(names.contains(c.id()), () -> c.id() + " not listed");
        }
        assertEquals(Category.values().length, json.get("categories").size());
        assertTrue(json.get("qualitative").get("asked").asInt() > 0);
        assertEquals(Files.readString(out.resolve("audit.txt")), r.out().substring(0, r.out().indexOf("Report: ")),
                "the summary printed is the one written");
        BufferedImage chart = ImageIO.read(out.resolve("accuracy.png").toFile());
        assertTrue(chart != null && chart.getWidth() > Category.values().length * 20);
        for (String line : Files.readAllLines(out.resolve("failures.jsonl"))) {
            assertTrue(new ObjectMapper().readTree(line).has("category"), line);
        }
    }
}
