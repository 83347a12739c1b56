package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.vlm.catalog.ModelCatalog;
import io.github.spatialvlm4j.vlm.chat.ChatFamily;
import io.github.spatialvlm4j.vlm.chat.VisionLanguageModel;
import io.github.spatialvlm4j.vlm.generate.GenerationSettings;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place the command line finds and opens a chat model (SmolVLM or Qwen2-VL) under a models
 * root: {@code ask} and {@code eval --models} both go through {@link #choose} then {@link Choice#open}.
 */
final class ChatModels {

    private ChatModels() {
    }

    /**
     * The chat model a command will use, found but not yet loaded.
     *
     * @param entry the catalog entry (folder and family)
     * @param note  one line naming the model and, when several were found and none was asked for, the others
     */
    record Choice(ModelCatalog.Entry entry, String note) {

        /** Loads the model's sessions and tokenizer (seconds to minutes for real weights); the caller closes it. */
        VisionLanguageModel open() {
            return entry.chatFamily().open(entry.dir(), SessionSettings.defaults());
        }
    }

    /**
     * Finds the chat model: the one named by {@code model} (its folder under the root, or its last
     * part), else the first found.
     *
     * @param models  the models root, or null for {@code $SPATIALVLM4J_MODELS}
     * @param model   the model's name, or null
     * @param command the command's name, for messages
     * @throws UsageException when there is no root, no chat model under it, or none of that name
     */
    static Choice choose(Path models, String model, String command) {
        Optional<ModelRoot> root = ModelOptions.modelRoot(models);
        if (root.isEmpty()) {
            throw new UsageException(command + " needs a models root: --models DIR or " + ModelRoot.ENV
                    + ", a folder holding " + ChatFamily.displayNames());
        }
        ModelCatalog catalog = ModelCatalog.scan(root.get());
        if (catalog.first(ModelCatalog.Kind.CHAT).isEmpty()) {
            throw new UsageException(catalog.missingMessage(command, Set.of(ModelCatalog.Kind.CHAT)));
        }
        ModelCatalog.Entry entry;
        try {
            entry = model == null ? catalog.first(ModelCatalog.Kind.CHAT).orElseThrow()
                    : catalog.named(ModelCatalog.Kind.CHAT, model);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model: " + e.getMessage());
        }
        List<ModelCatalog.Entry> all = catalog.all(ModelCatalog.Kind.CHAT);
        String note = "spatialvlm4j " + command + ": " + entry + (all.size() > 1 && model == null
                ? " (also found: " + all.subList(1, all.size()) + "; choose with --model)" : "");
        return new Choice(entry, note);
    }

    /**
     * Checks {@code --max-tokens}.
     *
     * @throws UsageException when it is given and below 1
     */
    static void checkMaxTokens(Integer maxTokens) {
        if (maxTokens != null && maxTokens < 1) {
            throw new UsageException("Invalid --max-tokens: " + maxTokens + " (must be >= 1)");
        }
    }

    /** Greedy decoding with the model's defaults, capped at {@code maxTokens} new tokens when given (non-null). */
    static GenerationSettings greedy(VisionLanguageModel vlm, Integer maxTokens) {
        GenerationSettings settings = vlm.defaultSettings().withSampling(false);
        return maxTokens == null ? settings : settings.withMaxNewTokens(maxTokens);
    }
}
