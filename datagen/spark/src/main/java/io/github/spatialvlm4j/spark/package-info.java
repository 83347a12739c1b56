/**
 * The generate job on Apache Spark: the local runner's job, distributed shard by shard. The driver
 * builds a {@link io.github.spatialvlm4j.datagen.job.GenerateSpec} from the same command-line options as
 * {@code spatialvlm4j generate}, holds the output directory's lock, and writes the manifest at the end;
 * each task opens the spec's source, kernels and pipeline once and runs its shards through the same
 * per-frame task and failure policy ({@link io.github.spatialvlm4j.datagen.job.FrameTask}) and the same
 * sink as the local runner, so the output directory equals the local runner's, byte for byte. Retried
 * and speculative attempts rewrite identical files; counters come from the accepted task results. With
 * models, each executor JVM opens each model once and its tasks share the sessions
 * ({@link io.github.spatialvlm4j.spark.ExecutorModels}). Named accumulators and a progress line on the
 * driver are for watching a run. See docs/ARCHITECTURE.md, "Runners", and datagen/spark/README.md.
 */
package io.github.spatialvlm4j.spark;
