package io.github.spatialvlm4j.vlm.perception;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.florence.Florence2;
import io.github.spatialvlm4j.vlm.florence.RegionBox;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.sam.ObjectMask;
import io.github.spatialvlm4j.vlm.sam.SamMasker;
import io.github.spatialvlm4j.vlm.testing.Images;
import io.github.spatialvlm4j.vlm.testing.RiggedFlorence;
import io.github.spatialvlm4j.vlm.testing.RiggedSam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GroundSegmenterTest {
    private static final SessionSettings CPU = SessionSettings.cpu(1);

    @TempDir
    Path root;

    @Test
    void unitesTheSamMasksOfEveryGroundedBox() throws IOException {
        try (Florence2 f = new Florence2(ModelDirectory.open(RiggedFlorence.write(root.resolve("florence"))), CPU);
             SamMasker sam = new SamMasker(ModelDirectory.open(RiggedSam.write(root.resolve("sam"), false)), CPU)) {
            GroundSegmenter g = new GroundSegmenter(f, sam, List.of("the floor", "a table top"));
            RgbImage red = Images.solid(200, 100, 0xFF0000);
            GroundSegmenter.GroundMask m = g.segment(red);
            // The rigged grounding answers every phrase with the same box (see Florence2Test).
            assertEquals(2, m.boxes().size());
            RegionBox b = m.boxes().get(0);
            assertEquals(50.1, b.x0(), 1e-9);
            assertEquals(0, m.skippedRuns());
            // Reference: SAM on the box alone.
            ObjectMask ref = sam.masks(red, new double[] {b.x0(), b.y0(), b.x1(), b.y1()}).get(0);
            assertArrayEquals(ref.inside(), m.mask().inside());
            assertTrue(ref.area() > 0);
            assertEquals((double) ref.area() / (200 * 100), m.share(), 1e-12);
            assertEquals(0.9, m.mask().score(), 1e-6);
        }
    }

    @Test
    void imageWithoutSurfaceGivesAnEmptyMask() throws IOException {
        try (Florence2 f = new Florence2(ModelDirectory.open(RiggedFlorence.write(root.resolve("florence"))), CPU);
             SamMasker sam = new SamMasker(ModelDirectory.open(RiggedSam.write(root.resolve("sam"), false)), CPU)) {
            // Blue has no rigged label: the decoder emits <pad> then EOS, so no box.
            GroundSegmenter.GroundMask m = new GroundSegmenter(f, sam, GroundSegmenter.DEFAULT_PHRASES)
                    .segment(Images.solid(40, 20, 0x0000FF));
            assertTrue(m.boxes().isEmpty());
            assertEquals(0.0, m.share());
            assertThrows(IllegalArgumentException.class, () -> new GroundSegmenter(f, sam, List.of()));
            assertThrows(IllegalArgumentException.class, () -> new GroundSegmenter(f, sam, List.of("floor", "")));
        }
    }
}
