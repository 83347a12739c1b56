package io.github.spatialvlm4j.vlm.clip;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.OnnxGraph;
import io.github.spatialvlm4j.vlm.testing.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Rigged towers: the image embedding is the mean rescaled RGB colour; a text embedding is the
 * sum of per-word vectors (red = x, green = y, blue = z, room = 0.5 y), so every cosine is
 * known in closed form.
 */
class ClipModelTest {
    private static final double COS = 1e-6;
    private static final SessionSettings CPU = SessionSettings.cpu(1);
    private static final List<String> VOCAB = List.of("[pad]", "<s>", "</s>", "[unk]", "red", "green", "blue", "room",
            "screenshot", "painting");
    private static final String PRE = """
            {"size": {"shortest_edge": 4}, "do_center_crop": true, "crop_size": 4, "resample": 3,
             "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": false}""";

    @TempDir
    Path root;

    /** Word vectors; the pad row is large so that a missing attention mask would show. */
    private static float[] table(float pad) {
        return new float[] {
            pad, pad, pad, // [pad]
            0, 0, 0, // <s>
            0, 0, 0, // </s>
            1, 1, 1, // [unk]
            1, 0, 0, // red
            0, 1, 0, // green
            0, 0, 1, // blue
            0, 0.5f, 0, // room
            0, 0, 0, // screenshot
            0, 0, 0}; // painting
    }

    private Path model(String name, String config, boolean siglip, int fixedLength) throws IOException {
        Path dir = root.resolve(name);
        OnnxGraph v = new OnnxGraph("vision")
                .input("pixel_values", OnnxGraph.FLOAT, "batch", 3, "height", "width")
                .output(siglip ? "pooler_output" : "image_embeds", OnnxGraph.FLOAT, "batch", 3);
        v.node("ReduceMean", "pixel_values", siglip ? "pooler_output" : "image_embeds",
                OnnxGraph.attrInts("axes", 2, 3), OnnxGraph.attrInt("keepdims", 0));
        v.write(dir.resolve("onnx/vision_model.onnx"));

        String out = siglip ? "pooler_output" : "text_embeds";
        OnnxGraph t = new OnnxGraph("text")
                .floats("table", table(siglip ? 0 : 5), 10, 3)
                .longs("sum_axes", new long[] {1}, 1)
                .longs("last", new long[] {-1}, 1);
        if (siglip) {
            t.input("input_ids", OnnxGraph.INT64, "batch", fixedLength);
        } else {
            t.input("input_ids", OnnxGraph.INT64, "batch", "sequence")
                    .input("attention_mask", OnnxGraph.INT64, "batch", "sequence");
        }
        t.output(out, OnnxGraph.FLOAT, "batch", 3);
        String vecs = t.tmp();
        t.node("Gather", new String[] {"table", "input_ids"}, new String[] {vecs}, OnnxGraph.attrInt("axis", 0));
        String summed = vecs;
        if (!siglip) {
            String maskF = t.tmp();
            String mask3 = t.tmp();
            summed = t.tmp();
            t.node("Cast", "attention_mask", maskF, OnnxGraph.attrInt("to", OnnxGraph.FLOAT));
            t.node("Unsqueeze", new String[] {maskF, "last"}, new String[] {mask3});
            t.node("Mul", new String[] {vecs, mask3}, new String[] {summed});
        }
        t.node("ReduceSum", new String[] {summed, "sum_axes"}, new String[] {out}, OnnxGraph.attrInt("keepdims", 0));
        t.write(dir.resolve("onnx/text_model.onnx"));

        Tokenizers.wordLevel(dir, VOCAB, "[unk]", "<s>", "</s>");
        Files.writeString(dir.resolve("config.json"), config);
        Files.writeString(dir.resolve("preprocessor_config.json"), PRE);
        return dir;
    }

    private static RgbImage solid(int rgb) {
        int[] px = new int[6 * 5];
        java.util.Arrays.fill(px, rgb);
        return new RgbImage(6, 5, px);
    }

    @Test
    void embeddingsAreNormalisedAndMatchTheRiggedVectors() throws IOException {
        try (ClipModel m = new ClipModel(ModelDirectory.open(model("clip", "{\"model_type\": \"clip\"}", false, 0)), CPU)) {
            assertFalse(m.isSiglip());
            float[] red = m.embedImage(solid(0xFF0000));
            assertArrayEquals(new float[] {1, 0, 0}, red, 1e-6f);
            float[] purple = m.embedImage(solid(0xFF00FF));
            assertEquals(Math.sqrt(0.5), purple[0], COS);
            float[][] texts = m.embedTexts(List.of("Red room", "green blue"));
            assertEquals(1 / Math.sqrt(1.25), texts[0][0], COS);
            assertEquals(0.5 / Math.sqrt(1.25), texts[0][1], COS);
            assertEquals(Math.sqrt(0.5), texts[1][2], COS);
            assertEquals(0.0, m.embedTexts(List.of()).length);
        }
    }

