/**
 * The audit: measures how often the generated answers are right, on frames whose ground truth is
 * known (synthetic scenes, RGB-D folders with a {@code truth.json}).
 *
 * <p>{@link Audit} runs the same pipeline as {@code generate} on each frame and checks every pair
 * with {@code qa.AnswerCheck}, which recomputes the exact answer from ground-truth facts with the
 * same definitions ({@code qa.SpatialTruth}). It also checks the floor rules (no question that
 * needs the up direction or a floor in a frame without one), the error of the estimated up
 * direction and floor (degrees, metres), object heights and footprints against their true boxes,
 * captions that contradict an answer, and the variety of question wording. {@link CategoryStats}
 * holds per-category tallies; {@link AuditReport} the totals and their writers (JSON, a PNG bar
 * chart, a one-screen summary).
 *
 * <p>Deterministic for a seed whatever the thread count. See docs/ARCHITECTURE.md, "Runners".
 * Depends on datagen's source, pipeline, facts, qa, runner and report packages.
 */
package io.github.spatialvlm4j.datagen.audit;
