/**
 * What every model adapter of {@code vlm} stands on: a model directory in Hugging Face layout ({@link
 * io.github.spatialvlm4j.vlm.model.ModelDirectory}, {@link io.github.spatialvlm4j.vlm.model.JsonConfig}),
 * the models root it lives under ({@link io.github.spatialvlm4j.vlm.model.ModelRoot}), ONNX Runtime
 * sessions over its graph files ({@link io.github.spatialvlm4j.vlm.model.OnnxModel}, {@link
 * io.github.spatialvlm4j.vlm.model.SessionSettings}: threads, execution provider), tensors copied out
 * of them ({@link io.github.spatialvlm4j.vlm.model.FloatTensor}, {@link
 * io.github.spatialvlm4j.vlm.model.TensorSpec}) and tokenizers ({@link
 * io.github.spatialvlm4j.vlm.model.TextTokenizer}).
 *
 * <p>Input and output names are read from the sessions, never hard-coded. Errors name the file:
 * {@link io.github.spatialvlm4j.vlm.model.ModelFormatException} for a missing or malformed file, {@link
 * io.github.spatialvlm4j.vlm.model.ModelException} for a failed load or run. See docs/ARCHITECTURE.md,
 * "Models".
 */
package io.github.spatialvlm4j.vlm.model;
