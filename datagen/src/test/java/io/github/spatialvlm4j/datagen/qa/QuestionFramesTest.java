package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuestionFramesTest {

    /** Asked often enough, every question template of every category gives its own frame. */
    @Test
    void everyTemplateIsADistinctFrame() {
        Templates templates = Templates.fromClasspath();
        for (Category c : Category.values()) {
            QaSynthesizer q = new QaSynthesizer(QaOptions.defaults().withQuestionsPerFrame(40)
                    .withWeights(Map.of(c, 1.0)).withExact(c.ordinal() % 2 == 0), templates);
            if (!c.isClassic()) {
                continue; // the newer families: QaSynthesizerNewFamiliesTest
            }
            QuestionFrames frames = new QuestionFrames();
            SplittableRandom rnd = new SplittableRandom(c.ordinal());
            for (int f = 0; f < 12; f++) {
                SceneFacts s = TestScenes.random(rnd, 8, true);
                for (QaPair p : q.synthesize(s, f)) {
                    frames.add(p, s);
                }
            }
            assertEquals(templates.questions(c).size(), frames.questionFrames(c), c.id() + " "
                    + frames.questionFrameTexts(c));
            for (String frame : frames.questionFrameTexts(c)) {
                assertTrue(frame.contains("{A}") && (c.objectCount() == 1 || frame.contains("{B}")), frame);
            }
            int answerTemplates = c.kind() == Category.Kind.PREDICATE
                    ? templates.yesAnswers(c).size() + templates.noAnswers(c).size() : templates.answers(c).size();
            // Answers are drawn with the conciseness bias, so the long ones are rare; uncertain answers
            // add frames, and so does a metric answer whose hedge goes before a bound ("less than a
            // centimeter").
            int most = answerTemplates * (c.kind() == Category.Kind.METRIC ? 2 : 1)
                    + templates.uncertainAnswers(c).size();
            assertTrue(frames.answerFrames(c) >= Templates.MIN_ANSWERS, c.id() + ": " + frames.answerFrames(c));
            assertTrue(frames.answerFrames(c) <= most, c.id() + ": " + frames.answerFrames(c));
        }
    }

    @Test
    void namesValuesAndRelationsBecomePlaceholders() {
        SceneFacts s = TestScenes.scene(List.of(TestScenes.object(1, "red box", -1, 4, 0.5f, 0.5f, 0.5f, 0.5f),
                TestScenes.object(2, "blue chair", 1, 4, 0.5f, 0.5f, 0.5f, 1f)), new float[4], true);
        QuestionFrames f = new QuestionFrames();
        f.add(new QaPair(Category.DISTANCE, List.of(1, 2), "How far is the red box from the blue chair?",
                "The red box is about 2 feet 10 inches from the blue chair.", new ExactAnswer.Metric(0.86)), s);
        f.add(new QaPair(Category.DISTANCE, List.of(2, 1), "How far is the blue chair from the red box?",
                "The blue chair is about 1.5 meters from the red box.", new ExactAnswer.Metric(1.5)), s);
        f.add(new QaPair(Category.LEFT_CHOICE, List.of(1, 2), "Which is further left, the red box or the blue chair?",
                "The red box.", new ExactAnswer.Choice(1)), s);
        f.add(new QaPair(Category.LEFT_CHOICE, List.of(2, 1), "Which is further left, the blue chair or the red box?",
                "The red box.", new ExactAnswer.Choice(1)), s);
        f.add(new QaPair(Category.TALL_SHORT_CLASSIFY, List.of(1, 2), "Is the red box taller or shorter than the blue"
                + " chair?", "Shorter than the blue chair.", new ExactAnswer.Relation("shorter")), s);
        assertEquals(1, f.questionFrames(Category.DISTANCE));
        assertEquals(1, f.answerFrames(Category.DISTANCE));
        assertEquals(List.of("Which is further left, {A} or {B}?"), f.questionFrameTexts(Category.LEFT_CHOICE));
        assertEquals(1, f.answerFrames(Category.LEFT_CHOICE));
        assertEquals(List.of("Is {A} taller or shorter than {B}?"), f.questionFrameTexts(Category.TALL_SHORT_CLASSIFY));
        assertEquals(1, f.answerFrames(Category.TALL_SHORT_CLASSIFY));
        assertEquals(3, f.questionFrames());
        QuestionFrames other = new QuestionFrames();
        other.addAll(f);
        assertEquals(3, other.answerFrames());
    }
}
