package io.github.spatialvlm4j.vlm.chat;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.generate.GenerationSettings;

import java.util.function.Consumer;

/**
 * A vision-language model that answers a question about one image, e.g. "How far is the chair
 * from the table?". Implementations hold ONNX Runtime sessions and a tokenizer: close them.
 * They may be called from several threads at once; {@link #close} must not race with a call.
 */
public interface VisionLanguageModel extends AutoCloseable {

    /** The answer with the model's default settings, decoded greedily. */
    Answer answer(RgbImage image, String question);

    /**
     * The answer with explicit settings, streaming text as it is generated.
     *
     * @param seed   seed of the sampler when {@code settings} sample
     * @param onText called with each new piece of decoded text (the pieces concatenate to the
     *               answer before trimming); may be null
     */
    Answer answer(RgbImage image, String question, GenerationSettings settings, long seed, Consumer<String> onText);

    /** The generation settings read from the model directory. */
    GenerationSettings defaultSettings();

    /** Frees the sessions and tokenizer. Idempotent. */
    @Override
    void close();
}
