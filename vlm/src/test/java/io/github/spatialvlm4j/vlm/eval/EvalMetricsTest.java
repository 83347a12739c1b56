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

    @Test
    void meanRelativeAccuracyMatchesHandComputedCases() {
        // Thresholds 0.50..0.95: an answer counts at theta when |pred - gt| / gt < 1 - theta, i.e. below
        // 0.50, 0.45, ..., 0.05. MRA = (number of those bounds above the relative error) / 10.
        assertEquals(1.0, EvalMetrics.meanRelativeAccuracy(10, 10), TOL);
        assertEquals(1.0, EvalMetrics.meanRelativeAccuracy(10.4, 10), TOL); // 4%: below all ten
        assertEquals(0.9, EvalMetrics.meanRelativeAccuracy(10.5, 10), TOL); // 5%: not below 0.05
        assertEquals(0.8, EvalMetrics.meanRelativeAccuracy(11, 10), TOL); // 10%: below 0.50..0.15
        assertEquals(0.6, EvalMetrics.meanRelativeAccuracy(0.6, 0.5), TOL); // 20%, exactly as written
        assertEquals(0.4, EvalMetrics.meanRelativeAccuracy(7, 10), TOL); // 30%: below 0.50, 0.45, 0.40, 0.35
        assertEquals(0.5, EvalMetrics.meanRelativeAccuracy(5, 4), TOL); // 25%
        assertEquals(0.0, EvalMetrics.meanRelativeAccuracy(15, 10), TOL); // 50%: below none
        assertEquals(0.0, EvalMetrics.meanRelativeAccuracy(0, 10), TOL);
        assertEquals(0.0, EvalMetrics.meanRelativeAccuracy(1000, 10), TOL);
        assertThrows(IllegalArgumentException.class, () -> EvalMetrics.meanRelativeAccuracy(1, 0));
    }

    @Test
    void meanRelativeAccuracyOfAGroupCountsAnswersWithoutANumberAsZero() {
        EvalItem count = new EvalItem("c", "object_counting", "How many chairs?", new Truth.Count(4), Optional.empty());
        EvalItem size = new EvalItem("s", "object_size_estimation", "How long is the sofa (in centimeters)?",
                new Truth.Length(0.8, Optional.of(LengthUnit.CENTIMETER)), Optional.empty());
        EvalItem room = new EvalItem("r", "room_size_estimation", "Size (in square meters)?", new Truth.Area(25),
                Optional.empty());
        List<ScoredAnswer> s = List.of(
                ScoredAnswer.score(count, "4"), // 1.0
                ScoredAnswer.score(count, "five"), // 25% off: 0.5
                ScoredAnswer.score(size, "85"), // 85 cm as asked: 6.25% off, 0.9
                ScoredAnswer.score(room, "20 square meters"), // 20% off: 0.6
                ScoredAnswer.score(room, "big"), // no number: 0
                ScoredAnswer.missing(room)); // missing: 0
        assertEquals(0.85, s.get(2).predicted().getAsDouble(), TOL);
        EvalMetrics m = EvalMetrics.compute(s, EvalMetrics.Options.defaults().withResamples(0));
        assertEquals((1.0 + 0.5) / 2, m.categories().get("object_counting").meanRelativeAccuracy().value(), TOL);
        assertEquals(0.9, m.categories().get("object_size_estimation").meanRelativeAccuracy().value(), TOL);
        assertEquals(0.6 / 3, m.categories().get("room_size_estimation").meanRelativeAccuracy().value(), TOL);
        assertEquals((1 + 0.5 + 0.9 + 0.6) / 6, m.overall().meanRelativeAccuracy().value(), TOL);
        assertEquals(6, m.overall().metric());
        assertEquals(1, m.overall().missing());
    }

    @Test
    void aMissingAnswerCountsAsWrongAndIsCounted() {
        EvalItem yes = yesNo("1", "left_predicate", true);
        EvalItem len = length("2", "distance", 2);
        List<ScoredAnswer> answered = List.of(ScoredAnswer.score(yes, "Yes."), ScoredAnswer.score(len, "2 m"));
        List<ScoredAnswer> withMissing = new ArrayList<>(answered);
        withMissing.add(ScoredAnswer.missing(yesNo("3", "left_predicate", false)));
        withMissing.add(ScoredAnswer.missing(length("4", "distance", 1)));
        EvalMetrics.Group all = EvalMetrics.compute(withMissing, EvalMetrics.Options.defaults()).overall();
        assertEquals(0.5, all.accuracy().value(), TOL);
        assertEquals(0.5, all.withNumber().value(), TOL);
        assertEquals(0.5, all.withinBands().get(0).value(), TOL);
        assertEquals(2, all.missing());
        assertEquals(4, all.questions());
        ScoredAnswer m = withMissing.get(2);
        assertTrue(m.missing() && !m.correct() && m.parsed().kind() == ParsedAnswer.Kind.NONE);
    }

    @Test
    void unusableNumbersAreCountedWrongAndNamed() {
        String huge = "9".repeat(400);
        ScoredAnswer overflow = ScoredAnswer.score(length("big", "distance", 2), huge + " meters");
        ScoredAnswer negative = ScoredAnswer.score(length("neg", "distance", 5), "-5 meters");
        assertTrue(overflow.invalid() && !overflow.hasNumber(), overflow.parsed()::toString);
        assertTrue(overflow.parsed().understood().startsWith("number out of range: '999"),
                overflow.parsed().understood());
        assertTrue(overflow.parsed().understood().length() < 120, overflow.parsed().understood());
        assertTrue(negative.invalid() && !negative.hasNumber(), negative.parsed()::toString);
        assertEquals("negative length: '-5 meters' (a length cannot be negative)", negative.parsed().understood());
        EvalMetrics.Group g = EvalMetrics.compute(List.of(overflow, negative), EvalMetrics.Options.defaults())
                .overall();
        assertEquals(2, g.invalid());
        assertEquals(0.0, g.withNumber().value(), TOL);
        EvalReport r = new EvalReport("t", EvalMetrics.compute(List.of(overflow, negative),
                EvalMetrics.Options.defaults()), List.of(overflow, negative));
        assertTrue(r.summary().contains("2 answers hold an unusable number (counted as wrong), e.g. big: number out"
                + " of range"), r.summary());
        assertTrue(r.toJson().contains("\"id\" : \"neg\""), r.toJson());
    }

    @Test
    void vsiBenchTableMergesDirectionsAndAveragesRows() {
        List<String> options = List.of("left", "right");
        List<ScoredAnswer> s = new ArrayList<>();
        String[] types = {"object_rel_direction_easy", "object_rel_direction_medium", "object_rel_direction_hard"};
        // easy 2/2 right, medium 1/2, hard 0/2 -> direction row (1 + 0.5 + 0) / 3 = 0.5
        int[] right = {2, 1, 0};
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 2; i++) {
                EvalItem it = new EvalItem(types[t] + i, types[t], "Is it left or right?", new Truth.Choice(0, options),
                        Optional.empty());
                s.add(ScoredAnswer.score(it, i < right[t] ? "A" : "B"));
            }
        }
        EvalItem count = new EvalItem("c", "object_counting", "How many chairs?", new Truth.Count(10), Optional.empty());
        s.add(ScoredAnswer.score(count, "11")); // MRA 0.8
        BenchmarkTable t = BenchmarkTable.vsiBench(EvalMetrics.compute(s, EvalMetrics.Options.defaults()));
        assertEquals(List.of("object_counting", "object_rel_direction"), t.rows().stream().map(BenchmarkTable.Row::name)
                .toList());
        assertEquals(0.8, t.rows().get(0).value(), TOL);
        assertEquals("MRA", t.rows().get(0).metric());
        assertEquals(0.5, t.rows().get(1).value(), TOL);
        assertEquals(6, t.rows().get(1).n());
        assertEquals((0.8 + 0.5) / 2, t.overall(), TOL);
        BenchmarkTable blink = BenchmarkTable.blink(EvalMetrics.compute(s.subList(0, 4), EvalMetrics.Options.defaults()));
        assertEquals((1.0 + 0.5) / 2, blink.overall(), TOL);
    }
}
