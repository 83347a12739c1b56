package io.github.spatialvlm4j.vlm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tiny single-stage detector graphs with the production tensor names and shapes, whose output is
 * known by hand: every prediction row is zero except the anchors given, and a probe adds one input
 * tensor value (times a scale) to one output cell, so that tests see what the letterbox put where
 * (channel order, padding, placement).
 *
 * <pre>
 * YOLOX        images [1, 3, H, W] -> output [1, N, 5 + C]        (N = sum over strides of H/s x W/s)
 * Ultralytics  images [1, 3, H, W] -> output0 [1, 4 + C + M, N] (+ output1 prototypes [1, M, h, w])
 * </pre>
 * Rows and columns are built with {@code Pad} from one-anchor constants, so the graphs stay small.
 */
public final class RiggedYolo {
    private RiggedYolo() {
    }

    /** One non-zero prediction: {@code values} are the anchor's whole row (YOLOX) or column (Ultralytics). */
    public record Anchor(int index, float[] values) {
    }

    /**
     * Adds {@code images[0, channel, y, x] x scale} to output cell ({@code anchor}, {@code field}).
     */
    public record Probe(int anchor, int field, int channel, int y, int x, float scale) {
    }

    /** A YOLOX anchor row: raw (tx, ty, tw, th), objectness, and one class score, others 0. */
    public static Anchor yolox(int index, int classes, float tx, float ty, float tw, float th, float objectness,
                               int classId, float classScore) {
        float[] row = new float[5 + classes];
        row[0] = tx;
        row[1] = ty;
        row[2] = tw;
        row[3] = th;
        row[4] = objectness;
        row[5 + classId] = classScore;
        return new Anchor(index, row);
    }

    /**
     * The YOLOX graph.
     *
     * @param anchors number of anchors N
     * @param columns 5 + number of classes
     */
    public static OnnxGraph yoloxGraph(int height, int width, int anchors, int columns, List<Anchor> rows,
                                       List<Probe> probes) {
        OnnxGraph g = new OnnxGraph("yolox")
                .input("images", OnnxGraph.FLOAT, 1, 3, height, width)
                .output("output", OnnxGraph.FLOAT, 1, anchors, columns);
        List<String> terms = new ArrayList<>();
        for (Anchor a : rows) {
            String c = g.tmp();
            g.floats(c, a.values(), 1, 1, columns);
            terms.add(pad(g, c, new long[] {0, a.index(), 0, 0, anchors - 1 - a.index(), 0}));
        }
        for (Probe p : probes) {
            String value = probe(g, p, new long[] {1, 1, 1});
            terms.add(pad(g, value, new long[] {0, p.anchor(), p.field(), 0, anchors - 1 - p.anchor(),
                columns - 1 - p.field()}));
        }
        sum(g, terms, "output", new long[] {1, anchors, columns});
        return g;
    }

    /**
     * The Ultralytics graph ({@code output0}, and {@code output1} when {@code prototypes} is not null).
     *
     * @param rows       4 + classes + mask coefficients
     * @param prototypes {@code [M * h * w]} prototype values, or null for a detect export
     */
    public static OnnxGraph ultralyticsGraph(int height, int width, int anchors, int rows, List<Anchor> columns,
                                             List<Probe> probes, float[] prototypes, int protoCount, int protoH,
                                             int protoW) {
        OnnxGraph g = new OnnxGraph("ultralytics")
                .input("images", OnnxGraph.FLOAT, 1, 3, height, width)
                .output("output0", OnnxGraph.FLOAT, 1, rows, anchors);
        List<String> terms = new ArrayList<>();
        for (Anchor a : columns) {
            String c = g.tmp();
            g.floats(c, a.values(), 1, rows, 1);
            terms.add(pad(g, c, new long[] {0, 0, a.index(), 0, 0, anchors - 1 - a.index()}));
        }
        for (Probe p : probes) {
            String value = probe(g, p, new long[] {1, 1, 1});
            terms.add(pad(g, value, new long[] {0, p.field(), p.anchor(), 0, rows - 1 - p.field(),
                anchors - 1 - p.anchor()}));
        }
        sum(g, terms, "output0", new long[] {1, rows, anchors});
        if (prototypes != null) {
            g.output("output1", OnnxGraph.FLOAT, 1, protoCount, protoH, protoW);
            g.floats("prototypes", prototypes, 1, protoCount, protoH, protoW);
            g.node("Identity", "prototypes", "output1");
        }
        return g;
    }

    private static String probe(OnnxGraph g, Probe p, long[] shape) {
        String starts = g.tmp();
        String ends = g.tmp();
        String shapeName = g.tmp();
        String scale = g.tmp();
        g.longs(starts, new long[] {0, p.channel(), p.y(), p.x()}, 4);
        g.longs(ends, new long[] {1, p.channel() + 1, p.y() + 1, p.x() + 1}, 4);
        g.longs(shapeName, shape, shape.length);
        g.floats(scale, new float[] {p.scale()}, 1);
        String sliced = g.tmp();
        String reshaped = g.tmp();
        String scaled = g.tmp();
        g.node("Slice", new String[] {"images", starts, ends}, new String[] {sliced});
        g.node("Reshape", new String[] {sliced, shapeName}, new String[] {reshaped});
        g.node("Mul", new String[] {reshaped, scale}, new String[] {scaled});
        return scaled;
    }

    private static String pad(OnnxGraph g, String input, long[] pads) {
        String padsName = g.tmp();
        g.longs(padsName, pads, pads.length);
        String out = g.tmp();
        g.node("Pad", new String[] {input, padsName}, new String[] {out});
        return out;
    }

    private static void sum(OnnxGraph g, List<String> terms, String output, long[] shape) {
        if (terms.isEmpty()) {
            String zeros = g.tmp();
            g.floats(zeros, new float[(int) (shape[0] * shape[1] * shape[2])], shape);
            terms = List.of(zeros);
        }
        String acc = terms.get(0);
        for (String t : terms.subList(1, terms.size())) {
            String next = g.tmp();
            g.node("Add", new String[] {acc, t}, new String[] {next});
            acc = next;
        }
        g.node("Identity", acc, output);
    }

    /**
     * {@code config.json} of a detector: model type, square input, classes named {@code names} then
     * "class K", and the given score threshold, NMS IoU and maximum.
     */
    public static String config(String modelType, int height, int width, int classes, List<String> names,
                                double score, double iou, int max) {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < classes; i++) {
            String name = i < names.size() ? names.get(i) : "class " + i;
            labels.append(i == 0 ? "" : ", ").append('"').append(i).append("\": \"").append(name).append('"');
        }
        return String.format(Locale.ROOT, "{\"model_type\": \"%s\", \"input_size\": {\"height\": %d, \"width\": %d},"
                + " \"id2label\": {%s}, \"score_threshold\": %s, \"nms_iou\": %s, \"max_detections\": %d}",
                modelType, height, width, labels, score, iou, max);
    }

    /** Writes {@code dir/onnx/model.onnx} and {@code dir/config.json}. */
    public static Path write(Path dir, OnnxGraph graph, String configJson) throws IOException {
        graph.write(dir.resolve("onnx").resolve("model.onnx"));
        Files.writeString(dir.resolve("config.json"), configJson);
        return dir;
    }
}
