/**
 * Vision-language chat models that answer a question about one image
 * ({@link io.github.spatialvlm4j.vlm.chat.VisionLanguageModel}): SmolVLM and Qwen2-VL over their
 * transformers.js ONNX graphs, with the image preprocessing each was trained with and key/value-cached
 * decoding ({@code vlm.generate}). Families are registered in
 * {@link io.github.spatialvlm4j.vlm.chat.ChatFamily} ({@code model_type} values, the class that opens
 * them). Image sizes are in pixels. See docs/ARCHITECTURE.md, "Models".
 */
package io.github.spatialvlm4j.vlm.chat;
