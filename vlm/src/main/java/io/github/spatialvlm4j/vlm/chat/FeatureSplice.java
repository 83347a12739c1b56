package io.github.spatialvlm4j.vlm.chat;

import io.github.spatialvlm4j.vlm.model.ModelException;

/** Splicing image features into prompt embeddings at the image-token positions. Stateless. */
final class FeatureSplice {
    private FeatureSplice() {
    }

    /**
     * Overwrites, in order, the rows of {@code embeds} ({@code [S, hidden]}) whose token is
     * {@code imageTokenId} with the rows of {@code features} ({@code [n, hidden]}). O(S + n hidden).
     *
     * @throws ModelException when the prompt's image tokens and the feature rows differ in number
     */
    static void splice(long[] ids, long imageTokenId, String tokenName, float[] embeds, int hidden, float[] features) {
        if (features.length % hidden != 0) {
            throw new ModelException("Image features have " + features.length + " values, not a multiple of hidden size "
                    + hidden);
        }
        int rows = features.length / hidden;
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == imageTokenId) {
                if (k == rows) {
                    throw new ModelException("The prompt has more " + tokenName + " tokens than the " + rows
                            + " image feature rows");
                }
                System.arraycopy(features, k * hidden, embeds, i * hidden, hidden);
                k++;
            }
        }
        if (k != rows) {
            throw new ModelException("The prompt has " + k + " " + tokenName + " tokens (id " + imageTokenId
                    + ") but the vision encoder gave " + rows + " feature rows; check image_token_id and the tokenizer");
        }
    }
}
