package io.github.spatialvlm4j.vlm.chat;

import io.github.spatialvlm4j.vlm.model.Alternatives;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.SessionSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The registry of vision-language chat model families spatialvlm4j can run: one constant per family
 * says which {@code config.json} {@code model_type} values name it and which class opens it. Adding a
 * family is one {@link VisionLanguageModel} class and one constant here; see docs/ARCHITECTURE.md, "Models".
 */
public enum ChatFamily {
    /** SmolVLM, Idefics3 architecture ({@code model_type} "idefics3" or "smolvlm"). */
    SMOLVLM("SmolVLM", List.of("idefics3", "smolvlm"), SmolVlm::new),
    /** Qwen2-VL ({@code model_type} "qwen2_vl"). */
    QWEN2_VL("Qwen2-VL", List.of("qwen2_vl"), Qwen2Vl::new);

    private final String displayName;
    private final List<String> modelTypes;
    private final BiFunction<ModelDirectory, SessionSettings, VisionLanguageModel> opener;

    ChatFamily(String displayName, List<String> modelTypes,
            BiFunction<ModelDirectory, SessionSettings, VisionLanguageModel> opener) {
        this.displayName = displayName;
        this.modelTypes = modelTypes;
        this.opener = opener;
    }

    /** The family's name for people, e.g. "SmolVLM". */
    public String displayName() {
        return displayName;
    }

    /** Every family's display name, for messages: "SmolVLM or Qwen2-VL". */
    public static String displayNames() {
        List<String> names = new ArrayList<>();
        for (ChatFamily f : values()) {
            names.add(f.displayName);
        }
        return Alternatives.or(names);
    }

    /** The {@code model_type} values that name this family, lower case. */
    public List<String> modelTypes() {
        return modelTypes;
    }

    /** The family a {@code model_type} (any case) names, empty when none. */
    public static Optional<ChatFamily> find(String modelType) {
        String t = modelType.toLowerCase(Locale.ROOT);
        for (ChatFamily f : values()) {
            if (f.modelTypes.contains(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Every family's model types, for messages: "idefics3, smolvlm, qwen2_vl". */
    public static String allModelTypes() {
        List<String> all = new ArrayList<>();
        for (ChatFamily f : values()) {
            all.addAll(f.modelTypes);
        }
        return String.join(", ", all);
    }

    /**
     * Loads the model's sessions and tokenizer from {@code dir} (seconds to minutes for real weights);
     * the caller closes it.
     *
     * @throws io.github.spatialvlm4j.vlm.model.ModelFormatException naming the file when the directory is incomplete
     */
    public VisionLanguageModel open(ModelDirectory dir, SessionSettings settings) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(settings, "settings");
        return opener.apply(dir, settings);
    }
}
