package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.FloorState;
import java.util.Locale;

/**
 * The 43 question categories of SPEC.md. Left/right and front/behind are from the viewer's
 * perspective (camera frame); above/below, tall/short, big/small, heights and vertical or horizontal
 * separations are in the up frame and need the up direction ({@link #needsUp()}); elevation is height
 * above the floor and needs a floor ({@link #needsFloor()}). See {@link FloorState}.
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
    RIGHT_DIFFERENCE(Kind.METRIC, 2, Needs.NOTHING);

    /** The form of a category's answer. */
    public enum Kind {
        /** Yes or no. */
        PREDICATE,
        /** One of the two objects. */
        CHOICE,
        /** One of two relation words. */
        CLASSIFY,
        /** A length in meters. */
        METRIC
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

    /** How many objects a question of this category names: 1 or 2. */
    public int objectCount() {
        return objectCount;
    }

    /** What the category needs to know about gravity. */
    public Needs needs() {
        return needs;
    }

    /** Whether the category needs the up direction, or more (starred in SPEC.md). */
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
        if (kind == Kind.METRIC) {
            return true;
        }
        String n = name();
        return !(n.startsWith("LEFT") || n.startsWith("RIGHT") || n.startsWith("BEHIND") || n.startsWith("FRONT"));
    }

    /** Whether the answer is qualitative (not a number). */
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
