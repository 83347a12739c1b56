package io.github.spatialvlm4j.datagen.job;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.ImagePoint;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.refer.CocoRle;
import io.github.spatialvlm4j.datagen.refer.MarkedImage;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.datagen.perception.Perception;
import io.github.spatialvlm4j.datagen.pipeline.FrameBuffers;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.Stage;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.runner.FrameOutcome;
import io.github.spatialvlm4j.datagen.runner.FrameSkip;
import io.github.spatialvlm4j.datagen.runner.InputFile;
import io.github.spatialvlm4j.datagen.runner.LocalRunner;
import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import io.github.spatialvlm4j.datagen.runner.ShardStore;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.OutputLock;
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
 * committed shard and its final output equals an uninterrupted run's, byte for byte. The run holds
 * the output directory's {@link OutputLock}, so a second run into it is refused; before resuming it
 * checks the committed shards ({@link ShardedOutput#verifyCommitted}) and writes damaged or stale
 * ones again. Every skipped frame is committed with its shard and named in {@code skipped.jsonl}.
 */
public final class GenerateJob {

    /** Folder, under the output directory, of the optional per-object point clouds. */
    public static final String OBJECTS_DIR = ShardedOutput.OBJECTS_DIR;

    /**
     * The default pixel limit of an input image ({@code --max-pixels} of every runner): 40 megapixels,
     * a 7300x5500 photo, about 160 MB as decoded pixels.
     */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

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

    /**
     * The outcome of a finished run.
     *
     * @param summary this run's counters
     * @param times this run's stage times
     * @param totals what the whole output directory holds, shards of earlier runs included
     * @param redone one note per committed shard that a check found damaged or stale and this run wrote
     *     again ({@link ShardedOutput#verifyCommitted})
     */
    public record Result(RunSummary summary, StageTimes times, ShardedOutput.Totals totals, List<String> redone) {
        public Result {
            redone = List.copyOf(redone);
        }
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
        FrameSource source = config.source();
        Map<String, String> recorded = recordedOptions(config.options(), config.runSeed(), config.shardSize(),
                source.describe(), source.size(), config.writeObjectClouds());
        OutputLock lock = OutputLock.acquire(config.out());
        try {
            ShardedOutput output = new ShardedOutput(config.out(), config.formats(), recorded);
            List<String> redone = output.verifyCommitted(index -> inputsOf(source, index));
            output.removeUncommittedImages(); // the frames write their images ahead (withImagesWritten)
            StageTimes times = new StageTimes();
            ShardStore<FrameRecord> store = new ShardStore<>() {
                @Override
                public boolean isCommitted(int shard) {
                    return output.isCommitted(shard);
                }

                @Override
                public void commit(int shard, List<FrameRecord> records) throws IOException {
                    commit(shard, records, List.of());
                }

                @Override
                public void commit(int shard, List<FrameRecord> records, List<FrameSkip> skipped) throws IOException {
                    long t0 = System.nanoTime();
                    output.writeShard(shard, records, skipped);
                    times.add(Stage.WRITE, System.nanoTime() - t0);
                }
            };
            try (LocalRunner runner = new LocalRunner(config.threads(), config.shardSize())) {
                Optional<Path> cloudsOut = config.writeObjectClouds() ? Optional.of(config.out()) : Optional.empty();
                FrameTask<FrameRecord> task = frameTask(source, perception, pipeline, config.runSeed(), cloudsOut,
                        times);
                RunSummary summary = runner.run(source.size(), index -> withImagesWritten(task.apply(index), output,
                        times), store, progress);
                ShardedOutput.Totals totals = output.finish(runner.shardCount(source.size()));
                return new Result(summary, times, totals, redone);
            }
        } finally {
            lock.close();
        }
    }

    /**
     * The outcome with its record's images written to the output directory at once
     * ({@link ShardedOutput#writeImages}), on the worker thread, so that the shards of records the runner
     * holds until they are committed hold no image bytes (about 3 MB a frame at 1280x720). The output is
     * the same: the shard's commit lists the images without writing them again. Every runner calls it on
     * each frame's outcome (the Spark shard task too, into the directory its shard is committed from).
     *
     * @param output the directory the record's shard will be written to ({@link ShardedOutput#writeShard})
     * @param times receives the time spent writing, as WRITE
     * @return {@code outcome} itself for a skipped frame, else the outcome with its record's images on disk
     * @throws UncheckedIOException when an image cannot be written
     * @throws IllegalStateException when an image exists with other bytes ({@link ShardedOutput#writeImages})
     */
    public static FrameOutcome<FrameRecord> withImagesWritten(FrameOutcome<FrameRecord> outcome,
            ShardedOutput output, StageTimes times) {
        if (outcome.record().isEmpty()) {
            return outcome;
        }
        long t0 = System.nanoTime();
        FrameRecord written;
        try {
            written = output.writeImages(outcome.record().get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        times.add(Stage.WRITE, System.nanoTime() - t0);
        return new FrameOutcome<>(Optional.of(written), outcome.skip(), outcome.detail(), outcome.qaCount(),
                outcome.frameId(), outcome.inputs());
    }

    /**
     * The options a run records in its manifest and {@code _shards/run.json}: {@code options} plus
     * {@code seed}, {@code shard_size}, {@code source}, {@code frames} and {@code object_clouds}. A runner
     * on another engine records the same map, so that its output directory equals this job's.
     */
    public static Map<String, String> recordedOptions(Map<String, String> options, long runSeed, int shardSize,
            String sourceDescription, int frames, boolean writeObjectClouds) {
        Map<String, String> recorded = new TreeMap<>(options);
        recorded.put("seed", Long.toString(runSeed));
        recorded.put("shard_size", Integer.toString(shardSize));
        recorded.put("source", sourceDescription);
        recorded.put("frames", Integer.toString(frames));
        recorded.put("object_clouds", Boolean.toString(writeObjectClouds));
        return recorded;
    }

    /** The input files of frame {@code index} as they are now, with their fingerprints. */
    public static List<InputFile> inputsOf(FrameSource source, int index) {
        return source.inputFiles(index).stream().map(InputFile::of).toList();
    }

    /**
     * The per-frame task of a generate run, the same on every runner: frame {@code index} of {@code source}
     * loaded, first through {@code perception} when present (models fill in depth, intrinsics, masks and
     * captions; a filtered-out frame is a counted skip), through the pipeline with the seed derived from
     * {@code runSeed} and the frame id, to its record with its image encoded as PNG (or its source's PNG
     * bytes copied, {@link Frame#imagePng()}). What becomes a counted skip and what ends the run is
     * {@link FrameTask}'s policy.
     *
     * @param objectCloudsOut the output directory under which each object's cleaned cloud is written
     *     as binary PLY ({@code objects/<frame>/<id>.ply}), or empty to write none (a failure to write
     *     one is an {@link UncheckedIOException}, a failure of the output)
     * @param times receives the LOAD, PERCEIVE, pipeline and WRITE stage times
     */
    public static FrameTask<FrameRecord> frameTask(FrameSource source, Optional<Perception> perception,
            FramePipeline pipeline, long runSeed, Optional<Path> objectCloudsOut, StageTimes times) {
        Objects.requireNonNull(perception, "perception");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(objectCloudsOut, "objectCloudsOut");
        return new FrameTask<>(source, times, (loaded, buffers) -> {
            Frame frame = loaded;
            if (perception.isPresent()) {
                long tp = System.nanoTime();
                Perception.Result perceived = perception.get().perceive(frame);
                times.add(Stage.PERCEIVE, System.nanoTime() - tp);
                if (perceived.skip().isPresent()) {
                    return FrameOutcome.skipped(perceived.skip().get(), perceived.detail());
                }
                frame = perceived.frame().orElseThrow();
            }
            FramePipeline.Result result = pipeline.process(frame, runSeed, buffers);
            times.addAll(result.times());
            if (result.skip().isPresent()) {
                return FrameOutcome.skipped(result.skip().get(), result.detail());
            }
            long t1 = System.nanoTime();
            FrameRecord record = record(frame, result, pipeline.options().qa().refer(), buffers);
            if (objectCloudsOut.isPresent()) {
                writeObjectClouds(objectCloudsOut.get(), result);
            }
            times.add(Stage.WRITE, System.nanoTime() - t1);
            return FrameOutcome.of(record, result.qa().size());
        });
    }

    /** Where the masks of the measured objects came from, as far as the frame knows. */
    private static Map<Integer, MaskSource> maskSources(Frame frame, SceneFacts facts) {
        Map<Integer, MaskSource> out = new TreeMap<>();
        for (ObjectFacts o : facts.objects()) {
            MaskSource s = frame.maskSources().get(o.id());
            if (s != null) {
                out.put(o.id(), s);
            }
        }
        return out;
    }

    /**
     * The record of a processed frame: its image, each object's mask as COCO RLE (from the frame's labels),
     * and, when the questions refer to marks (style {@code MARKS}, or points of point depth questions), the
     * marked copy of the image ({@link MarkedImage}) that the chat formats show instead, drawn in
     * {@code buffers}' planes (the record holds its PNG bytes, not the planes).
     */
    static FrameRecord record(Frame frame, FramePipeline.Result result, ReferStyle refer, FrameBuffers buffers) {
        SceneFacts facts = result.facts().orElseThrow();
        int[] ids = new int[facts.objects().size()];
        Map<Integer, Integer> marks = new TreeMap<>();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = facts.objects().get(i).id();
            if (refer == ReferStyle.MARKS) {
                marks.put(ids[i], i + 1);
            }
        }
        Map<Integer, CocoRle> masks = frame.labels().map(l -> CocoRle.all(l, ids)).orElse(Map.of());
        Map<String, ImagePoint> points = new TreeMap<>();
        for (QaPair pair : result.qa()) {
            for (ImagePoint p : pair.points()) {
                points.putIfAbsent(p.label(), p);
            }
        }
        Optional<FrameRecord.Marked> marked = Optional.empty();
        if (!marks.isEmpty() || !points.isEmpty()) {
            LabelImage labels = frame.labels().orElseThrow(() -> new IllegalStateException("Frame " + frame.id()
                    + " has questions about marks but no masks"));
            marked = Optional.of(new FrameRecord.Marked(FrameRecord.markedPathFor(frame.id()), ColorImages.encodePng(
                    MarkedImage.draw(frame.image(), labels, marks, List.copyOf(points.values()),
                            buffers.ints(FrameBuffers.Plane.MARKED_IMAGE, frame.image().rgb().length),
                            buffers.ints(FrameBuffers.Plane.INSIDE_DISTANCE, labels.ids().length)))));
        }
        byte[] png = frame.imagePng().orElseGet(() -> ColorImages.encodePng(frame.image()));
        return new FrameRecord(frame.id(), FrameRecord.imagePathFor(frame.id()), png,
                facts, result.qa(), refer, masks, marked, maskSources(frame, facts));
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
