package io.github.spatialvlm4j.vlm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CLIP/SigLIP model directory of tiny towers with the production names: the image embedding is
 * the mean preprocessed RGB colour (3 values); a text embedding is the sum of per-word 3-vectors
 * (a word-level tokenizer, lower-cased, split on whitespace), so every cosine is known in closed
 * form. CLIP towers mask padding with {@code attention_mask}; SigLIP towers take fixed-length ids.
 */
public final class RiggedClip {
    /** 4x4 after a shortest-edge resize and centre crop, rescaled to [0, 1], not normalised. */
    public static final String PREPROCESSOR = """
            {"size": {"shortest_edge": 4}, "do_center_crop": true, "crop_size": 4, "resample": 3,
             "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": false}""";

    private RiggedClip() {
    }

    /**
     * Writes the directory.
     *
     * @param words       the vocabulary (id = index); must hold {@code unk}, {@code bos} and {@code eos}
     * @param vectors     {@code vectors[3 i .. 3 i + 2]}: the vector of word {@code i}
     * @param siglip      SigLIP layout ({@code pooler_output}, fixed length, no mask) instead of CLIP
     * @param fixedLength SigLIP's text length (ignored for CLIP)
     * @param configJson  the {@code config.json} text
     */
    public static Path write(Path dir, List<String> words, float[] vectors, String unk, String bos, String eos,
                             boolean siglip, int fixedLength, String configJson) throws IOException {
        if (vectors.length != 3 * words.size()) {
            throw new IllegalArgumentException("Need 3 values per word: " + vectors.length + " for " + words.size());
        }
        OnnxGraph v = new OnnxGraph("vision")
                .input("pixel_values", OnnxGraph.FLOAT, "batch", 3, "height", "width")
                .output(siglip ? "pooler_output" : "image_embeds", OnnxGraph.FLOAT, "batch", 3);
        v.node("ReduceMean", "pixel_values", siglip ? "pooler_output" : "image_embeds",
                OnnxGraph.attrInts("axes", 2, 3), OnnxGraph.attrInt("keepdims", 0));
        v.write(dir.resolve("onnx/vision_model.onnx"));

        String out = siglip ? "pooler_output" : "text_embeds";
        OnnxGraph t = new OnnxGraph("text")
                .floats("table", vectors, words.size(), 3)
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

        Tokenizers.wordLevel(dir, words, unk, bos, eos);
        Files.writeString(dir.resolve("config.json"), configJson);
        Files.writeString(dir.resolve("preprocessor_config.json"), PREPROCESSOR);
        return dir;
    }
}
