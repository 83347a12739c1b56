/**
 * Class-agnostic object masks from box prompts with Segment Anything (SAM), the mask step after a
 * region source that gives only boxes (Florence-2, a detector).
 *
 * <p>{@link SamMasker} runs the two graphs of the transformers.js layout: the image encoder once
 * per image ({@code SamMasker.ImageEmbedding}, reusable for every box), then the prompt decoder
 * once per box. Each box gives one {@link ObjectMask}: a boolean image at source resolution
 * ({@code inside[v * width + u]}, pixels) with SAM's own quality score.
 *
 * <p>See docs/ARCHITECTURE.md, "Models". Depends on geometry, {@code vlm.model}, {@code vlm.image}
 * and {@code vlm.florence.RegionBox}.
 */
package io.github.spatialvlm4j.vlm.sam;
