package io.github.spatialvlm4j.datagen.job;

import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.SourceSpec;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@code generate} run, whatever runs it: the frames, the seed, the output formats and shards, and
 * the choices that decide what is written for each frame. Both command lines build one from the same
 * options ({@code GenerateOptions}), the local runner runs it with {@link #config}, the Spark runner
 * ships it to its tasks (it is serializable), and both record {@link #toManifest} in the manifest, so
 * that the same spec gives the same output directory on either runner, byte for byte.
 *
 * <p>What is not here belongs to a runner: threads and kernels, and the models of the local runner
 * (whose choice the local command line adds to the manifest). The pipeline's other thresholds are
 * its defaults ({@link #pipelineOptions()}).
 *
 * @param source the frames
 * @param seed the run seed; each frame's seed is derived from it and the frame id
 * @param formats the output formats, at least one
 * @param shardSize frames per shard (the unit of resumption, and of a Spark task), &gt;= 1
 * @param objectClouds also write each object's cleaned cloud as binary PLY under {@code objects/}
 * @param questions what the questions are like
 */
public record GenerateSpec(SourceSpec source, long seed, Set<OutputFormat> formats, int shardSize,
        boolean objectClouds, Questions questions) implements Serializable {

    /** Default frames per shard. */
    public static final int DEFAULT_SHARD_SIZE = 64;

    /** The entries of {@link PipelineOptions#toFlatMap()} that {@link #jobOptions()} records by their own names. */
    private static final Set<String> QUESTION_CHOICES = Set.of("qa.exact", "qa.questions_per_frame", "qa.refer");

    public GenerateSpec {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(questions, "questions");
        formats = Set.copyOf(formats);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("No output format given (at least one of jsonl, llava, sharegpt, "
                    + "parquet)");
        }
        if (shardSize < 1) {
            throw new IllegalArgumentException("Invalid shard size: " + shardSize + " (frames, must be >= 1)");
        }
    }

    /**
     * The question choices a user makes (the rest of {@link QaOptions} are its defaults).
     *
     * @param perFrame questions per frame, &gt;= 1
     * @param exact exact numbers in answers ("0.86 meters") instead of human-aligned rounding
     * @param refer how questions name objects
     */
    public record Questions(int perFrame, boolean exact, ReferStyle refer) implements Serializable {
        public Questions {
            if (perFrame < 1) {
                throw new IllegalArgumentException("Invalid questions per frame: " + perFrame + " (must be >= 1)");
            }
            Objects.requireNonNull(refer, "refer");
        }

        /** The defaults of both command lines: 20 questions, rounded, by caption. */
        public static Questions defaults() {
            return new Questions(QaOptions.DEFAULT_QUESTIONS_PER_FRAME, false, ReferStyle.CAPTION);
        }
    }

    /** A spec with the command lines' defaults: {@value #DEFAULT_SHARD_SIZE} frames per shard, default questions, no clouds. */
    public static GenerateSpec of(SourceSpec source, long seed, Set<OutputFormat> formats) {
        return new GenerateSpec(source, seed, formats, DEFAULT_SHARD_SIZE, false, Questions.defaults());
    }

    /** The question synthesis options: the defaults with this spec's choices. */
    public QaOptions qaOptions() {
        return QaOptions.defaults().withExact(questions.exact()).withQuestionsPerFrame(questions.perFrame())
                .withRefer(questions.refer());
    }

    /**
     * The pipeline options every runner builds for this spec: the defaults with {@link #qaOptions()}. A
     * runner with models may replace the caption similarity (CLIP), and records that it did.
     */
    public PipelineOptions pipelineOptions() {
        return PipelineOptions.defaults().withQa(qaOptions());
    }

    /**
     * The options that define the records, before the run-level ones: the source's
     * ({@link SourceSpec#manifestOptions()}), {@code exact}, {@code questions_per_frame}, {@code refer}, and
     * every option of the per-frame path ({@link #pipelineEntries}).
     */
    public Map<String, String> jobOptions() {
        Map<String, String> m = new TreeMap<>(source.manifestOptions());
        m.put("exact", Boolean.toString(questions.exact()));
        m.put("questions_per_frame", Integer.toString(questions.perFrame()));
        m.put("refer", questions.refer().id());
        m.putAll(pipelineEntries(pipelineOptions()));
        return m;
    }

    /**
     * The manifest entries of a pipeline's options: {@code pipeline.<stage>.<option>} for every entry of
     * {@link PipelineOptions#toFlatMap()}, but the question choices {@link #jobOptions()} records under their
     * own names ({@code exact}, {@code questions_per_frame}, {@code refer}). A runner that changes an option
     * (a caption similarity from the models) records the entries of the options it ran with over
     * {@link #jobOptions()}'s.
     */
    public static Map<String, String> pipelineEntries(PipelineOptions options) {
        Map<String, String> m = new TreeMap<>();
        options.toFlatMap().forEach((k, v) -> {
            if (!QUESTION_CHOICES.contains(k)) {
                m.put("pipeline." + k, v);
            }
        });
        return m;
    }

    /**
     * What the manifest records for this spec over the opened source: {@link #jobOptions()} and the
     * run-level options ({@link GenerateJob#recordedOptions}: seed, shard size, the source's description
     * and size, object clouds). A run into a directory that holds other options is refused.
     */
    public Map<String, String> toManifest(FrameSource opened) {
        return toManifest(opened, Map.of());
    }

    /**
     * As {@link #toManifest(FrameSource)}, with what the runner adds over {@link #jobOptions()} (the models
     * used, ...: the {@code runnerOptions} of {@link #config}).
     */
    public Map<String, String> toManifest(FrameSource opened, Map<String, String> runnerOptions) {
        Map<String, String> options = new TreeMap<>(jobOptions());
        options.putAll(runnerOptions);
        return GenerateJob.recordedOptions(options, seed, shardSize, opened.describe(), opened.size(),
                objectClouds);
    }

    /**
     * The local runner's job for this spec.
     *
     * @param opened the source, opened from {@link #source()}
     * @param out the output directory
     * @param threads worker threads, &gt;= 1
     * @param runnerOptions what the runner adds to {@link #jobOptions()} in the manifest (the models
     *     used, ...); empty for none
     */
    public GenerateJob.Config config(FrameSource opened, Path out, int threads, Map<String, String> runnerOptions) {
        Map<String, String> options = new TreeMap<>(jobOptions());
        options.putAll(runnerOptions);
        return new GenerateJob.Config(opened, out, formats, seed, threads, shardSize, objectClouds, options);
    }
}
