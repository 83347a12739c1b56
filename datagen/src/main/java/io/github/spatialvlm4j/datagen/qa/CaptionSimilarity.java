package io.github.spatialvlm4j.datagen.qa;

/**
 * How alike two object captions are, for ambiguity removal ({@link Ambiguity}). Implementations
 * may compare text ({@link NormalizedTextSimilarity}) or embeddings (cosine similarity of CLIP
 * text-tower embeddings, as in the paper).
 */
@FunctionalInterface
public interface CaptionSimilarity {
    /**
     * @param a a caption
     * @param b another caption
     * @return the similarity, symmetric, in [0, 1] for text measures (1 = same thing); an embedding
     *     measure may return a cosine in [-1, 1]
     */
    double similarity(String a, String b);
}
