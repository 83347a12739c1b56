package io.github.spatialvlm4j.datagen.job;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.perception.Perception;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.Stage;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.runner.FrameOutcome;
import io.github.spatialvlm4j.datagen.runner.LocalRunner;
import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import io.github.spatialvlm4j.datagen.runner.ShardStore;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.PlyEncoding;
import io.github.spatialvlm4j.geometry.io.PlyFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The main job of the data engine on one machine: every frame of a source through the
 * {@link FramePipeline}, written shard by shard to a {@link ShardedOutput} by a
 * {@link LocalRunner}. Killed and restarted with the same arguments, it resumes after the last
 * committed shard and its final output equals an uninterrupted run's, byte for byte.
 */
public final class GenerateJob {

    /** Folder, under the output directory, of the optional per-object point clouds. */
    public static final String OBJECTS_DIR = "objects";

    /**
     * @param source the frames
     * @param out the output directory (created; an existing one is resumed if its options match)
     * @param formats the output formats
     * @param runSeed the run seed; each frame's seed is derived from it and the frame id
     * @param threads worker threads
     * @param shardSize frames per shard
     * @param writeObjectClouds also write each object's cleaned cloud as binary PLY under {@code objects/<frame>/<id>.ply}
     * @param options what else defines the run, recorded in the manifest; a restart must pass the same
     */
    public record Config(FrameSource source, Path out, Set<OutputFormat> formats, long runSeed, int threads,
            int shardSize, boolean writeObjectClouds, Map<String, String> options) {
        public Config {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(out, "out");
            formats = Set.copyOf(formats);
            options = Map.copyOf(options);
        }
    }

    /** The counters and stage times of a finished run. */
    public record Result(RunSummary summary, StageTimes times) {
    }

    private GenerateJob() {
    }

    /** Runs the job to the end and writes the run-level files (manifest, merged LLaVA, dataset_info). */
    public static Result run(Config config, FramePipeline pipeline, ProgressListener progress) throws IOException {
        return run(config, Optional.empty(), pipeline, progress);
    }

    /**
     * As {@link #run(Config, FramePipeline, ProgressListener)}, with every loaded frame first
     * through {@code perception} (models fill in depth, intrinsics, masks, captions, ground mask;
     * a filtered-out frame is a counted skip). The caller owns and closes the perception.
     */
    public static Result run(Config config, Optional<Perception> perception, FramePipeline pipeline,
            ProgressListener progress) throws IOException {
        Objects.requireNonNull(perception, "perception");
        Map<String, String> recorded = new TreeMap<>(config.options());
        recorded.put("seed", Long.toString(config.runSeed()));
        recorded.put("shard_size", Integer.toString(config.shardSize()));
        recorded.put("source", config.source().describe());
        recorded.put("object_clouds", Boolean.toString(config.writeObjectClouds()));
        ShardedOutput output = new ShardedOutput(config.out(), config.formats(), recorded);
        StageTimes times = new StageTimes();
        ShardStore<FrameRecord> store = new ShardStore<>() {
            @Override
            public boolean isCommitted(int shard) {
                return output.isCommitted(shard);
            }

            @Override
            public void commit(int shard, List<FrameRecord> records) throws IOException {
                long t0 = System.nanoTime();
                output.writeShard(shard, records);
                times.add(Stage.WRITE, System.nanoTime() - t0);
            }
        };
        RunSummary summary;
        try (LocalRunner runner = new LocalRunner(config.threads(), config.shardSize())) {
            summary = runner.run(config.source().size(), index -> processFrame(config, perception, pipeline, index,
                    times), store,
                    progress);
            output.finish(runner.shardCount(config.source().size()));
        }
        return new Result(summary, times);
    }

    private static FrameOutcome<FrameRecord> processFrame(Config config, Optional<Perception> perception,
            FramePipeline pipeline, int index, StageTimes times) {
        long t0 = System.nanoTime();
        Frame frame;
        try {
            frame = config.source().load(index);
        } catch (IOException e) {
            return FrameOutcome.skipped(SkipReason.LOAD_ERROR, e.getMessage());
        }
        times.add(Stage.LOAD, System.nanoTime() - t0);
        if (perception.isPresent()) {
            long tp = System.nanoTime();
            Perception.Result perceived = perception.get().perceive(frame);
            times.add(Stage.PERCEIVE, System.nanoTime() - tp);
            if (perceived.skip().isPresent()) {
                return FrameOutcome.skipped(perceived.skip().get(), perceived.detail());
            }
            frame = perceived.frame().orElseThrow();
        }
        FramePipeline.Result result = pipeline.process(frame, config.runSeed(), times);
        if (result.skip().isPresent()) {
            return FrameOutcome.skipped(result.skip().get(), result.detail());
        }
        long t1 = System.nanoTime();
        FrameRecord record = new FrameRecord(frame.id(), FrameRecord.imagePathFor(frame.id()),
                ColorImages.encodePng(frame.image()), result.facts().orElseThrow(), result.qa());
        if (config.writeObjectClouds()) {
            writeObjectClouds(config.out(), result);
        }
        times.add(Stage.WRITE, System.nanoTime() - t1);
        return FrameOutcome.of(record, result.qa().size());
    }

    /** One binary PLY per object (camera frame, meters); rewritten identically on resume. */
    private static void writeObjectClouds(Path out, FramePipeline.Result result) {
        List<ObjectFacts> objects = result.facts().orElseThrow().objects();
        Path dir = out.resolve(OBJECTS_DIR).resolve(FrameRecord.imagePathFor(result.frameId())
                .replaceFirst("^images/", "").replaceFirst("\\.png$", ""));
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < objects.size(); i++) {
                PlyFormat.write(result.objectClouds().get(i), dir.resolve(objects.get(i).id() + ".ply"),
                        PlyEncoding.BINARY_LITTLE_ENDIAN);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the object clouds of frame " + result.frameId() + " to " + dir, e);
        }
    }
}
