package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.perception.ClipCaptionSimilarity;
import io.github.spatialvlm4j.vlm.clip.ClipModel;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.RiggedModelsRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ambiguity removal (the disambiguate stage, docs/ARCHITECTURE.md "Stages") with CLIP text embeddings instead of text similarity. */
class ClipAmbiguityTest {

    @TempDir
    Path root;

    private static List<String> resolve(Ambiguity a, String... captions) {
        List<ObjectFacts> objects = new java.util.ArrayList<>();
        for (int i = 0; i < captions.length; i++) {
            objects.add(TestScenes.object(i + 1, captions[i], new PixelBox(100 * i, 50, 100 * i + 10, 60)));
        }
        SceneFacts scene = TestScenes.scene(objects, TestScenes.centreGaps(objects), true);
        return a.resolve(scene).facts().objects().stream().map(ObjectFacts::caption).toList();
    }

    @Test
    void embeddingCosinesDecideWhatIsAmbiguous() throws IOException {
        try (ClipModel clip = new ClipModel(ModelDirectory.open(RiggedModelsRoot.clip(root)), SessionSettings.cpu(1))) {
            Ambiguity a = new Ambiguity(new ClipCaptionSimilarity(clip), ClipCaptionSimilarity.DEFAULT_THRESHOLD);
            // Rigged vectors: cat = x, kitten = (1, 0.5, 0): cosine 0.894 < 0.9, told apart by CLIP alone.
            assertEquals(List.of("cat", "kitten"), resolve(a, "cat", "kitten"));
            // "a cat" and "cat" embed identically: a pair that gets distinguishing clauses.
            assertEquals(List.of("a cat that's more to the left", "cat that's more to the right"),
                    resolve(a, "a cat", "cat"));
            // Three of a kind are dropped; the dog stays.
            assertEquals(List.of("dog"), resolve(a, "cat", "a cat", "the cat", "dog"));
        }
    }
}
