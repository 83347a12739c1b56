package io.github.spatialvlm4j.datagen.runner;

import java.io.IOException;
import java.util.List;

/**
 * Where a runner commits its shards. A shard is the records of a fixed, contiguous range of frame
 * indices; committing it must be atomic (all of its files, or none), so a killed run can be
 * resumed by skipping committed shards.
 *
 * @param <T> the record type
 */
public interface ShardStore<T> {

    /** Whether shard {@code shard} was fully committed by this or an earlier run. */
    boolean isCommitted(int shard) throws IOException;

    /** Writes and atomically commits the records of shard {@code shard}, in frame order. */
    void commit(int shard, List<T> records) throws IOException;

    /**
     * Writes and atomically commits the records of shard {@code shard}, in frame order, with the
     * frames of the shard that were skipped, in frame order: what a runner calls. A store that keeps
     * no record of skips (the audit's) need not override it.
     */
    default void commit(int shard, List<T> records, List<FrameSkip> skipped) throws IOException {
        commit(shard, records);
    }
}
