/**
 * The local runner's machinery, free of what a frame is: frame indices {@code [0, n)} cut into shards
 * of consecutive frames, frames of a shard run on a thread pool, each shard committed atomically in
 * frame order with its skipped frames, so the output does not depend on the thread count and a killed
 * run resumes after its committed shards.
 *
 * <p>A frame's result is a {@link io.github.spatialvlm4j.datagen.runner.FrameOutcome} (a record, or a
 * skip with its reason, message and input files); a frame that fails in a way a skip must not hide ends
 * the run with a {@link io.github.spatialvlm4j.datagen.runner.FrameFailedException}. See
 * docs/ARCHITECTURE.md, "Runners".
 */
package io.github.spatialvlm4j.datagen.runner;
