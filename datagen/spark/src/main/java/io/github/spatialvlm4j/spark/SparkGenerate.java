package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.cli.ErrorMessages;
import io.github.spatialvlm4j.datagen.cli.GenerateOptions;
import io.github.spatialvlm4j.datagen.cli.ModelOptions;
import io.github.spatialvlm4j.datagen.cli.SourceOptions;
import io.github.spatialvlm4j.datagen.cli.UsageException;
import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * {@code spark-submit --class io.github.spatialvlm4j.spark.SparkGenerate spatialvlm4j-spark-job.jar ...}:
 * the options of {@code spatialvlm4j generate} ({@link GenerateOptions} and {@link ModelOptions}, the same
 * mixins: the same flags give the same {@link GenerateSpec} and models, hence the same output), without
 * {@code --threads} and {@code --demo}, plus {@code --master}, the kernel threads per task (also the models'
 * intra-op threads), {@code --gpu}, {@code --dry-run} and the Spark log level. Runs every source kind
 * (Parquet only here: the command-line jar has no Hadoop); photos need models. Prints a progress line at most
 * every {@value SparkGenerateJob#PROGRESS_SECONDS} seconds, and the counters and stage times at the end.
 */
@Command(name = "spatialvlm4j-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate spatial question/answer data on Apache Spark (same output as spatialvlm4j generate).",
            "Example: spark-submit --master local[2] spatialvlm4j-spark-job.jar --source synthetic --count 200 --out out"})
public final class SparkGenerate implements Callable<Integer> {

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (local[N], spark://host:7077, yarn, k8s://...); default: spark-submit's, else local[*].")
    String master;

    @Mixin
    GenerateOptions options = new GenerateOptions();

    @Mixin
    ModelOptions models = new ModelOptions();

    @Option(names = "--kernel-threads", paramLabel = "N", description = "Kernel threads per task, and intra-op threads"
            + " of each model session; match spark.task.cpus (default: ${DEFAULT-VALUE}).")
    int kernelThreads = 1;

    /** Where the models run. */
    enum Gpu { auto, cpu, require }

    @Option(names = "--gpu", paramLabel = "MODE", description = "With models: the CUDA execution provider when the"
            + " onnxruntime_gpu jar is on the class path (auto), never (cpu), or CUDA or fail (require); the device is"
            + " the GPU Spark assigns to the task (default: ${DEFAULT-VALUE}).")
    Gpu gpu = Gpu.auto;

    @Option(names = "--dry-run", description = "List the shards (frame ranges, inputs) and the models that would be"
            + " used, then exit without starting Spark.")
    boolean dryRun;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "Spark log level (default: ${DEFAULT-VALUE}).")
    String logLevel = "WARN";

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
            if (e instanceof CommandLine.ParameterException || e instanceof UsageException) {
                err.println("spatialvlm4j-spark: " + e.getMessage());
                return 2;
            }
            err.println("spatialvlm4j-spark: " + ErrorMessages.oneLine(e));
            if (ErrorMessages.wantsStackTrace(e)) {
                e.printStackTrace(err);
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        String input = options.source().inputText();
        options.source().require(input == null || !ClusterOutput.isUri(input)
                || options.source().kind() == SourceOptions.SourceKind.parquet, "a URI input (" + input + ") is read"
                + " for --source parquet only; give folders as paths every executor sees (a shared file system), or"
                + " convert them to Parquet");
        if (kernelThreads < 1) {
            throw new UsageException("Invalid --kernel-threads: " + kernelThreads + " (must be >= 1)");
        }
        ClusterOutput.HadoopConf hadoop = ClusterOutput.HadoopConf.of(sparkHadoopConf());
        GenerateSpec spec = options.spec(HadoopParquet.tables(hadoop));
        // Tasks get the root as given and find it on their machine (ExecutorModels.resolve); the driver checks
        // its own copy: a folder here now, before Spark starts; a shipped archive once Spark has fetched it.
        Optional<ModelSetup> setup = models.declared(options.source().kind());
        Optional<ModelSetup> checked = setup.filter(m -> Files.isDirectory(Path.of(m.root())))
                .map(ModelOptions::checked);
        // Open the source once here: a missing or empty input fails before Spark starts, and its warnings show.
        FrameSource source = spec.source().open();
        source.warnings().forEach(w -> stderr.println("warning: " + w));
        String out = options.outText() != null && ClusterOutput.isUri(options.outText()) ? options.outText()
                : options.out().toAbsolutePath().toString();
        if (dryRun) {
            DryRun.lines(spec, source, out, checked.isPresent() ? checked : setup).forEach(stdout::println);
            return 0;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("spatialvlm4j generate");
        if (master != null) {
            builder.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        SparkGenerateJob.Result result;
        try {
            spark.sparkContext().setLogLevel(logLevel);
            if (setup.isPresent() && checked.isEmpty()) {
                checked = Optional.of(ModelOptions.checked(resolve(setup.get())));
            }
            SparkGenerateJob.Config config = new SparkGenerateJob.Config(spec, out, "auto", kernelThreads,
                    setup.orElse(null), gpuPolicy());
            stdout.println("spatialvlm4j spark: " + spec.source().kind() + " -> " + config.out() + " ("
                    + spec.formats() + ", master " + spark.sparkContext().master() + ", "
                    + spark.sparkContext().defaultParallelism() + " cores)");
            checked.ifPresent(m -> stdout.println("models: " + m.root() + " (" + String.join(", ", m.describeCatalog())
                    + "; loaded once per executor, " + kernelThreads + " intra-op threads, gpu " + gpu + ")"));
            result = SparkGenerateJob.run(spark, config, stdout::println);
        } finally {
            spark.stop();
        }
        if (!ClusterOutput.isUri(out)) {
            return options.report("spatialvlm4j-spark", result.redone(), result.summary(), result.times(),
                    result.totals(), source, Path.of(out), stdout, stderr);
        }
        Path copy = Files.createTempFile("spatialvlm4j-skipped-", ".jsonl");
        try {
            ClusterOutput output = ClusterOutput.open(out, hadoop);
            output.copyToLocal(ShardedOutput.SKIPPED, copy);
            return options.report("spatialvlm4j-spark", result.redone(), result.summary(), result.times(),
                    result.totals(), source, copy, output.location(), output.location() + "/" + ShardedOutput.SKIPPED,
                    stdout, stderr);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /**
     * Hadoop's configuration as Spark's driver will have it: the defaults and site files on the class path,
     * plus every {@code spark.hadoop.*} setting given to spark-submit (credentials, endpoints), for listing
     * the input before Spark starts.
     */
    private static Configuration sparkHadoopConf() {
        Configuration conf = new Configuration();
        for (Tuple2<String, String> e : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
            conf.set(e._1(), e._2());
        }
        return conf;
    }

    private static ModelSetup resolve(ModelSetup setup) {
        try {
            return ExecutorModels.resolve(setup);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private SessionSettings.GpuPolicy gpuPolicy() {
        return switch (gpu) {
            case auto -> SessionSettings.GpuPolicy.AUTO;
            case cpu -> SessionSettings.GpuPolicy.CPU_ONLY;
            case require -> SessionSettings.GpuPolicy.REQUIRE;
        };
    }
}
