package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.cli.ErrorMessages;
import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.job.RunCheck;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class io.github.spatialvlm4j.spark.SparkGenerate spatialvlm4j-spark-job.jar ...}:
 * the options of {@code spatialvlm4j generate}, plus {@code --master}, {@code --source parquet} and
 * the kernel threads per task. Prints the counters and stage times at the end.
 */
@Command(name = "spatialvlm4j-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate spatial question/answer data on Apache Spark (same output as spatialvlm4j generate).",
            "Example: spark-submit --master local[2] spatialvlm4j-spark-job.jar --source synthetic --count 200 --out out"})
public final class SparkGenerate implements Callable<Integer> {

    enum SourceKind { synthetic, rgbd, parquet, images }

    enum Noise { none, sensor }

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (local[N], spark://host:7077, yarn, k8s://...); default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--source", paramLabel = "KIND", description = "Input kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SourceKind source = SourceKind.synthetic;

    @Option(names = "--input", paramLabel = "PATH", description = "rgbd: a folder with intrinsics.json; parquet: a .parquet file or a folder of them (Hugging Face image layout).")
    Path input;

    @Option(names = "--count", paramLabel = "N", description = "Synthetic: number of scenes (default: "
            + SyntheticSource.DEFAULT_COUNT + "). rgbd/parquet: at most N frames (default: all).")
    Integer count;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (default: ${DEFAULT-VALUE}); same seed, same output as the local runner.")
    long seed = 7;

    @Option(names = "--noise", paramLabel = "MODEL", description = "Synthetic sensor noise: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Noise noise = Noise.none;

    @Option(names = "--width", paramLabel = "PX", description = "Synthetic image width (default: ${DEFAULT-VALUE}).")
    int width = 640;

    @Option(names = "--height", paramLabel = "PX", description = "Synthetic image height (default: ${DEFAULT-VALUE}).")
    int height = 480;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder, the same path on every executor; an unfinished run there is resumed.")
    Path out;

    @Option(names = "--format", paramLabel = "LIST", description = "Comma-separated formats: jsonl, llava, sharegpt, parquet (default: ${DEFAULT-VALUE}).")
    String format = "jsonl";

    @Option(names = "--exact", description = "Exact numbers instead of human-aligned rounding.")
    boolean exact;

    @Option(names = "--questions", paramLabel = "N", description = "Questions per frame (default: ${DEFAULT-VALUE}).")
    int questions = QaOptions.DEFAULT_QUESTIONS_PER_FRAME;

    @Option(names = "--shard-size", paramLabel = "N", description = "Frames per shard = per Spark task (default: ${DEFAULT-VALUE}).")
    int shardSize = 64;

    @Option(names = "--object-clouds", description = "Also write each object's cleaned point cloud as PLY under objects/.")
    boolean objectClouds;

    @Option(names = "--kernel-threads", paramLabel = "N", description = "Kernel threads per task; match spark.task.cpus (default: ${DEFAULT-VALUE}).")
    int kernelThreads = 1;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "Spark log level (default: ${DEFAULT-VALUE}).")
    String logLevel = "WARN";

    @Option(names = "--max-pixels", paramLabel = "N", description = "rgbd, parquet: the most pixels an input image"
            + " may have; a larger one is a skipped frame, not decoded (default: ${DEFAULT-VALUE}).")
    long maxPixels = GenerateJob.DEFAULT_MAX_PIXELS;

    @Option(names = "--max-skip-share", paramLabel = "F", description = "Exit with code " + RunCheck.EXIT_CHECK_FAILED
            + " when more than this share of the frames is skipped, or when no record is written"
            + " (default: ${DEFAULT-VALUE}).")
    double maxSkipShare = RunCheck.DEFAULT_MAX_SKIP_SHARE;

    private final PrintStream stdout;
    private final PrintStream stderr;

    SparkGenerate(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Runs the command line; exits with 0 on success, 1 on a failure, 2 on a usage error, 3 when the
     * run finished but failed its check (no record, or more frames skipped than --max-skip-share).
     */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line with these streams and returns the exit code (see {@link #main}); errors are one line. */
    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new SparkGenerate(out, err));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandLine.ParameterException p) {
                err.println("spatialvlm4j-spark: " + p.getMessage());
                return 2;
            }
            err.println("spatialvlm4j-spark: " + ErrorMessages.oneLine(e));
            if (System.getenv(ErrorMessages.DEBUG_ENV) != null) {
                e.printStackTrace(err);
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Set<OutputFormat> formats;
        try {
            formats = OutputFormat.parseList(format);
            RunCheck.requireShare(maxSkipShare);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        if (maxPixels < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "Invalid --max-pixels: " + maxPixels
                    + " (must be >= 1)");
        }
        if (count != null && count < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "Invalid --count: " + count
                    + " (must be >= 1)");
        }
        SourceSpec spec = switch (source) {
            case synthetic -> {
                if (input != null) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--input is not used with --source synthetic");
                }
                yield new SourceSpec.Synthetic(width, height, noise == Noise.sensor, seed,
                        count == null ? SyntheticSource.DEFAULT_COUNT : count, count != null);
            }
            case rgbd -> new SourceSpec.Rgbd(requireInput().toString(), count == null ? Integer.MAX_VALUE : count,
                    count != null, maxPixels);
            case parquet -> new SourceSpec.Parquet(ParquetFrameSource.scan(requireInput()),
                    count == null ? Integer.MAX_VALUE : count, count != null, maxPixels);
            case images -> throw new CommandLine.ParameterException(new CommandLine(this), "--source images needs "
                    + "models (depth, regions, masks), which the Spark runner does not run yet: run it with the local "
                    + "runner (spatialvlm4j generate --source images --models DIR), or use --source rgbd, parquet (rows "
                    + "with depth_png) or synthetic");
        };
        // Open the source once here: a missing or empty input fails before Spark starts, and its warnings show.
        spec.open().warnings().forEach(w -> stderr.println("warning: " + w));
        SparkGenerateJob.Config config = new SparkGenerateJob.Config(spec, out.toAbsolutePath().toString(), formats,
                seed, shardSize, exact, questions, objectClouds, "auto", kernelThreads);
        SparkSession.Builder builder = SparkSession.builder().appName("spatialvlm4j generate");
        if (master != null) {
            builder.master(master);
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        SparkGenerateJob.Result result;
        try {
            spark.sparkContext().setLogLevel(logLevel);
            stdout.println("spatialvlm4j spark: " + source + " -> " + config.out() + " (" + formats + ", master "
                    + spark.sparkContext().master() + ", " + spark.sparkContext().defaultParallelism() + " cores)");
            result = SparkGenerateJob.run(spark, config);
        } finally {
            spark.stop();
        }
        return report(result, Path.of(config.out()), maxSkipShare, stdout, stderr);
    }

    /**
     * Prints what the local {@code generate} prints at the end of a run (counters, stage times, the
     * first skipped frames, notes on shards written again) and returns the exit code: 0, or
     * {@link RunCheck#EXIT_CHECK_FAILED} with the reason on {@code err}.
     */
    static int report(SparkGenerateJob.Result result, Path out, double maxSkipShare, PrintStream stdout,
            PrintStream stderr) throws java.io.IOException {
        result.redone().forEach(note -> stderr.println("warning: " + note));
        RunSummary s = result.summary();
        stdout.println(s.oneLine());
        stdout.print(result.times().summary(s.processed()));
        RunCheck.skipReport(out, result.totals()).forEach(stdout::println);
        stdout.println("Output: " + out + " (manifest.json lists every file with its size and SHA-256)");
        java.util.Optional<String> failed = RunCheck.failure(out, result.totals(), maxSkipShare);
        if (failed.isPresent()) {
            stderr.println("spatialvlm4j-spark: " + failed.get());
            return RunCheck.EXIT_CHECK_FAILED;
        }
        return 0;
    }

    private Path requireInput() {
        if (input == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--source " + source + " needs --input PATH");
        }
        return input;
    }
}
