package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.qa.CaptionSimilarity;
import io.github.spatialvlm4j.datagen.qa.NormalizedTextSimilarity;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import java.util.Objects;

/**
 * Everything that decides what the pipeline writes for a frame, besides the frame and the seed.
 *
 * @param measure lifting, cleaning and canonicalization
 * @param qa question synthesis (questions per frame, weights, exact mode, margins)
 * @param captionSimilarity how alike two captions are, for ambiguity removal
 * @param ambiguityThreshold captions at least this similar are taken as the same kind of thing
 */
public record PipelineOptions(MeasureOptions measure, QaOptions qa, CaptionSimilarity captionSimilarity,
        double ambiguityThreshold) {
    public PipelineOptions {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(qa, "qa");
        Objects.requireNonNull(captionSimilarity, "captionSimilarity");
        if (!(ambiguityThreshold > 0 && ambiguityThreshold <= 1)) {
            throw new IllegalArgumentException("Invalid ambiguity threshold: " + ambiguityThreshold + " (must be in (0, 1])");
        }
    }

    public static PipelineOptions defaults() {
        return new PipelineOptions(MeasureOptions.defaults(), QaOptions.defaults(), new NormalizedTextSimilarity(),
                io.github.spatialvlm4j.datagen.qa.Ambiguity.DEFAULT_THRESHOLD);
    }

    public PipelineOptions withQa(QaOptions newQa) {
        return new PipelineOptions(measure, newQa, captionSimilarity, ambiguityThreshold);
    }

    /** These options with another caption similarity and its threshold (e.g. CLIP cosines, see the perception package). */
    public PipelineOptions withCaptionSimilarity(CaptionSimilarity newSimilarity, double newThreshold) {
        return new PipelineOptions(measure, qa, newSimilarity, newThreshold);
    }

    public PipelineOptions withMeasure(MeasureOptions newMeasure) {
        return new PipelineOptions(newMeasure, qa, captionSimilarity, ambiguityThreshold);
    }
}
