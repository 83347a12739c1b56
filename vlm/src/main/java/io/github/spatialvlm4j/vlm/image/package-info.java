/**
 * Image preprocessing as Hugging Face image processors do it, so that a model sees the numbers it
 * was trained on.
 *
 * <p>{@link PreprocessorConfig} reads a model's {@code preprocessor_config.json};
 * {@link ImagePreprocessor} applies it to a {@code geometry.RgbImage}: resize ({@link SizeRule},
 * {@link Resampler} with Pillow's filters, {@link Resample}), centre crop, rescale, normalise and
 * pad. The result is an {@link ImageTensor}: a float {@code [3, height, width]} tensor, channels
 * first, and where the source image lies in it, so that model outputs (a depth map, boxes) map back
 * to source pixels.
 *
 * <p>All sizes are pixels; channel values are 8-bit before rescaling. Depends on geometry and
 * {@code vlm.model} (JSON configuration).
 */
package io.github.spatialvlm4j.vlm.image;
