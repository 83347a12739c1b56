package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.Stage;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Named Spark accumulators of a run, shown in the Spark UI (the stage page sums them, the task list shows each
 * task's): {@code spatialvlm4j.frames}, {@code .records}, {@code .questions}, {@code .skipped.<reason>} and
 * {@code .ms.<stage>} (wall milliseconds per stage). Each task adds its shard's counts once written. They are
 * for watching a run: Spark adds the updates of every attempt that ends, failed and speculative ones included,
 * so after retries they may count a shard twice. The counters a run reports come from the task results Spark
 * accepted ({@link ShardReport}), one per shard.
 */
final class RunAccumulators implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The prefix of every accumulator's name. */
    static final String PREFIX = "spatialvlm4j.";

    private final LongAccumulator frames;
    private final LongAccumulator records;
    private final LongAccumulator questions;
    private final EnumMap<SkipReason, LongAccumulator> skipped = new EnumMap<>(SkipReason.class);
    private final EnumMap<Stage, LongAccumulator> millis = new EnumMap<>(Stage.class);

    RunAccumulators(SparkContext sc) {
        frames = sc.longAccumulator(PREFIX + "frames");
        records = sc.longAccumulator(PREFIX + "records");
        questions = sc.longAccumulator(PREFIX + "questions");
        for (SkipReason r : SkipReason.values()) {
            skipped.put(r, sc.longAccumulator(PREFIX + "skipped." + r.name().toLowerCase(Locale.ROOT)));
        }
        for (Stage s : Stage.values()) {
            millis.put(s, sc.longAccumulator(PREFIX + "ms." + s.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** Adds a written shard's counts (on an executor). */
    void add(ShardReport r) {
        frames.add(r.frames());
        records.add(r.records());
        questions.add(r.qa());
        for (Map.Entry<SkipReason, Long> e : r.skipped().entrySet()) {
            skipped.get(e.getKey()).add(e.getValue());
        }
        for (Stage s : Stage.values()) {
            millis.get(s).add(r.stageNanos()[s.ordinal()] / 1_000_000L);
        }
    }

    /** Frames of the shards written so far, as the driver sees it (attempts that ended, duplicates included). */
    long frames() {
        return frames.value();
    }

    /** Every accumulator's value by name, as the driver sees it now. */
    Map<String, Long> values() {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (LongAccumulator a : new LongAccumulator[] {frames, records, questions}) {
            m.put(a.name().get(), a.value());
        }
        skipped.values().forEach(a -> m.put(a.name().get(), a.value()));
        millis.values().forEach(a -> m.put(a.name().get(), a.value()));
        return m;
    }
}
