package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The exact answers of the newer families (issue 15) on hand-built scenes whose answers are known: a level
 * camera 1.5 m up looking along up-frame +y ({@link TestScenes}), so straight ahead is +y and right is +x.
 */
class NewFamiliesTruthTest {
    private static final Margins M = Margins.defaults();

    /** An object at up-frame (x, y) resting on the floor, 0.4 m wide, 0.3 m deep, 0.6 m tall. */
    private static ObjectFacts at(int id, String caption, float x, float y) {
        return TestScenes.object(id, caption, x, y, 0.3f, 0.4f, 0.3f, 0.6f);
    }

    private static SceneFacts scene(ObjectFacts... objects) {
        List<ObjectFacts> list = List.of(objects);
        return TestScenes.scene(list, TestScenes.centreGaps(list), true);
    }

    @Test
    void distanceToTheCameraIsToTheCentreOrTheNearestSurface() {
        ObjectFacts o = TestScenes.object(1, "red box", 0, 3, 1.5f, 0.4f, 0.3f, 0.6f);
        SceneFacts s = scene(o);
        assertEquals(new ExactAnswer.Metric(3.0), SpatialTruth.exact(Category.CAMERA_DISTANCE, s, 0, 0, M));
        assertFalse(SpatialTruth.isAskable(Category.CAMERA_NEAREST, s, 0, 0, M), "not measured");
        ObjectFacts measured = new ObjectFacts(1, "red box", o.center(), o.centerUp(), 0.4f, 0.3f, 0.6f, o.bottom(),
                o.top(), 100, o.imageBox(), 0f, OptionalDouble.of(2.85));
        assertEquals(new ExactAnswer.Metric(2.85), SpatialTruth.exact(Category.CAMERA_NEAREST, scene(measured), 0, 0, M));
    }

    @Test
    void clockPositionsFromTheViewerAndFromAnObject() {
        SceneFacts s = scene(at(1, "red box", 1, 3), at(2, "blue box", 0, -3), at(3, "green box", -3, 0.001f),
                at(4, "white box", 3, 3), at(5, "black box", 3, 4.5f));
        assertEquals(new ExactAnswer.Clock(1), SpatialTruth.exact(Category.CLOCK_VIEWER, s, 0, 0, M));
        assertEquals(new ExactAnswer.Clock(6), SpatialTruth.exact(Category.CLOCK_VIEWER, s, 1, 1, M));
        assertEquals(new ExactAnswer.Clock(9), SpatialTruth.exact(Category.CLOCK_VIEWER, s, 2, 2, M));
        // 45 degrees lies on the line between 1 and 2 o'clock.
        assertEquals(new ExactAnswer.Uncertain(), SpatialTruth.exact(Category.CLOCK_VIEWER, s, 3, 3, M));
        // The black box from the white one: straight ahead; the white from the red: to the right; the red from the white: left.
        assertEquals(new ExactAnswer.Clock(12), SpatialTruth.exact(Category.CLOCK_RELATIVE, s, 4, 3, M));
        assertEquals(new ExactAnswer.Clock(3), SpatialTruth.exact(Category.CLOCK_RELATIVE, s, 3, 0, M));
        assertEquals(new ExactAnswer.Clock(9), SpatialTruth.exact(Category.CLOCK_RELATIVE, s, 0, 3, M));
        for (double deg = -179.5; deg < 180; deg += 7) {
            int h = SpatialTruth.clockHour(deg);
            assertTrue(h >= 1 && h <= 12, deg + " -> " + h);
            assertTrue(io.github.spatialvlm4j.vlm.eval.Truth.Clock.distance(deg / 30, h) <= 0.5, deg + " -> " + h);
        }
        assertFalse(SpatialTruth.isAskable(Category.CLOCK_VIEWER,
                TestScenes.scene(List.of(at(1, "red box", 1, 3)), new float[1], false), 0, 0, M), "needs up");
    }

