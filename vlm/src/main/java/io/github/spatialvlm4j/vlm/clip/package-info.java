/**
 * Contrastive image-text models (CLIP, SigLIP) and what the data engine does with them.
 *
 * <p>{@link ClipModel} runs the two ONNX towers and returns unit-length embeddings; its similarity
 * matrix compares object captions when ambiguous names are resolved (the disambiguate stage).
 * {@link ImageFilter} with {@link FilterPrompts} is the semantic filter in front of the pipeline:
 * an image is kept when its most similar prompt is a positive one ("a phone photo of an indoor
 * scene"), so close-ups, screenshots and artwork are dropped before any depth is estimated. See
 * docs/ARCHITECTURE.md, "Stages" and "Models".
 *
 * <p>Images are {@code geometry.RgbImage} in pixels, preprocessed with {@code vlm.image} as the
 * model's {@code preprocessor_config.json} says; text goes through the model's
 * {@code tokenizer.json}. Depends on geometry, {@code vlm.model} (ONNX Runtime sessions, the
 * tokenizer) and {@code vlm.image}.
 */
package io.github.spatialvlm4j.vlm.clip;
