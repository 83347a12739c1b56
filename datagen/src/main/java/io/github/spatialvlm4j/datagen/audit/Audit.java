package io.github.spatialvlm4j.datagen.audit;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.datagen.facts.GroundTruth;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.job.FrameTask;
import io.github.spatialvlm4j.datagen.pipeline.Canonicalizer;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.qa.AnswerCheck;
import io.github.spatialvlm4j.datagen.qa.CaptionConsistency;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.qa.QuestionFrames;
import io.github.spatialvlm4j.datagen.runner.FrameOutcome;
import io.github.spatialvlm4j.datagen.runner.LocalRunner;
import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import io.github.spatialvlm4j.datagen.runner.ShardStore;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.Plane;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/**
 * Checks generated answers against ground truth: runs the pipeline on every frame of a source
 * whose frames carry {@link Frame#groundTruth()}, and checks each question/answer pair with
 * {@link AnswerCheck} (the exact answer the text was written from, against the exact answer
 * the ground-truth facts give for the same question and objects).
 *
 * <p>Besides per-category accuracy it checks the floor rules: questions that need the up direction or
 * a floor must be absent from every frame whose floor state lacks it, and a floor may only be claimed
 * in a frame that shows one. It measures how far the estimated up direction and floor are from the
 * true ones, and how close each measured object's height and footprint are to its true box. For frames
 * whose depth carries a known global scale error (synthetic monocular noise) it also reports metric
 * errors beyond that scale. It counts the captions that contradict or give away an answer
 * ({@link CaptionConsistency#contradictions}, must be 0) and the distinct question and answer frames
 * per category ({@link QuestionFrames}). Deterministic for a seed whatever the thread count.
 */
public final class Audit {

    /**
     * What the audit learnt about one frame (kept in frame order, then summed).
     *
     * @param state the floor state the engine reached
     * @param truthFloorVisible whether the true floor is visible (a floor claim without it is false)
     * @param upQuestionsWithoutUp questions needing the up direction asked although the engine had none (must be 0)
     * @param floorQuestionsWithoutFloor questions needing a floor asked although the engine had none (must be 0)
     * @param upAngleDegrees angle between the engine's up direction and the true one, degrees; NaN when
     *     either is unknown
     * @param floorAngleDegrees angle between the estimated and the true floor normal, degrees; NaN unless both exist
     * @param floorHeightError error of the camera height above the floor, meters; NaN unless both floors exist
     * @param depthScale the global depth scale error injected into the frame (1 for measured depth)
     * @param objects the per-object size checks
     * @param captionContradictions captions that contradict or give away their answer, described
     * @param frames the question and answer frames of the frame's pairs
     * @param skip why the frame gave no questions, when it gave none (its floor checks still count)
     * @param floorNote how the engine reached its floor state ({@link Canonicalizer.Result#detail()})
     */
    record FrameAudit(String frameId, Optional<SkipReason> skip, String floorNote, FloorState state, boolean truthFloorVisible, int upQuestionsWithoutUp,
            int floorQuestionsWithoutFloor, double upAngleDegrees, double floorAngleDegrees, double floorHeightError,
            double depthScale, List<ObjectCheck> objects, List<AnswerCheck.Result> checks, List<Failure> failures,
            List<String> captionContradictions, QuestionFrames frames) {

        /** Whether the engine claimed a floor that the frame does not show. */
        boolean falseFloorClaim() {
            return state == FloorState.FLOOR && !truthFloorVisible;
        }
    }

    /**
     * The measured size of one object against its true box, relative errors of the measured value divided
     * by the frame's depth scale error (so that a monocular scale error is not counted).
     *
     * @param frameId the frame
     * @param estimated the measured facts
     * @param truth the true facts of the same object
     * @param occludedOutline the true hidden share of the object's outline
     * @param heightError relative error of the height (NaN when the truth has no up direction)
     * @param widthError relative error of the longer horizontal side (NaN likewise)
     * @param depthError relative error of the shorter horizontal side (NaN likewise)
     */
    record ObjectCheck(String frameId, ObjectFacts estimated, ObjectFacts truth, float occludedOutline,
            double heightError, double widthError, double depthError) {
    }