    @Test
    void clipPaddingIsMaskedSoBatchingDoesNotChangeEmbeddings() throws IOException {
        try (ClipModel m = new ClipModel(ModelDirectory.open(model("clip", "{\"model_type\": \"clip\"}", false, 0)), CPU)) {
            float[] alone = m.embedTexts(List.of("blue"))[0];
            float[] batched = m.embedTexts(List.of("blue", "red green blue room room room"))[0];
            assertArrayEquals(alone, batched, 1e-7f);
            assertArrayEquals(new float[] {0, 0, 1}, alone, 1e-7f);
        }
    }

    @Test
    void siglipPadsToTheFixedLengthAndTruncatesLongTexts() throws IOException {
        String config = "{\"model_type\": \"siglip\", \"text_config\": {\"max_position_embeddings\": 8, \"pad_token_id\": 0}}";
        try (ClipModel m = new ClipModel(ModelDirectory.open(model("siglip", config, true, 8)), CPU)) {
            assertTrue(m.isSiglip());
            // The graph only accepts 8 tokens: short texts must be padded...
            assertArrayEquals(new float[] {0, 1, 0}, m.embedTexts(List.of("green"))[0], 1e-7f);
            // ...long ones truncated: <s> + 6 words + </s>; "blue" is word 8 and is cut off.
            float[] e = m.embedTexts(List.of("red red red red red red red blue"))[0];
            assertArrayEquals(new float[] {1, 0, 0}, e, 1e-7f);
        }
    }

    @Test
    void filterKeepsImagesWhosePositivePromptWins() throws IOException {
        FilterPrompts prompts = new FilterPrompts(List.of("red room"), List.of("green screenshot", "blue painting"));
        try (ClipModel m = new ClipModel(ModelDirectory.open(model("clip", "{\"model_type\": \"clip\"}", false, 0)), CPU)) {
            ImageFilter f = new ImageFilter(m, prompts);
            ImageFilter.Decision red = f.decide(solid(0xFF0000));
            assertTrue(red.keep());
            assertEquals("red room", red.bestPrompt());
            assertEquals(1 / Math.sqrt(1.25), red.similarities()[0], COS);
            assertEquals(0.0, red.similarities()[1], COS);
            // Purple: cos to "red room" = 1 / sqrt(2 * 1.25) = 0.632 < cos to "blue painting" = 0.707.
            ImageFilter.Decision purple = f.decide(solid(0xFF00FF));
            assertFalse(purple.keep());
            assertEquals("blue painting", purple.bestPrompt());
            assertEquals(1 / Math.sqrt(2.5), purple.similarities()[0], COS);
            assertEquals(Math.sqrt(0.5), purple.similarities()[2], COS);
        }
    }

    @Test
    void similarityMatrixIsSymmetricWithUnitDiagonal() {
        float[][] rows = {{1, 0}, {0, 2}, {1, 1}};
        double[] s = ClipModel.similarityMatrix(rows);
        assertArrayEquals(new double[] {1, 0, Math.sqrt(0.5), 0, 1, Math.sqrt(0.5), Math.sqrt(0.5), Math.sqrt(0.5), 1}, s, COS);
        assertThrows(io.github.spatialvlm4j.geometry.ShapeMismatchException.class,
                () -> ClipModel.cosine(new float[2], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> ClipModel.cosine(new float[2], new float[] {1, 0}));
    }

    @Test
    void paperPromptsAreDistinctAndValidated() {
        FilterPrompts p = FilterPrompts.spatialVlm();
        assertEquals(2, p.positive().size());
        assertEquals(7, p.negative().size());
        assertEquals(9, p.all().stream().distinct().count());
        assertThrows(IllegalArgumentException.class, () -> new FilterPrompts(List.of(), List.of("x")));
        assertThrows(IllegalArgumentException.class, () -> new FilterPrompts(List.of(" "), List.of("x")));
    }

    @Test
    void missingTowerAndTokenizerAreNamed() throws IOException {
        Path dir = model("broken", "{\"model_type\": \"clip\"}", false, 0);
        Files.delete(dir.resolve("tokenizer.json"));
        ModelFormatException tok = assertThrows(ModelFormatException.class, () -> new ClipModel(ModelDirectory.open(dir), CPU));
        assertTrue(tok.getMessage().contains("tokenizer.json"), tok.getMessage());
        Files.delete(dir.resolve("onnx/text_model.onnx"));
        ModelFormatException tower = assertThrows(ModelFormatException.class, () -> new ClipModel(ModelDirectory.open(dir), CPU));
        assertTrue(tower.getMessage().contains("text_model.onnx"), tower.getMessage());
    }
}
