package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Which questions {@link QaSynthesizer} asks in each floor state, over many seeded scenes: with up but no
 * floor ({@link FloorState#UP_ONLY}) never an elevation question but heights, tall/short and above/below; with
 * neither ({@link FloorState#NONE}) no question that needs up.
 */
class FloorStateQuestionsTest {
    private static final Templates TEMPLATES = Templates.fromClasspath();
    private static final int SCENES = 60;

    /** A random scene of {@link TestScenes} in {@code state} (no floor plane unless FLOOR). */
    private static SceneFacts scene(SplittableRandom rnd, FloorState state) {
        SceneFacts s = TestScenes.random(rnd, 2 + rnd.nextInt(5), true);
        return new SceneFacts(s.frameId(), s.imageWidth(), s.imageHeight(), s.objects(), state,
                state == FloorState.FLOOR ? s.floor() : Optional.empty(), s.cameraToUp(), s.gaps(),
                "test: " + state.id());
    }

    /** Questions per category over {@link #SCENES} seeded scenes in {@code state}. */
    private static Map<Category, Integer> asked(FloorState state, long seed) {
        QaSynthesizer q = new QaSynthesizer(QaOptions.defaults().withQuestionsPerFrame(40), TEMPLATES);
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<Category, Integer> out = new EnumMap<>(Category.class);
        for (int i = 0; i < SCENES; i++) {
            for (QaPair p : q.synthesize(scene(rnd, state), seed * 1000 + i)) {
                out.merge(p.category(), 1, Integer::sum);
            }
        }
        return out;
    }

    @Test
    void upOnlyNeverAsksElevationButAsksHeightsAndAboveBelow() {
        Map<Category, Integer> asked = asked(FloorState.UP_ONLY, 3);
        assertFalse(asked.containsKey(Category.ELEVATION), asked.toString());
        for (Category c : asked.keySet()) {
            assertFalse(c.needsFloor(), c.id());
        }
        Set<Category> needUp = EnumSet.of(Category.HEIGHT, Category.TALL_PREDICATE, Category.TALL_CHOICE,
                Category.TALL_SHORT_CLASSIFY, Category.ABOVE_PREDICATE, Category.ABOVE_CHOICE,
                Category.ABOVE_BELOW_CLASSIFY, Category.VERTICAL_DISTANCE);
        for (Category c : needUp) {
            assertTrue(asked.getOrDefault(c, 0) > 0, c.id() + " never asked: " + asked);
        }
        // Every category that needs up but not a floor is askable.
        for (Category c : Category.values()) {
            assertEquals(c.needsUp() ? !c.needsFloor() : true, c.askableIn(FloorState.UP_ONLY), c.id());
        }
    }

    @Test
    void noneAsksNothingThatNeedsUp() {
        Map<Category, Integer> asked = asked(FloorState.NONE, 4);
        for (Category c : asked.keySet()) {
            assertFalse(c.needsUp(), c.id() + " asked without up: " + asked);
        }
        for (Category c : EnumSet.of(Category.LEFT_PREDICATE, Category.BEHIND_CHOICE, Category.DISTANCE,
                Category.WIDTH, Category.GAP)) {
            assertTrue(asked.getOrDefault(c, 0) > 0, c.id() + " never asked: " + asked);
        }
        int total = asked.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(total > 20 * SCENES, "a frame without up still gets questions: " + total);
    }

    @Test
    void floorAsksElevationToo() {
        Map<Category, Integer> asked = asked(FloorState.FLOOR, 5);
        assertTrue(asked.getOrDefault(Category.ELEVATION, 0) > 0, asked.toString());
        assertTrue(asked.getOrDefault(Category.HEIGHT, 0) > 0, asked.toString());
    }
}
