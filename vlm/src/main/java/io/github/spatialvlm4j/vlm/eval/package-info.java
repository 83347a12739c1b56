/**
 * Evaluation of a vision-language model on spatial questions: read the questions, read the model's
 * free-text answers, score them, and report.
 *
 * <p><b>Flow.</b> {@link BenchmarkFiles} reads a benchmark's local annotation file (Q-Spatial,
 * SpatialRGPT-Bench, CV-Bench, VSI-Bench, BLINK) into {@link EvalItem}s, each with its
 * {@link Truth}, and reads predictions keyed by item id. {@link AnswerParser} reads each answer
 * (lengths, areas, counts, clock directions, yes/no, choices, refusals) into a
 * {@link ParsedAnswer}; {@link ScoredAnswer} compares it with the truth; {@link EvalMetrics}
 * aggregates per category with bootstrap confidence intervals; {@link EvalReport} and
 * {@link BenchmarkTable} write the results. {@link NoisyOracle} answers from the truth with
 * controlled errors, to check that the metrics fall as answers get worse.
 *
 * <p><b>Units.</b> Lengths are metres internally (answers in feet, inches, centimetres are
 * converted; {@link LengthUnit}), areas square metres. A numeric answer counts as right when its
 * ratio to the truth lies in a band (by default within 2x, 1.33x and 1.1x), and the mean relative
 * accuracy follows VSI-Bench.
 *
 * <p>Runs no model itself; depends on Jackson (JSON) and {@code geometry.io} (atomic writes). The
 * {@code eval} command of datagen drives it.
 */
package io.github.spatialvlm4j.vlm.eval;
