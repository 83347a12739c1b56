package io.github.spatialvlm4j.vlm.chat;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.generate.Generation;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.RiggedSmolVlm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SmolVlmTest {
    private static final SessionSettings CPU = SessionSettings.cpu(1);

    @TempDir
    Path root;

    /** 16x8: columns [0, redColumns) red, the rest green. */
    private static RgbImage stripes(int redColumns) {
        int[] px = new int[16 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % 16 < redColumns ? 0xFF0000 : 0x00FF00;
        }
        return new RgbImage(16, 8, px);
    }

    @Test
    void splicedImageFeaturesDecideTheAnswer() throws IOException {
        try (SmolVlm vlm = new SmolVlm(ModelDirectory.open(RiggedSmolVlm.write(root.resolve("smolvlm"), 4)), CPU)) {
            assertEquals(4, vlm.tokensPerFrame());
            // Tiles: left all red (4 red votes), right half red (2 + 2), global view 6 of 8 columns
            // red (3 + 1): red 9, green 3.
            Answer red = vlm.answer(stripes(12), "what colour dominates?");
            assertEquals("red", red.text());
            assertEquals(Generation.StopReason.STOP_TOKEN, red.generation().reason());
            // Mirror image of the votes: red 3, green 9.
            StringBuilder streamed = new StringBuilder();
            Answer green = vlm.answer(stripes(4), "and now?", vlm.defaultSettings(), 1L, streamed::append);
            assertEquals("green", green.text());
            assertEquals("green", streamed.toString());
            assertThrows(IllegalArgumentException.class, () -> vlm.answer(stripes(4), " "));
        }
    }

    @Test
    void imageTokenCountMustMatchFeatures() throws IOException {
        // Declaring <global-img> (id 6) as the image token: 1 token in the prompt, 12 feature rows.
        try (SmolVlm vlm = new SmolVlm(ModelDirectory.open(RiggedSmolVlm.write(root.resolve("wrongid"), 6)), CPU)) {
            ModelException e = assertThrows(ModelException.class, () -> vlm.answer(stripes(8), "which?"));
            assertTrue(e.getMessage().contains("1 <image> tokens") && e.getMessage().contains("12 feature rows"), e.getMessage());
        }
    }

    @Test
    void imagePromptMatchesTheIdefics3Layout() {
        String f = SmolVlm.FAKE;
        assertEquals(f + "<row_1_col_1><image><image>" + f + "<row_1_col_2><image><image>\n\n" + f + "<global-img><image><image>" + f,
                SmolVlm.imagePrompt(1, 2, 2));
        assertEquals(f + "<global-img><image>" + f, SmolVlm.imagePrompt(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SmolVlm.imagePrompt(1, 0, 4));
        assertEquals("<|im_start|>User:<img>Why?<end_of_utterance>\nAssistant:", SmolVlm.chatPrompt("<img>", "Why?"));
    }

    @Test
    void framesFollowTheResizeAndSplitRules() {
        assertArrayEquals(new int[] {1536, 2048}, Idefics3Images.longestEdgeSize(640, 480, 2048));
        assertArrayEquals(new int[] {22, 64}, Idefics3Images.longestEdgeSize(100, 33, 64)); // 21.1 -> 21 -> even 22
        assertArrayEquals(new int[] {64, 34}, Idefics3Images.longestEdgeSize(33, 64, 64)); // odd 33 is made even too
    }

    @Test
    void encoderSizeRoundsUpToTiles() {
        assertArrayEquals(new int[] {1536, 2048}, Idefics3Images.encoderSize(2048, 1536, 512));
        assertArrayEquals(new int[] {1024, 1536}, Idefics3Images.encoderSize(1100, 700, 512));
        Idefics3Images images = new Idefics3Images(JsonConfig.parse(Path.of("preprocessor_config.json"), """
                {"size": {"longest_edge": 32}, "max_image_size": {"longest_edge": 8}, "resample": 0, "do_rescale": false}"""));
        Idefics3Images.Frames frames = images.frames(new RgbImage(40, 30, new int[40 * 30]));
        // 40x30 -> 32x24 -> 4 x 3 tiles of 8 plus the global view.
        assertEquals(3, frames.rows());
        assertEquals(4, frames.cols());
        assertEquals(13, frames.pixels().size());
        Idefics3Images noSplit = new Idefics3Images(JsonConfig.parse(Path.of("preprocessor_config.json"), """
                {"size": {"longest_edge": 32}, "max_image_size": {"longest_edge": 8}, "do_image_splitting": false}"""));
        assertEquals(1, noSplit.frames(new RgbImage(40, 30, new int[40 * 30])).pixels().size());
    }
}
