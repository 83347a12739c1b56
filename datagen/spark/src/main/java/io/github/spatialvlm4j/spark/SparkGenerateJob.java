package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.Stage;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import io.github.spatialvlm4j.datagen.sink.OutputLock;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import scala.Function0;
import scala.Function1;
import scala.Function2;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * The data engine's generate job on Apache Spark: the local runner's job, distributed shard by shard.
 *
 * <p>Frame indices {@code [0, size)} are cut into shards of {@code shardSize} consecutive frames,
 * exactly as the local runner cuts them, and each shard is one Spark partition (a Dataset of shard
 * numbers, one per partition). A task opens its source, its kernels and its {@code FramePipeline}
 * once, runs the shard's frames through the same per-frame task as the local runner
 * ({@link GenerateJob#frameTask}: the same work and the same failure policy, so a frame that is not bad
 * input fails the task, and Spark's retries, with its stack trace), and writes the shard with the same sink
 * ({@link ShardedOutput#writeShard}: every file written to a temporary name and renamed, the shard's
 * marker last, the shard's skipped frames with it). The driver holds the directory's
 * {@link OutputLock} for the run, checks the committed shards before resuming
 * ({@link ShardedOutput#verifyCommitted}) and writes the manifest and {@code skipped.jsonl} at the
 * end ({@link ShardedOutput#finish}). So the output directory equals the local runner's for the same
 * source, seed and options, byte for byte.
 *
 * <p>Exactly once: a shard's file names depend only on its number and their bytes only on its
 * input, so a retried or speculative attempt rewrites identical files, and a shard whose marker
 * exists is not redone. The counters come from the task results that Spark accepted (one per
 * partition), never from accumulators, so retries do not double count; a task that fails after its
 * shard was committed leaves a counter file ({@code _spark/part-NNNNN.json}, tagged with the run's
 * id) that its retry reports. Restarted with the same arguments after a crash, the job resumes:
 * committed shards are skipped, as with the local runner.
 *
 * <p>With models ({@link Config#modelSetup()}) every frame first goes through the local runner's perception
 * ({@link ModelSetup}: the same models, pipeline options and manifest entries), the sessions opened once per
 * executor JVM and shared by its tasks ({@link ExecutorModels}); a one-task job loads them first and returns
 * what the manifest records, so the driver loads no model. Named accumulators ({@link RunAccumulators}) and
 * a progress line ({@link ProgressLine}) are for watching the run; they may count retried shards twice.
 *
 * <p>Memory per task: one shard of records (facts and questions, about {@code shardSize x ~20 kB}; each
 * frame's images are written as soon as it is done and the records keep only their files, as the local
 * runner's do) plus one frame's working set per kernel thread.
 * Plain input and output paths must be the same files on the driver and every executor (local mode, or
 * a shared file system: NFS, Lustre, EFS, a FUSE mount of object storage). An output URI
 * ({@code hdfs://}, {@code s3a://}, ...) is written through Hadoop's FileSystem API instead, each task
 * attempt to its own attempt path and each shard committed by the driver ({@link ClusterOutput}); a
 * Parquet input may be a URI, a glob or a list ({@link HadoopParquet}).
 */
public final class SparkGenerateJob {

    /** Folder, under the output directory, of the per-shard counter files; deleted when the run finishes. */
    public static final String COUNTERS_DIR = "_spark";

    /** The least time between two progress lines, seconds. */
    public static final long PROGRESS_SECONDS = 5;

    /**
     * Everything a run needs; shipped to every task.
     *
     * @param spec what to generate: source, seed, formats, shard size (one shard per Spark task), questions
     * @param out the output directory: a path every executor sees, or a URI of cluster storage ({@link ClusterOutput})
     * @param kernelBackend the kernel backend of each task ({@code auto}, {@code jvm}, {@code tornadovm})
     * @param kernelThreads kernel worker threads per task, &gt;= 1 (match {@code spark.task.cpus}); also the
     *     intra-op threads of each ONNX Runtime session
     * @param modelSetup the models every frame goes through first (as the local runner's {@code --models}), or
     *     null for none; its root is found on each machine ({@link ExecutorModels#resolve})
     * @param gpu whether the models' sessions use the CUDA execution provider
     */
    public record Config(GenerateSpec spec, String out, String kernelBackend, int kernelThreads, ModelSetup modelSetup,
            SessionSettings.GpuPolicy gpu) implements Serializable {
        public Config {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(kernelBackend, "kernelBackend");
            Objects.requireNonNull(gpu, "gpu");
            if (kernelThreads < 1) {
                throw new IllegalArgumentException("Invalid kernel threads: " + kernelThreads + " (must be >= 1)");
            }
        }

        /** A config without models. */
        public Config(GenerateSpec spec, String out, String kernelBackend, int kernelThreads) {
            this(spec, out, kernelBackend, kernelThreads, null, SessionSettings.GpuPolicy.AUTO);
        }

        /** A config with the automatic kernel backend on one thread per task. */
        public static Config of(GenerateSpec spec, String out) {
            return new Config(spec, out, "auto", 1);
        }

        /** The models, when the run has any. */
        public Optional<ModelSetup> models() {
            return Optional.ofNullable(modelSetup);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param summary the counters, as the local runner reports them (processed, records, questions,
     *     skipped per reason, shards written and resumed, wall time)
     * @param times the wall time per stage, summed over tasks
     * @param shards each shard's report, by shard number
     * @param totals what the whole output directory holds, shards of earlier runs included
     * @param redone one note per committed shard that the driver's check found damaged or stale and
     *     this run wrote again ({@link ShardedOutput#verifyCommitted})
     */
    public record Result(RunSummary summary, StageTimes times, List<ShardReport> shards, ShardedOutput.Totals totals,
            List<String> redone) {
        public Result {
            shards = List.copyOf(shards);
            redone = List.copyOf(redone);
        }
    }

    private SparkGenerateJob() {
    }

    /**
     * Runs the job on {@code spark} to the end and writes the manifest.
     *
     * @throws IOException when the source cannot be opened or the output cannot be written
     * @throws IllegalStateException when the output directory holds a run with other options
     */
    public static Result run(SparkSession spark, Config config) throws IOException {
        return run(spark, config, line -> { }, TaskHook.NONE);
    }

    /**
     * As {@link #run(SparkSession, Config)}, with a progress line ({@link ProgressLine}: shards done, frames/s)
     * given to {@code progress} at most every {@value #PROGRESS_SECONDS} seconds.
     */
    public static Result run(SparkSession spark, Config config, Consumer<String> progress) throws IOException {
        return run(spark, config, progress, TaskHook.NONE);
    }

    static Result run(SparkSession spark, Config config, TaskHook hook) throws IOException {
        return run(spark, config, line -> { }, hook);
    }

    static Result run(SparkSession spark, Config config, Consumer<String> progress, TaskHook hook)
            throws IOException {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(progress, "progress");
        long start = System.nanoTime();
        GenerateSpec spec = config.spec();
        FrameSource source = spec.source().open();
        int frames = source.size();
        int shards = (frames + spec.shardSize() - 1) / spec.shardSize();
        if (shards > ShardedOutput.MAX_SHARD + 1) {
            throw new IllegalArgumentException(frames + " frames in shards of " + spec.shardSize() + " make " + shards
                    + " shards (at most " + (ShardedOutput.MAX_SHARD + 1) + "): raise the shard size");
        }
        Map<String, String> recorded = spec.toManifest(source, runnerOptions(spark, config));
        if (ClusterOutput.isUri(config.out())) {
            return runOnCluster(spark, config, progress, hook, frames, shards, recorded, start);
        }
        Path out = Path.of(config.out());
        OutputLock lock = OutputLock.acquire(out);
        try {
            ShardedOutput output = new ShardedOutput(out, spec.formats(), recorded);
            List<String> redone = output.verifyCommitted(index -> GenerateJob.inputsOf(source, index));
            // The tasks write their images ahead (ShardTask): a killed run's images of uncommitted shards go, so
            // that a shard whose input changed since is written again instead of failing on them.
            output.removeUncommittedImages();
            Path counters = out.resolve(COUNTERS_DIR);
            Files.createDirectories(counters);
            List<ShardReport> reports = new ArrayList<>();
            if (shards > 0) {
                String runId = UUID.randomUUID().toString();
                RunAccumulators accumulators = new RunAccumulators(spark.sparkContext());
                ShardTask task = new ShardTask(config, recorded, runId, hook, null, accumulators);
                try (Watched watched = Watched.start(spark, runId, shards, spec, accumulators, progress)) {
                    reports.addAll(shardJob(spark, task, shards).collectAsList());
                }
            }
            sortOnePerShard(reports, shards);
            ShardedOutput.Totals totals = output.finish(shards);
            deleteCounters(counters);
            return summarize(frames, reports, System.nanoTime() - start, totals, redone);
        } finally {
            lock.close();
        }
    }

    /**
     * The run on cluster storage ({@link ClusterOutput}): tasks upload their shards to attempt paths, and this
     * thread commits each shard as Spark accepts its task's result, so a driver killed in the middle keeps
     * every shard committed so far.
     */
    private static Result runOnCluster(SparkSession spark, Config config, Consumer<String> progress, TaskHook hook,
            int frames, int shards, Map<String, String> recorded, long start) throws IOException {
        GenerateSpec spec = config.spec();
        ClusterOutput.HadoopConf conf = ClusterOutput.HadoopConf.of(spark.sparkContext().hadoopConfiguration());
        ClusterOutput output = ClusterOutput.open(config.out(), conf);
        String runId = UUID.randomUUID().toString();
        try (ClusterOutput.Lock lock = output.lock(runId)) {
            output.deleteAttempts();
            List<String> redone = output.start(spec.formats(), recorded);
            List<ShardReport> reports = new ArrayList<>();
            if (shards > 0) {
                RunAccumulators accumulators = new RunAccumulators(spark.sparkContext());
                ShardTask task = new ShardTask(config, recorded, runId, hook, conf, accumulators);
                RDD<ShardReport> results = shardJob(spark, task, shards).rdd();
                BlockingQueue<ShardReport> accepted = new LinkedBlockingQueue<>();
                List<Object> partitions = new ArrayList<>();
                for (int p = 0; p < shards; p++) {
                    partitions.add(p);
                }
                Watched watched = Watched.start(spark, runId, shards, spec, accumulators, progress);
                SimpleFutureAction<BoxedUnit> job = spark.sparkContext().submitJob(results, COLLECT,
                        CollectionConverters.asScala(partitions).toSeq(),
                        (Function2<Object, ArrayList<ShardReport>, BoxedUnit>) (index, list) -> {
                            accepted.addAll(list);
                            return BoxedUnit.UNIT;
                        },
                        (Function0<BoxedUnit>) () -> BoxedUnit.UNIT);
                try {
                    // The handler runs on Spark's scheduler thread and only queues; commits run here.
                    while (true) {
                        boolean done = job.isCompleted();
                        ShardReport r = accepted.poll(done ? 0 : 100, TimeUnit.MILLISECONDS);
                        if (r != null) {
                            output.commit(runId, r.shard(), r.attempt());
                            hook.at(TaskHook.Point.DRIVER_COMMITTED, r.shard(), r.attempt());
                            reports.add(r);
                        } else if (done) {
                            break;
                        }
                    }
                    job.get(); // the job's failure, if it failed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while committing shards of " + output.location(), e);
                } catch (org.apache.spark.SparkException e) {
                    throw new IllegalStateException("Spark job failed: " + e.getMessage(), e);
                } finally {
                    if (!job.isCompleted()) {
                        job.cancel();
                    }
                    watched.close();
                }
            }
            sortOnePerShard(reports, shards);
            ShardedOutput.Totals totals = output.finish(spec.formats(), recorded, shards);
            return summarize(frames, reports, System.nanoTime() - start, totals, redone);
        }
    }

    /** Copies a partition's reports into a list (the result Spark sends to the driver); runs in the tasks. */
    private static final Function1<scala.collection.Iterator<ShardReport>, ArrayList<ShardReport>> COLLECT =
            (Function1<scala.collection.Iterator<ShardReport>, ArrayList<ShardReport>> & Serializable) it -> {
                ArrayList<ShardReport> list = new ArrayList<>();
                while (it.hasNext()) {
                    list.add(it.next());
                }
                return list;
            };

    /** The shard job: shard numbers {@code [0, shards)}, one per partition, each partition run by {@code task}. */
    private static Dataset<ShardReport> shardJob(SparkSession spark, ShardTask task, int shards) {
        return spark.range(0, shards, 1, shards).as(Encoders.LONG())
                .mapPartitions(task, Encoders.javaSerialization(ShardReport.class));
    }

    /** Sorts the reports by shard number and checks that there is exactly one per shard. */
    private static void sortOnePerShard(List<ShardReport> reports, int shards) {
        reports.sort(Comparator.comparingInt(ShardReport::shard));
        for (int s = 0; s < reports.size(); s++) {
            if (reports.get(s).shard() != s) {
                throw new IllegalStateException("Shard reports are not one per shard: expected shard " + s
                        + ", got " + reports.get(s).shard() + " (" + reports.size() + " reports for " + shards
                        + " shards)");
            }
        }
        if (reports.size() != shards) {
            throw new IllegalStateException(reports.size() + " shard reports for " + shards + " shards");
        }
    }

    /**
     * What the run adds to the manifest for its models ({@link ModelSetup#runnerOptions}: the models used, the
     * perception choices, the pipeline's options with CLIP's caption similarity), as the local runner records
     * them; empty without models. Asked of one task, so that the models are loaded by an executor (which keeps
     * them for the run's tasks, {@link ExecutorModels}), not by the driver.
     */
    private static Map<String, String> runnerOptions(SparkSession spark, Config config) {
        if (config.models().isEmpty()) {
            return Map.of();
        }
        MapFunction<Long, TreeMap<String, String>> probe = ignored -> ShardTask.runnerOptions(config);
        @SuppressWarnings("unchecked")
        Class<TreeMap<String, String>> type = (Class<TreeMap<String, String>>) (Class<?>) TreeMap.class;
        spark.sparkContext().setJobDescription("spatialvlm4j generate: load and describe the models");
        try {
            return spark.range(0, 1, 1, 1).as(Encoders.LONG()).map(probe, Encoders.javaSerialization(type))
                    .collectAsList().get(0);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * The shard job of a run, watched: its tasks in one job group, a {@link ProgressLine} on the listener bus for
     * as long as it runs. Opened on the thread that submits the job (the group is a thread-local property).
     */
    private record Watched(SparkSession spark, ProgressLine line) implements AutoCloseable {
        static Watched start(SparkSession spark, String runId, int shards, GenerateSpec spec,
                RunAccumulators accumulators, Consumer<String> progress) {
            String group = "spatialvlm4j-" + runId;
            ProgressLine line = new ProgressLine(group, shards, accumulators, PROGRESS_SECONDS * 1_000_000_000L,
                    progress);
            spark.sparkContext().addSparkListener(line);
            spark.sparkContext().setJobGroup(group, "spatialvlm4j generate: " + shards + " shards of "
                    + spec.shardSize() + " frames", false);
            return new Watched(spark, line);
        }

        @Override
        public void close() {
            spark.sparkContext().clearJobGroup();
            spark.sparkContext().removeSparkListener(line);
        }
    }

    private static Result summarize(int frames, List<ShardReport> reports, long elapsedNanos,
            ShardedOutput.Totals totals, List<String> redone) {
        StageTimes times = new StageTimes();
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        long processed = 0;
        long records = 0;
        long qa = 0;
        int resumed = 0;
        int written = 0;
        for (ShardReport r : reports) {
            if (r.resumed()) {
                resumed++;
                continue;
            }
            written++;
            processed += r.frames();
            records += r.records();
            qa += r.qa();
            r.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
            for (Stage s : Stage.values()) {
                times.add(s, r.stageNanos()[s.ordinal()]);
            }
        }
        return new Result(new RunSummary(frames, processed, records, qa, skipped, resumed, written, elapsedNanos),
                times, reports, totals, redone);
    }

    private static void deleteCounters(Path counters) throws IOException {
        try (Stream<Path> files = Files.list(counters)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(counters);
    }
}
