package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.datagen.perception.Perception;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.runner.LocalRunner;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spatialvlm4j generate}: frames in, verified spatial QA out. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate spatial question/answer data.",
            "Example: spatialvlm4j generate --source synthetic --count 200 --seed 1 --out out --format jsonl,parquet",
            "Photos: spatialvlm4j generate --source images --input photos --models MODELS_ROOT --out out",
            "RGB-D without labels: spatialvlm4j generate --source rgbd --input frames --models MODELS_ROOT --out out"})
final class GenerateCommand implements Callable<Integer> {

    /** Scenes of the demo: seconds on a laptop. */
    static final int DEMO_COUNT = 40;

    @Option(names = "--demo", description = "Synthetic demo: " + DEMO_COUNT + " scenes, every format, into ./demo-out (unless --out).")
    boolean demo;

    @Mixin
    GenerateOptions options = new GenerateOptions();

    @Mixin
    LocalOptions local = new LocalOptions();

    @Mixin
    ModelOptions models = new ModelOptions();

    private final PrintStream stdout;
    private final PrintStream stderr;

    GenerateCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws Exception {
        SourceOptions source = options.source;
        if (demo) {
            if (source.source != SourceOptions.SourceKind.synthetic) {
                throw new UsageException("--demo uses synthetic scenes; drop --source " + SourceOptions.lower(source.source));
            }
            if (source.count == null) {
                source.count = DEMO_COUNT;
            }
            if (options.out == null) {
                options.out = "demo-out";
            }
            options.format = "jsonl,llava,sharegpt,parquet";
        }
        if (options.out == null) {
            throw new UsageException("Missing --out DIR (or use --demo)");
        }
        source.require(source.kind() != SourceOptions.SourceKind.parquet, "the command-line jar carries no Hadoop,"
                + " which reading Parquet needs: run the Spark job jar (spark-submit ... spatialvlm4j-spark-job.jar"
                + " --master local[N] --source parquet ... runs it on this machine)");
        GenerateSpec spec = options.spec();
        int threads = local.threads();
        Path out = options.out();
        FrameSource frames = spec.source().open();
        frames.warnings().forEach(w -> stderr.println("warning: " + w));
        if (source.input != null && inside(out, source.input())) {
            stderr.println("warning: --out " + out + " is inside --input " + source.input() + ": keep output and input"
                    + " apart (sub-folders of the input are not read, but the output's own files would be)");
        }
        // Worker threads run frames concurrently: split the cores between them (models and kernels alike).
        int perFrame = LocalRunner.threadsPerFrame(threads);
        Optional<ModelSetup> setup = models.setup(source.kind());
        Optional<Perception> perception = setup.map(m -> m.open(SessionSettings.defaults()
                .withIntraOpThreads(perFrame)));
        GenerateJob.Result result;
        try {
            PipelineOptions pipelineOptions = spec.pipelineOptions();
            Map<String, String> runnerOptions = Map.of();
            if (perception.isPresent()) {
                runnerOptions = setup.get().runnerOptions(perception.get(), pipelineOptions);
                pipelineOptions = ModelSetup.pipelineOptions(pipelineOptions, perception.get());
            }
            GenerateJob.Config config = spec.config(frames, out, threads, runnerOptions);
            try (Kernels kernels = Kernels.create(perFrame)) {
                FramePipeline pipeline = new FramePipeline(kernels, pipelineOptions);
                stdout.println("spatialvlm4j generate: " + frames.describe() + " -> " + out.toAbsolutePath()
                        + " (" + spec.formats() + ", kernels: " + kernels.backendName() + ", threads: " + threads + ")");
                perception.ifPresent(p -> stdout.println("models: " + p.describe()));
                result = GenerateJob.run(config, perception, pipeline, ConsoleProgress.on(stderr, "generate"));
            }
        } finally {
            perception.ifPresent(Perception::close);
        }
        return options.report("spatialvlm4j", result.redone(), result.summary(), result.times(), result.totals(),
                frames, out.toAbsolutePath(), stdout, stderr);
    }

    /** Whether {@code out} is {@code input} or lies under it, by their canonical paths where they exist. */
    static boolean inside(Path out, Path input) {
        return canonical(out).startsWith(canonical(input));
    }

    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        // The deepest existing ancestor's real path, with the rest appended: out may not exist yet.
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
