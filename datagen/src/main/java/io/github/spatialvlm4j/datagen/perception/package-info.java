/**
 * Perception: what a photo or an unlabelled RGB-D frame lacks, filled in by the models under a models
 * root (docs/ARCHITECTURE.md, "Data flow" and "Models").
 *
 * <p><b>Entry point.</b> {@link io.github.spatialvlm4j.datagen.perception.Perception} runs, as present,
 * the CLIP filter, regions and captions (Florence-2, or a COCO detector whose class names get a colour
 * word from {@link io.github.spatialvlm4j.datagen.perception.ColorWords}), masks (SAM, the detector's
 * own, or the box-and-depth rule), metric depth with its intrinsics, and a ground mask; {@link
 * io.github.spatialvlm4j.datagen.perception.PerceptionOptions} says how. {@link
 * io.github.spatialvlm4j.datagen.perception.RegionProposals} cleans boxes and captions before masking;
 * {@link io.github.spatialvlm4j.datagen.perception.ClipCaptionSimilarity} gives the disambiguate stage
 * its caption similarity; {@link io.github.spatialvlm4j.datagen.perception.BoxOnlyMasks} makes the
 * audit's box-only masks.
 *
 * <p>Boxes and masks are in image pixels (x right, y down); depth in metres. Which model family does
 * what is known by {@code vlm} ({@code vlm.catalog}, the family registries), not here.
 */
package io.github.spatialvlm4j.datagen.perception;
