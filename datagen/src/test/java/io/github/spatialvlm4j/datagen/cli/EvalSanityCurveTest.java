package io.github.spatialvlm4j.datagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.vlm.eval.EvalItem;
import io.github.spatialvlm4j.vlm.eval.EvalMetrics;
import io.github.spatialvlm4j.vlm.eval.NoisyOracle;
import io.github.spatialvlm4j.vlm.eval.ScoredAnswer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sanity curve: on a held-out synthetic split generated in-process (exact mode), a noisy oracle
 * that answers from the truth scores worse on every metric as its noise grows.
 */
class EvalSanityCurveTest {

    static final double[] SIGMAS = {0, 0.1, 0.25, 0.5, 1.0};
    static final double[] FLIPS = {0, 0.05, 0.1, 0.2, 0.4};

    /** A 20-frame synthetic split, 160x120 pixels, 20 questions per frame, exact answers. */
    static List<EvalItem> heldOutSplit() {
        SyntheticSource source = new SyntheticSource(SyntheticSceneOptions.defaults().withSize(160, 120)
                .withMinVisiblePixels(40), 20260101L, 20);
        PipelineOptions options = PipelineOptions.defaults().withQa(QaOptions.defaults().withExact(true));
        List<EvalItem> items = new ArrayList<>();
        try (Kernels kernels = Kernels.create()) {
            FramePipeline pipeline = new FramePipeline(kernels, options);
            for (int i = 0; i < source.size(); i++) {
                Frame f = source.load(i);
                FramePipeline.Result r = pipeline.process(f, 20260101L);
                if (r.facts().isPresent()) {
                    items.addAll(TruthItems.fromFrame(r.frameId(), null, r.facts().get(), r.qa()));
                }
            }
        }
        return items;
    }

    static EvalMetrics.Group evaluate(List<EvalItem> items, double sigma, double flip, int resamples) {
        NoisyOracle oracle = new NoisyOracle(sigma, flip, 5);
        List<ScoredAnswer> scored = items.stream().map(it -> ScoredAnswer.score(it, oracle.answer(it))).toList();
        return EvalMetrics.compute(scored, EvalMetrics.Options.defaults().withResamples(resamples)).overall();
    }

    @Test
    void metricsDegradeMonotonicallyWithNoise() {
        List<EvalItem> items = heldOutSplit();
        assertTrue(items.size() >= 200, "split too small: " + items.size());
        EvalMetrics.Group clean = evaluate(items, 0, 0, 0);
        assertTrue(clean.qualitative() >= 50 && clean.metric() >= 50, clean.toString());
        assertEquals(1.0, clean.accuracy().value(), "a noiseless oracle must answer every question right");
        assertEquals(1.0, clean.withNumber().value());
        assertEquals(1.0, clean.withinBands().get(2).value());
        assertEquals(1.0, clean.meanRelativeAccuracy().value());
        EvalMetrics.Group prev = clean;
        for (int k = 1; k < SIGMAS.length; k++) {
            EvalMetrics.Group g = evaluate(items, SIGMAS[k], FLIPS[k], 0);
            String at = "sigma " + SIGMAS[k] + ", flip " + FLIPS[k];
            assertTrue(g.accuracy().value() < prev.accuracy().value(), at);
            assertTrue(g.withinBands().get(2).value() < prev.withinBands().get(2).value(), at);
            // At sigma 0.1 nearly every answer (99.6%) is still within [0.75x, 1.33x]: not strict.
            assertTrue(g.withinBands().get(1).value() <= prev.withinBands().get(1).value(), at);
            assertTrue(g.withinBands().get(0).value() <= prev.withinBands().get(0).value(), at);
            assertTrue(g.medianRelativeError().value() > prev.medianRelativeError().value(), at);
            assertTrue(g.meanRelativeAccuracy().value() < prev.meanRelativeAccuracy().value(), at);
            assertEquals(1.0, g.withNumber().value(), at);
            prev = g;
        }
        assertTrue(prev.withinBands().get(1).value() < 0.5, prev.toString());
        // Log-normal sigma 1: P(|z| <= ln 2) = 0.51 of the answers lie in [0.5x, 2x].
        assertEquals(0.51, prev.withinBands().get(0).value(), 0.1);
    }
}
