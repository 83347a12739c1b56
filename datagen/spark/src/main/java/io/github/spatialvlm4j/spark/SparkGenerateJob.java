package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.Stage;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.OutputLock;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * The data engine's generate job on Apache Spark: the local runner's job, distributed shard by shard.
 *
 * <p>Frame indices {@code [0, size)} are cut into shards of {@code shardSize} consecutive frames,
 * exactly as the local runner cuts them, and each shard is one Spark partition (a Dataset of shard
 * numbers, one per partition). A task opens its source, its kernels and its {@code FramePipeline}
 * once, runs the shard's frames through the same per-frame code as the local runner
 * ({@link GenerateJob#processFrame}), and writes the shard with the same sink
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
 * <p>Memory per task: one shard of records (PNG bytes + facts + questions, about
 * {@code shardSize x (image PNG + ~20 kB)}) plus one frame's working set per kernel thread.
 * Input and output paths must be the same files on the driver and every executor (local mode, or a
 * shared file system: NFS, Lustre, EFS, a FUSE mount of object storage).
 */
public final class SparkGenerateJob {

    /** Folder, under the output directory, of the per-shard counter files; deleted when the run finishes. */
    public static final String COUNTERS_DIR = "_spark";

    /**
     * Everything a run needs; shipped to every task.
     *
     * @param source the frames
     * @param out the output directory (a path every executor sees)
     * @param formats the output formats
     * @param runSeed the run seed; each frame's seed is derived from it and the frame id
     * @param shardSize frames per shard (one shard per Spark task)
     * @param exact exact numbers in answers instead of human-aligned rounding
     * @param questionsPerFrame questions per frame, &gt;= 1
     * @param writeObjectClouds also write each object's cleaned cloud as PLY under {@code objects/}
     * @param kernelBackend the kernel backend of each task ({@code auto}, {@code jvm}, {@code tornadovm})
     * @param kernelThreads kernel worker threads per task, &gt;= 1 (match {@code spark.task.cpus})
     */
    public record Config(SourceSpec source, String out, Set<OutputFormat> formats, long runSeed, int shardSize,
            boolean exact, int questionsPerFrame, boolean writeObjectClouds, String kernelBackend, int kernelThreads)
            implements Serializable {
        public Config {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(kernelBackend, "kernelBackend");
            formats = Set.copyOf(formats);
            if (formats.isEmpty()) {
                throw new IllegalArgumentException("No output format given (at least one of jsonl, llava, sharegpt, "
                        + "parquet)");
            }
            if (shardSize < 1) {
                throw new IllegalArgumentException("Invalid shard size: " + shardSize + " (frames, must be >= 1)");
            }
            if (questionsPerFrame < 1) {
                throw new IllegalArgumentException("Invalid questions per frame: " + questionsPerFrame
                        + " (must be >= 1)");
            }
            if (kernelThreads < 1) {
                throw new IllegalArgumentException("Invalid kernel threads: " + kernelThreads + " (must be >= 1)");
            }
        }

        /** A config with the local CLI's defaults: 64 frames per shard, 20 questions, rounding, JVM kernels, 1 thread. */
        public static Config of(SourceSpec source, String out, Set<OutputFormat> formats, long runSeed) {
            return new Config(source, out, formats, runSeed, 64, false, QaOptions.DEFAULT_QUESTIONS_PER_FRAME, false,
                    "auto", 1);
        }

        /** The pipeline options every task builds: the local CLI's for the same flags. */
        public PipelineOptions pipelineOptions() {
            return PipelineOptions.defaults()
                    .withQa(QaOptions.defaults().withExact(exact).withQuestionsPerFrame(questionsPerFrame));
        }

        /**
         * The options that {@code spatialvlm4j generate} passes to its job for the same flags (source,
         * {@code exact}, {@code questions_per_frame}); the job adds seed, shard size, source description.
         */
        public Map<String, String> jobOptions() {
            Map<String, String> options = new TreeMap<>(source.manifestOptions());
            options.put("exact", Boolean.toString(exact));
            options.put("questions_per_frame", Integer.toString(questionsPerFrame));
            return options;
        }

        /** The options recorded in the manifest, equal to the local job's for the same flags and source. */
        Map<String, String> recordedOptions(FrameSource source) {
            return GenerateJob.recordedOptions(jobOptions(), runSeed, shardSize, source.describe(), source.size(),
                    writeObjectClouds);
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
        return run(spark, config, TaskHook.NONE);
    }

    static Result run(SparkSession spark, Config config, TaskHook hook) throws IOException {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(config, "config");
        long start = System.nanoTime();
        FrameSource source = config.source().open();
        int frames = source.size();
        int shards = (frames + config.shardSize() - 1) / config.shardSize();
        if (shards > ShardedOutput.MAX_SHARD + 1) {
            throw new IllegalArgumentException(frames + " frames in shards of " + config.shardSize() + " make " + shards
                    + " shards (at most " + (ShardedOutput.MAX_SHARD + 1) + "): raise the shard size");
        }
        Map<String, String> recorded = config.recordedOptions(source);
        Path out = Path.of(config.out());
        OutputLock lock = OutputLock.acquire(out);
        try {
            ShardedOutput output = new ShardedOutput(out, config.formats(), recorded);
            List<String> redone = output.verifyCommitted(index -> GenerateJob.inputsOf(source, index));
            Path counters = out.resolve(COUNTERS_DIR);
            Files.createDirectories(counters);
            List<ShardReport> reports = new ArrayList<>();
            if (shards > 0) {
                ShardTask task = new ShardTask(config, recorded, UUID.randomUUID().toString(), hook);
                Dataset<Long> shardIds = spark.range(0, shards, 1, shards).as(Encoders.LONG());
                reports.addAll(shardIds.mapPartitions(task, Encoders.javaSerialization(ShardReport.class))
                        .collectAsList());
            }
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
            ShardedOutput.Totals totals = output.finish(shards);
            deleteCounters(counters);
            return summarize(frames, reports, System.nanoTime() - start, totals, redone);
        } finally {
            lock.close();
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
