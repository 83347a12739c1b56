package io.github.spatialvlm4j.datagen.audit;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
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

/**
 * Checks generated answers against ground truth: runs the pipeline on every frame of a source
 * whose frames carry {@link Frame#groundTruth()}, and checks each question/answer pair with
 * {@link AnswerCheck} (the exact answer the text was written from, against the exact answer
 * the ground-truth facts give for the same question and objects).
 *
 * <p>Besides per-category accuracy it checks the floor rule: floor-dependent categories must be
 * absent from every frame that was not canonicalized, and it measures how far the estimated floor
 * is from the true one. It counts the captions that contradict or give away an answer
 * ({@link CaptionConsistency#contradictions}, must be 0) and the distinct question and answer
 * frames per category ({@link QuestionFrames}). Deterministic for a seed whatever the thread count.
 */
public final class Audit {

    /** What the audit learnt about one frame (kept in frame order, then summed). */
    record FrameAudit(String frameId, boolean canonicalized, boolean truthCanonicalized, int floorDependentAsked,
            double floorAngleDegrees, double floorHeightError, List<AnswerCheck.Result> checks,
            List<Failure> failures, List<String> captionContradictions, QuestionFrames frames) {
    }

    /**
     * A scored answer that was wrong, with the facts of its objects as estimated and as true, so a
     * person can see why.
     */
    record Failure(String frameId, QaPair pair, AnswerCheck.Result check, List<ObjectFacts> estimated,
            List<ObjectFacts> truth) {
    }

    private final FramePipeline pipeline;
    private final AnswerCheck check;

    public Audit(FramePipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.check = new AnswerCheck(pipeline.options().qa().margins());
    }

    /**
     * Audits every frame of {@code source}.
     *
     * @throws IllegalArgumentException when a frame has no ground truth
     */
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
        var summary = runner.run(source.size(), index -> {
            Frame frame;
            try {
                frame = source.load(index);
            } catch (IOException e) {
                return FrameOutcome.skipped(SkipReason.LOAD_ERROR, e.getMessage());
            }
            SceneFacts truth = frame.groundTruth().orElseThrow(() -> new IllegalArgumentException(
                    "Frame " + frame.id() + " has no ground truth: the audit needs frames with known geometry"));
            FramePipeline.Result result = pipeline.process(frame, runSeed, times);
            if (result.skip().isPresent()) {
                return FrameOutcome.skipped(result.skip().get(), result.detail());
            }
            return FrameOutcome.of(audit(frame.id(), result, truth), result.qa().size());
        }, collect, progress);
        return AuditReport.of(source.describe(), summary, frames, times);
    }

    private FrameAudit audit(String frameId, FramePipeline.Result result, SceneFacts truth) {
        SceneFacts facts = result.facts().orElseThrow();
        List<AnswerCheck.Result> checks = new ArrayList<>(result.qa().size());
        List<Failure> failures = new ArrayList<>();
        int floorDependent = 0;
        List<String> contradictions = new ArrayList<>();
        QuestionFrames frames = new QuestionFrames();
        for (QaPair pair : result.qa()) {
            for (String c : CaptionConsistency.contradictions(pair, facts)) {
                contradictions.add(frameId + ": " + pair.category().id() + ": " + c + ": " + pair.question() + " -> "
                        + pair.answer());
            }
            frames.add(pair, facts);
            if (pair.category().needsFloor()) {
                floorDependent++;
            }
            AnswerCheck.Result r = check.check(pair, truth);
            checks.add(r);
            if (r.applicable() && !r.generatedUncertain() && !r.truthUncertain() && !r.correct()) {
                failures.add(new Failure(frameId, pair, r, objects(facts, pair), objects(truth, pair)));
            }
        }
        double angle = Double.NaN;
        double height = Double.NaN;
        if (facts.floor().isPresent() && truth.floor().isPresent()) {
            Plane est = facts.floor().get();
            Plane gt = truth.floor().get();
            angle = Math.toDegrees(est.angleTo(gt.nx(), gt.ny(), gt.nz()));
            height = Math.abs(est.d() - gt.d());
        }
        return new FrameAudit(frameId, facts.canonicalized(), truth.canonicalized(), floorDependent, angle, height,
                checks, failures, contradictions, frames);
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
