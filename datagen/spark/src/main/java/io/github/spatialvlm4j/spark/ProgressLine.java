package io.github.spatialvlm4j.spark;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The driver's progress line of a run: on each successful task of the run's job (its job group), at most once
 * per interval (and once when the last shard is done), {@code "progress: 3/10 shards, 192 frames, 45.2
 * frames/s, 4 s"}. Frames come from the run's accumulator (retried or speculative attempts may add a shard
 * twice, see {@link RunAccumulators}); shards are counted once each. Called on Spark's listener thread.
 */
final class ProgressLine extends SparkListener {

    private final String jobGroup;
    private final int shards;
    private final RunAccumulators counters;
    private final long intervalNanos;
    private final Consumer<String> out;
    private final long start = System.nanoTime();
    private final Set<Integer> stages = new HashSet<>();
    private final Set<Long> done = new HashSet<>();
    private long last = Long.MIN_VALUE;

    /**
     * @param jobGroup the job group of the run's shard job (only its tasks count)
     * @param shards the shards the job runs
     * @param intervalNanos the least time between two lines, nanoseconds (&gt;= 0)
     * @param out where lines go
     */
    ProgressLine(String jobGroup, int shards, RunAccumulators counters, long intervalNanos, Consumer<String> out) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("Invalid progress interval: " + intervalNanos + " ns (must be >= 0)");
        }
        this.jobGroup = jobGroup;
        this.shards = shards;
        this.counters = counters;
        this.intervalNanos = intervalNanos;
        this.out = out;
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted e) {
        if (e.properties() != null && jobGroup.equals(e.properties().getProperty("spark.jobGroup.id"))) {
            stages.add(e.stageInfo().stageId());
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        if (!stages.contains(e.stageId()) || !e.taskInfo().successful() || !done.add((long) e.taskInfo().index())) {
            return;
        }
        long now = System.nanoTime();
        if (done.size() < shards && last != Long.MIN_VALUE && now - last < intervalNanos) {
            return;
        }
        last = now;
        double seconds = (now - start) / 1e9;
        long frames = counters.frames();
        out.accept(String.format(Locale.ROOT, "progress: %d/%d shards, %d frames, %.1f frames/s, %.0f s",
                done.size(), shards, frames, seconds > 0 ? frames / seconds : 0.0, seconds));
    }
}
