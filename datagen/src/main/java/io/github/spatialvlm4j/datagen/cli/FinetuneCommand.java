package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.finetune.FinetuneDatasetBuilder;
import io.github.spatialvlm4j.datagen.finetune.FinetuneOptions;
import io.github.spatialvlm4j.datagen.finetune.FinetuneSummary;
import io.github.spatialvlm4j.datagen.finetune.Split;
import io.github.spatialvlm4j.datagen.finetune.TrainerLauncher;
import io.github.spatialvlm4j.datagen.finetune.TrainerRecipes;
import io.github.spatialvlm4j.datagen.finetune.TrainerRecipes.Recipe;
import io.github.spatialvlm4j.datagen.finetune.TrainerRecipes.Trainer;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spatialvlm4j finetune}: engine outputs in, a fine-tuning dataset and trainer recipes out. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build a fine-tuning dataset (LLaVA JSON, LLaMA-Factory ShareGPT, Parquet) with trainer recipes.",
            "Launches the trainer with --launch when it is installed, otherwise prints the command to run.",
            "Example: spatialvlm4j finetune --engine-out out --out ft --trainer trl --max-per-category 5000"})
final class FinetuneCommand implements Callable<Integer> {

    @Option(names = "--engine-out", paramLabel = "DIR", arity = "1..*", required = true,
            description = "Output folder(s) of `spatialvlm4j generate --format jsonl`.")
    List<Path> engineOut;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Dataset folder (an earlier dataset there is replaced).")
    Path out;

    @Option(names = "--trainer", paramLabel = "NAME", description = "llamafactory or trl (default: ${DEFAULT-VALUE}).")
    String trainer = "llamafactory";

    @Option(names = "--model", paramLabel = "HF_ID", description = "With --trainer trl: " + TrainerRecipes.SMOLVLM
            + " (default) or " + TrainerRecipes.QWEN2_VL + ".")
    String model = TrainerRecipes.SMOLVLM;

    @Option(names = "--launch", description = "Run the trainer when it is installed.")
    boolean launch;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the split, balancing and mixing (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--val", paramLabel = "F", description = "Validation share of images (default: ${DEFAULT-VALUE}).")
    double val = FinetuneOptions.DEFAULT_VAL_FRACTION;

    @Option(names = "--test", paramLabel = "F", description = "Test share of images (default: ${DEFAULT-VALUE}).")
    double test = FinetuneOptions.DEFAULT_TEST_FRACTION;

    @Option(names = "--max-per-category", paramLabel = "N", description = "At most N questions per category.")
    Integer maxPerCategory;

    @Option(names = "--qualitative-share", paramLabel = "F", description = "Target share of qualitative questions, e.g. 0.5 as in the paper.")
    Double qualitativeShare;

    @Option(names = "--general-vqa", paramLabel = "FILE", description = "General VQA set in LLaVA JSON to mix into train.")
    Path generalVqa;

    @Option(names = "--general-vqa-images", paramLabel = "DIR", description = "Folder of its images (default: the file's folder).")
    Path generalVqaImages;

    @Option(names = "--general-vqa-share", paramLabel = "F", description = "Share of general conversations in train (default: ${DEFAULT-VALUE}).")
    double generalVqaShare = 0.5;

    @Option(names = "--allow-partial", description = "Use the committed shards of an engine output whose run did"
            + " not finish (no manifest.json) and say how many; without it such an output is refused.")
    boolean allowPartial;

    @Option(names = "--trainer-path", hidden = true, paramLabel = "DIRS", description = "Where to look for trainers (default: PATH).")
    String trainerPath;

    private final PrintStream stdout;

    FinetuneCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws Exception {
        Trainer chosen;
        try {
            chosen = Trainer.valueOf(trainer.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("Unknown --trainer: '" + trainer + "' (valid: llamafactory, trl)");
        }
        FinetuneOptions options;
        try {
            options = new FinetuneOptions(seed, val, test, java.util.OptionalInt.empty(), java.util.OptionalDouble.empty(),
                    java.util.Optional.empty());
            options = options.withAllowPartial(allowPartial);
            if (maxPerCategory != null) {
                options = options.withMaxPerCategory(maxPerCategory);
            }
            if (qualitativeShare != null) {
                options = options.withQualitativeShare(qualitativeShare);
            }
            if (generalVqa != null) {
                Path images = generalVqaImages != null ? generalVqaImages
                        : generalVqa.toAbsolutePath().getParent();
                options = options.withGeneralVqa(new FinetuneOptions.GeneralVqaMix(generalVqa, images, generalVqaShare));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        FinetuneSummary summary = new FinetuneDatasetBuilder(options).build(engineOut, out);
        summary.inputNotes().forEach(n -> stdout.println("partial input: " + n));
        for (Split s : Split.values()) {
            FinetuneSummary.SplitCounts c = summary.splits().get(s);
            stdout.printf(Locale.ROOT, "%-5s %6d images %8d questions (%d qualitative) %6d general conversations%n",
                    s.id(), c.images(), c.questions(), c.qualitative(), c.generalConversations());
        }
        stdout.printf(Locale.ROOT, "dropped: %d duplicate, %d over the category cap, %d for the qualitative share;"
                + " exports read back: ok%n", summary.duplicateQuestions(), summary.cappedQuestions(),
                summary.ratioDroppedQuestions());
        List<Recipe> recipes = TrainerRecipes.write(out);
        Recipe recipe = recipes.stream()
                .filter(r -> r.trainer() == chosen && (chosen == Trainer.LLAMAFACTORY || r.model().equals(model)))
                .findFirst().orElseThrow(() -> new UsageException("No " + chosen.id() + " recipe for model '" + model
                        + "' (valid: " + recipes.stream().filter(r -> r.trainer() == chosen).map(Recipe::model).toList() + ")"));
        recipes.forEach(r -> stdout.println("recipe: " + r.file() + " (" + r.trainer().id() + ", " + r.model() + ")"));
        TrainerLauncher launcher = trainerPath == null ? TrainerLauncher.fromEnvironment()
                : new TrainerLauncher(Arrays.stream(trainerPath.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                        .map(Path::of).toList());
        if (launch && launcher.isInstalled(chosen)) {
            stdout.println("launching: " + recipe.commandLine());
            stdout.flush();
            return launcher.launch(recipe) == 0 ? 0 : 1;
        }
        if (launch) {
            stdout.println(chosen.id() + " is not installed here; to train, install it and run:");
        } else {
            stdout.println("to train, run:");
        }
        stdout.println("  " + recipe.commandLine());
        return 0;
    }
}
