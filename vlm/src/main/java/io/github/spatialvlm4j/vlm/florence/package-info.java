/**
 * Florence-2, the region source of the data engine: one vision encoder-decoder that, from a task
 * prompt, writes captions, object boxes, dense region captions ({@code <DENSE_REGION_CAPTION>}: a
 * short free-form caption per object, what the questions name objects by) and phrase grounding
 * (boxes for "the floor", used to find horizontal surfaces).
 *
 * <p>{@link Florence2} runs the four transformers.js graphs with key/value-cached decoding
 * ({@code vlm.generate}); {@link LocationTokens} turns its {@code <loc_N>} tokens (1000 bins per
 * axis) into {@link RegionBox}es in source image pixels, edge coordinates (x right, y down). Masks
 * come from SAM ({@code vlm.sam}) or from depth.
 *
 * <p>See docs/ARCHITECTURE.md, "Stages" and "Models". Depends on geometry, {@code vlm.model},
 * {@code vlm.image} and {@code vlm.generate}.
 */
package io.github.spatialvlm4j.vlm.florence;
