package io.github.spatialvlm4j.datagen.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spatialvlm4j.vlm.clip.ClipModel;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.RiggedModelsRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipCaptionSimilarityTest {
    private static final double COS = 1e-6;

    @TempDir
    Path root;

    @Test
    void cosineOfRiggedTextEmbeddingsWithAndWithoutTheCache() throws IOException {
        try (ClipModel clip = new ClipModel(ModelDirectory.open(RiggedModelsRoot.clip(root)), SessionSettings.cpu(1))) {
            ClipCaptionSimilarity s = new ClipCaptionSimilarity(clip);
            // cat = x, dog = y, kitten = (1, 0.5, 0): closed-form cosines.
            assertEquals(1.0, s.similarity("cat", "cat"), COS);
            assertEquals(0.0, s.similarity("cat", "dog"), COS);
            assertEquals(1 / Math.sqrt(1.25), s.similarity("cat", "kitten"), COS);
            assertEquals(1 / Math.sqrt(1.25), s.similarity("kitten", "cat"), COS); // cached, symmetric
            // Reference: the model's own embeddings and cosine.
            float[][] e = clip.embedTexts(List.of("dog kitten", "cat"));
            assertEquals(ClipModel.cosine(e[0], e[1]), s.similarity("dog kitten", "cat"), COS);
        }
    }
}
