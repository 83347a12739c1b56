package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaptionConsistencyTest {

    /** Two objects: 1 is short and wide (0.3 m tall, 1.2 m wide), 2 tall and thin (1.8 m, 0.3 m). */
    private static SceneFacts scene(String caption1, String caption2, String... others) {
        List<ObjectFacts> o = new java.util.ArrayList<>(List.of(
                TestScenes.object(1, caption1, -1, 4, 0.15f, 1.2f, 0.5f, 0.3f),
                TestScenes.object(2, caption2, 1, 4, 0.9f, 0.3f, 0.3f, 1.8f)));
        for (int i = 0; i < others.length; i++) {
            o.add(TestScenes.object(3 + i, others[i], 0, 6 + i, 0.5f, 0.5f, 0.5f, 0.5f));
        }
        return TestScenes.scene(o, TestScenes.centreGaps(o), true);
    }

    private static Optional<List<String>> captions(Category c, SceneFacts s) {
        return CaptionConsistency.captionsFor(c, s, 0, 1, SpatialTruth.exact(c, s, 0, 1, Margins.defaults()));
    }

    @Test
    void contradictingAdjectivesAreLeftOut() {
        // "tall" on the short object and "short" on the tall one contradict "which is taller".
        SceneFacts s = scene("tall red box", "short blue lamp");
        assertEquals(Optional.of(List.of("red box", "blue lamp")), captions(Category.TALL_CHOICE, s));
        assertEquals(Optional.of(List.of("red box", "blue lamp")), captions(Category.SHORT_PREDICATE, s));
        // In a width question they agree with the answer (the box is wider) only in part: "tall" says
        // nothing about width and stays.
        assertEquals(Optional.of(List.of("tall red box", "short blue lamp")), captions(Category.WIDE_CHOICE, s));
        // Agreeing adjectives stay.
        SceneFacts agree = scene("wide short box", "very tall thin lamp");
        assertEquals(Optional.of(List.of("wide short box", "very tall thin lamp")),
                captions(Category.TALL_SHORT_CLASSIFY, agree));
        assertEquals(Optional.of(List.of("wide short box", "very tall thin lamp")),
                captions(Category.THIN_CHOICE, agree));
        // An intensifier goes with its adjective; big/small relate to every size comparison (the
        // lamp is the thinner, so not "big" in a width question).
        SceneFacts small = scene("very small wooden table", "big lamp");
        assertEquals(Optional.of(List.of("wooden table", "lamp")), captions(Category.WIDE_PREDICATE, small));
        // Position questions leave captions alone.
        assertEquals(Optional.of(List.of("tall red box", "short blue lamp")), captions(Category.LEFT_CHOICE, s));
    }

    @Test
    void aShortenedCaptionThatCouldNameAnotherObjectIsNotAsked() {
        SceneFacts s = scene("tall red box", "short blue lamp", "red box with a lid");
        assertEquals(Optional.empty(), captions(Category.TALL_CHOICE, s));
        SceneFacts onlyAdjective = scene("tall", "lamp");
        assertEquals(Optional.empty(), captions(Category.TALL_PREDICATE, onlyAdjective));
        SceneFacts fine = scene("tall red box", "lamp", "green box");
        assertEquals(Optional.of(List.of("red box", "lamp")), captions(Category.TALL_PREDICATE, fine));
    }

    @Test
    void aClauseThatGivesTheAnswerAwayIsNotAsked() {
        SceneFacts s = scene(Ambiguity.Clause.LEFT.appendTo("box"), "lamp");
        assertEquals(Optional.empty(), captions(Category.LEFT_PREDICATE, s));
        assertEquals(Optional.empty(), captions(Category.LEFT_DIFFERENCE, s));
        assertTrue(captions(Category.BEHIND_CHOICE, s).isPresent());
        SceneFacts top = scene("box", Ambiguity.Clause.TOP.appendTo("lamp"));
        assertEquals(Optional.empty(), captions(Category.FRONT_CHOICE, top));
        assertTrue(captions(Category.TALL_CHOICE, top).isPresent());
    }

    @Test
    void contradictionsAreFoundInText() {
        SceneFacts s = scene("tall red box", "short blue lamp");
        ExactAnswer lampTaller = new ExactAnswer.Choice(2);
        QaPair bad = new QaPair(Category.TALL_CHOICE, List.of(1, 2), "Which is taller, the tall red box or the short"
                + " blue lamp?", "The short blue lamp.", lampTaller);
        assertEquals(List.of("'tall' on object 1", "'short' on object 2"), CaptionConsistency.contradictions(bad, s));
        QaPair good = new QaPair(Category.TALL_CHOICE, List.of(1, 2), "Which is taller, the red box or the blue lamp?",
                "The blue lamp.", lampTaller);
        assertEquals(List.of(), CaptionConsistency.contradictions(good, s));
        // The example: a thinner object captioned "wide".
        SceneFacts w = scene("wide red box", "short orange box");
        QaPair thin = new QaPair(Category.THIN_CHOICE, List.of(1, 2), "Name the object that is thinner, the wide red"
                + " box or the short orange box.", "It's the wide red box.", new ExactAnswer.Choice(1));
        assertEquals(List.of("'wide' on object 1"), CaptionConsistency.contradictions(thin, w));
        // Twins: "small" left out of the taller one's name is not found in the other's name.
        SceneFacts twins = scene(Ambiguity.Clause.RIGHT.appendTo("small box"),
                Ambiguity.Clause.LEFT.appendTo("small box"));
        QaPair fine = new QaPair(Category.TALL_CHOICE, List.of(1, 2), "Which is taller, the small box that's more to the"
                + " right or the box that's more to the left?", "The box that's more to the left.", lampTaller);
        assertEquals(List.of(), CaptionConsistency.contradictions(fine, twins));
        SceneFacts clause = scene(Ambiguity.Clause.LEFT.appendTo("box"), "lamp");
        QaPair leaked = new QaPair(Category.LEFT_PREDICATE, List.of(1, 2), "Is the box that's more to the left to the"
                + " left of the lamp?", "Yes.", new ExactAnswer.YesNo(true));
        assertEquals(1, CaptionConsistency.contradictions(leaked, clause).size());
    }

    @Test
    void generatedQuestionsNeverContradictTheirCaptions() {
        QaSynthesizer q = new QaSynthesizer(QaOptions.defaults().withQuestionsPerFrame(60));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        List<String> adjectives = List.of("tall ", "short ", "wide ", "thin ", "small ", "large ", "");
        int sizeQuestions = 0;
        for (int f = 0; f < 80; f++) {
            SceneFacts base = TestScenes.random(rnd, 5, true);
            List<ObjectFacts> o = new java.util.ArrayList<>();
            for (ObjectFacts x : base.objects()) {
                o.add(x.withCaption(adjectives.get(rnd.nextInt(adjectives.size())) + x.caption()));
            }
            SceneFacts s = TestScenes.scene(o, base.gaps(), true);
            for (QaPair p : q.synthesize(s, f)) {
                assertEquals(List.of(), CaptionConsistency.contradictions(p, s), p.question() + " -> " + p.answer());
                if (CaptionConsistency.dimension(p.category()) != null) {
                    sizeQuestions++;
                }
            }
        }
        assertTrue(sizeQuestions > 300, "" + sizeQuestions);
    }
}
