package io.github.spatialvlm4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.datagen.perception.Perception;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import io.github.spatialvlm4j.datagen.sink.HadoopFreeCodecFactory;
import io.github.spatialvlm4j.datagen.sink.RecordJson;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.SourceSpec;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.geometry.io.LabelPng;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.SparkSession;

/** Shared test data: tiny synthetic scenes, RGB-D Parquet tables made from them, output trees. */
final class Fixtures {
    static final long SEED = 20240607L;
    static final int WIDTH = 160;
    static final int HEIGHT = 120;
    /** Depth PNGs in millimetres. */
    static final double DEPTH_SCALE = 1000.0;

    /** The Hugging Face image layout plus the RGB-D columns, and one column the source must ignore. */
    static final MessageType RGBD_SCHEMA = MessageTypeParser.parseMessageType("message hf {\n"
            + "  optional binary id (STRING);\n"
            + "  optional group image { optional binary bytes; optional binary path (STRING); }\n"
            + "  optional binary depth_png;\n"
            + "  optional double depth_scale;\n"
            + "  optional binary intrinsics_json (STRING);\n"
            + "  optional binary labels_png;\n"
            + "  optional binary captions_json (STRING);\n"
            + "  optional binary license (STRING);\n"
            + "}\n");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static SourceSpec.Synthetic synthetic(int count) {
        return new SourceSpec.Synthetic(WIDTH, HEIGHT, "none", SEED, count, true);
    }

    /** The row of a frame with every RGB-D column set. */
    static Group rgbdRow(Frame f) throws IOException {
        Group g = new SimpleGroupFactory(RGBD_SCHEMA).newGroup();
        g.append("id", f.id());
        g.addGroup("image").append("bytes", Binary.fromConstantByteArray(ColorImages.encodePng(f.image())))
                .append("path", f.id() + ".png");
        g.append("depth_png", Binary.fromConstantByteArray(DepthPng.encode(f.depth().orElseThrow(), DEPTH_SCALE)));
        g.append("depth_scale", DEPTH_SCALE);
        CameraIntrinsics k = f.intrinsics().orElseThrow();
        g.append("intrinsics_json", JSON.writeValueAsString(Map.of("fx", k.fx(), "fy", k.fy(), "cx", k.cx(),
                "cy", k.cy())));
        g.append("labels_png", Binary.fromConstantByteArray(LabelPng.encode(f.labels().orElseThrow())));
        Map<String, String> captions = new TreeMap<>();
        f.captions().forEach((id, c) -> captions.put(Integer.toString(id), c));
        g.append("captions_json", JSON.writeValueAsString(captions));
        g.append("license", "cc-by-4.0");
        return g;
    }

    /** The rows ({@link #rgbdRow}) of frames {@code [from, to)} of {@code scenes}, in a list that may be added to. */
    static List<Group> rgbdRows(FrameSource scenes, int from, int to) throws IOException {
        List<Group> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(rgbdRow(scenes.load(i)));
        }
        return rows;
    }

    /** A row with only an image, as in a plain Hugging Face image dataset. */
    static Group imageOnlyRow(Frame f, String path) {
        return imageOnlyRow(ColorImages.encodePng(f.image()), path);
    }

    /** A row with only these image bytes (PNG or JPEG). */
    static Group imageOnlyRow(byte[] image, String path) {
        Group g = new SimpleGroupFactory(RGBD_SCHEMA).newGroup();
        Group entry = g.addGroup("image").append("bytes", Binary.fromConstantByteArray(image));
        if (path != null) {
            entry.append("path", path);
        }
        return g;
    }

    /** Writes rows to a Snappy Parquet file with at most {@code rowsPerGroup} rows per row group. */
    static void writeTable(Path file, MessageType schema, List<Group> rows, int rowsPerGroup) throws IOException {
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCodecFactory(HadoopFreeCodecFactory.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupRowCountLimit(rowsPerGroup)
                .build()) {
            for (Group g : rows) {
                w.write(g);
            }
        }
    }

    /**
     * The local runner's output for a Spark config: same source, seed, shard size and options, and its models
     * built as {@code spatialvlm4j generate} builds them ({@link ModelSetup}).
     */
    static GenerateJob.Result runLocal(SparkGenerateJob.Config c, Path out) throws IOException {
        GenerateSpec spec = c.spec();
        Optional<Perception> perception = c.models().map(m -> m.open(SessionSettings.cpu(1)));
        try (Kernels kernels = Kernels.jvm(2)) {
            PipelineOptions base = spec.pipelineOptions();
            Map<String, String> runnerOptions = perception.map(p -> c.modelSetup().runnerOptions(p, base))
                    .orElse(Map.of());
            PipelineOptions options = perception.map(p -> ModelSetup.pipelineOptions(base, p)).orElse(base);
            GenerateJob.Config local = spec.config(spec.source().open(), out, 2, runnerOptions);
            return GenerateJob.run(local, perception, new FramePipeline(kernels, options), ProgressListener.NONE);
        } finally {
            perception.ifPresent(Perception::close);
        }
    }

    /** Every regular file under {@code dir}, by relative path. */
    static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Asserts that two output directories hold the same files with the same bytes. */
    static void assertSameTree(Path expected, Path actual) throws IOException {
        Map<String, byte[]> e = tree(expected);
        Map<String, byte[]> a = tree(actual);
        assertEquals(e.keySet(), a.keySet(), "files of " + actual + " vs " + expected);
        for (String name : e.keySet()) {
            assertArrayEquals(e.get(name), a.get(name), name);
        }
    }

    /** No frame id twice and one JSONL line per record: nothing duplicated, nothing lost. */
    static void assertNoDuplicates(Path out, long records) throws IOException {
        List<String> lines = jsonlLines(out);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String line : lines) {
            org.junit.jupiter.api.Assertions.assertTrue(ids.add(RecordJson.read(line).frameId()),
                    "duplicate record: " + line);
        }
        assertEquals(records, lines.size(), "JSONL lines");
    }

    /**
     * Deletes what a driver deletes when its run finishes on a plain path: the counter files the tasks left
     * ({@link SparkGenerateJob#COUNTERS_DIR}) and their folder, for tests that run shard tasks without a driver.
     *
     * @return the files deleted, sorted
     */
    static List<Path> deleteCounterFiles(Path out) throws IOException {
        Path counters = out.resolve(SparkGenerateJob.COUNTERS_DIR);
        List<Path> files;
        try (Stream<Path> list = Files.list(counters)) {
            files = list.sorted().toList();
        }
        for (Path f : files) {
            Files.delete(f);
        }
        Files.delete(counters);
        return files;
    }

    /** A local[2] session with 3 attempts per task, bound to this host only, no UI. */
    static SparkSession localSpark(String appName) {
        return SparkSession.builder().master("local[2,3]").appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** The JSONL lines of an output directory, in shard order. */
    static List<String> jsonlLines(Path out) throws IOException {
        try (Stream<Path> parts = Files.list(out.resolve("jsonl"))) {
            List<Path> sorted = parts.sorted().toList();
            java.util.ArrayList<String> lines = new java.util.ArrayList<>();
            for (Path p : sorted) {
                lines.addAll(Files.readAllLines(p));
            }
            return lines;
        }
    }
}
