package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.Ambiguity;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Disambiguate: objects that a question could not name apart from another one (look-alike captions) and
 * background objects are dropped ({@link Ambiguity}), with their clouds. A frame left without objects is
 * skipped here.
 */
final class DisambiguateStage implements FrameStage {
    private final Ambiguity ambiguity;

    DisambiguateStage(DisambiguateOptions options) {
        this.ambiguity = new Ambiguity(options.similarity(), options.threshold());
    }

    @Override
    public void run(FrameState s) {
        SceneFacts measured = s.measured.orElseThrow();
        Ambiguity.Result resolved = ambiguity.resolve(measured);
        SceneFacts facts = resolved.facts();
        if (facts.objects().isEmpty()) {
            s.skip(SkipReason.NO_OBJECTS, "frame " + s.frame.id()
                    + ": every object was dropped by ambiguity removal (" + resolved.droppedAmbiguous()
                    + " ambiguous, " + resolved.droppedBackground() + " background)");
            return;
        }
        s.facts = Optional.of(facts);
        s.clouds = cloudsOf(facts, measured, s.cleaned);
    }

    /** The clouds of the objects that survived, in the order of {@code kept.objects()}. */
    private static List<PointCloud> cloudsOf(SceneFacts kept, SceneFacts measured,
            List<FrameState.CleanObject> cleaned) {
        Map<Integer, PointCloud> byId = new HashMap<>();
        List<ObjectFacts> all = measured.objects();
        for (int i = 0; i < all.size(); i++) {
            byId.put(all.get(i).id(), cleaned.get(i).cloud());
        }
        List<PointCloud> out = new ArrayList<>(kept.objects().size());
        for (ObjectFacts o : kept.objects()) {
            out.add(byId.get(o.id()));
        }
        return out;
    }
}
