package io.github.spatialvlm4j.vlm.chat;

import io.github.spatialvlm4j.vlm.model.TextTokenizer;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Turns a stream of token ids into a stream of text pieces: after each token the whole answer
 * so far is decoded and the new suffix is emitted, unless it ends in an incomplete character
 * (U+FFFD, a byte-level token cut in the middle of a UTF-8 sequence), which is held back until
 * the next token completes it. O(n^2) decode work for n tokens, negligible next to the model.
 * One instance per generation; not thread-safe.
 */
public final class TextStreamer implements IntConsumer {
    private final TextTokenizer tokenizer;
    private final Consumer<String> sink;
    private long[] ids = new long[16];
    private int count;
    private int emitted;

    public TextStreamer(TextTokenizer tokenizer, Consumer<String> sink) {
        if (tokenizer == null || sink == null) {
            throw new IllegalArgumentException("tokenizer and sink must not be null");
        }
        this.tokenizer = tokenizer;
        this.sink = sink;
    }

    @Override
    public void accept(int token) {
        if (count == ids.length) {
            ids = java.util.Arrays.copyOf(ids, 2 * count);
        }
        ids[count++] = token;
        String text = tokenizer.decode(java.util.Arrays.copyOf(ids, count), true);
        if (text.length() > emitted && !text.endsWith("\uFFFD")) {
            sink.accept(text.substring(emitted));
            emitted = text.length();
        }
    }
}
