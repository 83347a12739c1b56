/**
 * What a models root holds: {@link io.github.spatialvlm4j.vlm.catalog.ModelCatalog} scans the model
 * directories (Hugging Face layout, {@code onnx/*.onnx} and {@code config.json}), recognises each by its
 * graphs and {@code model_type}, and ranks the models of a kind (depth models in their family's order
 * of preference). The families themselves are registered where their loaders live:
 * {@link io.github.spatialvlm4j.vlm.depth.DepthFamily}, {@link io.github.spatialvlm4j.vlm.chat.ChatFamily},
 * {@link io.github.spatialvlm4j.vlm.detect.DetectorFamily}. Scanning reads file names and small JSON files
 * only; nothing is loaded or downloaded. See docs/ARCHITECTURE.md, "Models".
 */
package io.github.spatialvlm4j.vlm.catalog;
