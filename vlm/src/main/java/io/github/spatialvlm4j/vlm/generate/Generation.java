package io.github.spatialvlm4j.vlm.generate;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The outcome of one generation.
 *
 * @param tokens    generated token ids in order, without the stop token
 * @param reason    why generation ended
 * @param stopToken the stop token that ended it, when {@code reason} is {@link StopReason#STOP_TOKEN}
 */
public record Generation(long[] tokens, StopReason reason, OptionalInt stopToken) {

    /** Why a generation ended. */
    public enum StopReason {
        /** A token of {@link GenerationSettings#stopTokenIds()} was produced. */
        STOP_TOKEN,
        /** {@link GenerationSettings#maxNewTokens()} tokens were produced. */
        MAX_NEW_TOKENS
    }

    public Generation {
        if (tokens == null || reason == null || stopToken == null) {
            throw new IllegalArgumentException("tokens, reason and stopToken must not be null");
        }
        if ((reason == StopReason.STOP_TOKEN) != stopToken.isPresent()) {
            throw new IllegalArgumentException("Stop reason " + reason + " does not match stop token " + stopToken);
        }
    }

    @Override
    public String toString() {
        return "Generation" + Arrays.toString(tokens) + " " + reason;
    }
}
