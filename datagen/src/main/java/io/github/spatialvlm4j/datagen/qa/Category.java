package io.github.spatialvlm4j.datagen.qa;

import java.util.Locale;

/**
 * The 43 question categories of SPEC.md. Left/right and front/behind are from the viewer's
 * perspective (camera frame); above/below, tall/short, big/small and elevation are in the floor
 * frame and need a canonicalized scene ({@link #needsFloor()}).
 */
public enum Category {
    // Yes/no predicates about A relative to B.
    LEFT_PREDICATE(Kind.PREDICATE, 2, false),
    RIGHT_PREDICATE(Kind.PREDICATE, 2, false),
    ABOVE_PREDICATE(Kind.PREDICATE, 2, true),
    BELOW_PREDICATE(Kind.PREDICATE, 2, true),
    BEHIND_PREDICATE(Kind.PREDICATE, 2, false),
    FRONT_PREDICATE(Kind.PREDICATE, 2, false),
    TALL_PREDICATE(Kind.PREDICATE, 2, true),
    SHORT_PREDICATE(Kind.PREDICATE, 2, true),
    WIDE_PREDICATE(Kind.PREDICATE, 2, false),
    THIN_PREDICATE(Kind.PREDICATE, 2, false),
    BIG_PREDICATE(Kind.PREDICATE, 2, true),
    SMALL_PREDICATE(Kind.PREDICATE, 2, true),
    // "Which of A and B is more ...?"
    LEFT_CHOICE(Kind.CHOICE, 2, false),
    RIGHT_CHOICE(Kind.CHOICE, 2, false),
    ABOVE_CHOICE(Kind.CHOICE, 2, true),
    BELOW_CHOICE(Kind.CHOICE, 2, true),
    BEHIND_CHOICE(Kind.CHOICE, 2, false),
    FRONT_CHOICE(Kind.CHOICE, 2, false),
    TALL_CHOICE(Kind.CHOICE, 2, true),
    SHORT_CHOICE(Kind.CHOICE, 2, true),
    WIDE_CHOICE(Kind.CHOICE, 2, false),
    THIN_CHOICE(Kind.CHOICE, 2, false),
    BIG_CHOICE(Kind.CHOICE, 2, true),
    SMALL_CHOICE(Kind.CHOICE, 2, true),
    // Classify the relation of A to B.
    LEFT_RIGHT_CLASSIFY(Kind.CLASSIFY, 2, false),
    ABOVE_BELOW_CLASSIFY(Kind.CLASSIFY, 2, true),
    BEHIND_FRONT_CLASSIFY(Kind.CLASSIFY, 2, false),
    TALL_SHORT_CLASSIFY(Kind.CLASSIFY, 2, true),
    WIDE_THIN_CLASSIFY(Kind.CLASSIFY, 2, false),
    BIG_SMALL_CLASSIFY(Kind.CLASSIFY, 2, true),
    // Metric estimates, meters.
    DISTANCE(Kind.METRIC, 2, false),
    GAP(Kind.METRIC, 2, false),
    HEIGHT(Kind.METRIC, 1, true),
    WIDTH(Kind.METRIC, 1, false),
    ELEVATION(Kind.METRIC, 1, true),
    VERTICAL_DISTANCE(Kind.METRIC, 2, true),
    HORIZONTAL_DISTANCE(Kind.METRIC, 2, true),
    ABOVE_DIFFERENCE(Kind.METRIC, 2, true),
    BELOW_DIFFERENCE(Kind.METRIC, 2, true),
    BEHIND_DIFFERENCE(Kind.METRIC, 2, false),
    FRONT_DIFFERENCE(Kind.METRIC, 2, false),
    LEFT_DIFFERENCE(Kind.METRIC, 2, false),
    RIGHT_DIFFERENCE(Kind.METRIC, 2, false);

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

    private final Kind kind;
    private final int objectCount;
    private final boolean needsFloor;

    Category(Kind kind, int objectCount, boolean needsFloor) {
        this.kind = kind;
        this.objectCount = objectCount;
        this.needsFloor = needsFloor;
    }

    public Kind kind() {
        return kind;
    }

    /** How many objects a question of this category names: 1 or 2. */
    public int objectCount() {
        return objectCount;
    }

    /** Whether the category needs the floor frame (starred in SPEC.md). */
    public boolean needsFloor() {
        return needsFloor;
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
