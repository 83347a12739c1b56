package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.job.RunCheck;
import io.github.spatialvlm4j.datagen.perception.ClipCaptionSimilarity;
import io.github.spatialvlm4j.datagen.perception.Perception;
import io.github.spatialvlm4j.datagen.perception.PerceptionOptions;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.qa.CaptionSimilarity;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.runner.LocalRunner;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.vlm.florence.Florence2;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    SourceOptions source = new SourceOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder; an unfinished run there with the same options is resumed.")
    Path out;

    @Option(names = "--format", paramLabel = "LIST", description = "Comma-separated formats: jsonl, llava, sharegpt, parquet (default: ${DEFAULT-VALUE}).")
    String format = "jsonl";

    @Option(names = "--exact", description = "Exact numbers (\"0.86 meters\") instead of human-aligned rounding.")
    boolean exact;

    @Mixin
    ReferOption refer = new ReferOption();

    @Option(names = "--questions", paramLabel = "N", description = "Questions per frame (default: ${DEFAULT-VALUE}).")
    int questions = QaOptions.DEFAULT_QUESTIONS_PER_FRAME;

    @Option(names = "--shard-size", paramLabel = "N", description = "Frames per output shard, the unit of resumption (default: ${DEFAULT-VALUE}).")
    int shardSize = 64;

    @Option(names = "--object-clouds", description = "Also write each object's cleaned point cloud as PLY under objects/.")
    boolean objectClouds;

    @Option(names = "--max-skip-share", paramLabel = "F", description = "Exit with code " + RunCheck.EXIT_CHECK_FAILED
            + " when more than this share of the frames is skipped, or when no record is written"
            + " (default: ${DEFAULT-VALUE}).")
    double maxSkipShare = RunCheck.DEFAULT_MAX_SKIP_SHARE;

    /** How Florence-2 proposes regions. */
    enum Regions { dense, detection }

    @Option(names = "--regions", paramLabel = "MODE", description = "With models: Florence-2 dense region captions or"
            + " object detection: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Regions regions = Regions.dense;

    @Option(names = "--ground-mask", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With models: segment floor/ground/table tops (Florence-2 + SAM) and fit the floor to them"
                    + " (default: on; --no-ground-mask fits it to the points on no object).")
    boolean groundMask = true;

    @Option(names = "--color-words", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With a detector: put a colour word read from the object's pixels before its class name,"
                    + " \"white cup\" (default: on).")
    boolean colorWords = true;

    private final PrintStream stdout;
    private final PrintStream stderr;

    GenerateCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws Exception {
        if (demo) {
            if (source.source != SourceOptions.SourceKind.synthetic) {
                throw new UsageException("--demo uses synthetic scenes; drop --source " + SourceOptions.lower(source.source));
            }
            if (source.count == null) {
                source.count = DEMO_COUNT;
            }
            if (out == null) {
                out = Path.of("demo-out");
            }
            format = "jsonl,llava,sharegpt,parquet";
        }
        if (out == null) {
            throw new UsageException("Missing --out DIR (or use --demo)");
        }
        Set<OutputFormat> formats;
        try {
            formats = OutputFormat.parseList(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ReferStyle referStyle = refer.style();
        if (questions < 1) {
            throw new UsageException("Invalid --questions: " + questions + " (must be >= 1)");
        }
        if (shardSize < 1) {
            throw new UsageException("Invalid --shard-size: " + shardSize + " (must be >= 1)");
        }
        if (source.threads < 1) {
            throw new UsageException("Invalid --threads: " + source.threads + " (must be >= 1)");
        }
        try {
            RunCheck.requireShare(maxSkipShare);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        GenerateJob.Result result;
        FrameSource frames = source.open(false);
        frames.warnings().forEach(w -> stderr.println("warning: " + w));
        if (source.input != null && inside(out, source.input)) {
            stderr.println("warning: --out " + out + " is inside --input " + source.input + ": keep output and input"
                    + " apart (sub-folders of the input are not read, but the output's own files would be)");
        }
        PerceptionOptions perceptionOptions = PerceptionOptions.defaults().withGroundMask(groundMask)
                .withColorWords(colorWords)
                .withRegionTask(regions == Regions.dense ? Florence2.Task.DENSE_REGION_CAPTION
                        : Florence2.Task.OBJECT_DETECTION);
        // Worker threads run frames concurrently: split the cores between them (models and kernels alike).
        int perFrame = LocalRunner.threadsPerFrame(source.threads);
        SessionSettings sessions = SessionSettings.defaults().withIntraOpThreads(perFrame);
        Optional<Perception> perception = source.perception(perceptionOptions, sessions);
        try {
            PipelineOptions options = PipelineOptions.defaults()
                    .withQa(QaOptions.defaults().withExact(exact).withQuestionsPerFrame(questions).withRefer(referStyle));
            Optional<CaptionSimilarity> clip = perception.flatMap(Perception::captionSimilarity);
            if (clip.isPresent()) {
                options = options.withCaptionSimilarity(clip.get(), ClipCaptionSimilarity.DEFAULT_THRESHOLD);
            }
            Map<String, String> recorded = new TreeMap<>(source.describe());
            recorded.put("exact", Boolean.toString(exact));
            recorded.put("questions_per_frame", Integer.toString(questions));
            recorded.put("refer", referStyle.id());
            if (perception.isPresent()) {
                recorded.put("models", perception.get().describe());
                recorded.put("regions", regions.name());
                recorded.put("color_words", Boolean.toString(colorWords));
                recorded.put("caption_similarity", clip.isPresent() ? "clip" : "text");
            }
            GenerateJob.Config config = new GenerateJob.Config(frames, out, formats, source.seed, source.threads,
                    shardSize, objectClouds, recorded);
            try (Kernels kernels = Kernels.create(perFrame)) {
                FramePipeline pipeline = new FramePipeline(kernels, options);
                stdout.println("spatialvlm4j generate: " + frames.describe() + " -> " + out.toAbsolutePath()
                        + " (" + formats + ", kernels: " + kernels.backendName() + ", threads: " + source.threads + ")");
                perception.ifPresent(p -> stdout.println("models: " + p.describe()));
                result = GenerateJob.run(config, perception, pipeline, ConsoleProgress.on(stderr, "generate"));
            }
        } finally {
            perception.ifPresent(Perception::close);
        }
        result.redone().forEach(note -> stderr.println("warning: " + note));
        RunSummary s = result.summary();
        stdout.println(s.oneLine());
        stdout.print(result.times().summary(s.processed()));
        RunCheck.skipReport(out, result.totals()).forEach(stdout::println);
        stdout.println("Output: " + out.toAbsolutePath() + " (manifest.json lists every file with its size and"
                + " SHA-256)");
        Optional<String> failed = RunCheck.failure(out, result.totals(), maxSkipShare);
        if (failed.isPresent()) {
            stderr.println("spatialvlm4j: " + failed.get());
            return RunCheck.EXIT_CHECK_FAILED;
        }
        return 0;
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
