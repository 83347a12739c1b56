package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.GroundTruth;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.geometry.DepthMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The audit of one generated answer: recomputes the exact answer from ground-truth facts with
 * {@link SpatialTruth} (the same definitions the generator used) and compares.
 *
 * <p>Qualitative answers are correct when the generated exact answer equals the true one. A
 * generated {@link ExactAnswer.Uncertain} is never correct and is flagged so the audit can count
 * it separately. A metric answer is correct when it is within 10% of the truth:
 * {@code |estimate - truth| <= 0.10 * truth}. A question whose premise is false in the ground
 * truth (a directional difference that points the other way, or a floor-dependent question about
 * a scene without a floor) is not applicable and not correct. A count is checked against the number
 * of true objects of its class, a point depth question against the true depth at its two pixels
 * ({@link GroundTruth#depth()}). O(objects) per check.
 */
public final class AnswerCheck {

    /** The relative tolerance of a correct metric answer. */
    public static final double METRIC_TOLERANCE = 0.10;

    /**
     * The verdict on one answer.
     *
     * @param category the question's category
     * @param generated the exact answer the generated text was written from
     * @param truth the exact answer from ground truth; empty when not applicable
     * @param applicable whether the question has an answer in the ground truth
     * @param correct see {@link AnswerCheck}
     * @param generatedUncertain whether the generated answer said "too close to call"
     * @param truthUncertain whether the ground truth is itself within the margin
     * @param relativeError for a metric answer, {@code |estimate - truth| / truth}; empty for
     *     qualitative answers, an uncertain side, or a true value of 0
     * @param geometryError for a metric answer, the relative error of {@code estimate / depthScale}: the
     *     error the geometry adds beyond a known global depth scale error (equal to {@code relativeError}
     *     when the scale is 1)
     */
    public record Result(Category category, ExactAnswer generated, Optional<ExactAnswer> truth, boolean applicable,
            boolean correct, boolean generatedUncertain, boolean truthUncertain, OptionalDouble relativeError,
            OptionalDouble geometryError) {
        public Result {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(generated, "generated");
            Objects.requireNonNull(truth, "truth");
            Objects.requireNonNull(relativeError, "relativeError");
            Objects.requireNonNull(geometryError, "geometryError");
        }
    }

    private final Margins margins;

    /**
     * @param margins the margins that decide when the truth itself is too close to call (use the
     *     generator's margins)
     */
    public AnswerCheck(Margins margins) {
        this.margins = Objects.requireNonNull(margins, "margins");
    }

    /**
     * Checks {@code pair} against {@code truth}.
     *
     * @param pair a generated pair
     * @param truth ground-truth facts of the same frame, with the same object ids
     * @throws IllegalArgumentException when an object id of the pair is not in {@code truth}
     */
    public Result check(QaPair pair, SceneFacts truth) {
        return check(pair, truth, 1);
    }

    /**
     * Checks {@code pair} against {@code truth} for a frame whose depth was off by the global factor
     * {@code depthScale} (a monocular depth network's scale error): correctness and
     * {@link Result#relativeError()} compare the answer as given; {@link Result#geometryError()} compares
     * it divided by {@code depthScale}.
     *
     * @param depthScale the factor, &gt; 0 (1 for measured depth)
     */
    public Result check(QaPair pair, SceneFacts truth, double depthScale) {
        return check(pair, truth, depthScale, Optional.empty());
    }

    /**
     * Checks {@code pair} against {@code truth}: as {@link #check(QaPair, SceneFacts, double)}, and point
     * depth questions against the true depth at their pixels (not applicable without a true depth map, or
     * where it has no depth).
     */
    public Result check(QaPair pair, GroundTruth truth) {
        Objects.requireNonNull(truth, "truth");
        return check(pair, truth.facts(), truth.depthScale(), truth.depth());
    }

    private Result check(QaPair pair, SceneFacts truth, double depthScale, Optional<DepthMap> trueDepth) {
        Objects.requireNonNull(pair, "pair");
        if (!(depthScale > 0) || !Double.isFinite(depthScale)) {
            throw new IllegalArgumentException("Invalid depth scale: " + depthScale + " (must be finite and > 0)");
        }
        Objects.requireNonNull(truth, "truth");
        Category c = pair.category();
        ExactAnswer gen = pair.exact();
        boolean genUncertain = gen instanceof ExactAnswer.Uncertain;
        Optional<ExactAnswer> truthAnswer;
        if (c == Category.COUNT) {
            if (!(gen instanceof ExactAnswer.Count count)) {
                throw new IllegalArgumentException("A count question must have a count answer, got " + gen);
            }
            truthAnswer = SpatialTruth.count(truth, count.of()).map(ExactAnswer.class::cast);
        } else if (c == Category.POINT_DEPTH) {
            truthAnswer = pointTruth(pair, trueDepth);
        } else {
            List<Integer> ids = pair.objectIds();
            int a = position(truth, ids.get(0));
            int b = ids.size() > 1 ? position(truth, ids.get(1)) : a;
            int third = ids.size() > 2 ? position(truth, ids.get(2)) : b;
            truthAnswer = SpatialTruth.isAskable(c, truth, a, b, third, margins)
                    ? Optional.of(SpatialTruth.exact(c, truth, a, b, third, margins)) : Optional.empty();
        }
        if (truthAnswer.isEmpty()) {
            return new Result(c, gen, Optional.empty(), false, false, genUncertain, false, OptionalDouble.empty(),
                    OptionalDouble.empty());
        }
        ExactAnswer t = truthAnswer.get();
        boolean truthUncertain = t instanceof ExactAnswer.Uncertain;
        if (gen instanceof ExactAnswer.Metric est && t instanceof ExactAnswer.Metric gt) {
            double err = Math.abs(est.meters() - gt.meters());
            boolean within = err <= METRIC_TOLERANCE * gt.meters();
            OptionalDouble rel = gt.meters() > 0 ? OptionalDouble.of(err / gt.meters()) : OptionalDouble.empty();
            OptionalDouble geometry = gt.meters() > 0
                    ? OptionalDouble.of(Math.abs(est.meters() / depthScale - gt.meters()) / gt.meters())
                    : OptionalDouble.empty();
            return new Result(c, gen, Optional.of(t), true, within, false, false, rel, geometry);
        }
        boolean correct = !genUncertain && gen.equals(t);
        return new Result(c, gen, Optional.of(t), true, correct, genUncertain, truthUncertain, OptionalDouble.empty(),
                OptionalDouble.empty());
    }

    /** The true order of a point question's two pixels, when the true depth is known at both. */
    private Optional<ExactAnswer> pointTruth(QaPair pair, Optional<DepthMap> trueDepth) {
        if (trueDepth.isEmpty()) {
            return Optional.empty();
        }
        DepthMap d = trueDepth.get();
        ImagePoint p = pair.points().get(0);
        ImagePoint q = pair.points().get(1);
        if (p.u() >= d.width() || q.u() >= d.width() || p.v() >= d.height() || q.v() >= d.height()
                || !d.isValid(p.u(), p.v()) || !d.isValid(q.u(), q.v())) {
            return Optional.empty();
        }
        return Optional.of(SpatialTruth.pointOrder(p, d.get(p.u(), p.v()), q, d.get(q.u(), q.v()), margins));
    }

    /** The position of the object with id {@code id} in {@code facts.objects()}. */
    public static int position(SceneFacts facts, int id) {
        for (int i = 0; i < facts.objects().size(); i++) {
            if (facts.objects().get(i).id() == id) {
                return i;
            }
        }
        throw new IllegalArgumentException("Object id " + id + " is not in frame '" + facts.frameId() + "'");
    }
}
