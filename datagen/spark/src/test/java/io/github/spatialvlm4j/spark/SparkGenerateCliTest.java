package io.github.spatialvlm4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.cli.SpatialVlm4jCli;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.vlm.testing.RiggedModelsRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark command line reports skips as the local one does: {@code skipped.jsonl}, the first skips in
 * the summary, exit code 3 when no record was written, one-line errors.
 */
class SparkGenerateCliTest {
    /** Where this sandbox's Spark driver must bind, as SparkGenerateJobTest configures its session. */
    private static final Map<String, String> LOCAL_ONLY = Map.of("spark.ui.enabled", "false",
            "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1");

    @TempDir
    Path tmp;

    @BeforeEach
    void localOnly() {
        LOCAL_ONLY.forEach(System::setProperty);
    }

    @AfterEach
    void restore() {
        LOCAL_ONLY.keySet().forEach(System::clearProperty);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkGenerate.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRunThatSkipsEveryFrameExitsThreeAndNamesTheFrames() throws Exception {
        FrameSource scenes = Fixtures.synthetic(2).open();
        Path table = Files.createDirectories(tmp.resolve("table"));
        List<Group> rows = new ArrayList<>();
        rows.add(Fixtures.imageOnlyRow(scenes.load(0), "photos/a.jpg"));
        rows.add(Fixtures.imageOnlyRow(scenes.load(1), "photos/b.jpg"));
        Path file = table.resolve("train.parquet");
        Fixtures.writeTable(file, Fixtures.RGBD_SCHEMA, rows, 2);
        Path out = tmp.resolve("out");
        Run r = run("--master", "local[1]", "--log-level", "ERROR", "--source", "parquet", "--input", table.toString(),
                "--out", out.toString());
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("No records: all 2 frames were skipped, most for no_depth (2 frames); see "
                + out.toAbsolutePath().resolve("skipped.jsonl")), r.err());
        assertTrue(r.out().contains("photos/a.jpg [no_depth]: "), r.out());
        List<String> lines = Files.readAllLines(out.resolve("skipped.jsonl"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"files\":[\"" + file.toAbsolutePath() + "\"]"), lines.get(0));

        Run missing = run("--master", "local[1]", "--source", "rgbd", "--input", tmp.resolve("none").toString(),
                "--out", tmp.resolve("o2").toString());
        assertEquals(1, missing.code());
        assertEquals("spatialvlm4j-spark: RGB-D input folder not found: " + tmp.resolve("none") + "\n", missing.err());
    }

    @Test
    void uriInputAndOutputAreReadAndWrittenThroughHadoopAndReportedAsUris() throws Exception {
        FrameSource scenes = Fixtures.synthetic(2).open();
        Path table = Files.createDirectories(tmp.resolve("table"));
        Fixtures.writeTable(table.resolve("train.parquet"), Fixtures.RGBD_SCHEMA,
                List.of(Fixtures.rgbdRow(scenes.load(0)), Fixtures.imageOnlyRow(scenes.load(1), "photos/b.jpg")), 1);
        Path out = tmp.resolve("uri-out");
        Run r = run("--master", "local[1]", "--log-level", "ERROR", "--source", "parquet", "--input",
                table.toUri().toString() + "*.parquet", "--out", out.toUri().toString(), "--shard-size", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("photos/b.jpg [no_depth]: "), r.out());
        assertTrue(r.out().contains("(listed in file:" + out.toAbsolutePath() + "/skipped.jsonl)"), r.out());
        assertTrue(r.out().contains("Output: file:" + out.toAbsolutePath() + " "), r.out());
        assertTrue(r.out().contains("Inputs: 1 file, 1 with skipped frames:\n  file:" + table.toAbsolutePath()
                + "/train.parquet: 2 frames, 1 skipped (no_depth 1)"), r.out());
        assertEquals(1, Files.readAllLines(out.resolve("skipped.jsonl")).size());
        assertEquals(1, Files.readAllLines(out.resolve("jsonl/part-00000.jsonl")).size());

        Run rgbd = run("--source", "rgbd", "--input", "hdfs://namenode:8020/scans", "--out",
                tmp.resolve("o").toString());
        assertEquals(2, rgbd.code(), rgbd.err());
        assertTrue(rgbd.err().contains("a URI input (hdfs://namenode:8020/scans) is read for --source parquet only"),
                rgbd.err());
    }

