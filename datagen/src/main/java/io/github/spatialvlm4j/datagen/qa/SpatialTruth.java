package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.List;
import java.util.Objects;
import org.joml.Vector3f;
import org.joml.Vector3fc;

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
 * <p>The newer families (issue 15):
 * <ul>
 * <li>Distance to the camera, meters: {@code camera_distance} = |camera-frame centre of A|;
 *     {@code camera_nearest} = A's {@link ObjectFacts#nearestSurface()} (askable only when measured).
 *     Never uncertain.</li>
 * <li>Clock: the bearing of A seen from the viewer ({@code clock_viewer}: from the camera's position)
 *     or from B ({@code clock_relative}), in the horizontal plane of the up frame, clockwise from the
 *     camera's viewing direction projected on that plane: {@code hour = round(bearing / 30 deg)}, 0
 *     written 12 (12 straight ahead, 3 to the right). Uncertain when the point lies within the position
 *     margin of a boundary between two hours ({@code r * |sin(distance to the boundary)| < margin}, r the
 *     horizontal distance) or nearer than the margin to the origin. Needs up.</li>
 * <li>Allocentric (VSI-Bench relative direction): standing at A's centre facing B's centre, C's centre
 *     in that frame (x to the right, y ahead, horizontal): easy "left"/"right" by the sign of x; medium
 *     "back" when the turn to face C exceeds 135 degrees, else "left"/"right" by the sign of x (x = 0 is
 *     right); hard the quadrant "front-left", "front-right", "back-left", "back-right" (x = 0 right,
 *     y = 0 front). Uncertain when C lies within {@code margin * (1 + |C - A| / |B - A|)} of a sector
 *     boundary (an error of the facing direction moves C by that ratio). Askable when B is at least
 *     {@value #MIN_FACING_METERS} m from A horizontally. Needs up ("only with a floor" in VSI-Bench's
 *     sense: a horizontal plane).</li>
 * <li>Fits: "would A fit in the gap between B and C": yes when A's narrower horizontal side
 *     ({@link ObjectFacts#depth()}) is less than {@link SceneFacts#gap} of B and C; uncertain within
 *     {@code max(position margin, relative margin * max(side, gap))}. Askable when B and C overlap in
 *     height (the gap is beside them, not above one) and their gap is positive. Needs up.</li>
 * <li>Counting ({@link #count}) and point depth order ({@link #pointOrder}) take a class or two
 *     pixels instead of objects.</li>
 * </ul>
 * A category that needs the up direction or a floor ({@link Category#askableIn}) is askable only
 * in a scene of a floor state that has it. All methods are O(1) (counting O(objects)) and stateless.
 *
 * <p>Why one class of this size: it is the one definition of every exact answer, shared by the
 * generator and the audit on purpose; split by category family, the thresholds and tie rules that
 * several families share would have to be copied or scattered.
 */
public final class SpatialTruth {

    /** Least horizontal distance, meters, from the standing object to the faced one of an allocentric question. */
    public static final double MIN_FACING_METERS = 0.3;

    /** The direction words of each allocentric category, as VSI-Bench writes its options. */
    private static final List<String> EASY = List.of("left", "right");
    private static final List<String> MEDIUM = List.of("left", "right", "back");
    private static final List<String> HARD = List.of("front-left", "front-right", "back-left", "back-right");

    private SpatialTruth() {
    }

    /** The options of an allocentric category, in VSI-Bench's order. */
    public static List<String> directionOptions(Category c) {
        return switch (c) {
            case ALLOCENTRIC_EASY -> EASY;
            case ALLOCENTRIC_MEDIUM -> MEDIUM;
            case ALLOCENTRIC_HARD -> HARD;
            default -> throw new IllegalArgumentException("Not an allocentric category: " + c.id());
        };
    }

    /** As {@link #exact(Category, SceneFacts, int, int, int, Margins)} for a category of at most two objects. */
    public static ExactAnswer exact(Category c, SceneFacts facts, int a, int b, Margins m) {
        return exact(c, facts, a, b, b, m);
    }

    /** As {@link #isAskable(Category, SceneFacts, int, int, int, Margins)} for a category of at most two objects. */
    public static boolean isAskable(Category c, SceneFacts facts, int a, int b, Margins m) {
        return isAskable(c, facts, a, b, b, m);
    }

    /**
     * The exact answer of category {@code c} about objects {@code a} (A), {@code b} (B) and {@code third} (C).
     *
     * @param c the category, one that names objects (not {@link Category#COUNT} or {@link Category#POINT_DEPTH})
     * @param facts the scene
     * @param a position of A in {@code facts.objects()}
     * @param b position of B (ignored, may be anything, for single-object categories)
     * @param third position of C (ignored, may be anything, for categories of fewer than three objects)
     * @param m the margins
     * @return the exact answer
     * @throws IllegalArgumentException when the question is not askable (see {@link #isAskable}),
     *     positions are equal for a category of several objects, or an object's centre is not finite
     * @throws IndexOutOfBoundsException when a position is out of range
     */
    public static ExactAnswer exact(Category c, SceneFacts facts, int a, int b, int third, Margins m) {
        checkArgs(c, facts, a, b, third, m);
        if (!c.askableIn(facts.floorState())) {
            throw new IllegalArgumentException(c.id() + " needs " + (c.needsFloor() ? "a floor" : "the up direction")
                    + "; frame '" + facts.frameId() + "' is in floor state " + facts.floorState().id());
        }
        ObjectFacts oa = facts.objects().get(a);
        if (!c.isClassic()) {
            if (!isAskable(c, facts, a, b, third, m)) {
                throw new IllegalArgumentException(c.id() + " is not askable for objects at " + a + ", " + b + ", "
                        + third + " of frame '" + facts.frameId() + "'");
            }
            return newFamily(c, facts, a, b, third, m);
        }
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
                default -> throw new AssertionError(c);
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
    public static boolean isAskable(Category c, SceneFacts facts, int a, int b, int third, Margins m) {
        checkArgs(c, facts, a, b, third, m);
        if (!c.askableIn(facts.floorState())) {
            return false;
        }
        switch (c) {
            case CAMERA_NEAREST -> {
                return facts.objects().get(a).nearestSurface().isPresent();
            }
            case CLOCK_VIEWER, CLOCK_RELATIVE -> {
                return forward(facts) != null;
            }
            case ALLOCENTRIC_EASY, ALLOCENTRIC_MEDIUM, ALLOCENTRIC_HARD -> {
                ObjectFacts oa = facts.objects().get(a);
                ObjectFacts ob = facts.objects().get(b);
                return Math.hypot((double) ob.centerUp().x() - oa.centerUp().x(),
                        (double) ob.centerUp().y() - oa.centerUp().y()) >= MIN_FACING_METERS;
            }
            case FITS -> {
                ObjectFacts ob = facts.objects().get(b);
                ObjectFacts oc = facts.objects().get(third);
                return Math.min(ob.top(), oc.top()) > Math.max(ob.bottom(), oc.bottom()) && facts.gap(b, third) > 0;
            }
            default -> {
                // The classic categories below.
            }
        }
        if (!isDirectionalDifference(c)) {
            return true;
        }
        double s = signedDifference(c, facts.objects().get(a), facts.objects().get(b));
        return s >= 0 || isTie(s, m.positionMeters());
    }

    /** The exact answers of the newer families that name objects (see the class description). */
    private static ExactAnswer newFamily(Category c, SceneFacts facts, int a, int b, int third, Margins m) {
        ObjectFacts oa = facts.objects().get(a);
        return switch (c) {
            case CAMERA_DISTANCE -> new ExactAnswer.Metric(oa.center().length());
            case CAMERA_NEAREST -> new ExactAnswer.Metric(oa.nearestSurface().orElseThrow());
            case CLOCK_VIEWER, CLOCK_RELATIVE -> {
                double[] bearing = bearing(c, facts, a, b);
                double r = bearing[1];
                double deg = bearing[0];
                // Boundaries between hours lie at 15 + 30k degrees.
                double off = Math.abs(Math.IEEEremainder(deg - 15, 30));
                if (r < m.positionMeters() || r * Math.sin(Math.toRadians(off)) < m.positionMeters()) {
                    yield new ExactAnswer.Uncertain();
                }
                yield new ExactAnswer.Clock(clockHour(deg));
            }
            case ALLOCENTRIC_EASY, ALLOCENTRIC_MEDIUM, ALLOCENTRIC_HARD -> allocentric(c, facts, a, b, third, m);
            case FITS -> {
                double side = oa.depth();
                double gap = facts.gap(b, third);
                double s = gap - side;
                double margin = Math.max(m.positionMeters(), m.relativeSize() * Math.max(side, gap));
                yield isTie(s, margin) ? new ExactAnswer.Uncertain() : new ExactAnswer.YesNo(s > 0);
            }
            default -> throw new IllegalArgumentException(c.id() + " does not name objects: use count or pointOrder");
        };
    }

    /** The clock hour, 1..12, of a bearing in degrees clockwise from ahead. */
    public static int clockHour(double bearingDegrees) {
        int h = (int) Math.floorMod(Math.round(bearingDegrees / 30.0), 12L);
        return h == 0 ? 12 : h;
    }

    /**
     * {bearing, horizontal distance}: the bearing of A, degrees in (-180, 180], clockwise from the
     * camera's horizontal viewing direction, seen from the camera (clock_viewer) or from B.
     */
    static double[] bearing(Category c, SceneFacts facts, int a, int b) {
        double[] f = forward(facts);
        if (f == null) {
            throw new IllegalArgumentException("Frame '" + facts.frameId() + "': the camera looks straight up or"
                    + " down, so no direction is ahead");
        }
        Vector3f target = new Vector3f(facts.objects().get(a).centerUp());
        Vector3f origin = c == Category.CLOCK_VIEWER ? facts.cameraToUp().transformPosition(new Vector3f())
                : new Vector3f(facts.objects().get(b).centerUp());
        double dx = (double) target.x - origin.x;
        double dy = (double) target.y - origin.y;
        double ahead = dx * f[0] + dy * f[1];
        double right = dx * f[1] - dy * f[0];
        return new double[] {Math.toDegrees(Math.atan2(right, ahead)), Math.hypot(dx, dy)};
    }

    /**
     * The camera's viewing direction projected on the horizontal plane of the up frame, unit (x, y); null
     * when the camera looks (almost) straight up or down. "Right" is (y, -x): forward x up.
     */
    private static double[] forward(SceneFacts facts) {
        Vector3f f = facts.cameraToUp().transformDirection(new Vector3f(0, 0, 1));
        double len = Math.hypot(f.x, f.y);
        return len < 1e-3 ? null : new double[] {f.x / len, f.y / len};
    }

    private static ExactAnswer allocentric(Category c, SceneFacts facts, int a, int b, int third, Margins m) {
        Vector3fc s = facts.objects().get(a).centerUp();
        Vector3fc f = facts.objects().get(b).centerUp();
        Vector3fc q = facts.objects().get(third).centerUp();
        double fx = (double) f.x() - s.x();
        double fy = (double) f.y() - s.y();
        double facing = Math.hypot(fx, fy);
        fx /= facing;
        fy /= facing;
        double qx = (double) q.x() - s.x();
        double qy = (double) q.y() - s.y();
        double x = qx * fy - qy * fx;
        double y = qx * fx + qy * fy;
        double margin = m.positionMeters() * (1 + Math.hypot(qx, qy) / facing);
        double boundary;
        String word;
        switch (c) {
            case ALLOCENTRIC_EASY -> {
                boundary = Math.abs(x);
                word = x >= 0 ? "right" : "left";
            }
            case ALLOCENTRIC_MEDIUM -> {
                double theta = Math.toDegrees(Math.atan2(x, y));
                word = Math.abs(theta) > 135 ? "back" : theta < 0 ? "left" : "right";
                double d135 = Math.sqrt(0.5);
                boundary = Math.min(distanceToRay(x, y, 0, 1),
                        Math.min(distanceToRay(x, y, d135, -d135), distanceToRay(x, y, -d135, -d135)));
            }
            default -> {
                boundary = Math.min(Math.abs(x), Math.abs(y));
                word = (y >= 0 ? "front-" : "back-") + (x >= 0 ? "right" : "left");
            }
        }
        return boundary < margin || boundary == 0 ? new ExactAnswer.Uncertain() : new ExactAnswer.Direction(word);
    }

    /** Distance of point (x, y) from the ray from the origin along unit (ux, uy). */
    private static double distanceToRay(double x, double y, double ux, double uy) {
        double t = x * ux + y * uy;
        return t <= 0 ? Math.hypot(x, y) : Math.abs(x * uy - y * ux);
    }

    /**
     * The exact answer of "how many {@code key} are there": the number of objects of {@code facts} of
     * that class ({@link CountClass#key}). The caller asks only about a class it has seen.
     *
     * @return the count; empty when no object of {@code facts} is of the class
     */
    public static java.util.Optional<ExactAnswer.Count> count(SceneFacts facts, String key) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(key, "key");
        int n = 0;
        for (ObjectFacts o : facts.objects()) {
            if (CountClass.matches(key, o.caption())) {
                n++;
            }
        }
        return n == 0 ? java.util.Optional.empty() : java.util.Optional.of(new ExactAnswer.Count(key, n));
    }

    /**
     * The exact answer of "which point is closer to the camera" for points {@code p} and {@code q} at
     * depths {@code depthP} and {@code depthQ} (camera-frame z, meters, what a depth map holds): the
     * nearer point, or uncertain when they differ by less than {@code max(position margin, relative
     * margin * the larger depth)}.
     */
    public static ExactAnswer pointOrder(ImagePoint p, double depthP, ImagePoint q, double depthQ, Margins m) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(m, "margins");
        if (!(depthP > 0 && depthQ > 0) || !Double.isFinite(depthP + depthQ)) {
            throw new IllegalArgumentException("Invalid point depths " + depthP + " and " + depthQ
                    + " m (must be finite and > 0)");
        }
        double s = depthQ - depthP;
        double margin = Math.max(m.positionMeters(), m.relativeSize() * Math.max(depthP, depthQ));
        return isTie(s, margin) ? new ExactAnswer.Uncertain() : new ExactAnswer.Point(s > 0 ? p.label() : q.label());
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

    private static void checkArgs(Category c, SceneFacts facts, int a, int b, int third, Margins m) {
        Objects.requireNonNull(c, "category");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(m, "margins");
        if (c.objectCount() == 0) {
            throw new IllegalArgumentException(c.id() + " does not name objects: use count or pointOrder");
        }
        int k = facts.objects().size();
        int[] positions = {a, b, third};
        String[] names = {"a", "b", "third"};
        for (int i = 0; i < c.objectCount(); i++) {
            if (positions[i] < 0 || positions[i] >= k) {
                throw new IndexOutOfBoundsException("Invalid object position " + names[i] + ": " + positions[i]
                        + " (must be in [0, " + k + "))");
            }
            for (int j = 0; j < i; j++) {
                if (positions[i] == positions[j]) {
                    throw new IllegalArgumentException(c.id() + " needs " + c.objectCount()
                            + " different objects, got position " + positions[i] + " twice");
                }
            }
            checkFinite(facts.objects().get(positions[i]));
        }
    }

    private static void checkFinite(ObjectFacts o) {
        if (!o.center().isFinite() || !o.centerUp().isFinite()) {
            throw new IllegalArgumentException("Object " + o.id() + " has a non-finite centre: camera " + o.center()
                    + ", up " + o.centerUp());
        }
    }
}