    @Test
    void allocentricDirectionsFollowVsiBench() {
        // Standing at the red box (0, 2) facing the blue box (0, 5): ahead is +y, right is +x.
        SceneFacts s = scene(at(1, "red box", 0, 2), at(2, "blue box", 0, 5), at(3, "lamp", 1, 3),
                at(4, "mug", -1, 0.5f), at(5, "vase", 0.005f, 4), at(6, "pot", 2.5f, 0.5f));
        assertEquals(new ExactAnswer.Direction("right"), SpatialTruth.exact(Category.ALLOCENTRIC_EASY, s, 0, 1, 2, M));
        assertEquals(new ExactAnswer.Direction("right"), SpatialTruth.exact(Category.ALLOCENTRIC_MEDIUM, s, 0, 1, 2, M));
        assertEquals(new ExactAnswer.Direction("front-right"),
                SpatialTruth.exact(Category.ALLOCENTRIC_HARD, s, 0, 1, 2, M));
        // The mug is 1 m left and 1.5 m behind: a turn of 146 degrees, "back" in the medium variant.
        assertEquals(new ExactAnswer.Direction("left"), SpatialTruth.exact(Category.ALLOCENTRIC_EASY, s, 0, 1, 3, M));
        assertEquals(new ExactAnswer.Direction("back"), SpatialTruth.exact(Category.ALLOCENTRIC_MEDIUM, s, 0, 1, 3, M));
        assertEquals(new ExactAnswer.Direction("back-left"),
                SpatialTruth.exact(Category.ALLOCENTRIC_HARD, s, 0, 1, 3, M));
        // The pot: 2.5 m right, 1.5 m behind: a turn of 121 degrees, still "right" in the medium variant.
        assertEquals(new ExactAnswer.Direction("right"), SpatialTruth.exact(Category.ALLOCENTRIC_MEDIUM, s, 0, 1, 5, M));
        assertEquals(new ExactAnswer.Direction("back-right"),
                SpatialTruth.exact(Category.ALLOCENTRIC_HARD, s, 0, 1, 5, M));
        // The vase is 5 mm off the line ahead: too close to call left or right.
        assertEquals(new ExactAnswer.Uncertain(), SpatialTruth.exact(Category.ALLOCENTRIC_EASY, s, 0, 1, 4, M));
        SceneFacts close = scene(at(1, "red box", 0, 2), at(2, "blue box", 0.1f, 2.1f), at(3, "lamp", 1, 3));
        assertFalse(SpatialTruth.isAskable(Category.ALLOCENTRIC_EASY, close, 0, 1, 2, M), "facing undefined");
        assertEquals(List.of("left", "right", "back"), SpatialTruth.directionOptions(Category.ALLOCENTRIC_MEDIUM));
    }

    @Test
    void fitsComparesTheNarrowerSideWithTheGap() {
        List<ObjectFacts> objects = List.of(at(1, "red box", 0, 3), at(2, "blue chair", 2, 3), at(3, "table", 3, 3),
                TestScenes.object(4, "shelf", 5, 3, 2.0f, 0.4f, 0.3f, 0.4f));
        float[] gaps = TestScenes.centreGaps(objects);
        int k = objects.size();
        java.util.function.BiFunction<Float, Integer, SceneFacts> withGap = (g, other) -> {
            float[] copy = gaps.clone();
            copy[1 * k + other] = g;
            copy[other * k + 1] = g;
            return TestScenes.scene(objects, copy, true);
        };
        // The red box's narrower side is 0.3 m.
        assertEquals(new ExactAnswer.YesNo(true), SpatialTruth.exact(Category.FITS, withGap.apply(0.5f, 2), 0, 1, 2, M));
        assertEquals(new ExactAnswer.YesNo(false), SpatialTruth.exact(Category.FITS, withGap.apply(0.2f, 2), 0, 1, 2, M));
        assertEquals(new ExactAnswer.Uncertain(), SpatialTruth.exact(Category.FITS, withGap.apply(0.31f, 2), 0, 1, 2, M));
        // The shelf floats above the chair: there is no gap beside them to put anything in.
        assertFalse(SpatialTruth.isAskable(Category.FITS, withGap.apply(0.5f, 3), 0, 1, 3, M));
    }

