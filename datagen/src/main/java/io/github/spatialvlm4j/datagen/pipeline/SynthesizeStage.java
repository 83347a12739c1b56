package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.CountClass;
import io.github.spatialvlm4j.datagen.qa.PointCandidate;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.qa.QaSynthesizer;
import io.github.spatialvlm4j.datagen.qa.SceneExtras;
import io.github.spatialvlm4j.geometry.LabelImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Synthesize: the question/answer pairs of the frame ({@link QaSynthesizer}), from its facts and seed. */
final class SynthesizeStage implements FrameStage {
    private final QaOptions options;
    private final QaSynthesizer synthesizer;

    SynthesizeStage(QaOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.synthesizer = new QaSynthesizer(options);
    }

    @Override
    public void run(FrameState s) {
        SceneFacts facts = s.facts.orElseThrow();
        s.qa = synthesizer.synthesize(facts, extras(s.frame, s.measured.orElseThrow(), facts, s.frameSeed, s.buffers),
                s.frameSeed);
    }

    /**
     * What counting and point questions may ask about: the countable classes among the frame's captioned
     * masks (before ambiguity removal, which drops look-alikes that still count) and a point on each
     * object that survived it. Skipped when their categories are not asked.
     */
    private SceneExtras extras(Frame frame, SceneFacts measured, SceneFacts facts, long frameSeed,
            FrameBuffers buffers) {
        LabelImage labels = frame.labels().orElseThrow();
        List<CountClass> countable = List.of();
        if (options.weight(Category.COUNT) > 0) {
            Map<Integer, String> captions = new HashMap<>();
            for (int id : labels.distinctIds()) {
                String caption = frame.captions().get(id);
                if (caption != null) {
                    captions.put(id, caption);
                }
            }
            countable = CountClass.countable(captions, measured, options.maxOccludedOutline());
        }
        List<PointCandidate> points = List.of();
        if (options.weight(Category.POINT_DEPTH) > 0) {
            List<Integer> ids = new ArrayList<>();
            for (ObjectFacts o : facts.objects()) {
                ids.add(o.id());
            }
            points = PointCandidate.of(frame.depth().orElseThrow(), labels, ids, frameSeed,
                    buffers.ints(FrameBuffers.Plane.INSIDE_DISTANCE, labels.ids().length));
        }
        return new SceneExtras(countable, points);
    }
}
