package io.github.spatialvlm4j.vlm.chat;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.generate.Generation;
import io.github.spatialvlm4j.vlm.generate.KvCacheDecoder;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.RiggedQwen2Vl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class Qwen2VlTest {
    private static final SessionSettings CPU = SessionSettings.cpu(1);
    private static final float EXACT = 0f;

    @TempDir
    Path root;

    /** 8x8: columns [0, redColumns) red, the rest green. */
    private static RgbImage stripes(int redColumns) {
        int[] px = new int[64];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % 8 < redColumns ? 0xFF0000 : 0x00FF00;
        }
        return new RgbImage(8, 8, px);
    }

    @Test
    void imageVotesDecideAndGeneratedTokensContinueTheRopePositions() throws IOException {
        try (Qwen2Vl vlm = new Qwen2Vl(ModelDirectory.open(RiggedQwen2Vl.write(root.resolve("qwen"))), CPU)) {
            // Merge windows: left 4 columns all red, right 4 half red: red 3 votes, green 1.
            // The rigged chain then says "green" after "red"; a wrong position at either generated
            // step would make the decoder say <wrong>.
            Answer a = vlm.answer(stripes(6), "which colour?");
            assertEquals("red green", a.text());
            assertEquals(Generation.StopReason.STOP_TOKEN, a.generation().reason());
            StringBuilder streamed = new StringBuilder();
            Answer g = vlm.answer(stripes(2), "which colour?", vlm.defaultSettings(), 3L, streamed::append);
            assertEquals("green", g.text());
            assertEquals("green", streamed.toString());
        }
    }

    @Test
    void ropeIndexGivesImageTokensRowAndColumnPositions() {
        long img = 9;
        KvCacheDecoder.PositionIds p = Qwen2Vl.ropeIndex(new long[] {1, 2, img, img, img, img, 3}, img, 2, 2);
        assertArrayEquals(new long[] {
            0, 1, 2, 2, 2, 2, 4, // time
            0, 1, 2, 2, 3, 3, 4, // row
            0, 1, 2, 3, 2, 3, 4}, p.prompt()); // column
        // Next position 5 at cache length 7.
        assertEquals(-2, p.delta());
        assertThrows(IllegalArgumentException.class, () -> Qwen2Vl.ropeIndex(new long[] {img, 1, img}, img, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Qwen2Vl.ropeIndex(new long[] {img, img}, img, 2, 2));
    }

    @Test
    void smartResizeMatchesTheReferenceRounding() {
        assertArrayEquals(new int[] {476, 644}, Qwen2VlImages.smartResize(480, 640, 28, 3136, 12845056));
        assertArrayEquals(new int[] {1148, 840}, Qwen2VlImages.smartResize(4000, 3000, 28, 3136, 28 * 28 * 1280));
        assertArrayEquals(new int[] {56, 84}, Qwen2VlImages.smartResize(20, 30, 28, 3136, 12845056));
        // 1.5 and 2.5 both round to 2 (half to even).
        assertArrayEquals(new int[] {56, 56}, Qwen2VlImages.smartResize(42, 70, 28, 3136, 12845056));
        assertThrows(IllegalArgumentException.class, () -> Qwen2VlImages.smartResize(1, 300, 28, 3136, 12845056));
    }

    @Test
    void patchesAreOrderedByMergeWindow() {
        Qwen2VlImages images = new Qwen2VlImages(JsonConfig.parse(Path.of("preprocessor_config.json"), """
                {"min_pixels": 16, "max_pixels": 4096, "patch_size": 2, "temporal_patch_size": 2, "merge_size": 2,
                 "do_rescale": false, "do_normalize": false}"""));
        int[] px = new int[8 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = i << 16; // red = pixel index
        }
        Qwen2VlImages.Patches p = images.patches(new RgbImage(8, 4, px));
        assertEquals(2, p.gridH());
        assertEquals(4, p.gridW());
        assertEquals(24, images.patchDim());
        // Row 4 is the first patch of the second merge window: patch (row 0, column 2), pixels x 4..5, y 0..1,
        // red values for both time copies first.
        float[] row4 = java.util.Arrays.copyOfRange(p.pixels(), 4 * 24, 4 * 24 + 8);
        assertArrayEquals(new float[] {4, 5, 12, 13, 4, 5, 12, 13}, row4, EXACT);
        // Row 2 is patch (row 1, column 0): pixels x 0..1, y 2..3.
        assertArrayEquals(new float[] {16, 17, 24, 25}, java.util.Arrays.copyOfRange(p.pixels(), 2 * 24, 2 * 24 + 4), EXACT);
    }

    @Test
    void chatPromptHoldsOnePadPerImageToken() {
        String s = Qwen2Vl.chatPrompt(3, "How far?");
        assertTrue(s.contains("<|vision_start|><|image_pad|><|image_pad|><|image_pad|><|vision_end|>How far?<|im_end|>"), s);
        assertTrue(s.endsWith("<|im_start|>assistant\n"));
        assertThrows(IllegalArgumentException.class, () -> Qwen2Vl.chatPrompt(0, "x"));
    }
}
