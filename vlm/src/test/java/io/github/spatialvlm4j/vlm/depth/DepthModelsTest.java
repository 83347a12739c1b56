package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.ModelDirs;
import io.github.spatialvlm4j.vlm.testing.OnnxGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the real depth adapters on tiny graphs with the production tensor names: the "network"
 * computes depth = mean over RGB of the rescaled pixel * gain + offset, so every expected map
 * is worked out by hand.
 */
class DepthModelsTest {
    private static final float M = 1e-5f;
    private static final SessionSettings CPU = SessionSettings.cpu(1);
    /** 4x4 up to 8x8 with nearest neighbour, rescale to [0, 1], no normalisation. */
    private static final String PRE_8X8 = """
            {"do_resize": true, "size": {"height": 8, "width": 8}, "resample": 0,
             "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": false}""";

    @TempDir
    Path root;

    /** pixel_values [batch,3,height,width] -> depth output; extra constant outputs as name/value pairs. */
    private static OnnxGraph depthGraph(String depthName, float gain, float offset, boolean keepChannel,
                                        Object... constants) {
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

    private static int gray(int v) {
        return (v << 16) | (v << 8) | v;
    }

    /** 4x4: the left two columns gray 51 (0.2), the right two gray 255 (1.0). */
    private static RgbImage halves() {
        int[] px = new int[16];
        for (int i = 0; i < 16; i++) {
            px[i] = gray(i % 4 < 2 ? 51 : 255);
        }
        return new RgbImage(4, 4, px);
    }

    private static RgbImage constant(int w, int h, int v) {
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, gray(v));
        return new RgbImage(w, h, px);
    }

    private ModelDirectory dir(String name, OnnxGraph g, String config, String pre) throws IOException {
        return ModelDirectory.open(ModelDirs.create(root, name, "model", g, config, pre));
    }

    @Test
    void depthAnythingReturnsTheKnownMapAtInputResolution() throws IOException {
        // Network depth = 10 * gray + 1: 3 m (left) and 11 m (right) on the 8x8 grid. Shrinking
        // 8 -> 4 bilinearly mixes columns with weights 1/8, 3/8, 3/8, 1/8: 3, 4, 10, 11 m; then
        // max_depth 8 clamps.
        ModelDirectory d = dir("dav2", depthGraph("predicted_depth", 10f, 1f, false),
                "{\"model_type\": \"depth_anything\", \"depth_estimation_type\": \"metric\", \"max_depth\": 8}", PRE_8X8);
        try (MetricDepthModel m = MetricDepthModels.open(d, CPU)) {
            assertEquals(DepthFamily.DEPTH_ANYTHING_V2_METRIC, m.family());
            DepthEstimate e = m.estimate(halves(), Optional.empty());
            DepthMap map = e.depth();
            assertEquals(4, map.width());
            assertEquals(4, map.height());
            float[] row = {3f, 4f, 8f, 8f};
            for (int v = 0; v < 4; v++) {
                for (int u = 0; u < 4; u++) {
                    assertEquals(row[u], map.get(u, v), M, "u=" + u + " v=" + v);
                }
            }
            assertEquals(DepthEstimate.IntrinsicsSource.NONE, e.intrinsicsSource());
            assertTrue(e.intrinsics().isEmpty());
            assertEquals(8.0, ((DepthAnythingV2Metric) m).maxDepth());
        }
    }

