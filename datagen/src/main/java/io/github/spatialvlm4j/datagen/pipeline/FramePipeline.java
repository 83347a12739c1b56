package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.Seeds;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.Ambiguity;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.CountClass;
import io.github.spatialvlm4j.datagen.qa.PointCandidate;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.qa.QaSynthesizer;
import io.github.spatialvlm4j.datagen.qa.SceneExtras;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-frame path of the data engine, free of any runner: a frame in, its scene facts and
 * question/answer pairs out (SPEC stages 3-9 for frames that carry depth, intrinsics and object
 * masks). Its randomness comes only from {@code Seeds.frameSeed(runSeed, frame.id())}, so the
 * result is the same on the local runner, on Spark, on any thread count and in any order.
 * Thread-safe; one instance serves all worker threads.
 */
public final class FramePipeline {

    /**
     * What the pipeline gave for one frame.
     *
     * @param frameId the frame's id
     * @param facts the scene facts after ambiguity removal; empty when skipped
     * @param qa the question/answer pairs (empty when skipped)
     * @param skip why the frame gave nothing, empty otherwise
     * @param detail a note: the skip's detail, or how canonicalization went
     * @param objectClouds the cleaned cloud (camera frame) of each object in {@code facts.objects()}, same order
     * @param orientation up and the floor as found, when the frame had depth and intrinsics (also when it was
     *     skipped afterwards)
     */
    public record Result(String frameId, Optional<SceneFacts> facts, List<QaPair> qa, Optional<SkipReason> skip,
            String detail, List<PointCloud> objectClouds, Optional<Canonicalizer.Result> orientation) {
        public Result {
            qa = List.copyOf(qa);
            objectClouds = List.copyOf(objectClouds);
        }

        static Result skipped(String frameId, SkipReason reason, String detail,
                Optional<Canonicalizer.Result> orientation) {
            return new Result(frameId, Optional.empty(), List.of(), Optional.of(reason), detail, List.of(), orientation);
        }
    }

    private final PipelineOptions options;
    private final SceneMeasurer measurer;
    private final Ambiguity ambiguity;
    private final QaSynthesizer synthesizer;

    public FramePipeline(Kernels kernels, PipelineOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.measurer = new SceneMeasurer(kernels, options.measure());
        this.ambiguity = new Ambiguity(options.captionSimilarity(), options.ambiguityThreshold());
        this.synthesizer = new QaSynthesizer(options.qa());
    }

    public PipelineOptions options() {
        return options;
    }

    /**
     * Runs the frame through measuring, ambiguity removal and synthesis. Stage times are added to
     * {@code times}.
     */
    public Result process(Frame frame, long runSeed, StageTimes times) {
        long frameSeed = Seeds.frameSeed(runSeed, frame.id());
        SceneMeasurer.Measurement m = measurer.measure(frame, frameSeed, times);
        if (m.skip().isPresent()) {
            return Result.skipped(frame.id(), m.skip().get(), m.detail(), m.orientation());
        }
        SceneFacts measured = m.facts().orElseThrow();
        long t0 = System.nanoTime();
        Ambiguity.Result resolved = ambiguity.resolve(measured);
        SceneFacts facts = resolved.facts();
        List<PointCloud> clouds = cloudsOf(facts, measured, m.objectClouds());
        long t1 = System.nanoTime();
        times.add(Stage.DISAMBIGUATE, t1 - t0);
        if (facts.objects().isEmpty()) {
            return Result.skipped(frame.id(), SkipReason.NO_OBJECTS, "frame " + frame.id()
                    + ": every object was dropped by ambiguity removal (" + resolved.droppedAmbiguous()
                    + " ambiguous, " + resolved.droppedBackground() + " background)", m.orientation());
        }
        List<QaPair> qa = synthesizer.synthesize(facts, extras(frame, measured, facts, frameSeed), frameSeed);
        times.add(Stage.SYNTHESIZE, System.nanoTime() - t1);
        return new Result(frame.id(), Optional.of(facts), qa, Optional.empty(), m.detail(), clouds, m.orientation());
    }

    /**
     * What counting and point questions may ask about: the countable classes among the frame's captioned
     * masks (before ambiguity removal, which drops look-alikes that still count) and a point on each
     * object that survived it. Skipped when their categories are not asked.
     */
    private SceneExtras extras(Frame frame, SceneFacts measured, SceneFacts facts, long frameSeed) {
        LabelImage labels = frame.labels().orElseThrow();
        List<CountClass> countable = List.of();
        if (options.qa().weight(Category.COUNT) > 0) {
            Map<Integer, String> captions = new HashMap<>();
            for (int id : labels.distinctIds()) {
                String caption = frame.captions().get(id);
                if (caption != null) {
                    captions.put(id, caption);
                }
            }
            countable = CountClass.countable(captions, measured, options.qa().maxOccludedOutline());
        }
        List<PointCandidate> points = List.of();
        if (options.qa().weight(Category.POINT_DEPTH) > 0) {
            List<Integer> ids = new ArrayList<>();
            for (ObjectFacts o : facts.objects()) {
                ids.add(o.id());
            }
            points = PointCandidate.of(frame.depth().orElseThrow(), labels, ids, frameSeed);
        }
        return new SceneExtras(countable, points);
    }

    /** The clouds of the objects that survived, in the order of {@code kept.objects()}. */
    private static List<PointCloud> cloudsOf(SceneFacts kept, SceneFacts measured, List<PointCloud> measuredClouds) {
        Map<Integer, PointCloud> byId = new HashMap<>();
        List<ObjectFacts> all = measured.objects();
        for (int i = 0; i < all.size(); i++) {
            byId.put(all.get(i).id(), measuredClouds.get(i));
        }
        List<PointCloud> out = new ArrayList<>(kept.objects().size());
        for (ObjectFacts o : kept.objects()) {
            out.add(byId.get(o.id()));
        }
        return out;
    }
}