    @Test
    void theSameFlagsGiveTheLocalCommandsOutputByteForByte() throws Exception {
        List<String> flags = List.of("--source", "synthetic", "--count", "5", "--width", "96", "--height", "72",
                "--seed", "3", "--noise", "monocular", "--questions", "5", "--shard-size", "2", "--format",
                "jsonl,llava,parquet", "--exact", "--refer", "marks");
        Path local = tmp.resolve("local");
        List<String> localArgs = new ArrayList<>(List.of("generate", "--threads", "2", "--out", local.toString()));
        localArgs.addAll(flags);
        ByteArrayOutputStream localOut = new ByteArrayOutputStream();
        ByteArrayOutputStream localErr = new ByteArrayOutputStream();
        int localCode = SpatialVlm4jCli.run(new PrintStream(localOut, true, StandardCharsets.UTF_8),
                new PrintStream(localErr, true, StandardCharsets.UTF_8), localArgs.toArray(String[]::new));
        assertEquals(0, localCode, localErr.toString(StandardCharsets.UTF_8));

        Path spark = tmp.resolve("spark");
        List<String> sparkArgs = new ArrayList<>(List.of("--master", "local[2]", "--log-level", "ERROR", "--out",
                spark.toString()));
        sparkArgs.addAll(flags);
        Run r = run(sparkArgs.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        Fixtures.assertSameTree(local, spark);
    }

    @Test
    void photosNeedModelsAndGoThroughThemAsOnTheLocalCommand() throws Exception {
        Run none = run("--source", "images", "--input", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().startsWith("spatialvlm4j-spark: --source images needs a models root"), none.err());

        Path models = RiggedModelsRoot.all(tmp.resolve("models"));
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        ColorImages.writePng(RiggedModelsRoot.photo(40, 30, RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA),
                photos.resolve("a.png"));
        ColorImages.writePng(RiggedModelsRoot.photo(40, 30, RiggedModelsRoot.GREEN, RiggedModelsRoot.CYAN),
                photos.resolve("b.png"));
        List<String> flags = List.of("--source", "images", "--input", photos.toString(), "--models",
                models.toString(), "--shard-size", "1", "--format", "jsonl,parquet", "--regions", "detection",
                "--no-ground-mask");
        Path local = tmp.resolve("local");
        List<String> localArgs = new ArrayList<>(List.of("generate", "--threads", "2", "--out", local.toString()));
        localArgs.addAll(flags);
        ByteArrayOutputStream localErr = new ByteArrayOutputStream();
        assertEquals(0, SpatialVlm4jCli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(localErr, true, StandardCharsets.UTF_8), localArgs.toArray(String[]::new)),
                localErr.toString(StandardCharsets.UTF_8));

        Path spark = tmp.resolve("spark");
        List<String> sparkArgs = new ArrayList<>(List.of("--master", "local[2]", "--log-level", "ERROR", "--gpu", "cpu",
                "--out", spark.toString()));
        sparkArgs.addAll(flags);
        Run r = run(sparkArgs.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("models: " + models.toAbsolutePath() + " (filter: openai/clip"), r.out());
        assertTrue(r.out().contains("progress: 2/2 shards, 2 frames, "), r.out());
        Fixtures.assertSameTree(local, spark);

        Run missing = run("--master", "local[1]", "--source", "images", "--input", photos.toString(), "--models",
                "no-such-models", "--out", tmp.resolve("o3").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("Models root no-such-models is neither a folder under"), missing.err());
    }

    @Test
    void aDryRunListsTheShardsAndModelsAndWritesNothing() throws Exception {
        Path models = RiggedModelsRoot.all(tmp.resolve("models"));
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (String name : new String[] {"a", "b", "c"}) {
            ColorImages.writePng(RiggedModelsRoot.photo(40, 30, RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA),
                    photos.resolve(name + ".png"));
        }
        Path out = tmp.resolve("out");
        Run r = run("--dry-run", "--source", "images", "--input", photos.toString(), "--models", models.toString(),
                "--shard-size", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).contains(": 3 frames in 2 shards of at most 2 frames"), r.out());
        assertEquals("shard part-00000: frames 0-1 (2), inputs " + photos.resolve("a.png") + ", "
                + photos.resolve("b.png"), lines.get(1));
        assertEquals("shard part-00001: frames 2-2 (1), inputs " + photos.resolve("c.png"), lines.get(2));
        assertEquals("models: " + models.toAbsolutePath(), lines.get(3));
        assertTrue(lines.contains("  depth: depth-anything/dav2-metric (depth_anything)")
                || r.out().contains("  depth: depth-anything/dav2-metric"), r.out());
        assertTrue(lines.contains("  detector: none"), r.out());
        assertEquals("dry run: no Spark job started, nothing written", lines.get(lines.size() - 1));
        assertFalse(Files.exists(out));

        // A root that is not a folder here is left to the executors (an archive shipped with --archives).
        Run shipped = run("--dry-run", "--source", "images", "--input", photos.toString(), "--models",
                "shipped-models", "--out", out.toString());
        assertEquals(0, shipped.code(), shipped.err());
        assertTrue(shipped.out().contains("models: shipped-models (not a folder here: found on each executor as a"
                + " shipped archive or file, SparkFiles.get)"), shipped.out());
        assertFalse(Files.exists(out));
    }
}
