package io.github.spatialvlm4j.datagen.runner;

import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs a per-frame task over frame indices {@code [0, frames)} on a bounded thread pool and
 * commits the results shard by shard.
 *
 * <p>Frames are grouped into shards of {@code shardSize} consecutive indices. Shards are
 * processed in order; the frames of a shard run in parallel, and the shard's records are
 * committed in frame order once all are done, while the next shard's frames run. So the output
 * does not depend on the thread count, memory holds at most two shards of records, and a killed
 * run restarted with the same arguments skips the committed shards and writes the rest: the final
 * output equals an uninterrupted run's. Each shard is committed with its skipped frames
 * ({@link FrameSkip}), so a skip is reported exactly once, whatever the restarts. A frame whose task
 * throws an unchecked exception is counted as {@link SkipReason#INVALID_INPUT}; it never kills the
 * run. An {@link UncheckedIOException} is taken as a failure of the output, not of the frame, and
 * ends the run with an {@link IOException} (committed shards stay committed); a frame that runs out
 * of memory ends it with a {@link FrameFailedException} naming the frame.
 */
public final class LocalRunner implements AutoCloseable {
    private final int threads;
    private final int shardSize;
    private final ExecutorService pool;

    /**
     * @param threads worker threads, &gt;= 1
     * @param shardSize frames per shard, &gt;= 1
     */
    public LocalRunner(int threads, int shardSize) {
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid thread count: " + threads + " (must be >= 1)");
        }
        if (shardSize < 1) {
            throw new IllegalArgumentException("Invalid shard size: " + shardSize + " (must be >= 1)");
        }
        this.threads = threads;
        this.shardSize = shardSize;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "spatialvlm4j-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /**
     * The threads each frame's own parallel work (kernels, model sessions) should use when
     * {@code frameThreads} frames run at once: the cores divided among the frames, at least 1. Frames in
     * parallel and kernels in parallel on the same cores only add switching and cache misses: with as many
     * frame workers as cores every kernel runs on its frame's thread, with one frame worker the kernels
     * take every core.
     *
     * @param frameThreads frames processed at once, &gt;= 1
     */
    public static int threadsPerFrame(int frameThreads) {
        if (frameThreads < 1) {
            throw new IllegalArgumentException("Invalid thread count: " + frameThreads + " (must be >= 1)");
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / frameThreads);
    }

    public int shardSize() {
        return shardSize;
    }

    /** Number of shards for {@code frames} frames. */
    public int shardCount(int frames) {
        return (frames + shardSize - 1) / shardSize;
    }

    /**
     * Processes every frame not in a committed shard and commits the shards, in shard order. A finished
     * shard is committed on the calling thread while the workers process the next one, so writing costs
     * the workers no time (memory holds at most two shards of records).
     *
     * @param frames number of frames
     * @param task the per-frame work, thread-safe
     * @param store where shards are committed
     * @param progress told after every frame
     */
    public <T> RunSummary run(int frames, IntFunction<FrameOutcome<T>> task, ShardStore<T> store,
            ProgressListener progress) throws IOException {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(progress, "progress");
        if (frames < 0) {
            throw new IllegalArgumentException("Invalid frame count: " + frames);
        }
        Tally tally = new Tally(frames, System.nanoTime(), progress);
        int shards = shardCount(frames);
        Pending<T> pending = null;
        for (int shard = 0; shard < shards; shard++) {
            int from = shard * shardSize;
            int to = Math.min(frames, from + shardSize);
            if (store.isCommitted(shard)) {
                tally.resumed++;
                tally.done += to - from;
                tally.report();
                continue;
            }
            List<FrameOutcome<T>> outcomes = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                outcomes.add(null);
            }
            ExecutorCompletionService<Integer> ecs = new ExecutorCompletionService<>(pool);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int index = i;
                futures.add(ecs.submit(() -> {
                    FrameOutcome<T> outcome;
                    try {
                        outcome = task.apply(index);
                    } catch (UncheckedIOException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        outcome = FrameOutcome.skipped(SkipReason.INVALID_INPUT, FrameOutcome.describe(e));
                    } catch (OutOfMemoryError e) {
                        throw new FrameFailedException("Out of memory on frame " + index + " (shard " + shardOf(index)
                                + "): give the JVM more memory (-Xmx) or lower the pixel limit (--max-pixels)", e);
                    }
                    synchronized (outcomes) {
                        outcomes.set(index - from, outcome);
                    }
                    return index;
                }));
            }
            if (pending != null) {
                try {
                    commit(store, pending, tally);
                } catch (IOException | RuntimeException e) {
                    futures.forEach(f -> f.cancel(true));
                    throw e;
                }
                pending = null;
            }
            try {
                for (int k = 0; k < futures.size(); k++) {
                    int index = ecs.take().get();
                    FrameOutcome<T> outcome;
                    synchronized (outcomes) {
                        outcome = outcomes.get(index - from);
                    }
                    tally.processed++;
                    tally.done++;
                    if (outcome.skip().isPresent()) {
                        tally.skipped.merge(outcome.skip().get(), 1L, Long::sum);
                        tally.skippedCount++;
                    } else {
                        tally.qa += outcome.qaCount();
                    }
                    tally.report();
                }
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new IOException("Run interrupted in shard " + shard, e);
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw new IOException("Writing failed in shard " + shard + ": " + io.getMessage(), io.getCause());
                }
                if (e.getCause() instanceof FrameFailedException f) {
                    throw f;
                }
                throw new IllegalStateException("Frame task failed in shard " + shard, e.getCause());
            }
            List<T> records = new ArrayList<>();
            List<FrameSkip> skips = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                FrameOutcome<T> o = outcomes.get(i);
                if (o.record().isPresent()) {
                    records.add(o.record().get());
                } else {
                    skips.add(o.toSkip(from + i));
                }
            }
            pending = new Pending<>(shard, records, skips);
        }
        if (pending != null) {
            commit(store, pending, tally);
        }
        tally.report();
        return new RunSummary(frames, tally.processed, tally.records, tally.qa, tally.skipped, tally.resumed,
                tally.written, System.nanoTime() - tally.start);
    }

    private static <T> void commit(ShardStore<T> store, Pending<T> shard, Tally tally) throws IOException {
        try {
            store.commit(shard.shard(), shard.records(), shard.skips());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        tally.records += shard.records().size();
        tally.written++;
    }

    /** A processed shard waiting to be committed: its records and skipped frames, in frame order. */
    private record Pending<T>(int shard, List<T> records, List<FrameSkip> skips) {
    }

    /** The counters of a run, kept and reported on the calling thread. */
    private static final class Tally {
        final int frames;
        final long start;
        final ProgressListener progress;
        final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        long done;
        long processed;
        long records;
        long qa;
        long skippedCount;
        int resumed;
        int written;

        Tally(int frames, long start, ProgressListener progress) {
            this.frames = frames;
            this.start = start;
            this.progress = progress;
        }

        void report() {
            progress.progress(done, frames, skippedCount, qa, rate(processed, start));
        }
    }

    private int shardOf(int index) {
        return index / shardSize;
    }

    /** A frame that ends the run: it ran out of memory, which a skip cannot contain. */
    public static final class FrameFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        FrameFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static double rate(long processed, long startNanos) {
        long el = System.nanoTime() - startNanos;
        return el <= 0 ? 0 : processed * 1e9 / el;
    }

    /** Stops the worker threads. Idempotent. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
