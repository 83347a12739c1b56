package io.github.spatialvlm4j.vlm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A SmolVLM model directory of tiny graphs with the production names: 8x8 tiles, 4 image
 * tokens per frame, each frame's features vote with its mean red and green; the decoder
 * answers "red" or "green" by the vote summed over the spliced prompt, then stops.
 */
public final class RiggedSmolVlm {
    public static final List<String> VOCAB = List.of("<pad>", "<|im_start|>", "<end_of_utterance>", "<unk>", "<image>",
            "<fake_token_around_image>", "<global-img>", "red", "green", "<row_1_col_1>", "<row_1_col_2>", "<wrong>");
    private static final int V = 12;
    private static final int EOS = 2;

    private RiggedSmolVlm() {
    }

    public static Path write(Path dir, int imageTokenId) throws IOException {
        int hidden = V + 2;
        float[] proj = new float[3 * hidden];
        proj[V] = 1f; // red -> vote column 0
        proj[hidden + V + 1] = 1f; // green -> vote column 1
        OnnxGraph vision = new OnnxGraph("vision_encoder")
                .input("pixel_values", OnnxGraph.FLOAT, "batch_size", "num_images", 3, "height", "width")
                .input("pixel_attention_mask", OnnxGraph.BOOL, "batch_size", "num_images", "height", "width")
                .output("image_features", OnnxGraph.FLOAT, "num_images_total", 4, hidden)
                .floats("proj", proj, 3, hidden)
                .longs("flat", new long[] {-1, 1, hidden}, 3)
                .longs("reps", new long[] {1, 4, 1}, 3);
        String mean = vision.tmp();
        String p = vision.tmp();
        String r = vision.tmp();
        vision.node("ReduceMean", "pixel_values", mean, OnnxGraph.attrInts("axes", 3, 4), OnnxGraph.attrInt("keepdims", 0));
        vision.node("MatMul", new String[] {mean, "proj"}, new String[] {p});
        vision.node("Reshape", new String[] {p, "flat"}, new String[] {r});
        vision.node("Tile", new String[] {r, "reps"}, new String[] {"image_features"});
        vision.write(dir.resolve("onnx/vision_encoder.onnx"));

        RiggedDecoder.embedTokens(V, 2).write(dir.resolve("onnx/embed_tokens.onnx"));
        int[] next = new int[V];
        java.util.Arrays.fill(next, EOS);
        RiggedDecoder.build(next, true, false, new int[] {7, 8}).write(dir.resolve("onnx/decoder_model_merged.onnx"));

        Tokenizers.wordLevel(dir, VOCAB, "<unk>", null, null, List.of("<|im_start|>", "<end_of_utterance>", "<image>",
                "<fake_token_around_image>", "<global-img>", "<row_1_col_1>", "<row_1_col_2>"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"idefics3\", \"image_token_id\": " + imageTokenId
                + ", \"scale_factor\": 2, \"vision_config\": {\"image_size\": 8, \"patch_size\": 2}}");
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": 2, \"max_new_tokens\": 10}");
        Files.writeString(dir.resolve("preprocessor_config.json"), """
                {"size": {"longest_edge": 16}, "max_image_size": {"longest_edge": 8}, "do_image_splitting": true,
                 "resample": 0, "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": false}""");
        return dir;
    }
}
