package io.github.spatialvlm4j.vlm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Qwen2-VL model directory of tiny graphs with the production names: 2-pixel patches, 2
 * frames in time, 2x2 merge, so an 8x8 image gives 16 patches of 24 values and 4 image tokens.
 * Each merged token votes with the mean red and green of its 4 patches; the decoder answers
 * "red" or "green" by the vote, and checks that generated tokens continue the M-RoPE positions.
 */
public final class RiggedQwen2Vl {
    public static final List<String> VOCAB = List.of("<pad>", "<|im_start|>", "<|im_end|>", "<unk>", "<|image_pad|>",
            "<|vision_start|>", "<|vision_end|>", "red", "green", "<wrong>");
    private static final int V = 10;
    private static final int EOS = 2;

    private RiggedQwen2Vl() {
    }

    public static Path write(Path dir) throws IOException {
        int hidden = V + 2;
        int dim = 3 * 2 * 2 * 2;
        float[] proj = new float[dim * hidden];
        for (int k = 0; k < 8; k++) {
            proj[k * hidden + V] = 1f / 8; // red values -> vote column 0
            proj[(8 + k) * hidden + V + 1] = 1f / 8; // green values -> vote column 1
        }
        OnnxGraph vision = new OnnxGraph("vision_encoder")
                .input("pixel_values", OnnxGraph.FLOAT, "num_patches", dim)
                .input("grid_thw", OnnxGraph.INT64, "num_images", 3)
                .output("image_features", OnnxGraph.FLOAT, "num_tokens", hidden)
                .floats("proj", proj, dim, hidden)
                .longs("groups", new long[] {-1, 4, dim}, 3)
                .longs("axes1", new long[] {1}, 1);
        String grouped = vision.tmp();
        String mean = vision.tmp();
        vision.node("Reshape", new String[] {"pixel_values", "groups"}, new String[] {grouped});
        vision.node("ReduceMean", new String[] {grouped}, new String[] {mean}, OnnxGraph.attrInts("axes", 1),
                OnnxGraph.attrInt("keepdims", 0));
        vision.node("MatMul", new String[] {mean, "proj"}, new String[] {"image_features"});
        vision.write(dir.resolve("onnx/vision_encoder.onnx"));

        RiggedDecoder.embedTokens(V, 2).write(dir.resolve("onnx/embed_tokens.onnx"));
        int[] next = new int[V];
        java.util.Arrays.fill(next, EOS);
        next[7] = 8; // red -> green -> EOS: two tokens, so one generated step checks the positions
        RiggedDecoder.build(next, true, true, new int[] {7, 8}, true).write(dir.resolve("onnx/decoder_model_merged.onnx"));

        Tokenizers.wordLevel(dir, VOCAB, "<unk>", null, null, List.of("<|im_start|>", "<|im_end|>", "<|image_pad|>",
                "<|vision_start|>", "<|vision_end|>"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"qwen2_vl\", \"image_token_id\": 4}");
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [2], \"max_new_tokens\": 10}");
        Files.writeString(dir.resolve("preprocessor_config.json"), """
                {"min_pixels": 16, "max_pixels": 4096, "patch_size": 2, "temporal_patch_size": 2, "merge_size": 2,
                 "resample": 0, "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": false}""");
        return dir;
    }
}
