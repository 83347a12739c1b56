package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.FloorState;
import java.util.Locale;

/**
 * The question categories: the 43 classic ones ({@link #isClassic()}; docs/ARCHITECTURE.md,
 * "Stages"), then the newer families that 2025's spatial VLMs train on (distance to the camera,
 * counting, clock direction, allocentric direction, point depth order, fits). Left/right and
 * front/behind are from the viewer's perspective (camera frame); above/below, tall/short,
 * big/small, heights and vertical or horizontal separations are in the up frame and need the up
 * direction ({@link #needsUp()}); elevation is height above the floor and needs a floor
 * ({@link #needsFloor()}). Clock and allocentric directions are bearings in the horizontal plane
 * and need the up direction; fits compares horizontal sizes and needs it too. See
 * {@link FloorState}.
 */
public enum Category {
    // Yes/no predicates about A relative to B.
    LEFT_PREDICATE(Kind.PREDICATE, 2, Needs.NOTHING),
    RIGHT_PREDICATE(Kind.PREDICATE, 2, Needs.NOTHING),
    ABOVE_PREDICATE(Kind.PREDICATE, 2, Needs.UP),
    BELOW_PREDICATE(Kind.PREDICATE, 2, Needs.UP),
    BEHIND_PREDICATE(Kind.PREDICATE, 2, Needs.NOTHING),
    FRONT_PREDICATE(Kind.PREDICATE, 2, Needs.NOTHING),
    TALL_PREDICATE(Kind.PREDICATE, 2, Needs.UP),
    SHORT_PREDICATE(Kind.PREDICATE, 2, Needs.UP),
    WIDE_PREDICATE(Kind.PREDICATE, 2, Needs.NOTHING),
    THIN_PREDICATE(Kind.PREDICATE, 2, Needs.NOTHING),
    BIG_PREDICATE(Kind.PREDICATE, 2, Needs.UP),
    SMALL_PREDICATE(Kind.PREDICATE, 2, Needs.UP),
    // "Which of A and B is more ...?"
    LEFT_CHOICE(Kind.CHOICE, 2, Needs.NOTHING),
    RIGHT_CHOICE(Kind.CHOICE, 2, Needs.NOTHING),
    ABOVE_CHOICE(Kind.CHOICE, 2, Needs.UP),
    BELOW_CHOICE(Kind.CHOICE, 2, Needs.UP),
    BEHIND_CHOICE(Kind.CHOICE, 2, Needs.NOTHING),
    FRONT_CHOICE(Kind.CHOICE, 2, Needs.NOTHING),
    TALL_CHOICE(Kind.CHOICE, 2, Needs.UP),
    SHORT_CHOICE(Kind.CHOICE, 2, Needs.UP),
    WIDE_CHOICE(Kind.CHOICE, 2, Needs.NOTHING),
    THIN_CHOICE(Kind.CHOICE, 2, Needs.NOTHING),
    BIG_CHOICE(Kind.CHOICE, 2, Needs.UP),
    SMALL_CHOICE(Kind.CHOICE, 2, Needs.UP),
    // Classify the relation of A to B.
    LEFT_RIGHT_CLASSIFY(Kind.CLASSIFY, 2, Needs.NOTHING),
    ABOVE_BELOW_CLASSIFY(Kind.CLASSIFY, 2, Needs.UP),
    BEHIND_FRONT_CLASSIFY(Kind.CLASSIFY, 2, Needs.NOTHING),
    TALL_SHORT_CLASSIFY(Kind.CLASSIFY, 2, Needs.UP),
    WIDE_THIN_CLASSIFY(Kind.CLASSIFY, 2, Needs.NOTHING),
    BIG_SMALL_CLASSIFY(Kind.CLASSIFY, 2, Needs.UP),
    // Metric estimates, meters.
    DISTANCE(Kind.METRIC, 2, Needs.NOTHING),
    GAP(Kind.METRIC, 2, Needs.NOTHING),
    HEIGHT(Kind.METRIC, 1, Needs.UP),
    WIDTH(Kind.METRIC, 1, Needs.NOTHING),
    ELEVATION(Kind.METRIC, 1, Needs.FLOOR),
    VERTICAL_DISTANCE(Kind.METRIC, 2, Needs.UP),
    HORIZONTAL_DISTANCE(Kind.METRIC, 2, Needs.UP),
    ABOVE_DIFFERENCE(Kind.METRIC, 2, Needs.UP),
    BELOW_DIFFERENCE(Kind.METRIC, 2, Needs.UP),
    BEHIND_DIFFERENCE(Kind.METRIC, 2, Needs.NOTHING),
    FRONT_DIFFERENCE(Kind.METRIC, 2, Needs.NOTHING),
    LEFT_DIFFERENCE(Kind.METRIC, 2, Needs.NOTHING),
    RIGHT_DIFFERENCE(Kind.METRIC, 2, Needs.NOTHING),
    // Newer families (issue 15); see SpatialTruth for their exact answers.
    /** Distance from the camera to A's box centre, meters. */
    CAMERA_DISTANCE(Kind.METRIC, 1, Needs.NOTHING),
    /** Distance from the camera to the nearest visible point of A, meters. */
    CAMERA_NEAREST(Kind.METRIC, 1, Needs.NOTHING),
    /** How many objects of a class (grouped by caption) the image shows. */
    COUNT(Kind.COUNT, 0, Needs.NOTHING),
    /** Clock position of A from the viewer, 12 o'clock straight ahead along the floor. */
    CLOCK_VIEWER(Kind.CLOCK, 1, Needs.UP),
    /** Clock position of A from B, 12 o'clock the viewer's forward direction along the floor. */
    CLOCK_RELATIVE(Kind.CLOCK, 2, Needs.UP),
    /** Standing at A facing B, is C to the left or the right? (VSI-Bench easy: 2 sectors.) */
    ALLOCENTRIC_EASY(Kind.DIRECTION, 3, Needs.UP),
    /** Standing at A facing B, is C to the left, the right or behind? (VSI-Bench medium: 3 sectors.) */
    ALLOCENTRIC_MEDIUM(Kind.DIRECTION, 3, Needs.UP),
    /** Standing at A facing B, in which quadrant is C? (VSI-Bench hard: 4 sectors.) */
    ALLOCENTRIC_HARD(Kind.DIRECTION, 3, Needs.UP),
    /** Which of two marked pixels is closer to the camera (BLINK relative depth). */
    POINT_DEPTH(Kind.POINT, 0, Needs.NOTHING),
    /** Would A fit in the gap between B and C? */
    FITS(Kind.PREDICATE, 3, Needs.UP);

