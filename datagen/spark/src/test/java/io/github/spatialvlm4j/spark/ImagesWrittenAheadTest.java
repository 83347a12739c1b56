package io.github.spatialvlm4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.job.FrameTask;
import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.runner.FrameOutcome;
import io.github.spatialvlm4j.datagen.runner.FrameSkip;
import io.github.spatialvlm4j.datagen.sink.EncodedPng;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark shard task writes each frame's images as soon as the frame is done ({@link ShardTask}, as the local
 * runner does): the records it holds until the commit keep files, not PNG bytes, and the output equals the
 * output of the same records written from memory, byte for byte, also when two attempts of a shard write the
 * same images ahead. The task is called directly (no Spark session: Spark's side of retries and duplicates is
 * {@link SparkGenerateJobTest}'s and {@link ClusterStorageTest}'s); the questions refer to marks, so every
 * record also has a marked image, and object clouds are written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesWrittenAheadTest {

    private static final int FRAMES = 7;
    private static final int SHARD_SIZE = 3;
    private static final int SHARDS = 3;
    private static final long LATCH_SECONDS = 60;

    private Path tmp;
    private GenerateSpec spec;
    private Map<String, String> recorded;
    private Path inMemory;

    @BeforeAll
    void writeTheInMemoryReference(@TempDir Path dir) throws IOException {
        tmp = dir;
        spec = new GenerateSpec(Fixtures.synthetic(FRAMES), Fixtures.SEED,
                EnumSet.allOf(OutputFormat.class), SHARD_SIZE, true,
                new GenerateSpec.Questions(6, false, ReferStyle.MARKS));
        recorded = spec.toManifest(spec.source().open());
        inMemory = tmp.resolve("in-memory");
        writeFromMemory(inMemory);
    }

    /**
     * The output as a runner that keeps the images in memory writes it: each shard's records, PNG bytes and
     * all, given to {@link ShardedOutput#writeShard}, which writes the images with the shard.
     */
    private void writeFromMemory(Path out) throws IOException {
        FrameSource source = spec.source().open();
        ShardedOutput output = new ShardedOutput(out, spec.formats(), recorded);
        try (Kernels kernels = Kernels.jvm(1)) {
            FrameTask<FrameRecord> task = GenerateJob.frameTask(source, Optional.empty(),
                    new FramePipeline(kernels, spec.pipelineOptions()), spec.seed(),
                    Optional.of(out), new StageTimes());
            for (int shard = 0; shard < SHARDS; shard++) {
                List<FrameRecord> records = new ArrayList<>();
                List<FrameSkip> skips = new ArrayList<>();
                for (int i = shard * SHARD_SIZE; i < Math.min(FRAMES, (shard + 1) * SHARD_SIZE); i++) {
                    FrameOutcome<FrameRecord> outcome = task.apply(i);
                    if (outcome.record().isPresent()) {
                        assertTrue(outcome.record().get().png().file().isEmpty(), "held in memory");
                        records.add(outcome.record().get());
                    } else {
                        skips.add(outcome.toSkip(i));
                    }
                }
                output.writeShard(shard, records, skips);
            }
        }
        output.finish(SHARDS);
    }

    /** A shard task (outside a Spark job: attempt 0, no accumulators) into the plain output directory {@code out}. */
    private ShardTask task(Path out, TaskHook hook) {
        return new ShardTask(new SparkGenerateJob.Config(spec, out.toString(), "jvm", 1), recorded,
                "run-under-test", hook, null, null);
    }

    /** Opens {@code out} as the driver does (the coordinator's directory and the counter folder). */
    private ShardedOutput openAsDriver(Path out) throws IOException {
        ShardedOutput output = new ShardedOutput(out, spec.formats(), recorded);
        Files.createDirectories(out.resolve(SparkGenerateJob.COUNTERS_DIR));
        return output;
    }

    /** Finishes {@code out} as the driver does, dropping the counter files, and compares it with the reference. */
    private void finishAndCompare(ShardedOutput output, Path out) throws IOException {
        output.finish(SHARDS);
        Fixtures.deleteCounterFiles(out);
        Fixtures.assertSameTree(inMemory, out);
    }

    @Test
    void theRecordsOfAComputedShardHoldFilesNotBytes() throws IOException {
        Path out = tmp.resolve("computed");
        ShardedOutput output = openAsDriver(out);
        ShardTask.Computed computed;
        try (Kernels kernels = Kernels.jvm(1)) {
            computed = task(out, TaskHook.NONE).compute(1, spec.source().open(), Optional.empty(),
                    new FramePipeline(kernels, spec.pipelineOptions()), output);
        }

        assertFalse(output.isCommitted(1), "computed, not committed");
        assertEquals(SHARD_SIZE, computed.records().size() + computed.skips().size());
        assertFalse(computed.records().isEmpty(), "the fixture must give records");
        for (FrameRecord r : computed.records()) {
            assertWrittenAhead(r.png(), out.resolve(r.imagePath()), inMemory.resolve(r.imagePath()));
            assertTrue(r.marked().isPresent(), "questions about marks give a marked image: " + r.frameId());
            assertWrittenAhead(r.marked().get().png(), out.resolve(r.marked().get().path()),
                    inMemory.resolve(r.marked().get().path()));
        }
    }

    /** {@code png} is the file {@code file}, which holds what the in-memory path wrote to {@code expected}. */
    private static void assertWrittenAhead(EncodedPng png, Path file, Path expected) throws IOException {
        assertEquals(Optional.of(file), png.file(), "a file, not bytes: " + png);
        byte[] onDisk = Files.readAllBytes(file);
        assertEquals(onDisk.length, png.size(), "size of " + file);
        assertArrayEquals(Files.readAllBytes(expected), onDisk, "bytes of " + file);
    }

    @Test
    void aRunOfShardTasksEqualsTheInMemoryPathByteForByte() throws IOException {
        Path out = tmp.resolve("shard-tasks");
        ShardedOutput output = openAsDriver(out);
        List<ShardReport> reports = new ArrayList<>();
        task(out, TaskHook.NONE).call(List.of(0L, 1L, 2L).iterator()).forEachRemaining(reports::add);

        assertEquals(SHARDS, reports.size());
        finishAndCompare(output, out);
    }

    @Test
    void anAttemptThatFailedAfterWritingItsImagesLeavesThemForItsRetry() throws IOException {
        Path out = tmp.resolve("failed-attempt");
        ShardedOutput output = openAsDriver(out);
        TaskHook fail = (point, shard, attempt) -> {
            if (point == TaskHook.Point.BEFORE_COMMIT) {
                throw new IllegalStateException("Injected failure of shard " + shard);
            }
        };
        assertThrows(IllegalStateException.class, () -> task(out, fail).call(List.of(1L).iterator()));
        assertFalse(output.isCommitted(1), "the first attempt died before its commit");
        try (var images = Files.list(out.resolve(ShardedOutput.IMAGES_DIR))) {
            assertFalse(images.toList().isEmpty(), "the failed attempt's images were written ahead");
        }

        task(out, TaskHook.NONE).call(List.of(0L, 1L, 2L).iterator());
        finishAndCompare(output, out);
    }

    @Test
    void twoAttemptsOfAShardBothWritingItsImagesAheadCommitTheSameBytes() throws Exception {
        // Both attempts have computed the shard, each frame's images on disk, before either commits; the first
        // commits, the second finds the shard committed (as a speculative duplicate does).
        Path out = tmp.resolve("duplicates");
        ShardedOutput output = openAsDriver(out);
        CountDownLatch secondComputed = new CountDownLatch(1);
        CountDownLatch firstCommitted = new CountDownLatch(1);
        TaskHook first = (point, shard, attempt) -> {
            if (point == TaskHook.Point.BEFORE_COMMIT) {
                await(secondComputed);
            } else if (point == TaskHook.Point.AFTER_COMMIT) {
                firstCommitted.countDown();
            }
        };
        TaskHook second = (point, shard, attempt) -> {
            if (point == TaskHook.Point.BEFORE_COMMIT) {
                secondComputed.countDown();
                await(firstCommitted);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<ShardReport>>> attempts = new ArrayList<>();
            for (TaskHook hook : List.of(first, second)) {
                attempts.add(pool.submit(() -> {
                    List<ShardReport> reports = new ArrayList<>();
                    task(out, hook).call(List.of(2L).iterator()).forEachRemaining(reports::add);
                    return reports;
                }));
            }
            ShardReport a = attempts.get(0).get().get(0);
            ShardReport b = attempts.get(1).get().get(0);
            assertFalse(a.resumed() || b.resumed(), "both attempts computed the shard");
            assertEquals(List.of(a.frames(), a.records(), a.qa()), List.of(b.frames(), b.records(), b.qa()));
        } finally {
            pool.shutdownNow();
        }
        task(out, TaskHook.NONE).call(List.of(0L, 1L).iterator());
        finishAndCompare(output, out);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(LATCH_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The other attempt did not get there in " + LATCH_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
