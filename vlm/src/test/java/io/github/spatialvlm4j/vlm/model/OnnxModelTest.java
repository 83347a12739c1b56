package io.github.spatialvlm4j.vlm.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.vlm.testing.OnnxGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.*;

class OnnxModelTest {
    private static final float EXACT = 0f;

    @TempDir
    Path tmp;

    /** y = x * 2 + b, z = ReduceSum(y, axis 1); batch and length are symbolic. */
    private Path affine() throws IOException {
        OnnxGraph g = new OnnxGraph("affine")
                .input("x", OnnxGraph.FLOAT, "batch", "length")
                .output("y", OnnxGraph.FLOAT, "batch", "length")
                .output("z", OnnxGraph.FLOAT, "batch")
                .floats("two", new float[] {2f})
                .floats("b", new float[] {0.5f})
                .longs("axes", new long[] {1}, 1);
        String t = g.tmp();
        g.node("Mul", new String[] {"x", "two"}, new String[] {t});
        g.node("Add", new String[] {t, "b"}, new String[] {"y"});
        g.node("ReduceSum", new String[] {"y", "axes"}, new String[] {"z"}, OnnxGraph.attrInt("keepdims", 0));
        return g.write(tmp.resolve("onnx/model.onnx"));
    }

    @Test
    void readsNamesAndSymbolicShapesFromTheSession() throws IOException {
        try (OnnxModel m = OnnxModel.load(affine(), SessionSettings.cpu(1))) {
            assertEquals(List.of("x"), m.inputNames());
            assertEquals(List.of("y", "z"), m.outputNames());
            TensorSpec x = m.input("x");
            assertEquals("FLOAT", x.elementType());
            assertEquals(2, x.rank());
            assertTrue(x.isDynamic(0));
            assertEquals(Optional.of("batch"), x.dimNames().get(0));
            assertEquals(Optional.of("length"), x.dimNames().get(1));
            assertEquals(List.of(OptionalLong.empty(), OptionalLong.empty()), x.dims());
            assertFalse(m.usesGpu());
        }
    }

    @Test
    void runsTheGraphWithKnownOutputs() throws IOException {
        try (OnnxModel m = OnnxModel.load(affine(), SessionSettings.cpu(1));
             OnnxTensor x = m.floatTensor(new float[] {1, 2, 3, -1, 0, 4}, 2, 3);
             OrtSession.Result r = m.run(Map.of("x", x))) {
            FloatTensor y = m.floatOutput(r, "y");
            assertArrayEquals(new long[] {2, 3}, y.shape());
            assertArrayEquals(new float[] {2.5f, 4.5f, 6.5f, -1.5f, 0.5f, 8.5f}, y.data(), EXACT);
            FloatTensor z = m.floatOutput(r, "z");
            assertArrayEquals(new float[] {13.5f, 7.5f}, z.data(), EXACT);
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() throws IOException {
        OnnxModel m = OnnxModel.load(affine(), SessionSettings.cpu(1));
        m.close();
        m.close();
        assertTrue(m.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, m::inputNames);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> m.run(Map.of()));
    }

    @Test
    void unknownAndMissingInputsAreNamed() throws IOException {
        try (OnnxModel m = OnnxModel.load(affine(), SessionSettings.cpu(1));
             OnnxTensor x = m.floatTensor(new float[] {1}, 1, 1)) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> m.run(Map.of("pixel_values", x)));
            assertTrue(unknown.getMessage().contains("unknown input 'pixel_values'"), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("[x]"), unknown.getMessage());
            ModelFormatException out = assertThrows(ModelFormatException.class, () -> m.requireOutput("logits", "scores"));
            assertTrue(out.getMessage().contains("logits or scores") && out.getMessage().contains("[y, z]"), out.getMessage());
            assertEquals("x", m.requireInput("pixel_values", "x"));
        }
    }

    @Test
    void tensorShapeMustMatchDataLength() throws IOException {
        try (OnnxModel m = OnnxModel.load(affine(), SessionSettings.cpu(1))) {
            assertThrows(io.github.spatialvlm4j.geometry.ShapeMismatchException.class,
                    () -> m.floatTensor(new float[5], 2, 3));
        }
    }

    @Test
    void missingAndCorruptFilesAreNamed() throws IOException {
        Path missing = tmp.resolve("onnx/nothing.onnx");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> OnnxModel.load(missing, SessionSettings.cpu(1)));
        assertTrue(e.getMessage().contains("nothing.onnx") && e.getMessage().contains("missing"), e.getMessage());

        Path truncated = tmp.resolve("truncated.onnx");
        byte[] full = Files.readAllBytes(affine());
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length / 2));
        ModelFormatException t = assertThrows(ModelFormatException.class,
                () -> OnnxModel.load(truncated, SessionSettings.cpu(1)));
        assertTrue(t.getMessage().contains("truncated.onnx"), t.getMessage());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SessionSettings.cpu(0));
        assertThrows(IllegalArgumentException.class,
                () -> new SessionSettings(java.util.OptionalInt.empty(), SessionSettings.GpuPolicy.AUTO, -1));
        assertEquals(4, SessionSettings.defaults().withIntraOpThreads(4).intraOpThreads().getAsInt());
    }

    @Test
    void requiringTheGpuFailsClearlyWithoutCuda() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA));
        Path f = affine();
        SessionSettings gpu = new SessionSettings(java.util.OptionalInt.of(1), SessionSettings.GpuPolicy.REQUIRE, 0);
        ModelException e = assertThrows(ModelException.class, () -> OnnxModel.load(f, gpu));
        assertTrue(e.getMessage().contains("CUDA"), e.getMessage());
        try (OnnxModel auto = OnnxModel.load(f, SessionSettings.defaults().withIntraOpThreads(1))) {
            assertFalse(auto.usesGpu());
        }
    }
}
