/**
 * Question/answer synthesis: from the measured facts of a scene to written questions and answers,
 * with the exact answer behind each one kept for checking.
 *
 * <p><b>Entry point.</b> {@link QaSynthesizer} draws a {@link Category} by weight
 * ({@link QaOptions}), one or two objects, a question template and an answer template
 * ({@link Templates}, text files under {@code templates/} in this package's resources), and returns
 * {@link QaPair}s. Every exact answer is defined once, in {@link SpatialTruth}, which the generator
 * and the audit ({@link AnswerCheck}) both use.
 *
 * <p><b>Naming and wording.</b> {@link Ambiguity} makes every object name unique or drops the
 * object (the disambiguate stage); {@link NounPhrases} and {@link ReferStyle} decide how an object
 * is named; {@link CaptionConsistency} keeps captions from contradicting or giving away an answer;
 * {@link Margins} decides when a comparison is too close to call and gets a phrase of uncertainty;
 * {@link HumanNumbers} rounds lengths the way people say them (or not, in exact mode).
 *
 * <p><b>Frames and units.</b> Facts arrive in metres, in the camera frame (left, right, nearer,
 * farther are the viewer's) and in the up frame: the floor frame when the scene has a floor
 * (heights above it), else the camera frame turned so that z points up. Categories that need up or
 * a floor are not asked without them. Marked points ({@link ImagePoint}) are pixels. Answers are
 * written in metric or imperial units. See docs/ARCHITECTURE.md, "Stages" and "Where to change
 * what" (a template, a category).
 *
 * <p>Depends on {@code datagen.facts}; deterministic for (facts, frame seed, options, templates).
 */
package io.github.spatialvlm4j.datagen.qa;
