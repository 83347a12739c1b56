package io.github.spatialvlm4j.datagen.qa;

import java.util.List;

/**
 * What the question synthesis needs beyond the scene facts for the questions that name no object: the
 * classes that may be counted ({@link CountClass#countable}) and the pixels that may be marked for point
 * depth questions ({@link PointCandidate#of}).
 *
 * @param countable the countable classes, ordered by key
 * @param points the point candidates
 */
public record SceneExtras(List<CountClass> countable, List<PointCandidate> points) {
    public SceneExtras {
        countable = List.copyOf(countable);
        points = List.copyOf(points);
    }

    /** Nothing beyond the facts: no counting, no point questions. */
    public static SceneExtras none() {
        return new SceneExtras(List.of(), List.of());
    }
}
