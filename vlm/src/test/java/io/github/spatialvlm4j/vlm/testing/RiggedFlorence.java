package io.github.spatialvlm4j.vlm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Florence-2 model directory of tiny graphs with the production names. The image decides the
 * first generated word (red -> "cat", green -> "dog"), then a fixed chain emits four location
 * tokens and EOS. The decoder checks its own inputs: a wrong {@code use_cache_branch}, a
 * cross-attention cache that is not the first step's, or a wrong encoder mask make it emit
 * {@code <pad>} instead.
 */
public final class RiggedFlorence {
    public static final List<String> VOCAB = List.of("<pad>", "<s>", "</s>", "<unk>", "cat", "<loc_250>", "<loc_100>",
            "<loc_750>", "<loc_900>", "dog");
    private static final int V = 10;
    private static final int EOS = 2;

    private RiggedFlorence() {
    }

    public static Path write(Path dir) throws IOException {
        // Vision: mean colour projected onto the vocabulary, one feature token.
        float[] proj = new float[3 * V];
        proj[4] = 1f; // red -> cat
        proj[V + 9] = 1f; // green -> dog
        OnnxGraph vision = new OnnxGraph("vision_encoder")
                .input("pixel_values", OnnxGraph.FLOAT, "batch_size", 3, "height", "width")
                .output("image_features", OnnxGraph.FLOAT, "batch_size", 1, V)
                .floats("proj", proj, 3, V)
                .longs("axes1", new long[] {1}, 1);
        String mean = vision.tmp();
        String p = vision.tmp();
        vision.node("ReduceMean", "pixel_values", mean, OnnxGraph.attrInts("axes", 2, 3), OnnxGraph.attrInt("keepdims", 0));
        vision.node("MatMul", new String[] {mean, "proj"}, new String[] {p});
        vision.node("Unsqueeze", new String[] {p, "axes1"}, new String[] {"image_features"});
        vision.write(dir.resolve("onnx/vision_encoder.onnx"));

        RiggedDecoder.embedTokens().write(dir.resolve("onnx/embed_tokens.onnx"));

        OnnxGraph enc = new OnnxGraph("encoder_model")
                .input("inputs_embeds", OnnxGraph.FLOAT, "batch_size", "encoder_sequence_length", V)
                .input("attention_mask", OnnxGraph.INT64, "batch_size", "encoder_sequence_length")
                .output("last_hidden_state", OnnxGraph.FLOAT, "batch_size", "encoder_sequence_length", V)
                .longs("last", new long[] {-1}, 1);
        String mf = enc.tmp();
        String m3 = enc.tmp();
        enc.node("Cast", "attention_mask", mf, OnnxGraph.attrInt("to", OnnxGraph.FLOAT));
        enc.node("Unsqueeze", new String[] {mf, "last"}, new String[] {m3});
        enc.node("Mul", new String[] {"inputs_embeds", m3}, new String[] {"last_hidden_state"});
        enc.write(dir.resolve("onnx/encoder_model.onnx"));

        decoder().write(dir.resolve("onnx/decoder_model_merged.onnx"));
        Tokenizers.wordLevel(dir, VOCAB, "<unk>", "<s>", "</s>");
        Files.writeString(dir.resolve("config.json"),
                "{\"model_type\": \"florence2\", \"decoder_start_token_id\": 2, \"eos_token_id\": 2}");
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": 2, \"max_new_tokens\": 20}");
        Files.writeString(dir.resolve("preprocessor_config.json"), """
                {"size": {"height": 4, "width": 4}, "resample": 3, "do_rescale": true, "do_normalize": false}""");
        return dir;
    }

    private static OnnxGraph decoder() {
        int[] next = {EOS, EOS, EOS, EOS, 5, 6, 7, 8, EOS, 5};
        float[] table = new float[V * V];
        for (int a = 0; a < V; a++) {
            if (a != EOS) {
                table[a * V + next[a]] = 10f;
            }
        }
        float[] wrong = new float[V];
        wrong[0] = 100f;
        OnnxGraph g = new OnnxGraph("decoder_model_merged")
                .input("inputs_embeds", OnnxGraph.FLOAT, "batch_size", "decoder_sequence_length", V)
                .input("encoder_hidden_states", OnnxGraph.FLOAT, "batch_size", "encoder_sequence_length", V)
                .input("encoder_attention_mask", OnnxGraph.INT64, "batch_size", "encoder_sequence_length")
                .input("past_key_values.0.decoder.key", OnnxGraph.FLOAT, "batch_size", 1, "past_decoder_sequence_length", 2)
                .input("past_key_values.0.decoder.value", OnnxGraph.FLOAT, "batch_size", 1, "past_decoder_sequence_length", 2)
                .input("past_key_values.0.encoder.key", OnnxGraph.FLOAT, "batch_size", 1, "encoder_sequence_length_out", 2)
                .input("past_key_values.0.encoder.value", OnnxGraph.FLOAT, "batch_size", 1, "encoder_sequence_length_out", 2)
                .input("use_cache_branch", OnnxGraph.BOOL, 1)
                .output("logits", OnnxGraph.FLOAT, "batch_size", "decoder_sequence_length", V)
                .output("present.0.decoder.key", OnnxGraph.FLOAT, "batch_size", 1, "present_decoder_sequence_length", 2)
                .output("present.0.decoder.value", OnnxGraph.FLOAT, "batch_size", 1, "present_decoder_sequence_length", 2)
                .output("present.0.encoder.key", OnnxGraph.FLOAT, "batch_size", 1, "encoder_sequence_length_out", 2)
                .output("present.0.encoder.value", OnnxGraph.FLOAT, "batch_size", 1, "encoder_sequence_length_out", 2)
                .floats("transition", table, V, V)
                .floats("wrong", wrong, V)
                .floats("twenty", new float[] {20f})
                .longs("axes13", new long[] {1, 3}, 2)
                .longs("axes1", new long[] {1}, 1)
                .longs("i0", new long[] {0})
                .longs("i1v", new long[] {1}, 1)
                .longs("i2v", new long[] {2}, 1)
                .longs("iLast", new long[] {-1})
                .longs("eos", new long[] {EOS})
                .longs("zero", new long[] {0})
                .longs("zeroV", new long[] {0}, 1)
                .longs("oneV", new long[] {1}, 1)
                .longs("vocab", new long[] {V}, 1);
        String tok = g.tmp();
        g.node("ArgMax", "inputs_embeds", tok, OnnxGraph.attrInt("axis", 2), OnnxGraph.attrInt("keepdims", 0));
        // Self-attention cache: token ids, growing.
        String tokF = g.tmp();
        String tok4 = g.tmp();
        String kv = g.tmp();
        g.node("Cast", tok, tokF, OnnxGraph.attrInt("to", OnnxGraph.FLOAT));
        g.node("Unsqueeze", new String[] {tokF, "axes13"}, new String[] {tok4});
        g.node("Concat", new String[] {tok4, tok4}, new String[] {kv}, OnnxGraph.attrInt("axis", 3));
        g.node("Concat", new String[] {"past_key_values.0.decoder.key", kv}, new String[] {"present.0.decoder.key"},
                OnnxGraph.attrInt("axis", 2));
        g.node("Concat", new String[] {"past_key_values.0.decoder.value", kv}, new String[] {"present.0.decoder.value"},
                OnnxGraph.attrInt("axis", 2));
        // Cross-attention cache: computed when use_cache_branch is false, empty otherwise.
        String ehs2 = g.tmp();
        String newEnc = g.tmp();
        String encShape = g.tmp();
        String encS = g.tmp();
        String useI = g.tmp();
        String notUse = g.tmp();
        String keep = g.tmp();
        g.node("Slice", new String[] {"encoder_hidden_states", "zeroV", "i2v", "i2v"}, new String[] {ehs2});
        g.node("Unsqueeze", new String[] {ehs2, "axes1"}, new String[] {newEnc});
        g.node("Shape", "encoder_hidden_states", encShape);
        g.node("Gather", new String[] {encShape, "i1v"}, new String[] {encS}, OnnxGraph.attrInt("axis", 0));
        g.node("Cast", "use_cache_branch", useI, OnnxGraph.attrInt("to", OnnxGraph.INT64));
        g.node("Sub", new String[] {"oneV", useI}, new String[] {notUse});
        g.node("Mul", new String[] {encS, notUse}, new String[] {keep});
        for (String kvName : new String[] {"key", "value"}) {
            String cat = g.tmp();
            g.node("Concat", new String[] {"past_key_values.0.encoder." + kvName, newEnc}, new String[] {cat},
                    OnnxGraph.attrInt("axis", 2));
            g.node("Slice", new String[] {cat, "zeroV", keep, "i2v"}, new String[] {"present.0.encoder." + kvName});
        }
        // Checks: branch = (decoder past > 0); encoder past = encS when using the cache; mask sums to encS.
        String decShape = g.tmp();
        String decPast = g.tmp();
        String hasPast = g.tmp();
        g.node("Shape", "past_key_values.0.decoder.key", decShape);
        g.node("Gather", new String[] {decShape, "i2v"}, new String[] {decPast}, OnnxGraph.attrInt("axis", 0));
        g.node("Greater", new String[] {decPast, "zero"}, new String[] {hasPast});
        String e1 = g.absDiff("use_cache_branch", hasPast);
        String pastEncShape = g.tmp();
        String pastEnc = g.tmp();
        String wantEnc = g.tmp();
        g.node("Shape", "past_key_values.0.encoder.key", pastEncShape);
        g.node("Gather", new String[] {pastEncShape, "i2v"}, new String[] {pastEnc}, OnnxGraph.attrInt("axis", 0));
        g.node("Mul", new String[] {encS, useI}, new String[] {wantEnc});
        String e2 = g.absDiff(pastEnc, wantEnc);
        String maskSum = g.tmp();
        g.node("ReduceSum", new String[] {"encoder_attention_mask"}, new String[] {maskSum}, OnnxGraph.attrInt("keepdims", 0));
        String e3 = g.absDiff(maskSum, encS);
        String e12 = g.tmp();
        String err = g.tmp();
        String penalty = g.tmp();
        g.node("Add", new String[] {e1, e2}, new String[] {e12});
        g.node("Add", new String[] {e12, e3}, new String[] {err});
        g.node("Mul", new String[] {err, "wrong"}, new String[] {penalty});
        // Logits: transition of the last token; after the start token, the image feature decides.
        String last = g.tmp();
        String row = g.tmp();
        String isStart = g.tmp();
        String isStartF = g.tmp();
        String isStart2 = g.tmp();
        String img = g.tmp();
        String img20 = g.tmp();
        String bias = g.tmp();
        String sum1 = g.tmp();
        String sum2 = g.tmp();
        String row3 = g.tmp();
        String tokShape = g.tmp();
        String outShape = g.tmp();
        g.node("Gather", new String[] {tok, "iLast"}, new String[] {last}, OnnxGraph.attrInt("axis", 1));
        g.node("Gather", new String[] {"transition", last}, new String[] {row}, OnnxGraph.attrInt("axis", 0));
        g.node("Equal", new String[] {last, "eos"}, new String[] {isStart});
        g.node("Cast", isStart, isStartF, OnnxGraph.attrInt("to", OnnxGraph.FLOAT));
        g.node("Unsqueeze", new String[] {isStartF, "axes1"}, new String[] {isStart2});
        g.node("Gather", new String[] {"encoder_hidden_states", "i0"}, new String[] {img}, OnnxGraph.attrInt("axis", 1));
        g.node("Mul", new String[] {img, "twenty"}, new String[] {img20});
        g.node("Mul", new String[] {img20, isStart2}, new String[] {bias});
        g.node("Add", new String[] {row, bias}, new String[] {sum1});
        g.node("Add", new String[] {sum1, penalty}, new String[] {sum2});
        g.node("Unsqueeze", new String[] {sum2, "axes1"}, new String[] {row3});
        g.node("Shape", tok, tokShape);
        g.node("Concat", new String[] {tokShape, "vocab"}, new String[] {outShape}, OnnxGraph.attrInt("axis", 0));
        g.node("Expand", new String[] {row3, outShape}, new String[] {"logits"});
        return g;
    }
}
