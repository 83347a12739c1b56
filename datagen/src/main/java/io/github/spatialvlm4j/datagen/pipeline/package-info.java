/**
 * The per-frame path of the data engine: a frame with metric depth, intrinsics and object masks in, its
 * scene facts and question/answer pairs out, free of any runner (the local runner, Spark and the audit all
 * call {@link io.github.spatialvlm4j.datagen.pipeline.FramePipeline}).
 *
 * <p><b>Stages.</b> {@code FramePipeline} holds an explicit list of one-method stages, run in order over a
 * per-frame state, each timed under its {@link io.github.spatialvlm4j.datagen.pipeline.Stage}: lift
 * (depth cleaned, labelled pixels back-projected), canonicalize (up and the floor), clean (per-object
 * denoising), facts (per-object and pairwise facts), disambiguate (look-alike and background objects
 * dropped), synthesize (questions). A stage may end the frame with a
 * {@link io.github.spatialvlm4j.datagen.pipeline.SkipReason}. Perceiving (models), loading and writing stay
 * with the job that runs the pipeline. See docs/ARCHITECTURE.md, "Stages".
 *
 * <p><b>Thresholds.</b> Every threshold is a component of one options record per stage
 * ({@code LiftOptions}, {@code CanonicalizeOptions}, {@code CleanupOptions}, {@code FactsOptions},
 * {@code DisambiguateOptions}, and {@code QaOptions} of the qa package), with its default in the record's
 * {@code defaults()} and a {@code with...} method per component; {@link
 * io.github.spatialvlm4j.datagen.pipeline.PipelineOptions} groups them and writes them all as JSON.
 *
 * <p><b>Randomness.</b> A frame's seed is derived from the run seed and the frame id, and each random
 * stream of the frame (RANSAC hypotheses, questions, points) from the frame seed, all in
 * {@link io.github.spatialvlm4j.datagen.Seeds}; the result is the same on any runner, thread count and
 * order.
 *
 * <p><b>Frames and units.</b> Depth and lengths in meters; intrinsics and windows in pixels; clouds in the
 * camera frame (x right, y down, z forward) until the facts, which are measured in the up frame (z up; the
 * floor frame when the frame has a floor), angles in degrees in the options.
 */
package io.github.spatialvlm4j.datagen.pipeline;
