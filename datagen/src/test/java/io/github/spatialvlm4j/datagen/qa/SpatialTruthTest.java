package io.github.spatialvlm4j.datagen.qa;

import static io.github.spatialvlm4j.datagen.qa.Category.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpatialTruthTest {
    private static final double TOL = 1e-5;
    private static final int A = 0;
    private static final int B = 1;

    /**
     * A: red box, up centre (-1, 3, 0.5), 0.6 x 0.4 x 1.0 (bottom 0), camera centre (-1, 1, 3).
     * B: blue chair, up centre (0.5, 4, 1.2), 0.3 x 0.3 x 0.4 (bottom 1.0), camera centre (0.5, 0.3, 4).
     * A is left of, below, in front of, taller, wider and bigger than B.
     */
    private static SceneFacts twoObjects(boolean canonicalized) {
        List<ObjectFacts> o = List.of(TestScenes.object(1, "red box", -1f, 3f, 0.5f, 0.6f, 0.4f, 1.0f),
                TestScenes.object(2, "blue chair", 0.5f, 4f, 1.2f, 0.3f, 0.3f, 0.4f));
        return TestScenes.scene(o, new float[] {0, 0.7f, 0.7f, 0}, canonicalized);
    }

    @Test
    void everyCategoryHasTheKnownAnswer() {
        SceneFacts s = twoObjects(true);
        ExactAnswer yes = new ExactAnswer.YesNo(true);
        ExactAnswer no = new ExactAnswer.YesNo(false);
        ExactAnswer a = new ExactAnswer.Choice(1);
        ExactAnswer b = new ExactAnswer.Choice(2);
        Map<Category, ExactAnswer> expectAB = new EnumMap<>(Category.class);
        expectAB.putAll(Map.of(LEFT_PREDICATE, yes, RIGHT_PREDICATE, no, ABOVE_PREDICATE, no, BELOW_PREDICATE, yes,
                BEHIND_PREDICATE, no, FRONT_PREDICATE, yes, TALL_PREDICATE, yes, SHORT_PREDICATE, no,
                WIDE_PREDICATE, yes, THIN_PREDICATE, no));
        expectAB.putAll(Map.of(BIG_PREDICATE, yes, SMALL_PREDICATE, no, LEFT_CHOICE, a, RIGHT_CHOICE, b,
                ABOVE_CHOICE, b, BELOW_CHOICE, a, BEHIND_CHOICE, b, FRONT_CHOICE, a, TALL_CHOICE, a, SHORT_CHOICE, b));
        expectAB.putAll(Map.of(WIDE_CHOICE, a, THIN_CHOICE, b, BIG_CHOICE, a, SMALL_CHOICE, b,
                LEFT_RIGHT_CLASSIFY, new ExactAnswer.Relation("left"),
                ABOVE_BELOW_CLASSIFY, new ExactAnswer.Relation("below"),
                BEHIND_FRONT_CLASSIFY, new ExactAnswer.Relation("in front"),
                TALL_SHORT_CLASSIFY, new ExactAnswer.Relation("taller"),
                WIDE_THIN_CLASSIFY, new ExactAnswer.Relation("wider"),
                BIG_SMALL_CLASSIFY, new ExactAnswer.Relation("bigger")));
        for (Map.Entry<Category, ExactAnswer> e : expectAB.entrySet()) {
            assertEquals(e.getValue(), SpatialTruth.exact(e.getKey(), s, A, B, Margins.defaults()), e.getKey().id());
        }
        // Swapping A and B flips every qualitative answer except the choice.
        for (Map.Entry<Category, ExactAnswer> e : expectAB.entrySet()) {
            ExactAnswer swapped = SpatialTruth.exact(e.getKey(), s, B, A, Margins.defaults());
            if (e.getValue() instanceof ExactAnswer.YesNo yn) {
                assertEquals(new ExactAnswer.YesNo(!yn.yes()), swapped, e.getKey().id());
            } else if (e.getValue() instanceof ExactAnswer.Choice) {
                assertEquals(e.getValue(), swapped, e.getKey().id());
            } else {
                String w = ((ExactAnswer.Relation) e.getValue()).word();
                assertEquals(SpatialRelation.fromWord(w).opposite().word(), ((ExactAnswer.Relation) swapped).word());
            }
        }
        Map<Category, Double> metricAB = new EnumMap<>(Category.class);
        metricAB.put(DISTANCE, Math.sqrt(1.5 * 1.5 + 0.7 * 0.7 + 1.0));
        metricAB.put(GAP, 0.7);
        metricAB.put(HEIGHT, 1.0);
        metricAB.put(WIDTH, 0.6);
        metricAB.put(ELEVATION, 0.5);
        metricAB.put(VERTICAL_DISTANCE, 0.7);
        metricAB.put(HORIZONTAL_DISTANCE, Math.sqrt(1.5 * 1.5 + 1.0));
        metricAB.put(BELOW_DIFFERENCE, 1.0);
        metricAB.put(FRONT_DIFFERENCE, 1.0);
        metricAB.put(LEFT_DIFFERENCE, 1.5);
        // These point from B to A.
        Map<Category, Double> metricBA = Map.of(ABOVE_DIFFERENCE, 1.0, BEHIND_DIFFERENCE, 1.0, RIGHT_DIFFERENCE, 1.5);
        EnumSet<Category> seen = EnumSet.copyOf(expectAB.keySet());
        for (Map.Entry<Category, Double> e : metricAB.entrySet()) {
            assertMetric(e.getValue(), SpatialTruth.exact(e.getKey(), s, A, B, Margins.defaults()), e.getKey());
            seen.add(e.getKey());
        }
        for (Map.Entry<Category, Double> e : metricBA.entrySet()) {
            assertMetric(e.getValue(), SpatialTruth.exact(e.getKey(), s, B, A, Margins.defaults()), e.getKey());
            assertFalse(SpatialTruth.isAskable(e.getKey(), s, A, B, Margins.defaults()), e.getKey().id());
            assertThrows(IllegalArgumentException.class, () -> SpatialTruth.exact(e.getKey(), s, A, B,
                    Margins.defaults()));
            seen.add(e.getKey());
        }
        assertEquals(EnumSet.copyOf(java.util.Arrays.stream(Category.values()).filter(Category::isClassic).toList()), seen,
                "all 43 categories covered");
        // Single-object metrics about B.
        assertMetric(0.4, SpatialTruth.exact(HEIGHT, s, B, B, Margins.defaults()), HEIGHT);
        assertMetric(1.2, SpatialTruth.exact(ELEVATION, s, B, A, Margins.defaults()), ELEVATION);
    }

    private static void assertMetric(double expected, ExactAnswer actual, Category c) {
        ExactAnswer.Metric m = assertInstanceOf(ExactAnswer.Metric.class, actual, c.id());
        assertEquals(expected, m.meters(), TOL, c.id());
    }

    @Test
    void upCategoriesNeedUpAndElevationNeedsAFloor() {
        SceneFacts none = twoObjects(false);
        SceneFacts floor = twoObjects(true);
        SceneFacts upOnly = new SceneFacts(floor.frameId(), floor.imageWidth(), floor.imageHeight(), floor.objects(),
                FloorState.UP_ONLY, java.util.Optional.empty(), floor.cameraToUp(), floor.gaps(), "up given");
        for (Category c : Category.values()) {
            if (!c.isClassic()) {
                continue; // the newer families: NewFamiliesTruthTest
            }
            assertEquals(!c.needsUp(), askable(c, none), "no up: " + c.id());
            assertEquals(!c.needsFloor(), askable(c, upOnly), "up only: " + c.id());
            assertTrue(askable(c, floor), "floor: " + c.id());
            if (c.needsUp()) {
                assertThrows(IllegalArgumentException.class, () -> SpatialTruth.exact(c, none, A, B, Margins.defaults()));
            }
            if (c.needsFloor()) {
                assertThrows(IllegalArgumentException.class,
                        () -> SpatialTruth.exact(c, upOnly, A, B, Margins.defaults()));
            }
        }
        assertEquals(java.util.List.of(Category.ELEVATION),
                java.util.Arrays.stream(Category.values()).filter(Category::needsFloor).toList());
    }

    private static boolean askable(Category c, SceneFacts s) {
        return SpatialTruth.isAskable(c, s, A, B, Margins.defaults()) || SpatialTruth.isAskable(c, s, B, A,
                Margins.defaults());
    }

    /** Margins of 0.25 m and 25%: differences of exactly 0.25 are decided, 0.125 are uncertain. */
    @Test
    void uncertainExactlyInsideTheMargin() {
        Margins m = new Margins(0.25, 0.25);
        // Positions 0.5 vs 0.75 (decided) and 0.5 vs 0.625 (uncertain), all exact in float.
        SceneFacts decided = twoBoxes(
                TestScenes.object(1, "red box", 0.5f, 2.5f, 0.75f, 1.0f, 0.5f, 1.0f),
                TestScenes.object(2, "blue chair", 0.75f, 2.75f, 1.0f, 0.75f, 0.5f, 0.75f));
        SceneFacts close = twoBoxes(
                TestScenes.object(1, "red box", 0.5f, 2.5f, 0.75f, 1.0f, 0.5f, 1.0f),
                TestScenes.object(2, "blue chair", 0.625f, 2.625f, 0.875f, 0.875f, 0.5f, 0.875f));
        for (Category c : Category.values()) {
            if (!c.isClassic()) {
                continue; // the newer families: NewFamiliesTruthTest
            }
            if (c.kind() == Category.Kind.METRIC && !SpatialTruth.isDirectionalDifference(c)) {
                continue;
            }
            boolean volume = c == BIG_PREDICATE || c == SMALL_PREDICATE || c == BIG_CHOICE || c == SMALL_CHOICE
                    || c == BIG_SMALL_CLASSIFY;
            ExactAnswer inside = answerEitherWay(c, close, m);
            ExactAnswer atMargin = answerEitherWay(c, decided, m);
            if (!volume) {
                assertInstanceOf(ExactAnswer.Uncertain.class, inside, c.id());
                assertFalse(atMargin instanceof ExactAnswer.Uncertain, c.id() + " at the margin is decided");
            }
        }
        // Volumes: 0.5 vs 0.5*0.75*0.75... use sizes directly: A 1x0.5x1 = 0.5 m^3.
        SceneFacts vol = twoBoxes(
                TestScenes.object(1, "red box", 0.5f, 2.5f, 0.75f, 1.0f, 0.5f, 1.0f),
                TestScenes.object(2, "blue chair", 0.75f, 2.75f, 1.0f, 1.0f, 0.5f, 0.875f));
        // Volume 0.5 vs 0.4375: difference 0.0625 = 12.5% of 0.5, inside 25%.
        assertInstanceOf(ExactAnswer.Uncertain.class, SpatialTruth.exact(BIG_CHOICE, vol, A, B, m));
        assertEquals(new ExactAnswer.Choice(1), SpatialTruth.exact(BIG_CHOICE, vol, A, B, new Margins(0.25, 0.1)));
        // An exact tie is uncertain even with no margin.
        SceneFacts tie = twoBoxes(
                TestScenes.object(1, "red box", 0.5f, 2.5f, 0.75f, 1.0f, 0.5f, 1.0f),
                TestScenes.object(2, "blue chair", 0.5f, 3.5f, 0.75f, 1.0f, 0.5f, 1.0f));
        assertInstanceOf(ExactAnswer.Uncertain.class, SpatialTruth.exact(LEFT_PREDICATE, tie, A, B, Margins.none()));
        assertInstanceOf(ExactAnswer.Uncertain.class, SpatialTruth.exact(TALL_CHOICE, tie, A, B, Margins.none()));
        assertEquals(new ExactAnswer.YesNo(true), SpatialTruth.exact(FRONT_PREDICATE, tie, A, B, Margins.none()));
    }

    /** A canonicalized scene of A and B with zero gaps. */
    private static SceneFacts twoBoxes(ObjectFacts a, ObjectFacts b) {
        return TestScenes.scene(List.of(a, b), new float[4], true);
    }

    /** The answer for (A, B), or for (B, A) when (A, B) is not askable. */
    private static ExactAnswer answerEitherWay(Category c, SceneFacts s, Margins m) {
        return SpatialTruth.isAskable(c, s, A, B, m) ? SpatialTruth.exact(c, s, A, B, m)
                : SpatialTruth.exact(c, s, B, A, m);
    }

    @Test
    void directionalDifferenceInsideMarginIsAskableAndUncertain() {
        Margins m = new Margins(0.25, 0.25);
        SceneFacts close = twoBoxes(
                TestScenes.object(1, "red box", 0.625f, 2.5f, 0.75f, 1.0f, 0.5f, 1.0f),
                TestScenes.object(2, "blue chair", 0.5f, 2.5f, 0.75f, 1.0f, 0.5f, 1.0f));
        // A is 0.125 right of B: "how much farther left is A" is inside the margin, so askable but uncertain.
        assertTrue(SpatialTruth.isAskable(LEFT_DIFFERENCE, close, A, B, m));
        assertInstanceOf(ExactAnswer.Uncertain.class, SpatialTruth.exact(LEFT_DIFFERENCE, close, A, B, m));
        assertFalse(SpatialTruth.isAskable(LEFT_DIFFERENCE, close, A, B, Margins.none()));
    }

    @Test
    void badPositionsAreRejected() {
        SceneFacts s = twoObjects(true);
        assertThrows(IndexOutOfBoundsException.class, () -> SpatialTruth.exact(DISTANCE, s, 0, 2, Margins.defaults()));
        assertThrows(IndexOutOfBoundsException.class, () -> SpatialTruth.exact(HEIGHT, s, -1, 0, Margins.defaults()));
        assertThrows(IllegalArgumentException.class, () -> SpatialTruth.exact(DISTANCE, s, 1, 1, Margins.defaults()));
        SceneFacts nan = twoBoxes(TestScenes.object(1, "red box", Float.NaN, 2.5f, 0.75f, 1.0f, 0.5f, 1.0f),
                TestScenes.object(2, "blue chair", 0.5f, 2.5f, 0.75f, 1.0f, 0.5f, 1.0f));
        assertThrows(IllegalArgumentException.class, () -> SpatialTruth.exact(LEFT_PREDICATE, nan, 1, 0,
                Margins.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new Margins(-0.1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Margins(0.05, 1.0));
    }
}
