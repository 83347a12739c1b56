package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.CameraSpan;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Left/right and behind/front of an object cut by the border or largely hidden are asked only when the visible
 * parts lie apart along the axis compared.
 */
class HiddenObjectRelationsTest {
    private static final Set<Category> LEFT_RIGHT = EnumSet.of(Category.LEFT_PREDICATE, Category.RIGHT_PREDICATE,
            Category.LEFT_CHOICE, Category.RIGHT_CHOICE, Category.LEFT_RIGHT_CLASSIFY);
    private static final Set<Category> BEHIND_FRONT = EnumSet.of(Category.BEHIND_PREDICATE,
            Category.FRONT_PREDICATE, Category.BEHIND_CHOICE, Category.FRONT_CHOICE, Category.BEHIND_FRONT_CLASSIFY);

    /** The categories asked over many frames about a red box (hidden share {@code hidden}) and a blue chair. */
    private static Set<Category> asked(float hidden, Optional<CameraSpan> boxSpan) {
        // Up frame: x right, y forward. The box 1 m left of the chair, both about 3 m ahead (0.4 m apart in depth).
        ObjectFacts box = withSpan(TestScenes.object(1, "red box", -0.5f, 3.0f, 0.25f, 0.5f, 0.5f, 0.5f), hidden,
                boxSpan);
        ObjectFacts chair = withSpan(TestScenes.object(2, "blue chair", 0.5f, 3.4f, 0.25f, 0.5f, 0.5f, 0.5f), 0f,
                Optional.of(new CameraSpan(0.25f, 0.75f, 3.15f, 3.65f)));
        List<ObjectFacts> objects = List.of(box, chair);
        SceneFacts scene = TestScenes.scene(objects, TestScenes.centreGaps(objects), true);
        Map<Category, Double> weights = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            weights.put(c, LEFT_RIGHT.contains(c) || BEHIND_FRONT.contains(c) ? 1.0 : 0.0);
        }
        QaSynthesizer q = new QaSynthesizer(QaOptions.defaults().withWeights(weights).withQuestionsPerFrame(10),
                Templates.fromClasspath());
        Set<Category> seen = EnumSet.noneOf(Category.class);
        for (long seed = 0; seed < 40; seed++) {
            for (QaPair p : q.synthesize(scene, seed)) {
                seen.add(p.category());
            }
        }
        return seen;
    }

    private static ObjectFacts withSpan(ObjectFacts o, float hidden, Optional<CameraSpan> span) {
        return new ObjectFacts(o.id(), o.caption(), o.center(), o.centerUp(), o.width(), o.depth(), o.height(),
                o.bottom(), o.top(), o.pointCount(), o.imageBox(), hidden, OptionalDouble.empty(), span);
    }

    @Test
    void wholeObjectsAreComparedAlongBothAxes() {
        Set<Category> all = EnumSet.copyOf(LEFT_RIGHT);
        all.addAll(BEHIND_FRONT);
        assertEquals(all, asked(0f, Optional.of(new CameraSpan(-0.75f, -0.25f, 2.75f, 3.25f))));
    }

    @Test
    void aCutObjectIsComparedOnlyAlongTheAxisWhereTheVisiblePartsLieApart() {
        // Apart in x (-0.75..-0.25 against 0.25..0.75), overlapping in z (2.75..3.25 against 3.15..3.65).
        assertEquals(LEFT_RIGHT, asked(0.4f, Optional.of(new CameraSpan(-0.75f, -0.25f, 2.75f, 3.25f))));
        // Apart in z, overlapping in x: the visible part of the box reaches under the chair.
        assertEquals(BEHIND_FRONT, asked(0.4f, Optional.of(new CameraSpan(-0.75f, 0.3f, 2.75f, 3.1f))));
        // Overlapping in both: nothing about the pair.
        assertTrue(asked(0.4f, Optional.of(new CameraSpan(-0.75f, 0.3f, 2.75f, 3.3f))).isEmpty());
        // Hidden within the limit (0.1 by default): seen whole.
        assertEquals(LEFT_RIGHT.size() + BEHIND_FRONT.size(),
                asked(0.09f, Optional.of(new CameraSpan(-0.75f, 0.3f, 2.75f, 3.3f))).size());
    }

    @Test
    void aHiddenObjectWithoutAVisibleSpanIsNotCompared() {
        assertTrue(asked(0.4f, Optional.empty()).isEmpty());
    }

    @Test
    void spansAreCheckedAndMeetWhenTheyTouch() {
        CameraSpan a = new CameraSpan(0f, 1f, 2f, 3f);
        assertTrue(a.overlapsInX(new CameraSpan(1f, 2f, 5f, 6f)));
        assertTrue(!a.overlapsInZ(new CameraSpan(1f, 2f, 3.01f, 6f)));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CameraSpan(1f, 0f, 2f, 3f));
        assertEquals("Invalid camera span x [1.0, 0.0] z [2.0, 3.0] m (must be finite, min <= max)", e.getMessage());
    }
}
