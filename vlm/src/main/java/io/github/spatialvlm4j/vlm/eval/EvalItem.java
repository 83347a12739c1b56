package io.github.spatialvlm4j.vlm.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * One evaluation question with its ground truth.
 *
 * @param id unique within a benchmark; predictions are matched to items by it
 * @param category the category the metrics are grouped by (our category ids such as
 *     {@code "distance"}, or a benchmark's own task names)
 * @param question the question text as asked
 * @param truth the ground-truth answer
 * @param image the image path as the benchmark names it (relative to the benchmark file's folder
 *     when not absolute), if known
 */
public record EvalItem(String id, String category, String question, Truth truth, Optional<String> image) {
    public EvalItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(image, "image");
        if (id.isBlank() || category.isBlank()) {
            throw new IllegalArgumentException("Invalid item: id '" + id + "' and category '" + category
                    + "' must not be blank");
        }
    }
}
