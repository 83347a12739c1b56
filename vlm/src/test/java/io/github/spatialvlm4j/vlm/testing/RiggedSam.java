package io.github.spatialvlm4j.vlm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SAM model directory of tiny graphs with the production names. On the 4x4 low-resolution
 * grid (cell centres at 2, 6, 10, 14 of the 16x16 padded frame) the correct candidate's logit
 * is min(X - x0, x1 - X, Y - y0, y1 - Y), the signed distance to the box edges; the two other
 * candidates are all-out and all-in, with lower predicted IoU. With corner-point prompts,
 * labels other than (2, 3) push every logit below zero.
 */
public final class RiggedSam {
    private static final String PRE = """
            {"size": {"longest_edge": 16}, "resample": 2, "do_rescale": true, "do_normalize": false,
             "do_pad": true, "pad_size": {"height": 16, "width": 16}}""";

    private RiggedSam() {
    }

    /** Writes the rigged SAM directory (box input, or corner points with labels when {@code points}). */
    public static Path write(Path dir, boolean points) throws IOException {
        OnnxGraph enc = new OnnxGraph("vision_encoder")
                .input("pixel_values", OnnxGraph.FLOAT, "batch_size", 3, "height", "width")
                .output("image_embeddings", OnnxGraph.FLOAT, "batch_size", 1, "height", "width")
                .output("image_positional_embeddings", OnnxGraph.FLOAT, "batch_size", 1, "height", "width");
        enc.node("ReduceMean", "pixel_values", "image_embeddings", OnnxGraph.attrInts("axes", 1), OnnxGraph.attrInt("keepdims", 1));
        enc.node("Identity", "image_embeddings", "image_positional_embeddings");
        enc.write(dir.resolve("onnx/vision_encoder.onnx"));

        float[] xs = new float[16];
        float[] ys = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                xs[y * 4 + x] = 4 * x + 2;
                ys[y * 4 + x] = 4 * y + 2;
            }
        }
        OnnxGraph dec = new OnnxGraph("prompt_encoder_mask_decoder")
                .input("image_embeddings", OnnxGraph.FLOAT, "batch_size", 1, "h", "w")
                .input("image_positional_embeddings", OnnxGraph.FLOAT, "batch_size", 1, "h", "w")
                .output("iou_scores", OnnxGraph.FLOAT, "batch_size", "point_batch_size", 3)
                .output("pred_masks", OnnxGraph.FLOAT, "batch_size", "point_batch_size", 3, 4, 4)
                .floats("X", xs, 1, 1, 1, 4, 4)
                .floats("Y", ys, 1, 1, 1, 4, 4)
                .floats("hundred", new float[] {100f})
                .floats("iou", new float[] {0.2f, 0.9f, 0.1f}, 3)
                .longs("axes234", new long[] {2, 3, 4}, 3)
                .longs("boxShape", new long[] {0, 0, 4}, 3)
                .longs("three", new long[] {3}, 1)
                .longs("s0", new long[] {0}, 1)
                .longs("s2", new long[] {2}, 1);
        String boxes = "input_boxes";
        String penalty = null;
        if (points) {
            dec.input("input_points", OnnxGraph.FLOAT, "batch_size", "point_batch_size", 2, 2)
                    .input("input_labels", OnnxGraph.INT64, "batch_size", "point_batch_size", 2)
                    .floats("cornerLabels", new float[] {2, 3}, 2)
                    .floats("thousand", new float[] {1000f});
            boxes = dec.tmp();
            dec.node("Reshape", new String[] {"input_points", "boxShape"}, new String[] {boxes});
            // Wrong corner labels push every logit far below zero.
            String lf = dec.tmp();
            String dl = dec.tmp();
            String al = dec.tmp();
            String err = dec.tmp();
            penalty = dec.tmp();
            dec.node("Cast", "input_labels", lf, OnnxGraph.attrInt("to", OnnxGraph.FLOAT));
            dec.node("Sub", new String[] {lf, "cornerLabels"}, new String[] {dl});
            dec.node("Abs", dl, al);
            dec.node("ReduceSum", new String[] {al}, new String[] {err}, OnnxGraph.attrInt("keepdims", 0));
            dec.node("Mul", new String[] {err, "thousand"}, new String[] {penalty});
        } else {
            dec.input("input_boxes", OnnxGraph.FLOAT, "batch_size", "point_batch_size", 4);
        }
        String[] c = new String[4];
        for (int i = 0; i < 4; i++) {
            String idx = "idx" + i;
            dec.longs(idx, new long[] {i});
            String g = dec.tmp();
            c[i] = dec.tmp();
            dec.node("Gather", new String[] {boxes, idx}, new String[] {g}, OnnxGraph.attrInt("axis", 2));
            dec.node("Unsqueeze", new String[] {g, "axes234"}, new String[] {c[i]});
        }
        String a = dec.tmp();
        String b = dec.tmp();
        String cc = dec.tmp();
        String d = dec.tmp();
        String m = dec.tmp();
        dec.node("Sub", new String[] {"X", c[0]}, new String[] {a});
        dec.node("Sub", new String[] {c[2], "X"}, new String[] {b});
        dec.node("Sub", new String[] {"Y", c[1]}, new String[] {cc});
        dec.node("Sub", new String[] {c[3], "Y"}, new String[] {d});
        dec.node("Min", new String[] {a, b, cc, d}, new String[] {m});
        if (penalty != null) {
            String mp = dec.tmp();
            dec.node("Sub", new String[] {m, penalty}, new String[] {mp});
            m = mp;
        }
        String out = dec.tmp();
        String in = dec.tmp();
        dec.node("Sub", new String[] {m, "hundred"}, new String[] {out});
        dec.node("Add", new String[] {m, "hundred"}, new String[] {in});
        dec.node("Concat", new String[] {out, m, in}, new String[] {"pred_masks"}, OnnxGraph.attrInt("axis", 2));
        String shape = dec.tmp();
        String head = dec.tmp();
        String iouShape = dec.tmp();
        dec.node("Shape", boxes, shape);
        dec.node("Slice", new String[] {shape, "s0", "s2"}, new String[] {head});
        dec.node("Concat", new String[] {head, "three"}, new String[] {iouShape}, OnnxGraph.attrInt("axis", 0));
        dec.node("Expand", new String[] {"iou", iouShape}, new String[] {"iou_scores"});
        dec.write(dir.resolve("onnx/prompt_encoder_mask_decoder.onnx"));
        Files.writeString(dir.resolve("preprocessor_config.json"), PRE);
        return dir;
    }
}
