package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.Objects;

/**
 * The single definition of every category's exact answer, used both by the generator
 * ({@link QaSynthesizer}) and by the audit ({@link AnswerCheck}).
 *
 * <p>Definitions, for object A (position {@code a}) and B (position {@code b}) of
 * {@link SceneFacts#objects()}; "camera x/z" is the box centre in the camera frame (x right, z
 * forward), "up z" the box centre height in the up frame (z up, above the floor when
 * canonicalized):
 * <ul>
 * <li>left/right: camera x (A left of B when {@code xA < xB}); behind/front: camera z (farther is
 *     behind); above/below: up z; tall/short: height; wide/thin: width; big/small: box volume.</li>
 * <li>Predicate: {@code YesNo(relation holds for A relative to B)}. Choice: {@code Choice(id of the
 *     object that is more X)}. Classify: {@code Relation(word describing A relative to B)}, e.g.
 *     "left"/"right", "behind"/"in front".</li>
 * <li>Metric, meters, &gt;= 0: distance = centre to centre in 3D; gap = {@link SceneFacts#gap};
 *     height and width of A; elevation = up z of A's centre, clamped at 0 (height of its centre
 *     above the floor); vertical distance = |Δ up z|; horizontal distance = centre distance
 *     projected on the floor plane (up-frame x, y); above difference = bottom A − bottom B and
 *     below difference = bottom B − bottom A (bottom to bottom); behind difference = z A − z B and
 *     front difference = z B − z A (camera z); left difference = x B − x A and right difference =
 *     x A − x B (camera x).</li>
 * <li>Uncertain: when the compared values differ by less than the {@link Margins} (or are equal),
 *     a qualitative answer, and a directional difference, is {@link ExactAnswer.Uncertain}.</li>
 * <li>A directional difference whose sign is wrong by at least the margin (A is clearly not left
 *     of B) is not askable ({@link #isAskable}); the generator swaps A and B instead.</li>
 * </ul>
 * A category that needs the up direction or a floor ({@link Category#askableIn}) is askable only
 * in a scene of a floor state that has it. All methods are O(1) and stateless.
 */
public final class SpatialTruth {

    private SpatialTruth() {
    }

    /**
     * The exact answer of category {@code c} about objects {@code a} (A) and {@code b} (B).
     *
     * @param c the category
     * @param facts the scene
     * @param a position of A in {@code facts.objects()}
     * @param b position of B (ignored, may be anything, for single-object categories)
     * @param m the margins
     * @return the exact answer
     * @throws IllegalArgumentException when the question is not askable (see {@link #isAskable}),
     *     positions are equal for a two-object category, or an object's centre is not finite
     * @throws IndexOutOfBoundsException when a position is out of range
     */
    public static ExactAnswer exact(Category c, SceneFacts facts, int a, int b, Margins m) {
        checkArgs(c, facts, a, b, m);
        if (!c.askableIn(facts.floorState())) {
            throw new IllegalArgumentException(c.id() + " needs " + (c.needsFloor() ? "a floor" : "the up direction")
                    + "; frame '" + facts.frameId() + "' is in floor state " + facts.floorState().id());
        }
        ObjectFacts oa = facts.objects().get(a);
        if (c.kind() != Category.Kind.METRIC) {
            SpatialRelation r = SpatialRelation.of(c);
            ObjectFacts ob = facts.objects().get(b);
            double s = evidence(r, oa, ob);
            if (isTie(s, threshold(r, oa, ob, m))) {
                return new ExactAnswer.Uncertain();
            }
            return switch (c.kind()) {
                case PREDICATE -> new ExactAnswer.YesNo(s > 0);
                case CHOICE -> new ExactAnswer.Choice(s > 0 ? oa.id() : ob.id());
                case CLASSIFY -> new ExactAnswer.Relation(s > 0 ? r.word() : r.opposite().word());
                case METRIC -> throw new AssertionError(c);
            };
        }
        return switch (c) {
            case HEIGHT -> new ExactAnswer.Metric(oa.height());
            case WIDTH -> new ExactAnswer.Metric(oa.width());
            case ELEVATION -> new ExactAnswer.Metric(Math.max(0.0, oa.centerUp().z()));
            case DISTANCE -> new ExactAnswer.Metric(facts.distance(a, b));
            case GAP -> new ExactAnswer.Metric(Math.max(0.0, facts.gap(a, b)));
            case VERTICAL_DISTANCE -> separation(
                    Math.abs((double) oa.centerUp().z() - facts.objects().get(b).centerUp().z()), m);
            case HORIZONTAL_DISTANCE -> {
                ObjectFacts ob = facts.objects().get(b);
                yield separation(Math.hypot((double) oa.centerUp().x() - ob.centerUp().x(),
                        (double) oa.centerUp().y() - ob.centerUp().y()), m);
            }
            default -> {
                double s = signedDifference(c, oa, facts.objects().get(b));
                if (isTie(s, m.positionMeters())) {
                    yield new ExactAnswer.Uncertain();
                }
                if (s < 0) {
                    throw new IllegalArgumentException(c.id() + " is not askable for objects " + oa.id() + " and "
                            + facts.objects().get(b).id() + ": signed difference " + s + " m is negative");
                }
                yield new ExactAnswer.Metric(s);
            }
        };
    }

