package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.vlm.chat.VisionLanguageModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
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
        ChatModels.checkMaxTokens(maxTokens);
        ChatModels.Choice choice = ChatModels.choose(models, model, "ask");
        RgbImage picture;
        try {
            picture = ColorImages.read(image);
        } catch (IOException e) {
            throw new UsageException("Cannot read --image: " + e.getMessage());
        }
        stderr.println(choice.note());
        try (VisionLanguageModel vlm = choice.open()) {
            vlm.answer(picture, q, ChatModels.greedy(vlm, maxTokens), 0L, piece -> {
                stdout.print(piece);
                stdout.flush();
            });
            stdout.println();
        }
        return 0;
    }
}
