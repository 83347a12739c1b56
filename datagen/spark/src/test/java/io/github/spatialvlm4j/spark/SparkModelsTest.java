package io.github.spatialvlm4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.cli.SpatialVlm4jCli;
import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.SourceSpec;
import io.github.spatialvlm4j.datagen.source.parquet.ParquetFrameSource;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.vlm.testing.RiggedModelsRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Photos through the rigged ONNX models (vlm's test builders) on Spark {@code local[2]}: the same output as the
 * local runner, byte for byte, whatever the retries and duplicate attempts; the models opened once per JVM;
 * shipped models found through {@code SparkFiles}; image-only Parquet rows through the models.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkModelsTest {
    private static final int W = 40;
    private static final int H = 30;

    private Path tmp;
    private Path models;
    private Path photos;
    private Path localReference;
    private SparkSession spark;

    /** The flags of both command lines: 7 photos in 3 shards, every format. */
    private List<String> flags() {
        return List.of("--source", "images", "--input", photos.toString(), "--models", models.toString(),
                "--seed", "11", "--shard-size", "3", "--questions", "8", "--exact", "--format",
                "jsonl,llava,sharegpt,parquet");
    }

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        tmp = dir;
        models = RiggedModelsRoot.all(tmp.resolve("models"));
        photos = Files.createDirectories(tmp.resolve("photos"));
        int[][] colours = {{RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA},
            {RiggedModelsRoot.GREEN, RiggedModelsRoot.CYAN}, {RiggedModelsRoot.RED, RiggedModelsRoot.CYAN},
            {RiggedModelsRoot.GREEN, RiggedModelsRoot.MAGENTA}, {0x2020F0, 0xF0F0F0}};
        for (int i = 0; i < 7; i++) {
            int[] c = colours[i % colours.length];
            ColorImages.writePng(RiggedModelsRoot.photo(W, H, c[0], c[1]), photos.resolve("photo-" + i + ".png"));
        }
        localReference = tmp.resolve("local");
        List<String> args = new ArrayList<>(List.of("generate", "--threads", "2", "--out", localReference.toString()));
        args.addAll(flags());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SpatialVlm4jCli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        spark = SparkSession.builder().master("local[2,3]").appName("spatialvlm4j-models-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    /** The Spark config of the Spark command line for {@link #flags()}, models root replaced by {@code root}. */
    private SparkGenerateJob.Config config(Path out, String root) throws IOException {
        SparkGenerate cmd = new SparkGenerate(null, null);
        List<String> args = new ArrayList<>(flags());
        args.addAll(List.of("--out", out.toString()));
        new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
        ModelSetup setup = cmd.models.declared(cmd.options.source().kind()).orElseThrow();
        return new SparkGenerateJob.Config(cmd.options.spec(), out.toString(), "jvm", 1,
                new ModelSetup(root, setup.photos(), setup.detection(), setup.groundMask(), setup.colorWords()),
                io.github.spatialvlm4j.vlm.model.SessionSettings.GpuPolicy.CPU_ONLY);
    }

    private SparkGenerateJob.Config config(Path out) throws IOException {
        return config(out, models.toString());
    }

    @Test
    void photosThroughModelsEqualTheLocalRunnersByteForByteAndTheModelsOpenOnce() throws IOException {
        Path out = tmp.resolve("spark");
        List<String> progress = new ArrayList<>();
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, config(out), progress::add);
        int opened = ExecutorModels.opened();

        Fixtures.assertSameTree(localReference, out);
        assertEquals(7, result.summary().frames());
        assertTrue(result.summary().records() >= 4, "the red and green photos give records: " + result.summary());
        assertTrue(Files.readString(out.resolve(ShardedOutput.MANIFEST)).contains("depth-anything/dav2-metric"));
        // The run's shards are done: the last progress line says so, with the frames of the accumulator.
        assertEquals("progress: 3/3 shards, 7 frames", progress.get(progress.size() - 1)
                .replaceAll(", [0-9.]+ frames/s.*", ""), progress.toString());

        SparkGenerateJob.run(spark, config(tmp.resolve("spark-again")));
        assertEquals(opened, ExecutorModels.opened(), "a second run reuses the JVM's sessions");
        assertTrue(opened >= 1);
    }

    @Test
    void retriesBeforeAndAfterCommittingChangeNothing() throws IOException {
        // The task's points (DRIVER_COMMITTED is the cluster-storage driver's, tested in ClusterStorageTest).
        for (TaskHook.Point point : List.of(TaskHook.Point.BEFORE_COMMIT, TaskHook.Point.AFTER_COMMIT)) {
            SparkGenerateJobTest.FIRED.set(0);
            Path out = tmp.resolve("spark-retry-" + point);
            SparkGenerateJob.Result result = SparkGenerateJob.run(spark, config(out),
                    new SparkGenerateJobTest.FailFirstAttempt(point, 1));
            assertEquals(1, SparkGenerateJobTest.FIRED.get(), point.toString());
            assertEquals(1, result.shards().get(1).attempt(), point.toString());
            Fixtures.assertSameTree(localReference, out);
        }
    }

    @Test
    void twoConcurrentAttemptsOfEveryShardWriteTheSameFiles() throws Exception {
        Path out = tmp.resolve("spark-speculative");
        SparkGenerateJob.Config c = config(out);
        FrameSource source = c.spec().source().open();
        Map<String, String> recorded = c.spec().toManifest(source, ShardTask.runnerOptions(c));
        ShardedOutput coordinator = new ShardedOutput(out, c.spec().formats(), recorded);
        Files.createDirectories(out.resolve(SparkGenerateJob.COUNTERS_DIR));
        ShardTask task = new ShardTask(c, recorded, "run-under-test", TaskHook.NONE, null, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int a = 0; a < 2; a++) {
                attempts.add(pool.submit(() -> {
                    task.call(List.of(0L, 1L, 2L).iterator()).forEachRemaining(r -> { });
                    return null;
                }));
            }
            for (Future<?> f : attempts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        coordinator.finish(3);
        Fixtures.deleteCounterFiles(out);
        Fixtures.assertSameTree(localReference, out);
    }

    @Test
    void aModelsRootShippedWithTheJobIsFoundThroughSparkFiles() throws IOException {
        Path shipped = tmp.resolve("shipped/spatialvlm4j-test-models");
        RiggedModelsRoot.all(shipped);
        spark.sparkContext().addFile(shipped.toString(), true);
        String name = shipped.getFileName().toString();
        assertFalse(Files.exists(Path.of(name)), "the name must not be a folder of the working directory");
        assertTrue(ExecutorModels.resolve(new ModelSetup(name, true, false, true, true)).root()
                .endsWith(name));
        Path out = tmp.resolve("spark-shipped");
        SparkGenerateJob.run(spark, config(out, name));
        Fixtures.assertSameTree(localReference, out);
    }

    @Test
    void imageOnlyParquetRowsGoThroughTheModelsOnBothRunners() throws IOException {
        Path table = Files.createDirectories(tmp.resolve("table"));
        List<Group> rows = new ArrayList<>();
        FrameSource scenes = Fixtures.synthetic(2).open();
        rows.add(Fixtures.rgbdRow(scenes.load(0)));
        try (Stream<Path> files = Files.list(photos)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                rows.add(Fixtures.imageOnlyRow(Files.readAllBytes(p), "photos/" + p.getFileName()));
            }
        }
        rows.add(Fixtures.rgbdRow(scenes.load(1)));
        Fixtures.writeTable(table.resolve("train-00000-of-00001.parquet"), Fixtures.RGBD_SCHEMA, rows, 3);
        SourceSpec spec = new SourceSpec.Parquet(ParquetFrameSource.scan(table), Integer.MAX_VALUE, false,
                GenerateJob.DEFAULT_MAX_PIXELS);
        SparkGenerateJob.Config base = config(tmp.resolve("unused"));
        // No CLIP: the rigged text tower knows the photos' captions only, not the synthetic scenes'.
        Path noClip = tmp.resolve("models-no-clip");
        RiggedModelsRoot.depth(noClip);
        RiggedModelsRoot.florence(noClip);
        RiggedModelsRoot.sam(noClip);
        ModelSetup setup = new ModelSetup(noClip.toString(), false, false, true, true);
        Path local = tmp.resolve("local-parquet");
        Path out = tmp.resolve("spark-parquet");
        GenerateJob.Result expected = Fixtures.runLocal(withSource(base, spec, local, setup), local);
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, withSource(base, spec, out, setup));

        Fixtures.assertSameTree(local, out);
        assertEquals(expected.summary().records(), result.summary().records());
        assertNull(result.summary().skipped().get(SkipReason.NO_DEPTH), "image-only rows get depth from the model");
        assertTrue(result.summary().records() >= 6, result.summary().toString());
    }

    private static SparkGenerateJob.Config withSource(SparkGenerateJob.Config c, SourceSpec source, Path out,
            ModelSetup setup) {
        var s = c.spec();
        return new SparkGenerateJob.Config(new io.github.spatialvlm4j.datagen.job.GenerateSpec(source, s.seed(),
                s.formats(), s.shardSize(), s.objectClouds(), s.questions()), out.toString(), "jvm", 1, setup,
                c.gpu());
    }
}
