package io.github.spatialvlm4j.vlm.sam;

import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.RiggedSam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Runs the real SAM adapter on {@link RiggedSam}; expected masks are worked out by hand in the comments. */
class SamMaskerTest {
    private static final SessionSettings CPU = SessionSettings.cpu(1);
    @TempDir
    Path root;

    private Path model(boolean points) throws IOException {
        return RiggedSam.write(root.resolve(points ? "sam-points" : "sam-boxes"), points);
    }

    private static RgbImage gray(int w, int h) {
        return new RgbImage(w, h, new int[w * h]);
    }

    private static void assertMask(ObjectMask m, int u0, int v0, int u1, int v1) {
        for (int v = 0; v < m.height(); v++) {
            for (int u = 0; u < m.width(); u++) {
                boolean expected = u >= u0 && u < u1 && v >= v0 && v < v1;
                assertEquals(expected, m.inside()[v * m.width() + u], "pixel (" + u + ", " + v + ")");
            }
        }
    }

    @Test
    void boxPromptGivesTheBoxMaskAtImageResolution() throws IOException {
        // 8x8 image -> 16x16: the box [2, 6) becomes [4, 12); the upscaled logits change sign at
        // 4 and 12, and shrinking back gives exactly columns and rows 2..5.
        try (SamMasker sam = new SamMasker(ModelDirectory.open(model(false)), CPU)) {
            List<ObjectMask> masks = sam.masks(gray(8, 8), new double[] {2, 2, 6, 6, 0, 0, 8, 4});
            assertEquals(2, masks.size());
            assertMask(masks.get(0), 2, 2, 6, 6);
            assertEquals(0.9f, masks.get(0).score(), 1e-6);
            assertEquals(16, masks.get(0).area());
            // Box [0, 8) x [0, 4): the top half, rows 0..3.
            assertMask(masks.get(1), 0, 0, 8, 4);
            assertTrue(sam.masks(gray(8, 8), new double[0]).isEmpty());
        }
    }

    @Test
    void cornerPointPromptsAndPaddingOfWideImages() throws IOException {
        // 8x4 image -> 16x8 padded to 16x16. Box = top half [0, 8) x [0, 2): rows 0..1.
        try (SamMasker sam = new SamMasker(ModelDirectory.open(model(true)), CPU)) {
            SamMasker.ImageEmbedding e = sam.embed(gray(8, 4));
            assertEquals(8, e.tensor().resizedHeight());
            List<ObjectMask> masks = sam.masks(e, new double[] {0, 0, 8, 2});
            assertMask(masks.get(0), 0, 0, 8, 2);
        }
    }

    @Test
    void invalidBoxesAndGraphsAreRejected() throws IOException {
        try (SamMasker sam = new SamMasker(ModelDirectory.open(model(false)), CPU)) {
            assertThrows(ShapeMismatchException.class, () -> sam.masks(gray(8, 8), new double[] {1, 2, 3}));
            IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
                    () -> sam.masks(gray(8, 8), new double[] {5, 0, 1, 4}));
            assertTrue(swapped.getMessage().contains("box 0"), swapped.getMessage());
            assertThrows(IllegalArgumentException.class, () -> sam.masks(gray(8, 8), new double[] {0, 0, Double.NaN, 4}));
        }
        Path dir = model(false);
        Files.delete(dir.resolve("onnx/prompt_encoder_mask_decoder.onnx"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> new SamMasker(ModelDirectory.open(dir), CPU));
        assertTrue(e.getMessage().contains("prompt_encoder_mask_decoder.onnx"), e.getMessage());
    }

    @Test
    void labelsGoToTheHigherScoringMask() {
        boolean[] a = {true, true, false, false};
        boolean[] b = {false, true, true, false};
        LabelImage l = ObjectMask.toLabels(List.of(new ObjectMask(2, 2, a, 0.5), new ObjectMask(2, 2, b, 0.8)), 2, 2);
        assertArrayEquals(new int[] {1, 2, 2, 0}, l.ids());
        assertThrows(ShapeMismatchException.class,
                () -> ObjectMask.toLabels(List.of(new ObjectMask(2, 2, a, 0.5)), 4, 1));
    }
}