    @Test
    void paddingIsCroppedAwayAndChannelAxisAccepted() throws IOException {
        // No resize; pad 3x2 to 4x4. Depth = 255 * mean = the gray level; padding would read 0.
        String pre = """
                {"do_resize": false, "do_rescale": true, "do_pad": true, "pad_size": {"height": 4, "width": 4}}""";
        ModelDirectory d = dir("padded", depthGraph("predicted_depth", 255f, 0f, true),
                "{\"model_type\": \"depth_anything\", \"depth_estimation_type\": \"metric\", \"max_depth\": 80}", pre);
        int[] px = {gray(10), gray(20), gray(30), gray(40), gray(50), gray(60)};
        CameraIntrinsics k = new CameraIntrinsics(5, 5, 1, 0.5, 3, 2);
        try (MetricDepthModel m = new DepthAnythingV2Metric(d, CPU)) {
            DepthEstimate e = m.estimate(new RgbImage(3, 2, px), Optional.of(k));
            assertArrayEquals(new float[] {10, 20, 30, 40, 50, 60}, e.depth().meters(), 1e-4f);
            assertEquals(Optional.of(k), e.intrinsics());
            assertEquals(DepthEstimate.IntrinsicsSource.GIVEN, e.intrinsicsSource());
            assertThrows(ShapeMismatchException.class,
                    () -> m.estimate(constant(4, 4, 1), Optional.of(k)));
        }
    }

