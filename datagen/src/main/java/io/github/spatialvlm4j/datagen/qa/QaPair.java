package io.github.spatialvlm4j.datagen.qa;

import java.util.List;
import java.util.Objects;

/**
 * One generated question with its written answer and the exact answer behind it.
 *
 * @param category the question category
 * @param objectIds the instance ids of the objects named, A then B (one or two ids)
 * @param question the question text
 * @param answer the answer text (with human-aligned numbers unless exact mode)
 * @param exact the exact answer the text was written from
 */
public record QaPair(Category category, List<Integer> objectIds, String question, String answer, ExactAnswer exact) {
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
    }
}
