package io.github.spatialvlm4j.datagen.qa;

import java.util.List;
import java.util.Objects;

/**
 * One generated question with its written answer and the exact answer behind it.
 *
 * @param category the question category
 * @param objectIds the instance ids of the objects named, A then B then C ({@link Category#objectCount()}
 *     ids: none for counting and point depth)
 * @param question the question text
 * @param answer the answer text (with human-aligned numbers unless exact mode)
 * @param exact the exact answer the text was written from
 * @param points the marked pixels the question names, in the order it names them (two for point depth,
 *     none otherwise)
 * @param names the words that named A, B, C in the text, in that order (e.g. "the red box", "Region [0]",
 *     "[2]"), or, for counting, the class as named ("red boxes"); empty when not known (pairs read back
 *     from files)
 */
public record QaPair(Category category, List<Integer> objectIds, String question, String answer, ExactAnswer exact,
        List<ImagePoint> points, List<String> names) {
    public QaPair {
        Objects.requireNonNull(category, "category");
        objectIds = List.copyOf(objectIds);
        if (objectIds.size() != category.objectCount()) {
            throw new IllegalArgumentException(category.id() + " names " + category.objectCount() + " object(s), got "
                    + objectIds);
        }
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(exact, "exact");
        points = List.copyOf(points);
        int wantedPoints = category == Category.POINT_DEPTH ? 2 : 0;
        if (points.size() != wantedPoints) {
            throw new IllegalArgumentException(category.id() + " names " + wantedPoints + " point(s), got " + points);
        }
        names = List.copyOf(names);
    }

    /** A pair about objects only, without recorded names. */
    public QaPair(Category category, List<Integer> objectIds, String question, String answer, ExactAnswer exact) {
        this(category, objectIds, question, answer, exact, List.of(), List.of());
    }
}
