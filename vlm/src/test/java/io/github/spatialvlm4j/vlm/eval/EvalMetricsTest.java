package io.github.spatialvlm4j.vlm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-computed metrics, bootstrap behaviour and edge cases of {@link EvalMetrics}. */
class EvalMetricsTest {

    private static final double TOL = 1e-9;

    private static EvalItem length(String id, String cat, double meters) {
        return new EvalItem(id, cat, "How far?", new Truth.Length(meters), Optional.empty());
    }

    private static EvalItem yesNo(String id, String cat, boolean yes) {
        return new EvalItem(id, cat, "Is it?", new Truth.YesNo(yes), Optional.empty());
    }

    @Test
    void handComputedMetricCase() {
        // Truth 1 m; answers 1, 1.2, 0.6, 3 m and one without a number.
        List<ScoredAnswer> s = List.of(
                ScoredAnswer.score(length("a", "distance", 1), "1 m"),
                ScoredAnswer.score(length("b", "distance", 1), "1.2 meters"),
                ScoredAnswer.score(length("c", "distance", 1), "60 cm"),
                ScoredAnswer.score(length("d", "distance", 1), "3 m"),
                ScoredAnswer.score(length("e", "distance", 1), "far away"));
        EvalMetrics m = EvalMetrics.compute(s, EvalMetrics.Options.defaults());
        EvalMetrics.Group g = m.categories().get("distance");
        assertEquals(5, g.metric());
        assertEquals(4.0 / 5, g.withNumber().value(), TOL);
        assertEquals(3.0 / 5, g.withinBands().get(0).value(), TOL); // 1, 1.2, 0.6 in [0.5, 2]
        assertEquals(2.0 / 5, g.withinBands().get(1).value(), TOL); // 1, 1.2 in [0.75, 1.33]
        assertEquals(1.0 / 5, g.withinBands().get(2).value(), TOL); // 1 in [0.9, 1.1]
        // Relative errors 0, 0.2, 0.4, 2 -> median 0.3.
        assertEquals(0.3, g.medianRelativeError().value(), TOL);
        assertEquals(4, g.medianRelativeError().n());
        assertFalse(g.accuracy().defined());
        assertEquals(0, g.qualitative());
    }

    @Test
    void handComputedQualitativeCaseAndOverall() {
        List<ScoredAnswer> s = List.of(
                ScoredAnswer.score(yesNo("1", "left_predicate", true), "Yes."),
                ScoredAnswer.score(yesNo("2", "left_predicate", true), "No."),
                ScoredAnswer.score(yesNo("3", "left_predicate", false), "I'm not sure"),
                ScoredAnswer.score(yesNo("4", "left_predicate", false), "no"),
                ScoredAnswer.score(new EvalItem("5", "left_choice", "Which?",
                        new Truth.Choice(1, List.of("the red chair", "the table")), Optional.empty()), "the table"),
                ScoredAnswer.score(new EvalItem("6", "left_choice", "Which?", new Truth.Undecided(), Optional.empty()),
                        "I'm not sure"),
                ScoredAnswer.score(length("7", "height", 2), "2 m"));
        EvalMetrics m = EvalMetrics.compute(s, EvalMetrics.Options.defaults());
        EvalMetrics.Group lp = m.categories().get("left_predicate");
        assertEquals(0.5, lp.accuracy().value(), TOL);
        assertEquals(0.25, lp.uncertainShare().value(), TOL);
        EvalMetrics.Group lc = m.categories().get("left_choice");
        assertEquals(1, lc.undecided());
        assertEquals(1, lc.qualitative());
        assertEquals(1.0, lc.accuracy().value(), TOL);
        EvalMetrics.Group all = m.overall();
        assertEquals(7, all.questions());
        assertEquals(5, all.qualitative());
        assertEquals(3.0 / 5, all.accuracy().value(), TOL);
        assertEquals(1, all.metric());
        assertEquals(1.0, all.withinBands().get(2).value(), TOL);
        assertEquals(List.of("height", "left_choice", "left_predicate"),
                m.categoryList().stream().map(EvalMetrics.Group::name).toList());
    }

