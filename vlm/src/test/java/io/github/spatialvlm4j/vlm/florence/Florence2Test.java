package io.github.spatialvlm4j.vlm.florence;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.Images;
import io.github.spatialvlm4j.vlm.testing.RiggedFlorence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Florence2Test {
    private static final double PX = 1e-9;
    private static final SessionSettings CPU = SessionSettings.cpu(1);

    @TempDir
    Path root;

    @Test
    void detectionDecodesToKnownPixelBoxes() throws IOException {
        try (Florence2 f = new Florence2(ModelDirectory.open(RiggedFlorence.write(root.resolve("florence"))), CPU)) {
            // Red -> "cat", then <loc_250> <loc_100> <loc_750> <loc_900> on a 100x50 image.
            LocationTokens.Parsed p = f.regions(Images.solid(100, 50, 0xFF0000), Florence2.Task.OBJECT_DETECTION, null);
            assertEquals(0, p.skippedRuns());
            assertEquals(1, p.boxes().size());
            RegionBox b = p.boxes().get(0);
            assertEquals("cat", b.label());
            assertEquals(25.05, b.x0(), PX);
            assertEquals(5.025, b.y0(), PX);
            assertEquals(75.05, b.x1(), PX);
            assertEquals(45.025, b.y1(), PX);
            // The image reaches the decoder: green -> "dog".
            LocationTokens.Parsed g = f.regions(Images.solid(100, 50, 0x00FF00), Florence2.Task.PHRASE_GROUNDING, "a dog");
            assertEquals("dog", g.boxes().get(0).label());
        }
    }

    @Test
    void streamingAndBudget() throws IOException {
        try (Florence2 f = new Florence2(ModelDirectory.open(RiggedFlorence.write(root.resolve("florence"))), CPU)) {
            List<Integer> streamed = new ArrayList<>();
            String text = f.generate(Images.solid(8, 8, 0xFF0000), Florence2.Task.DENSE_REGION_CAPTION, null,
                    f.defaultSettings().withMaxNewTokens(2), 0L, streamed::add);
            assertEquals(List.of(4, 5), streamed);
            assertEquals("cat <loc_250>", text);
            assertEquals("cat <loc_250> <loc_100> <loc_750> <loc_900>", f.caption(Images.solid(8, 8, 0xFF0000)));
        }
    }

    @Test
    void taskPromptsAndInputsAreValidated() {
        assertEquals("Locate the phrases in the caption: a red chair", Florence2.Task.PHRASE_GROUNDING.prompt("a red chair"));
        assertThrows(IllegalArgumentException.class, () -> Florence2.Task.PHRASE_GROUNDING.prompt(" "));
        assertThrows(IllegalArgumentException.class, () -> Florence2.Task.OBJECT_DETECTION.prompt("chair"));
        assertEquals("<OD>", Florence2.Task.OBJECT_DETECTION.token());
    }

    @Test
    void missingGraphAndStartTokenAreNamed() throws IOException {
        Path dir = RiggedFlorence.write(root.resolve("broken"));
        Files.writeString(dir.resolve("config.json"), "{\"eos_token_id\": 2}");
        ModelFormatException start = assertThrows(ModelFormatException.class, () -> new Florence2(ModelDirectory.open(dir), CPU));
        assertTrue(start.getMessage().contains("decoder_start_token_id"), start.getMessage());
        Files.writeString(dir.resolve("config.json"), "{\"text_config\": {\"decoder_start_token_id\": 2}, \"eos_token_id\": 2}");
        Files.delete(dir.resolve("onnx/encoder_model.onnx"));
        ModelFormatException graph = assertThrows(ModelFormatException.class, () -> new Florence2(ModelDirectory.open(dir), CPU));
        assertTrue(graph.getMessage().contains("encoder_model.onnx"), graph.getMessage());
    }
}
