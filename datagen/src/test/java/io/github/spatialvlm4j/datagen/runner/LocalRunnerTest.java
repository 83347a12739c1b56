package io.github.spatialvlm4j.datagen.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Seeds;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class LocalRunnerTest {

    /** An in-memory store that can be told to fail when committing one shard (a simulated kill). */
    private static class MemoryStore implements ShardStore<String> {
        final Map<Integer, List<String>> shards = new TreeMap<>();
        int failOnShard = Integer.MIN_VALUE;

        @Override
        public boolean isCommitted(int shard) {
            return shards.containsKey(shard);
        }

        final Map<Integer, List<FrameSkip>> skips = new TreeMap<>();

        @Override
        public void commit(int shard, List<String> records) {
            throw new AssertionError("a runner commits with the shard's skips");
        }

        @Override
        public void commit(int shard, List<String> records, List<FrameSkip> skipped) throws IOException {
            if (shard == failOnShard) {
                throw new IOException("simulated kill before shard " + shard);
            }
            if (shards.put(shard, List.copyOf(records)) != null) {
                throw new AssertionError("shard " + shard + " committed twice");
            }
            skips.put(shard, List.copyOf(skipped));
        }

        List<String> all() {
            List<String> out = new ArrayList<>();
            shards.values().forEach(out::addAll);
            return out;
        }
    }

    /** Deterministic work with uneven cost, every 7th frame skipped. */
    private static final IntFunction<FrameOutcome<String>> TASK = i -> {
        if (i % 7 == 3) {
            return FrameOutcome.skipped(SkipReason.NO_OBJECTS, "frame " + i);
        }
        long h = Seeds.indexSeed(42, i);
        long spin = h & 0xFFF;
        for (long k = 0; k < spin; k++) {
            h = Seeds.mix(h);
        }
        return FrameOutcome.of("frame-" + i + ":" + Long.toHexString(h), i % 5);
    };

    private static List<String> runAll(int threads, int shardSize, int frames) throws IOException {
        MemoryStore store = new MemoryStore();
        try (LocalRunner runner = new LocalRunner(threads, shardSize)) {
            runner.run(frames, TASK, store, ProgressListener.NONE);
        }
        return store.all();
    }

    @Test
    void outputIsIndependentOfThreadCount() throws IOException {
        List<String> one = runAll(1, 8, 53);
        assertEquals(one, runAll(2, 8, 53));
        assertEquals(one, runAll(5, 8, 53));
        assertEquals(53 - 8, one.size()); // frames 3, 10, 17, 24, 31, 38, 45, 52 are skipped
        assertEquals("frame-0:" + one.get(0).substring(8), one.get(0));
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws IOException {
        List<String> expected = runAll(2, 5, 40);
        MemoryStore store = new MemoryStore();
        store.failOnShard = 3;
        try (LocalRunner runner = new LocalRunner(2, 5)) {
            assertThrows(IOException.class, () -> runner.run(40, TASK, store, ProgressListener.NONE));
        }
        assertEquals(3, store.shards.size());
        store.failOnShard = Integer.MIN_VALUE;
        RunSummary second;
        try (LocalRunner runner = new LocalRunner(2, 5)) {
            second = runner.run(40, TASK, store, ProgressListener.NONE);
        }
        assertEquals(3, second.shardsResumed());
        assertEquals(5, second.shardsWritten());
        assertEquals(25, second.processed());
        assertEquals(expected, store.all());
    }

    @Test
    void summaryCountsSkipsAndQuestions() throws IOException {
        MemoryStore store = new MemoryStore();
        List<long[]> progress = new ArrayList<>();
        RunSummary summary;
        try (LocalRunner runner = new LocalRunner(2, 4)) {
            summary = runner.run(14, TASK, store, (done, total, skipped, qa, fps) ->
                    progress.add(new long[] {done, total, skipped, qa}));
        }
        assertEquals(14, summary.processed());
        assertEquals(12, summary.records());
        assertEquals(Map.of(SkipReason.NO_OBJECTS, 2L), summary.skipped());
        long expectedQa = 0;
        for (int i = 0; i < 14; i++) {
            if (i % 7 != 3) {
                expectedQa += i % 5;
            }
        }
        assertEquals(expectedQa, summary.qa());
        long[] last = progress.get(progress.size() - 1);
        assertEquals(14, last[0]);
        assertEquals(14, last[1]);
        assertEquals(2, last[2]);
    }

    @Test
    void aThrowingFrameIsCountedNotFatal() throws IOException {
        MemoryStore store = new MemoryStore();
        RunSummary summary;
        try (LocalRunner runner = new LocalRunner(2, 3)) {
            summary = runner.run(6, i -> {
                if (i == 4) {
                    throw new IllegalArgumentException("Invalid depth NaN at pixel (1, 2)");
                }
                return FrameOutcome.of("r" + i, 1);
            }, store, ProgressListener.NONE);
        }
        assertEquals(Map.of(SkipReason.INVALID_INPUT, 1L), summary.skipped());
        assertEquals(List.of("r0", "r1", "r2", "r3", "r5"), store.all());
        FrameSkip skip = store.skips.get(1).get(0);
        assertEquals(4, skip.index());
        assertEquals("Invalid depth NaN at pixel (1, 2)", skip.message(), "the message, without a class name");
    }

    @Test
    void eachShardIsCommittedWithItsSkipsInFrameOrder() throws IOException {
        MemoryStore store = new MemoryStore();
        try (LocalRunner runner = new LocalRunner(3, 8)) {
            runner.run(20, i -> i % 3 == 0
                    ? FrameOutcome.skipped(SkipReason.LOAD_ERROR, "bad file f" + i, Optional.of("f" + i),
                            List.of(new InputFile("/in/f" + i + ".png", InputFile.MISSING)))
                    : FrameOutcome.of("r" + i, 1), store, ProgressListener.NONE);
        }
        assertEquals(List.of(0, 3, 6), store.skips.get(0).stream().map(FrameSkip::index).toList());
        assertEquals(List.of(9, 12, 15), store.skips.get(1).stream().map(FrameSkip::index).toList());
        assertEquals(List.of(18), store.skips.get(2).stream().map(FrameSkip::index).toList());
        FrameSkip s = store.skips.get(1).get(1);
        assertEquals(new FrameSkip(12, Optional.of("f12"), SkipReason.LOAD_ERROR, "bad file f12",
                List.of(new InputFile("/in/f12.png", InputFile.MISSING))), s);
        assertEquals("load_error", s.reasonCode());
    }

    @Test
    void aFrameThatRunsOutOfMemoryEndsTheRunNamingIt() {
        MemoryStore store = new MemoryStore();
        try (LocalRunner runner = new LocalRunner(2, 4)) {
            LocalRunner.FrameFailedException e = assertThrows(LocalRunner.FrameFailedException.class,
                    () -> runner.run(8, i -> {
                        if (i == 6) {
                            throw new OutOfMemoryError("Java heap space");
                        }
                        return FrameOutcome.of("r" + i, 1);
                    }, store, ProgressListener.NONE));
            assertTrue(e.getMessage().startsWith("Out of memory on frame 6 (shard 1)")
                    && e.getMessage().contains("--max-pixels"), e.getMessage());
        }
        assertEquals(List.of(0), List.copyOf(store.shards.keySet()), "shard 0 stays committed");
    }

    @Test
    void aShardIsCommittedWhileTheNextShardsFramesRun() throws IOException, InterruptedException {
        // Frames of shard 1 wait for shard 0's commit: they can only see it when the commit overlaps them.
        CountDownLatch committed = new CountDownLatch(1);
        MemoryStore store = new MemoryStore() {
            @Override
            public void commit(int shard, List<String> records, List<FrameSkip> skipped) throws IOException {
                super.commit(shard, records, skipped);
                if (shard == 0) {
                    committed.countDown();
                }
            }
        };
        try (LocalRunner runner = new LocalRunner(1, 2)) {
            runner.run(4, i -> {
                boolean seen = i < 2;
                if (!seen) {
                    try {
                        seen = committed.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return FrameOutcome.of(i + ":" + seen, 0);
            }, store, ProgressListener.NONE);
        }
        assertEquals(List.of("0:true", "1:true", "2:true", "3:true"), store.all());
        assertTrue(committed.await(0, TimeUnit.SECONDS));
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LocalRunner(0, 4));
        assertTrue(e.getMessage().contains("0"));
        assertThrows(IllegalArgumentException.class, () -> new LocalRunner(1, 0));
    }
}