    @Test
    void countingGroupsCaptionsByClass() {
        SceneFacts s = scene(at(1, "red box", 0, 3), at(2, "large red box", 1, 3), at(3, "blue box", 2, 3),
                at(4, "red cardboard box", 3, 3), at(5, "chair", -1, 3));
        assertEquals(Optional.of(new ExactAnswer.Count("red box", 3)), SpatialTruth.count(s, "red box"));
        assertEquals(Optional.of(new ExactAnswer.Count("box", 4)), SpatialTruth.count(s, "box"));
        assertEquals(Optional.empty(), SpatialTruth.count(s, "sofa"));
        Map<Integer, String> captions = Map.of(1, "red box", 2, "large red box", 3, "blue box", 4, "red cardboard box",
                5, "chair");
        List<CountClass> classes = CountClass.countable(captions, s, 0.1);
        assertTrue(classes.stream().anyMatch(c -> c.key().equals("red box") && c.ids().equals(List.of(1, 2, 4))
                && c.plural().equals("red boxes")), classes.toString());
        assertTrue(classes.stream().anyMatch(c -> c.key().equals("chair") && c.singular().equals("chair")));
        // A sixth box the measuring lost, or a box hidden in part, makes every box class uncountable.
        Map<Integer, String> withLost = new java.util.HashMap<>(captions);
        withLost.put(6, "green box");
        assertTrue(CountClass.countable(withLost, s, 0.1).stream().noneMatch(c -> c.key().equals("box")));
        ObjectFacts hidden = at(3, "blue box", 2, 3);
        hidden = new ObjectFacts(3, "blue box", hidden.center(), hidden.centerUp(), 0.4f, 0.3f, 0.6f, 0, 0.6f, 100,
                hidden.imageBox(), 0.5f);
        SceneFacts partly = scene(at(1, "red box", 0, 3), hidden, at(5, "chair", -1, 3));
        List<CountClass> some = CountClass.countable(Map.of(1, "red box", 3, "blue box", 5, "chair"), partly, 0.1);
        assertTrue(some.stream().noneMatch(c -> c.key().equals("box")), some.toString());
        assertTrue(some.stream().anyMatch(c -> c.key().equals("red box")), some.toString());
        assertEquals("shelves", NounPhrases.pluralOf("shelf"));
        assertEquals("glasses", NounPhrases.pluralOf("glass"));
        assertEquals("LED lamps", CountClass.countable(Map.of(1, "LED lamp"), scene(at(1, "LED lamp", 0, 3)), 0.1)
                .stream().filter(c -> c.key().equals("led lamp")).findFirst().orElseThrow().plural());
    }

    @Test
    void pointOrderComparesDepthsWithAMargin() {
        ImagePoint a = new ImagePoint("A", 10, 10);
        ImagePoint b = new ImagePoint("B", 20, 20);
        assertEquals(new ExactAnswer.Point("A"), SpatialTruth.pointOrder(a, 2.0, b, 2.5, M));
        assertEquals(new ExactAnswer.Point("B"), SpatialTruth.pointOrder(a, 4.0, b, 2.5, M));
        assertEquals(new ExactAnswer.Uncertain(), SpatialTruth.pointOrder(a, 2.0, b, 2.01, M));
        // 3% of 5 m: 14 cm apart at 5 m is still too close to call.
        assertEquals(new ExactAnswer.Uncertain(), SpatialTruth.pointOrder(a, 5.0, b, 4.86, M));
        assertEquals("AB", ImagePoint.label(27));
    }
}
