package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.job.RunCheck;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a generate run, one picocli mixin for every runner ({@code spatialvlm4j generate} and
 * the Spark runner), turned into a {@link GenerateSpec} by {@link #spec()}: the same flags give the same
 * spec, hence the same output, on either runner.
 */
public final class GenerateOptions {

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (on Spark: a path every executor sees, or a"
            + " URI: hdfs://, s3a://, gs://, abfs://, file://);"
            + " an unfinished run there with the same options is resumed.")
    String out;

    @Option(names = "--format", paramLabel = "LIST", description = "Comma-separated formats: jsonl, llava, sharegpt, parquet (default: ${DEFAULT-VALUE}).")
    String format = "jsonl";

    @Option(names = "--exact", description = "Exact numbers (\"0.86 meters\") instead of human-aligned rounding.")
    boolean exact;

    @Mixin
    ReferOption refer = new ReferOption();

    @Option(names = "--questions", paramLabel = "N", description = "Questions per frame (default: ${DEFAULT-VALUE}).")
    int questions = QaOptions.DEFAULT_QUESTIONS_PER_FRAME;

    @Option(names = "--shard-size", paramLabel = "N", description = "Frames per output shard, the unit of resumption"
            + " (on Spark: of a task) (default: ${DEFAULT-VALUE}).")
    int shardSize = GenerateSpec.DEFAULT_SHARD_SIZE;

    @Option(names = "--object-clouds", description = "Also write each object's cleaned point cloud as PLY under objects/.")
    boolean objectClouds;

    @Option(names = "--max-skip-share", paramLabel = "F", description = "Exit with code " + RunCheck.EXIT_CHECK_FAILED
            + " when more than this share of the frames is skipped, or when no record is written"
            + " (default: ${DEFAULT-VALUE}).")
    double maxSkipShare = RunCheck.DEFAULT_MAX_SKIP_SHARE;

    /** The source options. */
    public SourceOptions source() {
        return source;
    }

    /** {@code --out}, or null when not given. */
    public Path out() {
        return out == null ? null : Path.of(out);
    }

    /** {@code --out} as given (a URI stays a URI), or null when not given. */
    public String outText() {
        return out;
    }

    /** {@code --max-skip-share}, checked by {@link #spec()}. */
    public double maxSkipShare() {
        return maxSkipShare;
    }

    /**
     * The run these options describe, every option checked (the source's kind is the caller's to check,
     * {@link SourceOptions#require}).
     *
     * @throws UsageException naming the bad or missing option
     * @throws IOException when a Parquet input cannot be listed or its footers read
     */
    public GenerateSpec spec() throws IOException {
        return spec(SourceOptions.LOCAL_PARQUET);
    }

    /**
     * As {@link #spec()}, with a Parquet input listed by {@code tables} (the Spark runner's URIs, globs and lists).
     *
     * @throws UsageException naming the bad or missing option
     * @throws IOException when a Parquet input cannot be listed or its footers read
     */
    public GenerateSpec spec(SourceOptions.ParquetTables tables) throws IOException {
        if (out == null) {
            throw new UsageException("Missing --out DIR");
        }
        Set<OutputFormat> formats;
        try {
            formats = OutputFormat.parseList(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ReferStyle style = refer.style();
        if (questions < 1) {
            throw new UsageException("Invalid --questions: " + questions + " (must be >= 1)");
        }
        if (shardSize < 1) {
            throw new UsageException("Invalid --shard-size: " + shardSize + " (must be >= 1)");
        }
        try {
            RunCheck.requireShare(maxSkipShare);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new GenerateSpec(source.spec(tables), source.seed(), formats, shardSize, objectClouds,
                new GenerateSpec.Questions(questions, exact, style));
    }

    /**
     * Prints what every runner prints at the end of a run (notes on shards written again, the counters,
     * the stage times, the first skipped frames, where the output is) and returns the exit code: 0, or
     * {@link RunCheck#EXIT_CHECK_FAILED} with the reason on {@code stderr} (no record, or more frames
     * skipped than {@code --max-skip-share}).
     *
     * @param program the command's name, prefixed to the failure line
     * @param source the run's source, for the per-file counters ({@link RunCheck#inputReport})
     * @param out the output directory, absolute
     */
    public int report(String program, List<String> redone, RunSummary summary, StageTimes times,
            ShardedOutput.Totals totals, FrameSource source, Path out, PrintStream stdout, PrintStream stderr)
            throws IOException {
        Path list = out.resolve(ShardedOutput.SKIPPED);
        return report(program, redone, summary, times, totals, source, list, out.toString(), list.toString(), stdout,
                stderr);
    }

    /**
     * As {@link #report(String, List, RunSummary, StageTimes, ShardedOutput.Totals, FrameSource, Path,
     * PrintStream, PrintStream)} for an output kept elsewhere (cluster storage).
     *
     * @param skippedCopy a local copy of the run's {@code skipped.jsonl}
     * @param location the output directory as shown (a URI)
     * @param skippedList the run's {@code skipped.jsonl} as shown
     */
    public int report(String program, List<String> redone, RunSummary summary, StageTimes times,
            ShardedOutput.Totals totals, FrameSource source, Path skippedCopy, String location, String skippedList,
            PrintStream stdout, PrintStream stderr) throws IOException {
        redone.forEach(note -> stderr.println("warning: " + note));
        stdout.println(summary.oneLine());
        stdout.print(times.summary(summary.processed()));
        RunCheck.skipReport(skippedCopy, skippedList, totals).forEach(stdout::println);
        RunCheck.inputReport(source, skippedCopy).forEach(stdout::println);
        stdout.println("Output: " + location + " (manifest.json lists every file with its size and SHA-256)");
        Optional<String> failed = RunCheck.failure(skippedList, totals, maxSkipShare);
        if (failed.isPresent()) {
            stderr.println(program + ": " + failed.get());
            return RunCheck.EXIT_CHECK_FAILED;
        }
        return 0;
    }
}
