package io.github.spatialvlm4j.datagen.finetune;

import io.github.spatialvlm4j.datagen.finetune.TrainerRecipes.Recipe;
import io.github.spatialvlm4j.datagen.finetune.TrainerRecipes.Trainer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds and runs an external trainer. A trainer is installed when its program is an executable
 * file on the search path ({@code llamafactory-cli}; for TRL, {@code python} that can
 * {@code import trl}). Nothing is downloaded or installed.
 */
public final class TrainerLauncher {

    private final List<Path> searchPath;

    /**
     * @param searchPath the directories searched for programs, like {@code PATH}
     */
    public TrainerLauncher(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** A launcher over the process's {@code PATH}. */
    public static TrainerLauncher fromEnvironment() {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        return new TrainerLauncher(java.util.Arrays.stream(path.split(File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(Path::of).toList());
    }

    /** The program's executable file on the search path, if any. */
    public Optional<Path> find(String program) {
        for (Path dir : searchPath) {
            Path p = dir.resolve(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code trainer} can run here: LLaMA-Factory when {@code llamafactory-cli} is on the
     * path; TRL when {@code python} is and {@code python -c "import trl"} succeeds (runs a process).
     */
    public boolean isInstalled(Trainer trainer) throws IOException, InterruptedException {
        Objects.requireNonNull(trainer, "trainer");
        if (trainer == Trainer.LLAMAFACTORY) {
            return find("llamafactory-cli").isPresent();
        }
        Optional<Path> python = find("python");
        if (python.isEmpty()) {
            return false;
        }
        Process p = new ProcessBuilder(python.get().toString(), "-c", "import trl")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor() == 0;
    }

    /**
     * Runs the recipe's command with the caller's standard streams, in the recipe's folder, and
     * waits for it.
     *
     * @return the trainer's exit code
     */
    public int launch(Recipe recipe) throws IOException, InterruptedException {
        Path program = find(recipe.command().get(0)).orElseThrow(() -> new IllegalStateException(
                "Trainer program '" + recipe.command().get(0) + "' is not on the search path " + searchPath));
        List<String> cmd = new java.util.ArrayList<>(recipe.command());
        cmd.set(0, program.toString());
        return new ProcessBuilder(cmd).directory(recipe.file().getParent().toFile()).inheritIO().start().waitFor();
    }
}
