package io.github.spatialvlm4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.SourceSpec;
import io.github.spatialvlm4j.datagen.source.parquet.ParquetFrameSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.example.data.Group;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job against the local runner on the same input: equal output directories, byte for
 * byte, for synthetic scenes and for an RGB-D Parquet table; injected task failures, retried by
 * Spark, leave the same output and the same counters. One local[2] session (3 attempts per task)
 * serves the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkGenerateJobTest {

    private static final int FRAMES = 8;
    private static final int SHARD_SIZE = 3;
    private static final int QUESTIONS = 6;
    private static final Set<OutputFormat> ALL_FORMATS = EnumSet.allOf(OutputFormat.class);

    /** How often an injected failure fired; tasks run in this JVM in local mode. */
    static final AtomicInteger FIRED = new AtomicInteger();

    /** Fails the first attempt of one shard's task at one point. */
    record FailFirstAttempt(TaskHook.Point point, int shard) implements TaskHook {
        @Override
        public void at(TaskHook.Point p, int s, int attempt) {
            if (p == point && s == shard && attempt == 0) {
                FIRED.incrementAndGet();
                throw new IllegalStateException("Injected failure of shard " + s + ", attempt " + attempt + ", at " + p);
            }
        }
    }

    private Path tmp;

    private SparkSession spark;
    private Path syntheticReference;
    private GenerateJob.Result syntheticLocal;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        tmp = dir;
        spark = Fixtures.localSpark("spatialvlm4j-test");
        syntheticReference = tmp.resolve("local-synthetic");
        syntheticLocal = Fixtures.runLocal(synthetic(syntheticReference), syntheticReference);
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    private static SparkGenerateJob.Config config(SourceSpec source, Path out) {
        GenerateSpec spec = new GenerateSpec(source, Fixtures.SEED, ALL_FORMATS, SHARD_SIZE, false,
                new GenerateSpec.Questions(QUESTIONS, false, ReferStyle.CAPTION));
        return new SparkGenerateJob.Config(spec, out.toString(), "jvm", 1);
    }

    private static SparkGenerateJob.Config synthetic(Path out) {
        return config(Fixtures.synthetic(FRAMES), out);
    }

    private static void assertSameCounters(RunSummary expected, RunSummary actual) {
        assertEquals(expected.frames(), actual.frames(), "frames");
        assertEquals(expected.processed(), actual.processed(), "processed");
        assertEquals(expected.records(), actual.records(), "records");
        assertEquals(expected.qa(), actual.qa(), "questions");
        assertEquals(expected.skipped(), actual.skipped(), "skipped");
        assertEquals(expected.shardsWritten(), actual.shardsWritten(), "shards written");
        assertEquals(expected.shardsResumed(), actual.shardsResumed(), "shards resumed");
    }

    @Test
    void syntheticOutputEqualsTheLocalRunnersByteForByte() throws IOException {
        Path out = tmp.resolve("spark-synthetic");
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, synthetic(out));

        Fixtures.assertSameTree(syntheticReference, out);
        assertSameCounters(syntheticLocal.summary(), result.summary());
        assertTrue(result.summary().records() > 0, "the fixture must give records");
        assertTrue(result.summary().qa() > 0, "the fixture must give questions");
        assertEquals(3, result.shards().size());
        assertFalse(Files.exists(out.resolve(SparkGenerateJob.COUNTERS_DIR)), "counter files are removed at the end");
    }

    @Test
    void parquetInputEqualsTheLocalRunnersOnTheSameTable() throws IOException {
        FrameSource scenes = Fixtures.synthetic(7).open();
        Path table = Files.createDirectories(tmp.resolve("table/data"));
        List<Group> first = Fixtures.rgbdRows(scenes, 0, 4);
        first.add(Fixtures.imageOnlyRow(scenes.load(4), "photos/plain.jpg"));
        Fixtures.writeTable(table.resolve("train-00000-of-00002.parquet"), Fixtures.RGBD_SCHEMA, first, 2);
        Fixtures.writeTable(table.resolve("train-00001-of-00002.parquet"), Fixtures.RGBD_SCHEMA,
                Fixtures.rgbdRows(scenes, 5, 7), 2);
        SourceSpec spec = new SourceSpec.Parquet(ParquetFrameSource.scan(tmp.resolve("table")), Integer.MAX_VALUE,
                false, GenerateJob.DEFAULT_MAX_PIXELS);

        Path local = tmp.resolve("local-parquet");
        GenerateJob.Result expected = Fixtures.runLocal(config(spec, local), local);
        Path out = tmp.resolve("spark-parquet");
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, config(spec, out));

        Fixtures.assertSameTree(local, out);
        assertSameCounters(expected.summary(), result.summary());
        assertEquals(7, result.summary().frames());
        assertEquals(1L, result.summary().skipped().get(SkipReason.NO_DEPTH), "the image-only row");
        assertTrue(result.summary().records() > 0, "the RGB-D rows must give records");
    }

    @Test
    void aTaskThatFailsBeforeCommittingIsRetriedWithoutDuplicates() throws IOException {
        assertRetriedRunEqualsTheLocalRunners(TaskHook.Point.BEFORE_COMMIT, tmp.resolve("spark-fail-before"));
    }

    @Test
    void aTaskThatFailsAfterCommittingIsRetriedWithoutDuplicatesOrLostCounts() throws IOException {
        assertRetriedRunEqualsTheLocalRunners(TaskHook.Point.AFTER_COMMIT, tmp.resolve("spark-fail-after"));
    }

    /** Fails the first attempt of shard 1 at {@code point}; Spark retries it. */
    private void assertRetriedRunEqualsTheLocalRunners(TaskHook.Point point, Path out) throws IOException {
        FIRED.set(0);
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, synthetic(out), new FailFirstAttempt(point, 1));

        assertEquals(1, FIRED.get(), "the injected failure fired once");
        assertEquals(1, result.shards().get(1).attempt(), "shard 1 was reported by its retry");
        Fixtures.assertSameTree(syntheticReference, out);
        assertSameCounters(syntheticLocal.summary(), result.summary());
        Fixtures.assertNoDuplicates(out, result.summary().records());
    }

    @Test
    void twoConcurrentAttemptsOfEveryShardWriteEachShardOnce() throws Exception {
        // What speculative execution does: two attempts of the same tasks at the same time.
        Path out = tmp.resolve("spark-speculative");
        SparkGenerateJob.Config c = synthetic(out);
        Map<String, String> recorded = c.spec().toManifest(c.spec().source().open());
        ShardedOutput coordinator = new ShardedOutput(out, c.spec().formats(), recorded);
        Files.createDirectories(out.resolve(SparkGenerateJob.COUNTERS_DIR));
        ShardTask task = new ShardTask(c, recorded, "run-under-test", TaskHook.NONE, null, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<List<ShardReport>> attempts = new ArrayList<>();
        try {
            List<Future<List<ShardReport>>> futures = new ArrayList<>();
            for (int a = 0; a < 2; a++) {
                futures.add(pool.submit(() -> {
                    List<ShardReport> reports = new ArrayList<>();
                    task.call(List.of(0L, 1L, 2L).iterator()).forEachRemaining(reports::add);
                    return reports;
                }));
            }
            for (Future<List<ShardReport>> f : futures) {
                attempts.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        coordinator.finish(3);
        for (int shard = 0; shard < 3; shard++) {
            ShardReport a = attempts.get(0).get(shard);
            ShardReport b = attempts.get(1).get(shard);
            assertEquals(List.of(a.frames(), a.records(), a.qa(), a.skipped()),
                    List.of(b.frames(), b.records(), b.qa(), b.skipped()), "counts of shard " + shard);
        }
        List<Path> counters = Fixtures.deleteCounterFiles(out);
        assertEquals(3, counters.size(), "one counter file per shard, no temporary file left: " + counters);
        Fixtures.assertSameTree(syntheticReference, out);
        Fixtures.assertNoDuplicates(out, syntheticLocal.summary().records());
    }

    @Test
    void aRestartedRunResumesAfterTheCommittedShards() throws IOException {
        Path out = tmp.resolve("spark-resume");
        SparkGenerateJob.run(spark, synthetic(out));
        // As if the run had died while writing shard 2: its marker and the run's manifest are gone.
        Files.delete(out.resolve(ShardedOutput.SHARDS_DIR).resolve(ShardedOutput.shardName(2) + ".done"));
        Files.delete(out.resolve(OutputFormat.JSONL.shardFile(2)));
        Files.delete(out.resolve(ShardedOutput.MANIFEST));

        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, synthetic(out));

        assertEquals(2, result.summary().shardsResumed());
        assertEquals(1, result.summary().shardsWritten());
        assertEquals(FRAMES - 2 * SHARD_SIZE, result.summary().processed());
        Fixtures.assertSameTree(syntheticReference, out);
    }

    @Test
    void aRestartWritesAgainAShardWhoseKilledAttemptLeftOtherImages() throws IOException {
        Path out = tmp.resolve("spark-stale-images");
        SparkGenerateJob.run(spark, synthetic(out));
        // As if the run had died in shard 2 after its images were written ahead from inputs that changed since.
        List<String> images = imagesOf(out, 2);
        assertFalse(images.isEmpty(), "shard 2 has images");
        byte[] other = Files.readAllBytes(out.resolve(imagesOf(out, 0).get(0)));
        for (String image : images) {
            Files.write(out.resolve(image), other);
        }
        Files.delete(out.resolve(ShardedOutput.markerName(2)));
        Files.delete(out.resolve(ShardedOutput.MANIFEST));

        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, synthetic(out));

        assertEquals(1, result.summary().shardsWritten());
        Fixtures.assertSameTree(syntheticReference, out);
    }

    /** The images a committed shard's marker lists, relative to {@code out}. */
    private static List<String> imagesOf(Path out, int shard) throws IOException {
        return ShardedOutput.markerFiles(out.resolve(ShardedOutput.markerName(shard)), shard).stream()
                .map(ShardedOutput.FileEntry::path).filter(p -> p.startsWith(ShardedOutput.IMAGES_DIR + "/"))
                .toList();
    }

    @Test
    void anEmptySourceWritesAnEmptyManifest() throws IOException {
        Path local = tmp.resolve("local-empty");
        GenerateJob.Result expected = Fixtures.runLocal(config(Fixtures.synthetic(0), local), local);
        Path out = tmp.resolve("spark-empty");
        SparkGenerateJob.Result result = SparkGenerateJob.run(spark, config(Fixtures.synthetic(0), out));

        Fixtures.assertSameTree(local, out);
        assertSameCounters(expected.summary(), result.summary());
        assertEquals(0, result.shards().size());
    }
}
