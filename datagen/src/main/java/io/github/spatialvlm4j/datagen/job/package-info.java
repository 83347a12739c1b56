/**
 * What a run is and the per-frame work of it, independent of the runner that executes it.
 *
 * <p>{@link io.github.spatialvlm4j.datagen.job.GenerateSpec} describes one {@code generate} run (its
 * source, seed, formats, shards and question choices) and what the manifest records about it; the
 * local command line and the Spark runner build it from the same options and ship it unchanged.
 * {@link io.github.spatialvlm4j.datagen.job.FrameTask} is one frame's work with the failure policy
 * every runner shares: declared bad input (a file that cannot be read, an invalid value, a frame the
 * pipeline cannot use) is a counted skip naming the frame and its files, anything else fails the run.
 * {@link io.github.spatialvlm4j.datagen.job.GenerateJob} runs a spec on one machine;
 * {@link io.github.spatialvlm4j.datagen.job.RunCheck} judges the finished output (no record, too many
 * skips). See docs/ARCHITECTURE.md, "Runners".
 */
package io.github.spatialvlm4j.datagen.job;