    /**
     * A scored answer that was wrong, with the facts of its objects as estimated and as true, so a
     * person can see why. On a frame whose depth carried an injected global scale error, a metric answer
     * more than {@value #BEYOND_SCALE_TOLERANCE} off beyond that scale counts too, right as given or not:
     * the error the geometry adds is what a monocular audit looks for.
     *
     * @param depthScale the frame's injected depth scale error (1 for measured depth)
     */
    record Failure(String frameId, QaPair pair, AnswerCheck.Result check, List<ObjectFacts> estimated,
            List<ObjectFacts> truth, double depthScale) {

        /** Whether the answer as given was wrong (else only its error beyond the depth scale was too large). */
        boolean wrongAsGiven() {
            return !check.correct();
        }
    }

    /** Relative error beyond an injected depth scale above which a metric answer is listed as a failure. */
    static final double BEYOND_SCALE_TOLERANCE = 0.1;

    private final FramePipeline pipeline;
    private final AnswerCheck check;

    public Audit(FramePipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.check = new AnswerCheck(pipeline.options().qa().margins());
    }

    /** Audits every frame of {@code source}; frames without ground truth are counted skips. */
    public AuditReport run(FrameSource source, long runSeed, LocalRunner runner, ProgressListener progress)
            throws IOException {
        StageTimes times = new StageTimes();
        List<FrameAudit> frames = new ArrayList<>();
        ShardStore<FrameAudit> collect = new ShardStore<>() {
            @Override
            public boolean isCommitted(int shard) {
                return false;
            }

            @Override
            public void commit(int shard, List<FrameAudit> records) {
                frames.addAll(records);
            }
        };
        var summary = runner.run(source.size(), new FrameTask<>(source, times, (frame, buffers) -> {
            if (frame.truth().isEmpty()) {
                return FrameOutcome.skipped(SkipReason.NO_GROUND_TRUTH, "frame " + frame.id()
                        + " has no ground truth: the audit needs frames with known geometry");
            }
            GroundTruth truth = frame.truth().get();
            FramePipeline.Result result = pipeline.process(frame, runSeed, buffers);
            times.addAll(result.times());
            if (result.skip().isPresent() && result.orientation().isEmpty()) {
                return FrameOutcome.skipped(result.skip().get(), result.detail());
            }
            // A frame skipped after its floor was found (no object masks, no object left) still counts for
            // the floor checks.
            return FrameOutcome.of(audit(frame.id(), result, truth), result.qa().size());
        }), collect, progress);
        return AuditReport.of(source.describe(), summary, frames, times, pipeline.options().qa().maxOccludedOutline());
    }

