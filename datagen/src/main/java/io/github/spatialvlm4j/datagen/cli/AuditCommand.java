package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.audit.Audit;
import io.github.spatialvlm4j.datagen.audit.AuditReport;
import io.github.spatialvlm4j.datagen.perception.BoxOnlyMasks;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.runner.LocalRunner;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.BoxDepthMasks;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spatialvlm4j audit}: how often the generated answers are right, per category. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Regenerate QA where ground truth exists and check every answer against it.",
            "Writes audit.json, audit.txt and accuracy.png to --out and prints the summary.",
            "RGB-D folders are audited against <id>.truth.json (up, floor, 3D boxes); frames without one",
            "are counted as no_ground_truth.",
            "Example: spatialvlm4j audit --source synthetic --count 200 --noise sensor --out audit-out",
            "Box-only masks: spatialvlm4j audit --count 200 --masks boxes --out audit-boxes"})
final class AuditCommand implements Callable<Integer> {

    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    LocalOptions local = new LocalOptions();

    /** Accepted only to say that audit runs no models. */
    @Option(names = "--models", paramLabel = "DIR", hidden = true)
    Path models;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("audit-out");

    @Option(names = "--questions", paramLabel = "N", description = "Questions per frame (default: ${DEFAULT-VALUE}).")
    int questions = QaOptions.DEFAULT_QUESTIONS_PER_FRAME;

    /** Where the audited masks come from. */
    enum Masks { labels, boxes }

    @Option(names = "--masks", paramLabel = "FROM", description = "Object masks: the frames' labels, or masks made"
            + " from each label's pixel box and the depth, as a box-only detector gets them: ${COMPLETION-CANDIDATES}"
            + " (default: ${DEFAULT-VALUE}).")
    Masks masks = Masks.labels;

    @Mixin
    ReferOption refer = new ReferOption();

    private final PrintStream stdout;
    private final PrintStream stderr;

    AuditCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws Exception {
        source.require(source.kind() == SourceOptions.SourceKind.synthetic
                || source.kind() == SourceOptions.SourceKind.rgbd, "audit needs frames with ground-truth geometry:"
                + " use --source synthetic, or --source rgbd with <id>.truth.json files (photos and Parquet rows carry"
                + " no ground-truth facts)");
        if (questions < 1) {
            throw new UsageException("Invalid --questions: " + questions + " (must be >= 1)");
        }
        if (models != null) {
            throw new UsageException("--models " + models + " is not used by audit: it measures the geometry on"
                    + " frames with their own depth and masks (--masks boxes gives box-only masks); run models with"
                    + " generate");
        }
        int threads = local.threads();
        FrameSource frames = source.spec().openWithTruth();
        if (masks == Masks.boxes) {
            frames = BoxOnlyMasks.of(frames, BoxDepthMasks.Options.defaults());
        }
        // The audit compares exact answers, so human-aligned rounding is irrelevant to it.
        PipelineOptions options = PipelineOptions.defaults()
                .withQa(QaOptions.defaults().withExact(true).withQuestionsPerFrame(questions).withRefer(refer.style()));
        AuditReport report;
        try (Kernels kernels = Kernels.create(LocalRunner.threadsPerFrame(threads));
                LocalRunner runner = new LocalRunner(threads, 64)) {
            report = new Audit(new FramePipeline(kernels, options)).run(frames, source.seed(), runner,
                    ConsoleProgress.on(stderr, "audit"));
        }
        report.write(out);
        stdout.print(report.summary());
        stdout.println("Report: " + out.toAbsolutePath().resolve("audit.json") + ", accuracy.png");
        return 0;
    }
}
