package io.github.spatialvlm4j.datagen.perception;

import io.github.spatialvlm4j.datagen.qa.CaptionSimilarity;
import io.github.spatialvlm4j.vlm.clip.ClipModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Caption similarity as in the paper (the disambiguate stage, docs/ARCHITECTURE.md, "Stages"): the
 * cosine of the captions' CLIP text-tower
 * embeddings, in [-1, 1]. Embeddings are cached per caption (least recently used first out, at
 * most {@value #CACHE_SIZE} captions), so ambiguity removal over k objects costs k text-tower
 * passes, not k^2. Thread-safe: the cache is guarded by a lock, the model is thread-safe, and two
 * threads that miss on the same caption both compute the same embedding. Does not own (or close)
 * the model.
 */
public final class ClipCaptionSimilarity implements CaptionSimilarity {

    /** Default threshold for CLIP cosines: captions this close name the same kind of thing. */
    public static final double DEFAULT_THRESHOLD = 0.9;

    static final int CACHE_SIZE = 4096;

    private final ClipModel model;
    private final Map<String, float[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public ClipCaptionSimilarity(ClipModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public double similarity(String a, String b) {
        return ClipModel.cosine(embedding(a), embedding(b));
    }

    private float[] embedding(String caption) {
        synchronized (cache) {
            float[] hit = cache.get(caption);
            if (hit != null) {
                return hit;
            }
        }
        float[] e = model.embedTexts(List.of(caption))[0];
        synchronized (cache) {
            cache.put(caption, e);
        }
        return e;
    }
}