    /** The form of a category's answer. */
    public enum Kind {
        /** Yes or no. */
        PREDICATE,
        /** One of the two objects. */
        CHOICE,
        /** One of two relation words. */
        CLASSIFY,
        /** A length in meters. */
        METRIC,
        /** A number of objects. */
        COUNT,
        /** A clock position, 1 to 12. */
        CLOCK,
        /** A direction word of an allocentric question ("left", "back", "front-left", ...). */
        DIRECTION,
        /** One of two marked points. */
        POINT
    }

    /** What a category needs to know about gravity. */
    public enum Needs {
        /** Nothing: camera-frame relations. */
        NOTHING,
        /** The up direction. */
        UP,
        /** A floor (heights above it). */
        FLOOR
    }

    private final Kind kind;
    private final int objectCount;
    private final Needs needs;

    Category(Kind kind, int objectCount, Needs needs) {
        this.kind = kind;
        this.objectCount = objectCount;
        this.needs = needs;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * How many objects a question of this category names: 1, 2 or 3 (A, B, C); 0 for counting (it
     * names a class) and point depth (it names marked pixels).
     */
    public int objectCount() {
        return objectCount;
    }

    /** What the category needs to know about gravity. */
    public Needs needs() {
        return needs;
    }

    /**
     * Whether the category needs the up direction, or more (a floor); such a category is not asked in a
     * frame whose floor state lacks it.
     */
    public boolean needsUp() {
        return needs != Needs.NOTHING;
    }

    /** Whether the category needs a floor (heights above it: elevation). */
    public boolean needsFloor() {
        return needs == Needs.FLOOR;
    }

    /** Whether the category can be asked in a scene of floor state {@code state}. */
    public boolean askableIn(FloorState state) {
        return switch (needs) {
            case NOTHING -> true;
            case UP -> state.hasUp();
            case FLOOR -> state == FloorState.FLOOR;
        };
    }

    /**
     * Whether the answer depends on the object's whole extent or exact centre (sizes, heights,
     * anything metric), so that it is wrong for an object seen only in part; left/right and
     * behind/front comparisons are robust to partial views and do not.
     */
    public boolean needsWholeObject() {
        if (objectCount == 0) {
            return false;
        }
        if (kind != Kind.PREDICATE && kind != Kind.CHOICE && kind != Kind.CLASSIFY) {
            return true;
        }
        String n = name();
        return !(n.startsWith("LEFT") || n.startsWith("RIGHT") || n.startsWith("BEHIND") || n.startsWith("FRONT"));
    }

    /** Whether the category is one of the 43 classic ones, which come first (the newer families are not). */
    public boolean isClassic() {
        return ordinal() <= RIGHT_DIFFERENCE.ordinal();
    }

    /** Whether the answer is qualitative (not a length; counts, clock hours and directions are exact). */
    public boolean isQualitative() {
        return kind != Kind.METRIC;
    }

    /** The lower-case id used in outputs, e.g. {@code left_predicate}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category with id {@code id} (as written by {@link #id()}). */
    public static Category fromId(String id) {
        for (Category c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown question category: '" + id + "'");
    }
}
