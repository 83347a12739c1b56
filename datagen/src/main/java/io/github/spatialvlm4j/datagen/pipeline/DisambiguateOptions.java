package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.qa.Ambiguity;
import io.github.spatialvlm4j.datagen.qa.CaptionSimilarity;
import io.github.spatialvlm4j.datagen.qa.NormalizedTextSimilarity;
import java.util.Objects;

/**
 * Settings of the disambiguate stage ({@link DisambiguateStage}, {@link Ambiguity}).
 *
 * @param similarity how alike two captions are (default: {@link NormalizedTextSimilarity})
 * @param threshold captions at least this similar are taken as the same kind of thing, in (0, 1]
 *     (default 0.75 for the text similarity; a CLIP similarity brings its own, see the perception package)
 */
public record DisambiguateOptions(CaptionSimilarity similarity, double threshold) {
    public DisambiguateOptions {
        Objects.requireNonNull(similarity, "similarity");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("Invalid ambiguity threshold: " + threshold + " (must be in (0, 1])");
        }
    }

    /** The values the engine runs with unless told otherwise (see each component). */
    public static DisambiguateOptions defaults() {
        return new DisambiguateOptions(new NormalizedTextSimilarity(), Ambiguity.DEFAULT_THRESHOLD);
    }

    /** These options with another similarity and its threshold (the two go together). */
    public DisambiguateOptions withSimilarity(CaptionSimilarity newSimilarity, double newThreshold) {
        return new DisambiguateOptions(newSimilarity, newThreshold);
    }
}
