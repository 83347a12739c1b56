package io.github.spatialvlm4j.vlm.generate;

import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * When generation stops and how tokens are chosen.
 *
 * @param maxNewTokens  the most tokens generated, &gt;= 1
 * @param stopTokenIds  generation stops after one of these (the stop token is not returned); may be empty
 * @param doSample      sample from the distribution instead of taking the most likely token
 * @param temperature   logits are divided by this before sampling, &gt; 0
 * @param topK          sample only among the k most likely tokens; empty for no limit
 * @param topP          sample only among the most likely tokens whose probabilities sum to at least this, in (0, 1]
 */
public record GenerationSettings(int maxNewTokens, Set<Integer> stopTokenIds, boolean doSample, double temperature,
                                 OptionalInt topK, double topP) {
    /** Tokens generated when neither the caller nor generation_config.json says. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 256;

    public GenerationSettings {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("Invalid maxNewTokens: " + maxNewTokens + " (must be >= 1)");
        }
        stopTokenIds = Set.copyOf(stopTokenIds);
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("Invalid temperature: " + temperature + " (must be finite and > 0)");
        }
        if (topK.isPresent() && topK.getAsInt() < 1) {
            throw new IllegalArgumentException("Invalid topK: " + topK.getAsInt() + " (must be >= 1)");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("Invalid topP: " + topP + " (must be in (0, 1])");
        }
    }

    /** Greedy decoding of at most {@code maxNewTokens}, stopping at {@code stopTokenIds}. */
    public static GenerationSettings greedy(int maxNewTokens, Set<Integer> stopTokenIds) {
        return new GenerationSettings(maxNewTokens, stopTokenIds, false, 1.0, OptionalInt.empty(), 1.0);
    }

    /** These settings with another token budget. */
    public GenerationSettings withMaxNewTokens(int n) {
        return new GenerationSettings(n, stopTokenIds, doSample, temperature, topK, topP);
    }

    /** These settings with sampling switched on or off. */
    public GenerationSettings withSampling(boolean sample) {
        return new GenerationSettings(maxNewTokens, stopTokenIds, sample, temperature, topK, topP);
    }

    /**
     * Settings from {@code generation_config.json} ({@code eos_token_id}, {@code max_new_tokens},
     * {@code do_sample}, {@code temperature}, {@code top_k}, {@code top_p}), with the stop tokens
     * falling back to {@code config.json}'s {@code eos_token_id} (top level or {@code text_config}).
     *
     * @throws ModelFormatException naming the file when no stop token is declared anywhere or a field is malformed
     */
    public static GenerationSettings from(ModelDirectory dir) {
        JsonConfig config = dir.config();
        var gen = dir.generationConfig();
        Set<Integer> stops = new LinkedHashSet<>();
        gen.ifPresent(g -> stops.addAll(g.integers("eos_token_id")));
        if (stops.isEmpty()) {
            stops.addAll(config.integers("eos_token_id"));
        }
        if (stops.isEmpty()) {
            config.node("text_config").ifPresent(tc -> {
                if (tc.has("eos_token_id")) {
                    JsonConfig sub = JsonConfig.parse(config.file(), tc.toString());
                    stops.addAll(sub.integers("eos_token_id"));
                }
            });
        }
        if (stops.isEmpty()) {
            throw new ModelFormatException(dir.path().resolve("generation_config.json") + ": no eos_token_id (looked in "
                    + "generation_config.json and config.json); expected the id(s) that end generation");
        }
        JsonConfig g = gen.orElse(config);
        int max = g.integer("max_new_tokens").orElse(DEFAULT_MAX_NEW_TOKENS);
        if (max < 1) {
            throw g.bad("max_new_tokens", "an integer >= 1", g.root().get("max_new_tokens"));
        }
        double temperature = g.number("temperature").orElse(1.0);
        if (!(temperature > 0)) {
            throw g.bad("temperature", "a number > 0", g.root().get("temperature"));
        }
        OptionalInt topK = g.integer("top_k");
        if (topK.isPresent() && topK.getAsInt() < 1) {
            topK = OptionalInt.empty(); // transformers treats top_k = 0 as "no limit"
        }
        double topP = g.number("top_p").orElse(1.0);
        if (!(topP > 0 && topP <= 1)) {
            throw g.bad("top_p", "a number in (0, 1]", g.root().get("top_p"));
        }
        return new GenerationSettings(max, stops, g.bool("do_sample", false), temperature, topK, topP);
    }

    /** The stop tokens as a sorted list (for messages). */
    public List<Integer> stopTokensSorted() {
        return stopTokenIds.stream().sorted().toList();
    }
}
