package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.Seeds;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-frame path of the data engine, free of any runner: a frame in, its scene facts and
 * question/answer pairs out, for frames that carry depth, intrinsics and object masks (perception,
 * loading and writing stay with the job that runs it). The path is the explicit list of {@link FrameStage}s
 * built in the constructor, each timed under its {@link Stage}; see docs/ARCHITECTURE.md, "Stages":
 *
 * <ol>
 *   <li>lift: depth cleaned, labelled pixels back-projected ({@link LiftStage})</li>
 *   <li>canonicalize: up and the floor ({@link CanonicalizeStage})</li>
 *   <li>clean: per-object denoising ({@link CleanStage})</li>
 *   <li>facts: per-object and pairwise facts ({@link FactsStage})</li>
 *   <li>disambiguate: look-alike and background objects dropped ({@link DisambiguateStage})</li>
 *   <li>synthesize: question/answer pairs ({@link SynthesizeStage})</li>
 * </ol>
 *
 * <p>Its randomness comes only from {@code Seeds.frameSeed(runSeed, frame.id())}, so the result is the
 * same on the local runner, on Spark, on any thread count and in any order. Thread-safe; one instance
 * serves all worker threads.
 *
 * <p>The frame-sized planes a frame needs besides its own (the filtered depth, the inside distances of its
 * masks) come from a {@link FrameBuffers} kept for the next frame: the caller's
 * ({@link #process(Frame, long, FrameBuffers)}), or one of the pipeline's own {@link FrameBuffers.Pool},
 * which holds one per frame in flight at once (as many as the threads that call it). Either way a run of
 * frames of one size allocates them once per thread instead of once per frame. A plane's contents never
 * reach a result.
 */
public final class FramePipeline {

    /**
     * What the pipeline gave for one frame.
     *
     * @param frameId the frame's id
     * @param facts the scene facts after ambiguity removal ({@link #measure}: before it); empty when skipped
     * @param qa the question/answer pairs (empty when skipped, and from {@link #measure})
     * @param skip why the frame gave nothing, empty otherwise
     * @param detail a note: the skip's detail, or how canonicalization went
     * @param objectClouds the cleaned cloud (camera frame) of each object in {@code facts.objects()}, same order
     * @param orientation up and the floor as found, when the frame had depth and intrinsics (also when it was
     *     skipped afterwards)
     * @param times the wall time this frame spent in each stage (zero for the stages it did not reach)
     */
    public record Result(String frameId, Optional<SceneFacts> facts, List<QaPair> qa, Optional<SkipReason> skip,
            String detail, List<PointCloud> objectClouds, Optional<Canonicalizer.Result> orientation,
            StageTimes times) {
        public Result {
            qa = List.copyOf(qa);
            objectClouds = List.copyOf(objectClouds);
            Objects.requireNonNull(times, "times");
        }
    }

    /** One entry of the stage list: the step and the stage its time counts for. */
    private record Step(Stage stage, FrameStage body) {
    }

    private final PipelineOptions options;
    private final List<Step> steps;
    /** The buffers of the callers that bring none. */
    private final FrameBuffers.Pool buffers = new FrameBuffers.Pool();

    public FramePipeline(Kernels kernels, PipelineOptions options) {
        Objects.requireNonNull(kernels, "kernels");
        this.options = Objects.requireNonNull(options, "options");
        this.steps = List.of(
                new Step(Stage.LIFT, new LiftStage(options.lift())),
                new Step(Stage.CANONICALIZE, new CanonicalizeStage(kernels, options.canonicalize())),
                new Step(Stage.CLEAN, new CleanStage(kernels, options.clean(), options.canonicalize().samplePixels())),
                new Step(Stage.FACTS, new FactsStage(kernels, options.facts())),
                new Step(Stage.DISAMBIGUATE, new DisambiguateStage(options.disambiguate())),
                new Step(Stage.SYNTHESIZE, new SynthesizeStage(options.qa())));
    }

    public PipelineOptions options() {
        return options;
    }

    /** Runs the frame through every stage, with the frame seed derived from {@code runSeed} and its id. */
    public Result process(Frame frame, long runSeed) {
        return withPooledBuffers(frame, runSeed, Stage.SYNTHESIZE);
    }

    /**
     * As {@link #process(Frame, long)}, with the scratch planes of {@code buffers}, which the caller holds
     * for the whole frame (it may have loaded the frame into some of them: the pipeline's planes are others).
     */
    public Result process(Frame frame, long runSeed, FrameBuffers buffers) {
        return run(frame, runSeed, Stage.SYNTHESIZE, Objects.requireNonNull(buffers, "buffers"));
    }

    /**
     * Runs the frame through the stages up to and including facts: its result holds the measured facts of
     * every object that survived cleaning (before ambiguity removal) and no questions.
     */
    public Result measure(Frame frame, long runSeed) {
        return withPooledBuffers(frame, runSeed, Stage.FACTS);
    }

    private Result withPooledBuffers(Frame frame, long runSeed, Stage last) {
        FrameBuffers b = buffers.acquire();
        try {
            return run(frame, runSeed, last, b);
        } finally {
            buffers.release(b);
        }
    }

    private Result run(Frame frame, long runSeed, Stage last, FrameBuffers buffers) {
        FrameState state = new FrameState(frame, Seeds.frameSeed(runSeed, frame.id()), buffers);
        StageTimes times = new StageTimes();
        for (Step step : steps) {
            long t0 = System.nanoTime();
            step.body().run(state);
            times.add(step.stage(), System.nanoTime() - t0);
            if (state.skipped() || step.stage() == last) {
                break;
            }
        }
        return state.result(times);
    }
}
