package io.github.spatialvlm4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spatialvlm4j.datagen.job.FrameTask;
import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.datagen.perception.Perception;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.Stage;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.runner.FrameOutcome;
import io.github.spatialvlm4j.datagen.runner.FrameSkip;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;

/**
 * The work of one Spark partition: its shard numbers in, one {@link ShardReport} per shard out.
 * Source, kernels and pipeline are created once per partition and closed when it ends; the models are the
 * executor's ({@link ExecutorModels}), opened by its first task and shared by the rest.
 *
 * <p>Memory: as the local runner does ({@link GenerateJob#withImagesWritten}), each frame's image and marked
 * image are written as soon as the frame is done, into the directory the shard is committed from (the output
 * directory itself, or on cluster storage the attempt's local staging directory), so the shard's records
 * held until its commit keep the files' names, sizes and SHA-256, not their PNG bytes (about 3.3 MB a frame
 * at 1280x720). Two attempts of one shard (a retry, a speculative duplicate) write the same bytes to the
 * same images, each file by an atomic rename ({@link ShardedOutput#writeImages}), so neither fails nor
 * corrupts the other.
 */
final class ShardTask implements MapPartitionsFunction<Long, ShardReport> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkGenerateJob.Config config;
    private final Map<String, String> recorded;
    private final String runId;
    private final TaskHook hook;
    /** The driver's Hadoop configuration when the output is a URI ({@link ClusterOutput}), else null. */
    private final ClusterOutput.HadoopConf hadoop;
    private final RunAccumulators counters;

    /**
     * @param hadoop the driver's Hadoop configuration, for an output URI (then each attempt writes its shard
     *     to a local temporary directory and uploads it to its attempt path, which the driver commits); null
     *     for a plain path (the shared directory itself)
     * @param counters the run's accumulators, or null for none (a test calling the task outside a job)
     */
    ShardTask(SparkGenerateJob.Config config, Map<String, String> recorded, String runId, TaskHook hook,
            ClusterOutput.HadoopConf hadoop, RunAccumulators counters) {
        this.config = config;
        this.recorded = Map.copyOf(recorded);
        this.runId = runId;
        this.hook = hook;
        this.hadoop = hadoop;
        this.counters = counters;
    }

    /**
     * The perception of a task (the executor's shared one, {@link ExecutorModels}) and the pipeline options it
     * gives (CLIP's caption similarity), as the local runner builds them ({@link ModelSetup}).
     */
    record Models(Optional<Perception> perception, PipelineOptions pipelineOptions) {
    }

    /** The models of a task of this run, empty without models; the ONNX sessions are opened once per executor. */
    static Models models(SparkGenerateJob.Config config) {
        PipelineOptions base = config.spec().pipelineOptions();
        if (config.models().isEmpty()) {
            return new Models(Optional.empty(), base);
        }
        Perception p = ExecutorModels.get(config.modelSetup(), ExecutorModels.settings(config.kernelThreads(),
                config.gpu()));
        return new Models(Optional.of(p), ModelSetup.pipelineOptions(base, p));
    }

    /**
     * What a run with these models adds to the manifest ({@link ModelSetup#runnerOptions}), from the models of
     * this JVM ({@link #models}); empty without models.
     */
    static TreeMap<String, String> runnerOptions(SparkGenerateJob.Config config) {
        Models models = models(config);
        if (models.perception().isEmpty()) {
            return new TreeMap<>();
        }
        return new TreeMap<>(config.modelSetup().runnerOptions(models.perception().get(),
                config.spec().pipelineOptions()));
    }

    @Override
    public Iterator<ShardReport> call(Iterator<Long> shards) throws IOException {
        List<ShardReport> reports = new ArrayList<>();
        if (!shards.hasNext()) {
            return reports.iterator();
        }
        GenerateSpec spec = config.spec();
        ClusterOutput cluster = hadoop == null ? null : ClusterOutput.open(config.out(), hadoop);
        Path out = cluster == null ? Path.of(config.out()) : null;
        ShardedOutput output = cluster == null
                ? ShardedOutput.join(out, spec.formats(), recorded, CompressionCodecName.SNAPPY) : null;
        FrameSource source = spec.source().open();
        TaskContext context = TaskContext.get();
        int attempt = context == null ? 0 : context.attemptNumber();
        Models models = models(config);
        try (Kernels kernels = Kernels.create(config.kernelBackend(), config.kernelThreads())) {
            FramePipeline pipeline = new FramePipeline(kernels, models.pipelineOptions());
            while (shards.hasNext()) {
                int shard = Math.toIntExact(shards.next());
                ShardReport report = cluster == null
                        ? runShard(shard, source, models.perception(), pipeline, output, out, attempt)
                        : runShard(shard, source, models.perception(), pipeline, cluster, attempt);
                if (counters != null && !report.resumed()) {
                    counters.add(report);
                }
                reports.add(report);
            }
        }
        return reports.iterator();
    }

    /** A shard written straight into the shared output directory (a plain path), its images as each frame is done. */
    private ShardReport runShard(int shard, FrameSource source, Optional<Perception> perception,
            FramePipeline pipeline, ShardedOutput output, Path out, int attempt) throws IOException {
        Path counterFile = out.resolve(SparkGenerateJob.COUNTERS_DIR).resolve(ShardedOutput.shardName(shard) + ".json");
        if (output.isCommitted(shard)) {
            Optional<ShardReport> earlier = readCounters(counterFile, shard, attempt);
            return earlier.orElseGet(() -> resumed(shard, attempt));
        }
        Computed c = compute(shard, source, perception, pipeline, output);
        ShardReport computed = c.report(attempt);
        writeCounters(counterFile, computed);
        hook.at(TaskHook.Point.BEFORE_COMMIT, shard, attempt);
        long t0 = System.nanoTime();
        try {
            output.writeShard(shard, c.records(), c.skips());
        } catch (IllegalStateException e) {
            // A duplicate attempt (speculation) committed the same shard first: its files equal ours.
            if (!output.isCommitted(shard)) {
                throw e;
            }
        }
        c.times().add(Stage.WRITE, System.nanoTime() - t0);
        hook.at(TaskHook.Point.AFTER_COMMIT, shard, attempt);
        return c.report(attempt);
    }

    /**
     * A shard on cluster storage: written by {@link ShardedOutput} into a task-local temporary directory (its
     * images as each frame is done, the rest at the end) and uploaded to this attempt's own path; the driver
     * commits it when Spark accepts this result ({@link ClusterOutput}).
     */
    private ShardReport runShard(int shard, FrameSource source, Optional<Perception> perception,
            FramePipeline pipeline, ClusterOutput cluster, int attempt) throws IOException {
        if (cluster.isCommitted(shard)) {
            return resumed(shard, attempt);
        }
        Path staging = Files.createTempDirectory("spatialvlm4j-" + ShardedOutput.shardName(shard) + "-");
        try {
            ShardedOutput local = new ShardedOutput(staging, config.spec().formats(), recorded,
                    CompressionCodecName.SNAPPY);
            Computed c = compute(shard, source, perception, pipeline, local);
            hook.at(TaskHook.Point.BEFORE_COMMIT, shard, attempt);
            long t0 = System.nanoTime();
            local.writeShard(shard, c.records(), c.skips());
            if (!cluster.isCommitted(shard)) { // else a duplicate attempt's was committed: Spark ignores this one
                cluster.uploadAttempt(staging, runId, shard, attempt);
            }
            c.times().add(Stage.WRITE, System.nanoTime() - t0);
            hook.at(TaskHook.Point.AFTER_COMMIT, shard, attempt);
            return c.report(attempt);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    /** The report of a shard an earlier run committed: zero counts, as in the local runner's summary. */
    private static ShardReport resumed(int shard, int attempt) {
        return new ShardReport(shard, 0, 0, 0, Map.of(), new long[Stage.values().length], true, attempt);
    }

    /**
     * A shard's frames run through the pipeline, their images written ahead and the rest not yet written.
     *
     * @param records the frames' records, in frame order, their images on disk ({@link ShardedOutput#writeImages})
     * @param skips the skipped frames, in frame order
     * @param skipped the skipped frames per reason
     * @param qa the questions over all records
     */
    record Computed(int shard, int frames, List<FrameRecord> records, List<FrameSkip> skips,
            Map<SkipReason, Long> skipped, long qa, StageTimes times) {
        ShardReport report(int attempt) {
            return ShardTask.report(shard, frames, records.size(), qa, skipped, times, attempt);
        }
    }

    /**
     * Runs the shard's frames, writing each record's images into {@code output} as soon as its frame is done
     * ({@link GenerateJob#withImagesWritten}); object clouds, when asked for, go under {@code output}'s directory
     * too. The shard is then committed from {@code output} ({@link ShardedOutput#writeShard}).
     */
    Computed compute(int shard, FrameSource source, Optional<Perception> perception, FramePipeline pipeline,
            ShardedOutput output) {
        GenerateSpec spec = config.spec();
        int from = shard * spec.shardSize();
        int to = Math.min(source.size(), from + spec.shardSize());
        StageTimes times = new StageTimes();
        Optional<Path> cloudsOut = spec.objectClouds() ? Optional.of(output.directory()) : Optional.empty();
        FrameTask<FrameRecord> task = GenerateJob.frameTask(source, perception, pipeline, spec.seed(), cloudsOut,
                times);
        List<FrameRecord> records = new ArrayList<>(to - from);
        List<FrameSkip> skips = new ArrayList<>();
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        long qa = 0;
        for (int i = from; i < to; i++) {
            // Bad input is a counted skip; anything else fails the task with its stack trace (FrameTask).
            FrameOutcome<FrameRecord> outcome = GenerateJob.withImagesWritten(task.apply(i), output, times);
            if (outcome.skip().isPresent()) {
                skipped.merge(outcome.skip().get(), 1L, Long::sum);
                skips.add(outcome.toSkip(i));
            } else {
                records.add(outcome.record().orElseThrow());
                qa += outcome.qaCount();
            }
        }
        return new Computed(shard, to - from, records, skips, skipped, qa, times);
    }

    private static ShardReport report(int shard, int frames, int records, long qa, Map<SkipReason, Long> skipped,
            StageTimes times, int attempt) {
        long[] nanos = new long[Stage.values().length];
        for (Stage s : Stage.values()) {
            nanos[s.ordinal()] = times.nanos(s);
        }
        return new ShardReport(shard, frames, records, qa, skipped, nanos, false, attempt);
    }

    /** The counters an earlier attempt of this run left for a shard it committed; empty for another run's shard. */
    private Optional<ShardReport> readCounters(Path file, int shard, int attempt) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode n = JSON.readTree(file.toFile());
        if (!runId.equals(n.path("run").asText())) {
            return Optional.empty();
        }
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        n.get("skipped").fields().forEachRemaining(e -> skipped.put(SkipReason.valueOf(e.getKey()),
                e.getValue().asLong()));
        long[] nanos = new long[Stage.values().length];
        JsonNode stages = n.get("stage_nanos");
        for (Stage s : Stage.values()) {
            nanos[s.ordinal()] = stages.get(s.ordinal()).asLong();
        }
        return Optional.of(new ShardReport(shard, n.get("frames").asInt(), n.get("records").asInt(),
                n.get("qa").asLong(), skipped, nanos, false, attempt));
    }

    /** Write-then-rename, so that a retry reads a whole counter file or none. */
    private void writeCounters(Path file, ShardReport r) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("run", runId);
        n.put("frames", r.frames());
        n.put("records", r.records());
        n.put("qa", r.qa());
        ObjectNode skipped = n.putObject("skipped");
        r.skipped().forEach((k, v) -> skipped.put(k.name(), v));
        ArrayNode stages = n.putArray("stage_nanos");
        for (long v : r.stageNanos()) {
            stages.add(v);
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(n));
    }
}
