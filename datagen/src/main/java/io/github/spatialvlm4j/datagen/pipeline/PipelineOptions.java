package io.github.spatialvlm4j.datagen.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.spatialvlm4j.datagen.qa.CaptionSimilarity;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

/**
 * Everything that decides what the pipeline writes for a frame, besides the frame and the seed: one options
 * record per stage of {@link FramePipeline}, in the order the stages run. Every threshold of the engine lives
 * in one of these records, with its default in the record's {@code defaults()}; a {@code with...} method
 * changes one. {@link #toMap()} and {@link #writeJson} give the whole of it for a run's manifest.
 *
 * @param lift the lift stage: depth range, flying pixels, speckles, smeared edges
 * @param canonicalize the canonicalize stage: up and the floor
 * @param clean the clean stage: per-object denoising, floor under each object, surface smoothing
 * @param facts the facts stage: floor contact, noise margin, round footprints, gaps
 * @param disambiguate the disambiguate stage: caption similarity and its threshold
 * @param qa the synthesize stage: questions per frame, weights, exact mode, margins
 */
public record PipelineOptions(LiftOptions lift, CanonicalizeOptions canonicalize, CleanupOptions clean,
        FactsOptions facts, DisambiguateOptions disambiguate, QaOptions qa) {
    public PipelineOptions {
        Objects.requireNonNull(lift, "lift");
        Objects.requireNonNull(canonicalize, "canonicalize");
        Objects.requireNonNull(clean, "clean");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(disambiguate, "disambiguate");
        Objects.requireNonNull(qa, "qa");
    }

    /** Every stage's defaults. */
    public static PipelineOptions defaults() {
        return new PipelineOptions(LiftOptions.defaults(), CanonicalizeOptions.defaults(),
                CleanupOptions.paperDefaults(), FactsOptions.defaults(), DisambiguateOptions.defaults(),
                QaOptions.defaults());
    }

    public PipelineOptions withLift(LiftOptions value) {
        return new PipelineOptions(value, canonicalize, clean, facts, disambiguate, qa);
    }

    public PipelineOptions withCanonicalize(CanonicalizeOptions value) {
        return new PipelineOptions(lift, value, clean, facts, disambiguate, qa);
    }

    public PipelineOptions withClean(CleanupOptions value) {
        return new PipelineOptions(lift, canonicalize, value, facts, disambiguate, qa);
    }

    public PipelineOptions withFacts(FactsOptions value) {
        return new PipelineOptions(lift, canonicalize, clean, value, disambiguate, qa);
    }

    public PipelineOptions withDisambiguate(DisambiguateOptions value) {
        return new PipelineOptions(lift, canonicalize, clean, facts, value, qa);
    }

    public PipelineOptions withQa(QaOptions value) {
        return new PipelineOptions(lift, canonicalize, clean, facts, disambiguate, value);
    }

    /**
     * These options with another caption similarity and its threshold (e.g. CLIP cosines, see the perception
     * package).
     */
    public PipelineOptions withCaptionSimilarity(CaptionSimilarity newSimilarity, double newThreshold) {
        return withDisambiguate(disambiguate.withSimilarity(newSimilarity, newThreshold));
    }

    /**
     * Every option as a map a JSON writer writes as it stands, one entry per stage ({@code lift},
     * {@code canonicalize}, ...), each a map of that stage's options in snake_case; see {@link OptionMaps}.
     */
    public Map<String, Object> toMap() {
        return OptionMaps.of(this);
    }

    /**
     * Every option as one flat entry each, as the manifest records them: the keys of {@link #toMap()} joined
     * by dots ({@code clean.voxel_min_meters}; a list item by its index), the values as strings; sorted.
     */
    public Map<String, String> toFlatMap() {
        Map<String, String> out = new TreeMap<>();
        OptionMaps.flatten("", toMap(), out);
        return out;
    }

    /** Writes {@link #toMap()} as one JSON object at the generator's position. */
    public void writeJson(JsonGenerator json) throws IOException {
        OptionMaps.write(json, toMap());
    }
}
