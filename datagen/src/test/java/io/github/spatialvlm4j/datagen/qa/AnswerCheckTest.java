package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnswerCheckTest {
    private static final double TOL = 1e-6;
    private final AnswerCheck check = new AnswerCheck(Margins.defaults());

    /** A red box at x = {@code xA}, height {@code hA}; a blue chair at x = 1, height 1. */
    private static SceneFacts scene(float xA, float hA, boolean canonicalized) {
        List<ObjectFacts> o = List.of(TestScenes.object(1, "red box", xA, 3f, 0.5f, 0.5f, 0.4f, hA),
                TestScenes.object(2, "blue chair", 1f, 3f, 0.5f, 0.5f, 0.4f, 1f));
        return TestScenes.scene(o, new float[] {0, 1, 1, 0}, canonicalized);
    }

    private static QaPair pair(Category c, ExactAnswer exact, Integer... ids) {
        return new QaPair(c, List.of(ids), "q", "a", exact);
    }

    @Test
    void qualitativeCorrectAndIncorrect() {
        SceneFacts truth = scene(0f, 1.2f, true);
        AnswerCheck.Result ok = check.check(pair(Category.LEFT_PREDICATE, new ExactAnswer.YesNo(true), 1, 2), truth);
        assertTrue(ok.correct() && ok.applicable());
        assertFalse(check.check(pair(Category.LEFT_PREDICATE, new ExactAnswer.YesNo(false), 1, 2), truth).correct());
        assertTrue(check.check(pair(Category.LEFT_CHOICE, new ExactAnswer.Choice(1), 2, 1), truth).correct());
        assertFalse(check.check(pair(Category.LEFT_CHOICE, new ExactAnswer.Choice(2), 2, 1), truth).correct());
        assertTrue(check.check(pair(Category.TALL_SHORT_CLASSIFY, new ExactAnswer.Relation("shorter"), 2, 1), truth)
                .correct());
    }

    @Test
    void generatedFromEstimatesIsCheckedAgainstTruth() {
        // Estimated facts put the box right of the chair; truth has it on the left.
        SceneFacts estimated = scene(1.5f, 1.2f, true);
        SceneFacts truth = scene(0f, 1.2f, true);
        QaSynthesizer q = new QaSynthesizer(QaOptions.defaults().withQuestionsPerFrame(60));
        int leftRight = 0;
        for (QaPair p : q.synthesize(estimated, 5)) {
            AnswerCheck.Result r = check.check(p, truth);
            assertEquals(p.category(), r.category());
            if (p.category() == Category.LEFT_RIGHT_CLASSIFY || p.category() == Category.LEFT_PREDICATE
                    || p.category() == Category.RIGHT_PREDICATE || p.category() == Category.LEFT_CHOICE
                    || p.category() == Category.RIGHT_CHOICE) {
                assertFalse(r.correct(), p.toString());
                leftRight++;
            }
            if (p.category() == Category.HEIGHT || p.category() == Category.TALL_CHOICE) {
                assertTrue(r.correct(), p.toString());
            }
        }
        assertTrue(leftRight > 0);
    }

    @Test
    void metricWithinTenPercent() {
        SceneFacts truth = scene(0f, 1.0f, true);
        AnswerCheck.Result near = check.check(pair(Category.HEIGHT, new ExactAnswer.Metric(1.09), 1), truth);
        assertTrue(near.correct());
        assertEquals(0.09, near.relativeError().getAsDouble(), TOL);
        AnswerCheck.Result far = check.check(pair(Category.HEIGHT, new ExactAnswer.Metric(1.11), 1), truth);
        assertFalse(far.correct());
        assertEquals(0.11, far.relativeError().getAsDouble(), TOL);
        AnswerCheck.Result gap = check.check(pair(Category.GAP, new ExactAnswer.Metric(0.95), 1, 2), truth);
        assertTrue(gap.correct());
        assertTrue(check.check(pair(Category.LEFT_DIFFERENCE, new ExactAnswer.Metric(1.0), 1, 2), truth).correct());
    }

    @Test
    void uncertainAndNotApplicable() {
        SceneFacts truth = scene(0f, 1.0f, true);
        AnswerCheck.Result u = check.check(pair(Category.LEFT_PREDICATE, new ExactAnswer.Uncertain(), 1, 2), truth);
        assertTrue(u.generatedUncertain() && !u.correct() && !u.truthUncertain());
        AnswerCheck.Result tu = check.check(pair(Category.TALL_PREDICATE, new ExactAnswer.YesNo(true), 1, 2), truth);
        assertTrue(tu.truthUncertain() && !tu.correct());
        // "How much farther left is the chair than the box" is false in the truth.
        AnswerCheck.Result premise = check.check(pair(Category.LEFT_DIFFERENCE, new ExactAnswer.Metric(1.0), 2, 1), truth);
        assertFalse(premise.applicable() || premise.correct());
        assertTrue(premise.truth().isEmpty());
        AnswerCheck.Result noFloor = check.check(pair(Category.HEIGHT, new ExactAnswer.Metric(1.0), 1),
                scene(0f, 1.0f, false));
        assertFalse(noFloor.applicable());
        assertThrows(IllegalArgumentException.class,
                () -> check.check(pair(Category.HEIGHT, new ExactAnswer.Metric(1.0), 9), truth));
    }

    @Test
    void generatedAgainstItsOwnFactsIsAlwaysCorrect() {
        SplittableRandom rnd = new SplittableRandom(12);
        QaSynthesizer q = new QaSynthesizer(QaOptions.defaults().withQuestionsPerFrame(30));
        for (int f = 0; f < 20; f++) {
            SceneFacts s = TestScenes.random(rnd, 4, f % 2 == 0);
            for (QaPair p : q.synthesize(s, f)) {
                AnswerCheck.Result r = check.check(p, s);
                assertTrue(r.applicable(), p.toString());
                assertEquals(!(p.exact() instanceof ExactAnswer.Uncertain), r.correct(), p.toString());
            }
        }
    }
}