    /**
     * A vertical or horizontal separation of centres: below the position margin the two are "at
     * about the same height / place", which is the honest answer and not a number of millimetres
     * whose relative error means nothing.
     */
    private static ExactAnswer separation(double meters, Margins m) {
        return isTie(meters, m.positionMeters()) ? new ExactAnswer.Uncertain() : new ExactAnswer.Metric(meters);
    }

    /**
     * Whether {@link #exact} has an answer: false for a floor-dependent category in a scene that is
     * not canonicalized, and for a directional difference (above/below/behind/front/left/right
     * difference) whose signed value is negative by at least the position margin.
     */
    public static boolean isAskable(Category c, SceneFacts facts, int a, int b, Margins m) {
        checkArgs(c, facts, a, b, m);
        if (!c.askableIn(facts.floorState())) {
            return false;
        }
        if (!isDirectionalDifference(c)) {
            return true;
        }
        double s = signedDifference(c, facts.objects().get(a), facts.objects().get(b));
        return s >= 0 || isTie(s, m.positionMeters());
    }

    /** Whether {@code c} is one of the six signed ("how much farther left ...") metric categories. */
    public static boolean isDirectionalDifference(Category c) {
        return switch (c) {
            case ABOVE_DIFFERENCE, BELOW_DIFFERENCE, BEHIND_DIFFERENCE, FRONT_DIFFERENCE, LEFT_DIFFERENCE,
                    RIGHT_DIFFERENCE -> true;
            default -> false;
        };
    }

    /**
     * The evidence that relation {@code r} holds for A relative to B: positive when it holds,
     * meters for positions and sizes, cubic meters for volumes.
     */
    static double evidence(SpatialRelation r, ObjectFacts a, ObjectFacts b) {
        return switch (r) {
            case LEFT -> (double) b.center().x() - a.center().x();
            case RIGHT -> (double) a.center().x() - b.center().x();
            case ABOVE -> (double) a.centerUp().z() - b.centerUp().z();
            case BELOW -> (double) b.centerUp().z() - a.centerUp().z();
            case BEHIND -> (double) a.center().z() - b.center().z();
            case FRONT -> (double) b.center().z() - a.center().z();
            case TALLER -> (double) a.height() - b.height();
            case SHORTER -> (double) b.height() - a.height();
            case WIDER -> (double) a.width() - b.width();
            case THINNER -> (double) b.width() - a.width();
            case BIGGER -> (double) a.volume() - b.volume();
            case SMALLER -> (double) b.volume() - a.volume();
        };
    }

    private static double threshold(SpatialRelation r, ObjectFacts a, ObjectFacts b, Margins m) {
        if (r.isPositional()) {
            return m.positionMeters();
        }
        double va;
        double vb;
        switch (r) {
            case TALLER, SHORTER -> {
                va = a.height();
                vb = b.height();
            }
            case WIDER, THINNER -> {
                va = a.width();
                vb = b.width();
            }
            default -> {
                va = a.volume();
                vb = b.volume();
            }
        }
        return m.relativeSize() * Math.max(va, vb);
    }

    private static double signedDifference(Category c, ObjectFacts a, ObjectFacts b) {
        return switch (c) {
            case ABOVE_DIFFERENCE -> (double) a.bottom() - b.bottom();
            case BELOW_DIFFERENCE -> (double) b.bottom() - a.bottom();
            case BEHIND_DIFFERENCE -> evidence(SpatialRelation.BEHIND, a, b);
            case FRONT_DIFFERENCE -> evidence(SpatialRelation.FRONT, a, b);
            case LEFT_DIFFERENCE -> evidence(SpatialRelation.LEFT, a, b);
            case RIGHT_DIFFERENCE -> evidence(SpatialRelation.RIGHT, a, b);
            default -> throw new AssertionError(c);
        };
    }

    /** Strictly inside the margin, or an exact tie (which no margin can decide). */
    private static boolean isTie(double s, double margin) {
        return Math.abs(s) < margin || s == 0;
    }

    private static void checkArgs(Category c, SceneFacts facts, int a, int b, Margins m) {
        Objects.requireNonNull(c, "category");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(m, "margins");
        int k = facts.objects().size();
        if (a < 0 || a >= k) {
            throw new IndexOutOfBoundsException("Invalid object position a: " + a + " (must be in [0, " + k + "))");
        }
        checkFinite(facts.objects().get(a));
        if (c.objectCount() == 2) {
            if (b < 0 || b >= k) {
                throw new IndexOutOfBoundsException("Invalid object position b: " + b + " (must be in [0, " + k
                        + "))");
            }
            if (a == b) {
                throw new IllegalArgumentException(c.id() + " needs two different objects, got position " + a
                        + " twice");
            }
            checkFinite(facts.objects().get(b));
        }
    }

    private static void checkFinite(ObjectFacts o) {
        if (!o.center().isFinite() || !o.centerUp().isFinite()) {
            throw new IllegalArgumentException("Object " + o.id() + " has a non-finite centre: camera " + o.center()
                    + ", up " + o.centerUp());
        }
    }
}
