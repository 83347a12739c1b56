package io.github.spatialvlm4j.datagen.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.qa.AnswerCheck;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** CategoryStats arithmetic on hand-made verdicts. */
class CategoryStatsTest {
    private static final double EXACT = 1e-12;

    private static AnswerCheck.Result qualitative(boolean applicable, boolean correct, boolean generatedUncertain,
            boolean truthUncertain) {
        ExactAnswer gen = generatedUncertain ? new ExactAnswer.Uncertain() : new ExactAnswer.YesNo(true);
        return new AnswerCheck.Result(Category.LEFT_PREDICATE, gen,
                applicable ? Optional.of(new ExactAnswer.YesNo(correct)) : Optional.empty(), applicable, correct,
                generatedUncertain, truthUncertain, OptionalDouble.empty(), OptionalDouble.empty());
    }

    private static AnswerCheck.Result metric(double relativeError) {
        return new AnswerCheck.Result(Category.DISTANCE, new ExactAnswer.Metric(1 + relativeError),
                Optional.of(new ExactAnswer.Metric(1)), true, relativeError <= AnswerCheck.METRIC_TOLERANCE, false, false,
                OptionalDouble.of(relativeError), OptionalDouble.of(relativeError));
    }

    @Test
    void qualitativeTallies() {
        CategoryStats s = CategoryStats.of(Category.LEFT_PREDICATE);
        s.add(qualitative(false, false, false, false)); // not applicable
        s.add(qualitative(true, false, true, false)); // said "too close to call"
        s.add(qualitative(true, false, true, false));
        s.add(qualitative(true, true, false, true)); // truth itself too close: not scored
        s.add(qualitative(true, true, false, false));
        s.add(qualitative(true, true, false, false));
        s.add(qualitative(true, true, false, false));
        s.add(qualitative(true, false, false, false));
        assertEquals(Category.LEFT_PREDICATE.id(), s.name());
        assertEquals(8, s.asked());
        assertEquals(1, s.notApplicable());
        assertEquals(2, s.generatedUncertain());
        assertEquals(1, s.truthUncertain());
        assertEquals(4, s.decided());
        assertEquals(3, s.correct());
        assertEquals(3.0 / 4, s.accuracy(), EXACT);
        assertEquals(2.0 / 7, s.uncertainShare(), EXACT, "uncertain among the 7 applicable");
        assertTrue(Double.isNaN(s.medianRelativeError()), "no metric answer");
        assertTrue(Double.isNaN(s.shareWithin(0.1)));
    }

    @Test
    void metricQuantilesAndShares() {
        CategoryStats s = CategoryStats.of(Category.DISTANCE);
        for (double e : new double[] {0.2, 0.05, 0.5, 0.01, 0.08}) {
            s.add(metric(e));
        }
        assertEquals(5, s.decided());
        assertEquals(3, s.correct());
        assertEquals(0.6, s.accuracy(), EXACT);
        assertEquals(0.0, s.uncertainShare(), EXACT);
        // Nearest rank over 0.01, 0.05, 0.08, 0.2, 0.5.
        assertEquals(0.08, s.medianRelativeError(), EXACT);
        assertEquals(0.08, s.quantile(0.5), EXACT);
        assertEquals(0.5, s.quantile(0.9), EXACT);
        assertEquals(0.2, s.quantile(0.8), EXACT);
        assertEquals(0.01, s.quantile(0.0), EXACT);
        assertEquals(0.01, s.quantile(0.2), EXACT);
        assertEquals(0.05, s.quantile(0.21), EXACT);
        assertEquals(0.5, s.quantile(1.0), EXACT);
        assertEquals(3.0 / 5, s.shareWithin(0.1), EXACT);
        assertEquals(4.0 / 5, s.shareWithin(0.2), EXACT, "the bound is inclusive");
        assertEquals(0.0, s.shareWithin(0.001), EXACT);
        assertEquals(1.0, s.shareWithin(0.5), EXACT);
    }

    @Test
    void emptyAndMerged() {
        CategoryStats empty = new CategoryStats("none");
        assertTrue(Double.isNaN(empty.accuracy()));
        assertTrue(Double.isNaN(empty.uncertainShare()));
        assertTrue(Double.isNaN(empty.quantile(0.5)));
        assertTrue(Double.isNaN(empty.shareWithin(1)));

        CategoryStats a = CategoryStats.of(Category.DISTANCE);
        a.add(metric(0.3));
        a.add(metric(0.02));
        CategoryStats b = CategoryStats.of(Category.LEFT_PREDICATE);
        b.add(qualitative(true, true, false, false));
        b.add(qualitative(true, false, true, false));
        b.add(qualitative(false, false, false, false));
        CategoryStats all = new CategoryStats("all");
        all.addAll(a);
        all.addAll(b);
        assertEquals(5, all.asked());
        assertEquals(1, all.notApplicable());
        assertEquals(1, all.generatedUncertain());
        assertEquals(3, all.decided());
        assertEquals(2, all.correct());
        assertEquals(2.0 / 3, all.accuracy(), EXACT);
        assertEquals(1.0 / 4, all.uncertainShare(), EXACT);
        assertEquals(0.02, all.quantile(0.5), EXACT);
        assertEquals(0.5, all.shareWithin(0.1), EXACT);
    }
}
