package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.perception.ModelCatalog;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.vlm.chat.Qwen2Vl;
import io.github.spatialvlm4j.vlm.chat.SmolVlm;
import io.github.spatialvlm4j.vlm.chat.VisionLanguageModel;
import io.github.spatialvlm4j.vlm.generate.GenerationSettings;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spatialvlm4j ask}: one question about one image, answered by a local vision-language model. */
@Command(name = "ask", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask a vision-language model (SmolVLM or Qwen2-VL under the models root) about an image.",
            "The answer is streamed to standard output as it is generated (greedy decoding).",
            "Example: spatialvlm4j ask --models MODELS_ROOT --image room.jpg \"How far is the chair from the table?\""})
final class AskCommand implements Callable<Integer> {

    @Option(names = "--models", paramLabel = "DIR", description = "Models root (Hugging Face layout); also $SPATIALVLM4J_MODELS.")
    Path models;

    @Option(names = "--image", paramLabel = "FILE", required = true, description = "The image (.jpg, .png).")
    Path image;

    @Option(names = "--model", paramLabel = "NAME", description = "Which chat model: its folder under the root"
            + " (e.g. HuggingFaceTB/SmolVLM-256M-Instruct, or just the last part). Default: the first found.")
    String model;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most tokens to generate (default: the model's generation_config.json).")
    Integer maxTokens;

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question (several words are joined with spaces).")
    List<String> question;

    private final PrintStream stdout;
    private final PrintStream stderr;

    AskCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws Exception {
        String q = String.join(" ", question).strip();
        if (q.isEmpty()) {
            throw new UsageException("The question is blank");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new UsageException("Invalid --max-tokens: " + maxTokens + " (must be >= 1)");
        }
        Optional<ModelRoot> root = SourceOptions.modelRoot(models);
        if (root.isEmpty()) {
            throw new UsageException("ask needs a models root: --models DIR or " + ModelRoot.ENV
                    + ", a folder holding SmolVLM or Qwen2-VL");
        }
        ModelCatalog catalog = ModelCatalog.scan(root.get());
        if (catalog.first(ModelCatalog.Kind.CHAT).isEmpty()) {
            throw new UsageException(catalog.missingMessage("ask", Set.of(ModelCatalog.Kind.CHAT)));
        }
        ModelCatalog.Entry entry;
        try {
            entry = model == null ? catalog.first(ModelCatalog.Kind.CHAT).orElseThrow()
                    : catalog.named(ModelCatalog.Kind.CHAT, model);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model: " + e.getMessage());
        }
        RgbImage picture;
        try {
            picture = ColorImages.read(image);
        } catch (IOException e) {
            throw new UsageException("Cannot read --image: " + e.getMessage());
        }
        List<ModelCatalog.Entry> all = catalog.all(ModelCatalog.Kind.CHAT);
        stderr.println("spatialvlm4j ask: " + entry + (all.size() > 1 && model == null
                ? " (also found: " + all.subList(1, all.size()) + "; choose with --model)" : ""));
        ModelCatalog.ChatFamily family = ModelCatalog.ChatFamily.valueOf(entry.family().orElseThrow());
        try (VisionLanguageModel vlm = family == ModelCatalog.ChatFamily.SMOLVLM
                ? new SmolVlm(entry.dir(), SessionSettings.defaults())
                : new Qwen2Vl(entry.dir(), SessionSettings.defaults())) {
            GenerationSettings settings = vlm.defaultSettings().withSampling(false);
            if (maxTokens != null) {
                settings = settings.withMaxNewTokens(maxTokens);
            }
            vlm.answer(picture, q, settings, 0L, piece -> {
                stdout.print(piece);
                stdout.flush();
            });
            stdout.println();
        }
        return 0;
    }
}
