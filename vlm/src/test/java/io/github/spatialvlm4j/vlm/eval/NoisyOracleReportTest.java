package io.github.spatialvlm4j.vlm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The noisy oracle's answers are read back by the parser; the report files hold the metrics. */
class NoisyOracleReportTest {

    private static List<EvalItem> items(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<EvalItem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Truth t = switch (i % 3) {
                case 0 -> new Truth.Length(0.05 + 10 * rng.nextDouble());
                case 1 -> new Truth.YesNo(rng.nextBoolean());
                default -> new Truth.Choice(rng.nextInt(2), List.of("the red chair", "the blue lamp"));
            };
            out.add(new EvalItem("q" + i, "cat" + (i % 3), "question " + i, t, Optional.empty()));
        }
        return out;
    }

    private static List<ScoredAnswer> run(List<EvalItem> items, NoisyOracle oracle) {
        return items.stream().map(it -> ScoredAnswer.score(it, oracle.answer(it))).toList();
    }

    @Test
    void noiselessOracleScoresPerfectly() {
        List<ScoredAnswer> s = run(items(300, 3), new NoisyOracle(0, 0, 5));
        EvalMetrics.Group g = EvalMetrics.compute(s, EvalMetrics.Options.defaults().withResamples(50)).overall();
        assertEquals(1.0, g.accuracy().value());
        assertEquals(1.0, g.withNumber().value());
        assertEquals(1.0, g.withinBands().get(2).value());
        assertTrue(g.medianRelativeError().value() < 0.005, g.toString());
    }

    @Test
    void metricsDegradeAsNoiseGrows() {
        List<EvalItem> items = items(600, 4);
        double[] sigmas = {0, 0.1, 0.25, 0.5, 1.0};
        double[] flips = {0, 0.05, 0.1, 0.2, 0.4};
        double prevWithin = 2;
        double prevMedian = -1;
        double prevAccuracy = 2;
        for (int k = 0; k < sigmas.length; k++) {
            EvalMetrics.Group g = EvalMetrics.compute(run(items, new NoisyOracle(sigmas[k], flips[k], 9)),
                    EvalMetrics.Options.defaults().withResamples(0)).overall();
            assertTrue(g.withinBands().get(1).value() < prevWithin, "sigma " + sigmas[k]);
            assertTrue(g.medianRelativeError().value() > prevMedian, "sigma " + sigmas[k]);
            assertTrue(g.accuracy().value() < prevAccuracy, "flip " + flips[k]);
            prevWithin = g.withinBands().get(1).value();
            prevMedian = g.medianRelativeError().value();
            prevAccuracy = g.accuracy().value();
        }
        // Accuracy follows 1 - p within sampling error (400 qualitative questions).
        assertEquals(0.6, prevAccuracy, 0.08);
    }

    @Test
    void oracleIsDeterministicAndValidates() {
        EvalItem it = items(1, 1).get(0);
        assertEquals(new NoisyOracle(0.5, 0.1, 3).answer(it), new NoisyOracle(0.5, 0.1, 3).answer(it));
        assertThrows(IllegalArgumentException.class, () -> new NoisyOracle(-0.1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new NoisyOracle(0.1, 1.5, 1));
    }

    @TempDir
    Path dir;

    @Test
    void writesJsonMarkdownAndAnswers() throws IOException {
        List<EvalItem> items = items(30, 2);
        List<ScoredAnswer> s = new ArrayList<>(run(items.subList(0, 29), new NoisyOracle(0.25, 0.1, 1)));
        s.add(ScoredAnswer.missing(items.get(29)));
        EvalReport r = new EvalReport("test", EvalMetrics.compute(s, EvalMetrics.Options.defaults()), s);
        r.write(dir);
        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve(EvalReport.JSON)));
        assertEquals(30, json.get("overall").get("questions").asInt());
        assertEquals(1, json.get("overall").get("missing").asInt());
        assertEquals(r.metrics().overall().accuracy().value(),
                json.get("overall").get("accuracy").get("value").asDouble(), 1e-12);
        assertEquals(3, json.get("categories").size());
        assertEquals("q29", json.get("missing_predictions").get(0).asText());
        assertEquals(r.metrics().overall().meanRelativeAccuracy().value(),
                json.get("overall").get("mean_relative_accuracy").get("value").asDouble(), 1e-12);
        List<String> lines = Files.readAllLines(dir.resolve(EvalReport.ANSWERS));
        assertEquals(30, lines.size());
        assertTrue(lines.get(29).contains("\"missing\":true"), lines.get(29));
        assertTrue(lines.get(0).contains("\"understood\""), lines.get(0));
        String md = Files.readString(dir.resolve(EvalReport.MARKDOWN));
        assertTrue(md.contains("| overall |") && md.contains("within [0.5x, 2x]") && md.contains("| MRA |"), md);
        assertTrue(md.contains("1 without a prediction (scored as wrong)"), md);
        String summary = r.summary();
        assertTrue(summary.lines().count() < 25 && summary.contains("Qualitative accuracy"), summary);
        assertTrue(summary.contains("1 of 30 questions had no prediction (counted as wrong), e.g. q29"), summary);
    }
}
