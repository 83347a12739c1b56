package io.github.spatialvlm4j.vlm.testing;

/**
 * A tiny depth "network" with the production tensor names: {@code pixel_values [batch, 3, height,
 * width]} in, depth = mean over the three channels of the preprocessed pixel x gain + offset out, so
 * every expected depth map is worked out by hand from the image colours.
 */
public final class RiggedDepth {
    private RiggedDepth() {
    }

    /**
     * The graph.
     *
     * @param depthName   the depth output's name, e.g. {@code predicted_depth}
     * @param keepChannel output {@code [batch, 1, height, width]} instead of {@code [batch, height, width]}
     * @param constants   extra constant scalar outputs as name/value ({@code Float}) pairs, e.g. a focal length
     */
    public static OnnxGraph graph(String depthName, float gain, float offset, boolean keepChannel, Object... constants) {
        OnnxGraph g = new OnnxGraph("depth")
                .input("pixel_values", OnnxGraph.FLOAT, "batch", 3, "height", "width")
                .floats("gain", new float[] {gain})
                .floats("offset", new float[] {offset})
                .longs("axes", new long[] {1}, 1);
        if (keepChannel) {
            g.output(depthName, OnnxGraph.FLOAT, "batch", 1, "height", "width");
        } else {
            g.output(depthName, OnnxGraph.FLOAT, "batch", "height", "width");
        }
        String mean = g.tmp();
        String scaled = g.tmp();
        g.node("ReduceMean", "pixel_values", mean, OnnxGraph.attrInts("axes", 1), OnnxGraph.attrInt("keepdims", keepChannel ? 1 : 0));
        g.node("Mul", new String[] {mean, "gain"}, new String[] {scaled});
        g.node("Add", new String[] {scaled, "offset"}, new String[] {depthName});
        for (int i = 0; i < constants.length; i += 2) {
            String name = (String) constants[i];
            float v = (Float) constants[i + 1];
            g.output(name, OnnxGraph.FLOAT, 1);
            g.node("Constant", new String[0], new String[] {name}, OnnxGraph.attrFloatTensor("value", new float[] {v}, 1));
        }
        return g;
    }
}