    @Test
    void bootstrapIsSeededAndBracketsTheValue() {
        SplittableRandom data = new SplittableRandom(7);
        List<ScoredAnswer> s = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean truth = data.nextBoolean();
            boolean right = data.nextDouble() < 0.7;
            s.add(ScoredAnswer.score(yesNo("q" + i, "c", truth), (truth == right) ? "yes" : "no"));
        }
        EvalMetrics a = EvalMetrics.compute(s, EvalMetrics.Options.defaults());
        EvalMetrics b = EvalMetrics.compute(s, EvalMetrics.Options.defaults());
        EvalMetrics.Estimate e = a.overall().accuracy();
        assertEquals(e, b.overall().accuracy());
        assertTrue(e.lower() < e.value() && e.value() < e.upper(), e::toString);
        // Binomial standard error sqrt(p(1-p)/n) ~ 0.032: a 95% interval is about 4 of them wide.
        double se = Math.sqrt(e.value() * (1 - e.value()) / 200);
        assertEquals(3.92 * se, e.upper() - e.lower(), 1.2 * se);
        EvalMetrics other = EvalMetrics.compute(s, EvalMetrics.Options.defaults().withSeed(99));
        assertEquals(e.value(), other.overall().accuracy().value(), TOL);
    }

    @Test
    void bootstrapOfAConstantIsADegenerateInterval() {
        List<ScoredAnswer> s = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            s.add(ScoredAnswer.score(yesNo("q" + i, "c", true), "yes"));
        }
        EvalMetrics.Estimate e = EvalMetrics.compute(s, EvalMetrics.Options.defaults()).overall().accuracy();
        assertEquals(1.0, e.lower(), TOL);
        assertEquals(1.0, e.upper(), TOL);
    }

    @Test
    void medianAndQuantileAgreeWithHandValues() {
        assertEquals(2.5, EvalMetrics.median(new double[] {4, 1, 3, 2}), TOL);
        assertEquals(3.0, EvalMetrics.median(new double[] {5, Double.NaN, 1, 3}), TOL);
        assertTrue(Double.isNaN(EvalMetrics.median(new double[] {Double.NaN})));
        assertEquals(1.5, EvalMetrics.quantile(new double[] {1, 2, 3}, 0.25), TOL);
    }

    @Test
    void emptyInputAndZeroTruth() {
        EvalMetrics m = EvalMetrics.compute(List.of(), EvalMetrics.Options.defaults());
        assertEquals(0, m.overall().questions());
        assertFalse(m.overall().accuracy().defined());
        assertTrue(m.categories().isEmpty());
        ScoredAnswer zero = ScoredAnswer.score(length("z", "gap", 0), "0 m");
        assertEquals(1.0, zero.ratio().getAsDouble(), TOL);
        assertTrue(zero.relativeError().isEmpty());
        ScoredAnswer off = ScoredAnswer.score(length("z", "gap", 0), "5 cm");
        assertEquals(Double.POSITIVE_INFINITY, off.ratio().getAsDouble());
        EvalMetrics.Group g = EvalMetrics.compute(List.of(zero, off), EvalMetrics.Options.defaults()).overall();
        assertEquals(0.5, g.withinBands().get(0).value(), TOL);
        assertFalse(g.medianRelativeError().defined());
    }

    @Test
    void validatesOptions() {
        assertThrows(IllegalArgumentException.class, () -> new EvalMetrics.Band(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new EvalMetrics.Band(2, 1));
        assertThrows(IllegalArgumentException.class, () -> EvalMetrics.Options.defaults().withResamples(-1));
        assertThrows(IllegalArgumentException.class, () -> EvalMetrics.Options.defaults().withBands(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new EvalMetrics.Options(EvalMetrics.Options.SPEC_BANDS, 10, 1.0, 1));
    }
}
