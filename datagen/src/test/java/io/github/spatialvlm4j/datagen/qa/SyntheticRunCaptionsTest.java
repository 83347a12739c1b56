package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A seeded run like {@code generate --count 200} (synthetic scenes, small images to stay fast):
 * no question's caption contradicts or gives away its answer, while the run does ask size
 * questions about objects whose captions carry contradicting adjectives (so the count could
 * fail).
 */
class SyntheticRunCaptionsTest {
    private static final int FRAMES = 200;
    private static final long SEED = 7;

    @Test
    void noCaptionContradictsItsAnswer() {
        SyntheticSource source = new SyntheticSource(SyntheticSceneOptions.defaults().withSize(160, 120), SEED, FRAMES);
        List<String> contradictions = new ArrayList<>();
        int shortened = 0;
        int clauses = 0;
        int questions = 0;
        try (Kernels kernels = Kernels.jvm(2)) {
            FramePipeline pipeline = new FramePipeline(kernels, PipelineOptions.defaults());
            for (int i = 0; i < FRAMES; i++) {
                FramePipeline.Result r = pipeline.process(source.load(i), SEED);
                if (r.facts().isEmpty()) {
                    continue;
                }
                SceneFacts facts = r.facts().get();
                for (ObjectFacts o : facts.objects()) {
                    clauses += Ambiguity.Clause.of(o.caption()).isPresent() ? 1 : 0;
                }
                for (QaPair p : r.qa()) {
                    questions++;
                    contradictions.addAll(CaptionConsistency.contradictions(p, facts));
                    shortened += shortenedNames(p, facts);
                }
            }
        }
        assertEquals(List.of(), contradictions);
        assertTrue(questions > 3000, "questions " + questions);
        assertTrue(shortened > 10, "size questions whose captions lost a contradicting adjective: " + shortened);
        assertTrue(clauses > 0, "objects with a distinguishing clause: " + clauses);
    }

    /** How many of the pair's objects are named without a word of their caption. */
    private static int shortenedNames(QaPair p, SceneFacts facts) {
        if (!p.category().isClassic()) {
            return 0;
        }
        int a = AnswerCheck.position(facts, p.objectIds().get(0));
        int b = p.objectIds().size() > 1 ? AnswerCheck.position(facts, p.objectIds().get(1)) : a;
        List<NounPhrases.NounPhrase> names = QaSynthesizer.names(p.category(), facts, a, b, p.exact()).orElseThrow();
        int n = 0;
        for (int i = 0; i < p.objectIds().size(); i++) {
            String full = NounPhrases.of(facts.objects().get(i == 0 ? a : b).caption()).text();
            n += full.equals(names.get(i).text()) ? 0 : 1;
        }
        return n;
    }
}
