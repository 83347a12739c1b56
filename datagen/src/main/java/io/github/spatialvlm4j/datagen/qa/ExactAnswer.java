package io.github.spatialvlm4j.datagen.qa;

/**
 * The exact (machine-checkable) answer behind a written answer: what the audit compares.
 */
public sealed interface ExactAnswer {

    /** A yes/no answer. */
    record YesNo(boolean yes) implements ExactAnswer {
    }

    /** One of the question's objects, by instance id. */
    record Choice(int objectId) implements ExactAnswer {
    }

    /** A relation word of a classify category, e.g. "left" or "right", about object A. */
    record Relation(String word) implements ExactAnswer {
    }

    /** A length, meters, before human-aligned rounding. */
    record Metric(double meters) implements ExactAnswer {
    }

    /**
     * How many objects of a class the image shows.
     *
     * @param of the class counted, as {@link CountClass#key()} writes it (e.g. "red box")
     * @param count the number, &gt;= 1
     */
    record Count(String of, int count) implements ExactAnswer {
        public Count {
            java.util.Objects.requireNonNull(of, "of");
            if (count < 1) {
                throw new IllegalArgumentException("Invalid count: " + count + " (must be >= 1)");
            }
        }
    }

    /** A clock position seen from above, 12 straight ahead, 3 to the right. */
    record Clock(int hour) implements ExactAnswer {
        public Clock {
            if (hour < 1 || hour > 12) {
                throw new IllegalArgumentException("Invalid clock hour: " + hour + " (must be in [1, 12])");
            }
        }
    }

    /**
     * The direction word of an allocentric question: "left", "right" (easy), "left", "right", "back"
     * (medium), "front-left", "front-right", "back-left", "back-right" (hard), as VSI-Bench words them.
     */
    record Direction(String word) implements ExactAnswer {
        public Direction {
            java.util.Objects.requireNonNull(word, "word");
        }
    }

    /** One of the question's marked points, by label ("A", "B", ...). */
    record Point(String label) implements ExactAnswer {
        public Point {
            java.util.Objects.requireNonNull(label, "label");
        }
    }

    /** The evidence was within the stated margin of a tie: the answer says so. */
    record Uncertain() implements ExactAnswer {
    }
}
