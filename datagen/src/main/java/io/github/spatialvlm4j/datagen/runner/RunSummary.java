package io.github.spatialvlm4j.datagen.runner;

import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import java.util.Map;

/**
 * The counters of a finished run.
 *
 * @param frames frames in the source
 * @param processed frames processed by this run (not resumed)
 * @param records records written by this run
 * @param qa questions written by this run
 * @param skipped frames skipped by this run, per reason
 * @param shardsResumed shards found committed and not redone
 * @param shardsWritten shards committed by this run
 * @param elapsedNanos wall time of this run
 */
public record RunSummary(long frames, long processed, long records, long qa, Map<SkipReason, Long> skipped,
        int shardsResumed, int shardsWritten, long elapsedNanos) {
    public RunSummary {
        skipped = Map.copyOf(skipped);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The end-of-run line every runner prints: frames, records, questions, skips by reason, shards
     * written and resumed, frames per second.
     */
    public String oneLine() {
        return String.format(java.util.Locale.ROOT, "%d frames: %d records, %d questions, %d skipped %s; %d shards"
                + " written, %d resumed; %.1f frames/s", frames, records, qa, skippedTotal(),
                skipped.isEmpty() ? "" : skipped.toString(), shardsWritten, shardsResumed, framesPerSecond());
    }

    /** Frames processed per second of wall time. */
    public double framesPerSecond() {
        return elapsedNanos == 0 ? 0 : processed * 1e9 / elapsedNanos;
    }
}
