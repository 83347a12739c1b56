package io.github.spatialvlm4j.vlm.generate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;

import java.util.Map;

/**
 * The {@code embed_tokens} graph of split vision-language exports: {@code input_ids [1, S]} to
 * {@code inputs_embeds [1, S, hidden]}. Thread-safe; does not own the model.
 */
public final class EmbedTokens implements KvCacheDecoder.TokenEmbedder {
    private final OnnxModel model;

    /** @throws io.github.spatialvlm4j.vlm.model.ModelFormatException when the graph lacks input_ids or inputs_embeds */
    public EmbedTokens(OnnxModel model) {
        model.requireInput("input_ids");
        model.requireOutput("inputs_embeds");
        this.model = model;
    }

    /** Embeddings of {@code ids} as a {@code [1, S, hidden]} tensor. */
    public FloatTensor tensor(long[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("No token ids to embed");
        }
        try (OnnxTensor t = model.longTensor(ids, 1, ids.length);
             OrtSession.Result r = model.run(Map.of("input_ids", t))) {
            FloatTensor e = model.floatOutput(r, "inputs_embeds");
            if (e.rank() != 3 || e.dim(0) != 1 || e.dim(1) != ids.length) {
                throw new ModelException(model.file() + ": inputs_embeds has shape " + java.util.Arrays.toString(e.shape())
                        + "; expected [1, " + ids.length + ", hidden]");
            }
            return e;
        }
    }

    @Override
    public float[] embed(long[] ids) {
        return tensor(ids).data();
    }
}