    @Test
    void relativeCheckpointsAndMissingFilesAreRejectedByName() throws IOException {
        ModelDirectory rel = dir("relative", depthGraph("predicted_depth", 1f, 0f, false),
                "{\"model_type\": \"depth_anything\"}", PRE_8X8);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> MetricDepthModels.open(rel, CPU));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("relative"), e.getMessage());

        ModelDirectory noPre = dir("nopre", depthGraph("predicted_depth", 1f, 0f, false),
                "{\"model_type\": \"depth_anything\", \"depth_estimation_type\": \"metric\", \"max_depth\": 20}", null);
        ModelFormatException p = assertThrows(ModelFormatException.class, () -> MetricDepthModels.open(noPre, CPU));
        assertTrue(p.getMessage().contains("preprocessor_config.json"), p.getMessage());

        ModelDirectory wrongName = dir("wrongname", depthGraph("logits", 1f, 0f, false),
                "{\"model_type\": \"depth_anything\", \"depth_estimation_type\": \"metric\", \"max_depth\": 20}", PRE_8X8);
        ModelFormatException n = assertThrows(ModelFormatException.class, () -> MetricDepthModels.open(wrongName, CPU));
        assertTrue(n.getMessage().contains("predicted_depth") && n.getMessage().contains("[logits]"), n.getMessage());

        ModelDirectory unknown = dir("unknown", depthGraph("predicted_depth", 1f, 0f, false),
                "{\"model_type\": \"glpn\"}", PRE_8X8);
        ModelFormatException u = assertThrows(ModelFormatException.class, () -> MetricDepthModels.open(unknown, CPU));
        assertTrue(u.getMessage().contains("glpn"), u.getMessage());
    }

    @Test
    void depthProFocalLengthBecomesIntrinsics() throws IOException {
        // Depth = 10 * 0.2 = 2 m; focal 6 px at the 8-px-wide network input = 3 px at the 4-px source.
        ModelDirectory d = dir("depthpro", depthGraph("predicted_depth", 10f, 0f, false, "focallength_px", 6f),
                "{\"model_type\": \"depth_pro\"}", PRE_8X8);
        try (MetricDepthModel m = MetricDepthModels.open(d, CPU)) {
            assertEquals(DepthFamily.DEPTH_PRO, m.family());
            DepthEstimate e = m.estimate(constant(4, 4, 51), Optional.empty());
            for (float z : e.depth().meters()) {
                assertEquals(2f, z, M);
            }
            assertEquals(DepthEstimate.IntrinsicsSource.ESTIMATED, e.intrinsicsSource());
            CameraIntrinsics k = e.intrinsics().orElseThrow();
            assertEquals(3.0, k.fx(), 1e-9);
            assertEquals(3.0, k.fy(), 1e-9);
            assertEquals(1.5, k.cx(), 1e-9);
            assertEquals(1.5, k.cy(), 1e-9);
            // A known focal length twice the estimate doubles the depth (depth scales with f).
            CameraIntrinsics given = new CameraIntrinsics(6, 6, 1.5, 1.5, 4, 4);
            DepthEstimate g = m.estimate(constant(4, 4, 51), Optional.of(given));
            assertEquals(4f, g.depth().get(2, 3), M);
            assertEquals(Optional.of(given), g.intrinsics());
        }
    }

    @Test
    void depthProFieldOfViewExportInvertsCanonicalInverseDepth() throws IOException {
        // Canonical inverse depth 0.2; fov 90 deg on a 4-px-wide image gives f = 2 px;
        // inverse depth = 0.2 * 4 / 2 = 0.4, depth = 2.5 m.
        ModelDirectory d = dir("depthpro-hf", depthGraph("predicted_depth", 1f, 0f, false, "field_of_view", 90f),
                "{\"model_type\": \"depth_pro\"}", PRE_8X8);
        try (MetricDepthModel m = MetricDepthModels.open(d, CPU)) {
            DepthEstimate e = m.estimate(constant(4, 4, 51), Optional.empty());
            assertEquals(2.5f, e.depth().get(0, 0), M);
            assertEquals(2.5f, e.depth().get(3, 3), M);
            assertEquals(2.0, e.intrinsics().orElseThrow().fx(), 1e-9);
            // Black pixels have zero inverse depth: clamped at 1e-4, so 10 km.
            assertEquals((float) DepthPro.MAX_DEPTH, m.estimate(constant(4, 4, 0), Optional.empty()).depth().get(1, 1), 1e-2f);
        }
    }

    @Test
    void depthProWithoutFocalOutputIsRejected() throws IOException {
        ModelDirectory d = dir("nofocal", depthGraph("predicted_depth", 1f, 0f, false),
                "{\"model_type\": \"depth_pro\"}", PRE_8X8);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> MetricDepthModels.open(d, CPU));
        assertTrue(e.getMessage().contains("focallength_px") && e.getMessage().contains("[predicted_depth]"), e.getMessage());
    }

    @Test
    void metric3dRescalesCanonicalDepthByFocalLength() throws IOException {
        // Canonical depth 10 * 0.2 = 2 m for f = 1000 px. fx 250 px at the 4-px source is 500 px at
        // the 8-px network input: depth = 2 * 500 / 1000 = 1 m.
        ModelDirectory d = dir("metric3d", depthGraph("predicted_depth", 10f, 0f, false),
                "{\"model_type\": \"metric3d_v2\"}", PRE_8X8);
        try (MetricDepthModel m = MetricDepthModels.open(d, CPU)) {
            assertEquals(DepthFamily.METRIC3D_V2, m.family());
            CameraIntrinsics k = new CameraIntrinsics(250, 250, 1.5, 1.5, 4, 4);
            DepthEstimate e = m.estimate(constant(4, 4, 51), Optional.of(k));
            for (float z : e.depth().meters()) {
                assertEquals(1f, z, M);
            }
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> m.estimate(constant(4, 4, 51), Optional.empty()));
            assertTrue(none.getMessage().contains("intrinsics"), none.getMessage());
        }
    }

    @Test
    void negativeDepthBecomesInvalid() throws IOException {
        ModelDirectory d = dir("negative", depthGraph("predicted_depth", 10f, -5f, false),
                "{\"model_type\": \"depth_anything\", \"depth_estimation_type\": \"metric\", \"max_depth\": 20}", PRE_8X8);
        try (MetricDepthModel m = MetricDepthModels.open(d, CPU)) {
            DepthMap map = m.estimate(halves(), Optional.empty()).depth();
            assertEquals(DepthMap.INVALID, map.get(0, 0));
            assertEquals(5f, map.get(3, 0), M);
            assertEquals(8, map.validCount());
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        ModelDirectory d = dir("closing", depthGraph("predicted_depth", 1f, 0f, false),
                "{\"model_type\": \"depth_anything\", \"depth_estimation_type\": \"metric\", \"max_depth\": 20}", PRE_8X8);
        MetricDepthModel m = MetricDepthModels.open(d, CPU);
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, () -> m.estimate(halves(), Optional.empty()));
    }
}
