package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmbiguityTest {
    private static final double TOL = 1e-12;

    private static PixelBox at(int u, int v) {
        return new PixelBox(u - 5, v - 5, u + 5, v + 5);
    }

    /** Gaps 10*i + j off the diagonal, so that each entry tells where it came from. */
    private static SceneFacts scene(List<ObjectFacts> objects) {
        int k = objects.size();
        float[] g = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                g[i * k + j] = i == j ? 0 : objects.get(i).id() * 10 + objects.get(j).id();
            }
        }
        return TestScenes.scene(objects, g, true);
    }

    private static List<String> captions(SceneFacts s) {
        List<String> out = new ArrayList<>();
        for (ObjectFacts o : s.objects()) {
            out.add(o.caption());
        }
        return out;
    }

    @Test
    void pairGetsClausesAlongTheWiderAxis() {
        SceneFacts s = scene(List.of(TestScenes.object(1, "chair", at(400, 200)),
                TestScenes.object(2, "the chairs", at(100, 220)), TestScenes.object(3, "red box", at(300, 300))));
        Ambiguity.Result r = new Ambiguity().resolve(s);
        assertEquals(List.of("chair that's more to the right", "the chairs that are more to the left", "red box"),
                captions(r.facts()));
        assertEquals(2, r.disambiguated());
        assertEquals(0, r.droppedAmbiguous());
        assertEquals(0, r.droppedBackground());
        assertSame(s.objects().get(2), r.facts().objects().get(2), "untouched objects are kept as they are");

        SceneFacts vertical = scene(List.of(TestScenes.object(1, "lamp", at(300, 400)),
                TestScenes.object(2, "Lamp.", at(310, 100))));
        assertEquals(List.of("lamp nearer the bottom of the image", "Lamp nearer the top of the image"),
                captions(new Ambiguity().resolve(vertical).facts()));
    }

    @Test
    void groupsOfThreeAndBackgroundAreDroppedAndGapsReduced() {
        SceneFacts s = scene(List.of(TestScenes.object(1, "mug", at(100, 100)),
                TestScenes.object(2, "blue sky", at(300, 20)), TestScenes.object(3, "mugs", at(200, 100)),
                TestScenes.object(4, "wall clock", at(320, 50)), TestScenes.object(5, "a mug", at(300, 100)),
                TestScenes.object(6, "sky with clouds", at(500, 20)), TestScenes.object(7, "picture on the wall",
                        at(400, 60)), TestScenes.object(8, "wooden floor", at(300, 450))));
        Ambiguity.Result r = new Ambiguity().resolve(s);
        assertEquals(List.of("wall clock", "picture on the wall"), captions(r.facts()));
        assertEquals(3, r.droppedBackground());
        assertEquals(3, r.droppedAmbiguous());
        assertEquals(0, r.disambiguated());
        SceneFacts f = r.facts();
        assertEquals(0f, f.gap(0, 0));
        assertEquals(47f, f.gap(0, 1));
        assertEquals(74f, f.gap(1, 0));
        assertEquals(s.frameId(), f.frameId());
        assertEquals(s.canonicalized(), f.canonicalized());
    }

    @Test
    void pairAtTheSameImagePositionIsDropped() {
        SceneFacts s = scene(List.of(TestScenes.object(1, "vase", at(100, 100)),
                TestScenes.object(2, "vase", at(100, 100))));
        Ambiguity.Result r = new Ambiguity().resolve(s);
        assertTrue(r.facts().objects().isEmpty());
        assertEquals(2, r.droppedAmbiguous());
        assertEquals(0, r.facts().gaps().length);
    }

    @Test
    void pluggableSimilarityAndThreshold() {
        SceneFacts s = scene(List.of(TestScenes.object(1, "red chair", at(100, 100)),
                TestScenes.object(2, "blue chair", at(300, 100))));
        // Text similarity: Jaccard 1/3, below the default threshold.
        assertEquals(List.of("red chair", "blue chair"), captions(new Ambiguity().resolve(s).facts()));
        assertEquals(List.of("red chair that's more to the left", "blue chair that's more to the right"),
                captions(new Ambiguity(new NormalizedTextSimilarity(), 0.3).resolve(s).facts()));
        // A stand-in embedding similarity: same last word.
        CaptionSimilarity headNoun = (x, y) -> x.substring(x.lastIndexOf(' ') + 1).equals(
                y.substring(y.lastIndexOf(' ') + 1)) ? 0.95 : 0.1;
        assertEquals(2, new Ambiguity(headNoun, 0.9).resolve(s).disambiguated());
        assertThrows(IllegalArgumentException.class, () -> new Ambiguity(headNoun, Double.NaN));
    }

    @Test
    void textSimilarity() {
        NormalizedTextSimilarity t = new NormalizedTextSimilarity();
        assertEquals(1.0, t.similarity("The Boxes!", "box"), TOL);
        assertEquals(1.0, t.similarity("a strawberries", "strawberry"), TOL);
        assertEquals(0.5, t.similarity("wooden chair", "chair"), TOL);
        assertEquals(0.0, t.similarity("glass", "bus"), TOL);
        assertEquals(2.0 / 3, t.similarity("small red chair", "red chairs"), TOL);
        assertEquals(t.similarity("lamp on desk", "desk"), t.similarity("desk", "lamp on desk"), TOL);
        assertEquals("glass", NormalizedTextSimilarity.singular("glass"));
        assertEquals("bus", NormalizedTextSimilarity.singular("bus"));
        assertEquals("dish", NormalizedTextSimilarity.singular("dishes"));
        assertTrue(Ambiguity.isBackground("Clouds"));
        assertFalse(Ambiguity.isBackground("floor lamp"));
        assertFalse(Ambiguity.isBackground(""));
        assertTrue(Ambiguity.isBackground("the sky that's more to the left"));
    }

    @Test
    void clausesKnowTheirAxis() {
        assertEquals(java.util.Optional.of(Ambiguity.Clause.LEFT), Ambiguity.Clause.of("mugs that are more to the left"));
        assertEquals(java.util.Optional.of(Ambiguity.Clause.TOP), Ambiguity.Clause.of("lamp nearer the top of the image"));
        assertTrue(Ambiguity.Clause.of("lamp").isEmpty());
        assertTrue(Ambiguity.Clause.LEFT.givesAway(Category.RIGHT_CHOICE));
        assertTrue(Ambiguity.Clause.RIGHT.givesAway(Category.LEFT_DIFFERENCE));
        assertFalse(Ambiguity.Clause.LEFT.givesAway(Category.BEHIND_PREDICATE));
        assertTrue(Ambiguity.Clause.TOP.givesAway(Category.BEHIND_PREDICATE));
        assertTrue(Ambiguity.Clause.BOTTOM.givesAway(Category.ABOVE_BELOW_CLASSIFY));
        assertFalse(Ambiguity.Clause.TOP.givesAway(Category.TALL_CHOICE));
        assertFalse(Ambiguity.Clause.TOP.givesAway(Category.DISTANCE));
    }
}
