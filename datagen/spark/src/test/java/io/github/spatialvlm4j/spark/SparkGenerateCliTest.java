package io.github.spatialvlm4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.source.FrameSource;
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
}
