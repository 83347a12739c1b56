/**
 * The built-in source: synthetic RGB-D scenes with exact ground truth, for runs without data and as
 * the oracle of the audit.
 *
 * <p>{@link SyntheticSource} gives frame {@code i} of a run from its own seed, so any frame can be
 * made alone on any worker. {@link SyntheticSceneGenerator} draws a scene
 * ({@link SyntheticSceneOptions}): boxes, cylinders and balls ({@link Solid}) on a floor, optional
 * walls, a camera ({@link CameraPose}); it ray casts depth, labels and colour, captions the
 * objects, and computes the ground truth (gaps between solids exactly, with {@link SolidGaps}).
 * {@link NoiseModel} optionally corrupts depth and labels the way a sensor or a monocular depth
 * model would; ground truth is never corrupted.
 *
 * <p><b>Frames and units.</b> Scenes are built in a world frame: right-handed, z up, floor
 * {@code z = 0}, metres. The rendered frame is in the camera frame (x right, y down, z forward,
 * metres) with pinhole intrinsics in pixels. See docs/ARCHITECTURE.md, "Frames and units".
 *
 * <p>Depends on geometry, {@code datagen.facts} (ground-truth records, and the pipeline's facts
 * definitions), {@code datagen.source} and the root package.
 */
package io.github.spatialvlm4j.datagen.source.synthetic;
