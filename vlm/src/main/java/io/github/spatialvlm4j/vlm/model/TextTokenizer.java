package io.github.spatialvlm4j.vlm.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Hugging Face {@code tokenizer.json} loaded offline through DJL's tokenizers binding. Texts
 * are encoded one at a time without padding or truncation (callers decide, per model family).
 *
 * <p>Thread-safe for concurrent {@link #encode}/{@link #decode}; holds native memory: close it.
 * Closing twice is harmless; other calls after close throw {@link IllegalStateException}.
 */
public final class TextTokenizer implements AutoCloseable {
    private final Path file;
    private final HuggingFaceTokenizer tokenizer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TextTokenizer(Path file, HuggingFaceTokenizer tokenizer) {
        this.file = file;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads {@code tokenizer.json} of {@code dir}.
     *
     * @throws ModelFormatException naming the file when it is missing or malformed
     */
    public static TextTokenizer open(ModelDirectory dir) {
        return open(dir.tokenizerFile());
    }

    /** Loads a {@code tokenizer.json} file. */
    public static TextTokenizer open(Path tokenizerJson) {
        Path abs = tokenizerJson.toAbsolutePath();
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(abs, Map.of(
                    "padding", "false", "truncation", "false", "addSpecialTokens", "true"));
            return new TextTokenizer(abs, t);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(abs + ": cannot load the tokenizer (" + e.getMessage()
                    + "); expected a Hugging Face tokenizers JSON file", e);
        }
    }

    /** Token ids of {@code text}, with the tokenizer's special tokens (e.g. BOS/EOS) added. */
    public long[] encode(String text) {
        return encode(text, true);
    }

    /** Token ids of {@code text}; {@code addSpecialTokens} controls the post-processor's template. */
    public long[] encode(String text, boolean addSpecialTokens) {
        ensureOpen();
        if (text == null) {
            throw new IllegalArgumentException("Text is null");
        }
        Encoding e = tokenizer.encode(text, addSpecialTokens, false);
        return e.getIds();
    }

    /** Text of {@code ids}, skipping special tokens when {@code skipSpecialTokens}. */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        ensureOpen();
        return tokenizer.decode(ids, skipSpecialTokens);
    }

    /** The tokenizer file. */
    public Path file() {
        return file;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Tokenizer " + file + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            tokenizer.close();
        }
    }
}
