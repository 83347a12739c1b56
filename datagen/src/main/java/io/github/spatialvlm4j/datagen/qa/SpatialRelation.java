package io.github.spatialvlm4j.datagen.qa;

/**
 * The twelve qualitative relations of object A to object B that the predicate, choice and
 * classify categories ask about, with the words the templates and the exact answers use.
 *
 * <p>Left/right and behind/front are from the viewer's perspective (camera frame x and z);
 * above/below compare the up-frame centre heights; tall/short, wide/thin and big/small compare
 * height, width and box volume (see {@link io.github.spatialvlm4j.datagen.facts.ObjectFacts}).
 */
public enum SpatialRelation {
    LEFT("left", "to the left of"),
    RIGHT("right", "to the right of"),
    ABOVE("above", "above"),
    BELOW("below", "below"),
    BEHIND("behind", "behind"),
    FRONT("in front", "in front of"),
    TALLER("taller", "taller than"),
    SHORTER("shorter", "shorter than"),
    WIDER("wider", "wider than"),
    THINNER("thinner", "thinner than"),
    BIGGER("bigger", "bigger than"),
    SMALLER("smaller", "smaller than");

    private final String word;
    private final String phrase;

    SpatialRelation(String word, String phrase) {
        this.word = word;
        this.phrase = phrase;
    }

    /** The bare relation word of {@link ExactAnswer.Relation}, e.g. {@code "left"}, {@code "in front"}. */
    public String word() {
        return word;
    }

    /** The phrase that goes between A and B, e.g. {@code "to the left of"}, {@code "taller than"}. */
    public String phrase() {
        return phrase;
    }

    /** The converse relation (LEFT for RIGHT, TALLER for SHORTER, ...). */
    public SpatialRelation opposite() {
        return values()[ordinal() ^ 1];
    }

    /** Whether the relation compares positions (margin in meters) rather than sizes (relative margin). */
    public boolean isPositional() {
        return ordinal() < TALLER.ordinal();
    }

    /** Whether the relation compares up-frame quantities and so needs the up direction. */
    public boolean needsUp() {
        return this == ABOVE || this == BELOW || this == TALLER || this == SHORTER || this == BIGGER
                || this == SMALLER;
    }

    /** The relation with {@link #word()} {@code word}. */
    public static SpatialRelation fromWord(String word) {
        for (SpatialRelation r : values()) {
            if (r.word.equals(word)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown relation word: '" + word + "'");
    }

    /**
     * The relation a qualitative category asks about: for a predicate or a choice its own
     * relation (LEFT for {@code left_predicate}), for a classify category its first word
     * (LEFT for {@code left_right_classify}).
     *
     * @throws IllegalArgumentException for a metric category
     */
    public static SpatialRelation of(Category c) {
        return switch (c) {
            case LEFT_PREDICATE, LEFT_CHOICE, LEFT_RIGHT_CLASSIFY -> LEFT;
            case RIGHT_PREDICATE, RIGHT_CHOICE -> RIGHT;
            case ABOVE_PREDICATE, ABOVE_CHOICE, ABOVE_BELOW_CLASSIFY -> ABOVE;
            case BELOW_PREDICATE, BELOW_CHOICE -> BELOW;
            case BEHIND_PREDICATE, BEHIND_CHOICE, BEHIND_FRONT_CLASSIFY -> BEHIND;
            case FRONT_PREDICATE, FRONT_CHOICE -> FRONT;
            case TALL_PREDICATE, TALL_CHOICE, TALL_SHORT_CLASSIFY -> TALLER;
            case SHORT_PREDICATE, SHORT_CHOICE -> SHORTER;
            case WIDE_PREDICATE, WIDE_CHOICE, WIDE_THIN_CLASSIFY -> WIDER;
            case THIN_PREDICATE, THIN_CHOICE -> THINNER;
            case BIG_PREDICATE, BIG_CHOICE, BIG_SMALL_CLASSIFY -> BIGGER;
            case SMALL_PREDICATE, SMALL_CHOICE -> SMALLER;
            default -> throw new IllegalArgumentException("Not a qualitative category: " + c.id());
        };
    }
}
