/**
 * The data engine: turns RGB-D frames and photos into metric spatial question/answer pairs for
 * training and testing vision-language models. This root package holds what every part of it
 * shares; the work is in the sub-packages (sources, perception, pipeline, facts, qa, sink, cli).
 *
 * <p>{@link Frame} is one input item as a source delivers it: the colour image and whatever the
 * source knows (metric depth, pinhole intrinsics, instance labels with captions, a ground mask,
 * {@link GravityHint}, exact ground truth); what it lacks, perception fills in. {@link MaskSource}
 * records where each object's mask came from. {@link Seeds} derives every per-frame random stream
 * from the run seed and the frame id, so output does not depend on the runner, the thread count or
 * the order. {@link Sha256} and {@link JsonErrors} are small shared helpers (content names and
 * checks; JSON errors in one line).
 *
 * <p><b>Frames and units.</b> Images in pixels, row-major; depth in metres along the optical axis;
 * the camera frame is x right, y down, z forward; a gravity hint is an up direction in that frame
 * (and optionally the camera height in metres). See docs/ARCHITECTURE.md, "Data flow" and "Frames
 * and units".
 *
 * <p>The datagen module depends on geometry, kernels and vlm (never the other way round), Jackson,
 * picocli and Parquet.
 */
package io.github.spatialvlm4j.datagen;