    private FrameAudit audit(String frameId, FramePipeline.Result result, GroundTruth groundTruth) {
        Canonicalizer.Result orientation = result.orientation().orElseThrow();
        SceneFacts truth = groundTruth.facts();
        double scale = groundTruth.depthScale();
        Optional<SceneFacts> measured = result.facts();
        double upAngle = Double.NaN;
        if (orientation.state().hasUp() && truth.hasUp()) {
            upAngle = Math.toDegrees(new Vector3f(orientation.up()).angle(up(truth)));
        }
        double angle = Double.NaN;
        double height = Double.NaN;
        if (orientation.floor().isPresent() && truth.floor().isPresent()) {
            Plane est = orientation.floor().get();
            Plane gt = truth.floor().get();
            angle = Math.toDegrees(est.angleTo(gt.nx(), gt.ny(), gt.nz()));
            height = Math.abs(est.d() / scale - gt.d());
        }
        if (measured.isEmpty()) {
            return new FrameAudit(frameId, result.skip(), orientation.detail(), orientation.state(), groundTruth.floorVisible(), 0, 0,
                    upAngle, angle, height, scale, List.of(), List.of(), List.of(), List.of(), new QuestionFrames());
        }
        SceneFacts facts = measured.get();
        List<AnswerCheck.Result> checks = new ArrayList<>(result.qa().size());
        List<Failure> failures = new ArrayList<>();
        int withoutUp = 0;
        int withoutFloor = 0;
        List<String> contradictions = new ArrayList<>();
        QuestionFrames frames = new QuestionFrames();
        for (QaPair pair : result.qa()) {
            for (String contradiction : CaptionConsistency.contradictions(pair, facts)) {
                contradictions.add(frameId + ": " + pair.category().id() + ": " + contradiction + ": "
                        + pair.question() + " -> " + pair.answer());
            }
            frames.add(pair, facts);
            Category c = pair.category();
            if (c.needsUp() && !facts.hasUp()) {
                withoutUp++;
            }
            if (c.needsFloor() && !facts.canonicalized()) {
                withoutFloor++;
            }
            AnswerCheck.Result r = check.check(pair, groundTruth);
            checks.add(r);
            boolean offBeyondScale = scale != 1 && r.geometryError().isPresent()
                    && r.geometryError().getAsDouble() > BEYOND_SCALE_TOLERANCE;
            if (r.applicable() && !r.generatedUncertain() && !r.truthUncertain() && (!r.correct() || offBeyondScale)) {
                failures.add(new Failure(frameId, pair, r, objects(facts, pair), objects(truth, pair), scale));
            }
        }
        return new FrameAudit(frameId, Optional.empty(), orientation.detail(), facts.floorState(), groundTruth.floorVisible(), withoutUp,
                withoutFloor,
                upAngle, angle, height, scale, objectChecks(facts, truth, scale), checks, failures, contradictions,
                frames);
    }

    /** The up direction of a scene's up frame, in the camera frame. */
    private static Vector3f up(SceneFacts facts) {
        return new Matrix4f(facts.cameraToUp()).invertAffine().getColumn(2, new Vector3f()).normalize();
    }

    /** Size checks of every measured object that the truth knows, when both know the up direction. */
    private static List<ObjectCheck> objectChecks(SceneFacts facts, SceneFacts truth, double scale) {
        List<ObjectCheck> out = new ArrayList<>();
        for (ObjectFacts o : facts.objects()) {
            for (ObjectFacts t : truth.objects()) {
                if (t.id() != o.id()) {
                    continue;
                }
                boolean sized = facts.hasUp() && truth.hasUp();
                out.add(new ObjectCheck(facts.frameId(), o, t, t.occludedOutline(),
                        sized ? relative(o.height() / scale, t.height()) : Double.NaN,
                        sized ? relative(o.width() / scale, t.width()) : Double.NaN,
                        sized ? relative(o.depth() / scale, t.depth()) : Double.NaN));
            }
        }
        return out;
    }

    private static double relative(double estimate, double truth) {
        return truth > 0 ? Math.abs(estimate - truth) / truth : Double.NaN;
    }

    private static List<ObjectFacts> objects(SceneFacts facts, QaPair pair) {
        List<ObjectFacts> out = new ArrayList<>();
        for (int id : pair.objectIds()) {
            facts.objects().stream().filter(o -> o.id() == id).findFirst().ifPresent(out::add);
        }
        return out;
    }

    /** Per-category tallies of {@code frames}, every category present (possibly empty). */
    static Map<Category, CategoryStats> byCategory(List<FrameAudit> frames) {
        Map<Category, CategoryStats> out = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            out.put(c, CategoryStats.of(c));
        }
        for (FrameAudit f : frames) {
            for (AnswerCheck.Result r : f.checks()) {
                out.get(r.category()).add(r);
            }
        }
        return out;
    }
}
