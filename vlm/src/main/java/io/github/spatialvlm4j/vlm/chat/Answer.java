package io.github.spatialvlm4j.vlm.chat;

import io.github.spatialvlm4j.vlm.generate.Generation;

/**
 * A vision-language model's answer.
 *
 * @param text       the decoded answer, special tokens removed, trimmed
 * @param generation the generated token ids and why generation stopped
 */
public record Answer(String text, Generation generation) {
    public Answer {
        if (text == null || generation == null) {
            throw new IllegalArgumentException("text and generation must not be null");
        }
    }
}
