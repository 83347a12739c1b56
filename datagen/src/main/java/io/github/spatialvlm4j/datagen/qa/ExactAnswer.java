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

    /** The evidence was within the stated margin of a tie: the answer says so. */
    record Uncertain() implements ExactAnswer {
    }
}
