/**
 * Token-by-token text generation for the encoder-decoder and decoder-only ONNX exports the
 * vision-language models use (Florence-2, SmolVLM, Qwen2-VL).
 *
 * <p>{@link VisionTextGraphs} opens the graphs a split export shares (vision encoder,
 * {@link EmbedTokens}, merged decoder, tokenizer); {@link KvCacheDecoder} runs the decoder with its
 * key/value cache one token at a time; {@link TokenSelector} picks each token (greedy, or sampled
 * from its own seeded generator, so a seed gives one answer); {@link GenerationSettings} says when
 * to stop, and {@link Generation} holds the tokens and why generation ended.
 *
 * <p>Shapes follow the Hugging Face export layout ({@code [batch, sequence, hidden]}); no image
 * units appear here. Depends on {@code vlm.model} (ONNX Runtime sessions, the tokenizer).
 */
package io.github.spatialvlm4j.vlm.generate;
