package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.Stage;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one task reports about its shard, collected on the driver. Only the successful attempt of a
 * task reports, so the driver counts every shard exactly once whatever the retries.
 *
 * @param shard the shard number (the partition index)
 * @param frames frames in the shard
 * @param records records written (frames not skipped)
 * @param qa questions written
 * @param skipped frames skipped, per reason
 * @param stageNanos wall time per {@link Stage}, indexed by ordinal, nanoseconds
 * @param resumed whether the shard was found committed by an earlier run and not redone (then the
 *     counts are zero, as in the local runner's summary)
 * @param attempt the Spark attempt number of the task that reported (0 for the first)
 */
public record ShardReport(int shard, int frames, int records, long qa, Map<SkipReason, Long> skipped,
        long[] stageNanos, boolean resumed, int attempt) implements Serializable {
    public ShardReport {
        skipped = new EnumMap<>(skipped.isEmpty() ? new EnumMap<>(SkipReason.class) : skipped);
        stageNanos = stageNanos.clone();
        if (stageNanos.length != Stage.values().length) {
            throw new IllegalArgumentException("stageNanos has " + stageNanos.length + " entries (expected "
                    + Stage.values().length + ", one per Stage)");
        }
    }

    /** Frames skipped, all reasons. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
