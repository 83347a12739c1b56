package io.github.spatialvlm4j.vlm.clip;

import io.github.spatialvlm4j.geometry.RgbImage;

import java.util.List;

/**
 * The semantic filter in front of the pipeline (docs/ARCHITECTURE.md, "Data flow"): embeds an image
 * with CLIP/SigLIP and keeps it when the prompt with the highest cosine similarity is a positive
 * prompt. The prompt embeddings are computed once, at construction. Cost per image: one
 * vision-tower pass plus O(prompts x dim). Thread-safe when the model is; does not own (or close)
 * the model.
 */
public final class ImageFilter {
    private final ClipModel model;
    private final FilterPrompts prompts;
    private final float[][] promptEmbeddings;

    /** A filter with {@code prompts}, embedding them with {@code model}'s text tower now. */
    public ImageFilter(ClipModel model, FilterPrompts prompts) {
        if (model == null || prompts == null) {
            throw new IllegalArgumentException("model and prompts must not be null");
        }
        this.model = model;
        this.prompts = prompts;
        this.promptEmbeddings = model.embedTexts(prompts.all());
    }

    /**
     * The verdict for one image.
     *
     * @param keep         whether the best prompt is a positive one
     * @param bestPrompt   the prompt with the highest similarity
     * @param similarities cosine similarity to each prompt of {@link FilterPrompts#all()}, in that order
     */
    public record Decision(boolean keep, String bestPrompt, double[] similarities) {
    }

    /** Scores {@code image} against every prompt. Ties go to the earlier prompt (positives first). */
    public Decision decide(RgbImage image) {
        float[] e = model.embedImage(image);
        List<String> all = prompts.all();
        double[] sims = new double[all.size()];
        int best = 0;
        for (int i = 0; i < sims.length; i++) {
            sims[i] = ClipModel.cosine(e, promptEmbeddings[i]);
            if (sims[i] > sims[best]) {
                best = i;
            }
        }
        return new Decision(best < prompts.positive().size(), all.get(best), sims);
    }

    /** The prompts this filter scores against. */
    public FilterPrompts prompts() {
        return prompts;
    }
}
