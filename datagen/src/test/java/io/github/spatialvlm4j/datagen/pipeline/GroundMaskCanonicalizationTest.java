package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The canonicalize stage with a ground mask: the floor is fitted to the mask's pixels first. */
class GroundMaskCanonicalizationTest {
    private static final SyntheticSceneOptions SMALL = SyntheticSceneOptions.defaults().withSize(160, 120)
            .withMinVisiblePixels(40);

    /** Ground = the pixels on no object. */
    private static LabelImage offObjects(LabelImage labels) {
        int[] ids = new int[labels.ids().length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = labels.ids()[i] == LabelImage.NONE ? 1 : LabelImage.NONE;
        }
        return new LabelImage(labels.width(), labels.height(), ids);
    }

    private static Frame withGround(Frame f, LabelImage ground) {
        return new Frame(f.id(), f.image(), f.depth(), f.intrinsics(), f.labels(), f.captions(), f.truth(),
                Optional.of(ground), f.gravity());
    }

    @Test
    void groundMaskPixelsCountAsHorizontalAndGiveTheSameFloor() throws IOException {
        Frame frame = new SyntheticSource(SMALL, 5, 1).load(0);
        try (Kernels kernels = Kernels.jvm(1)) {
            FramePipeline m = new FramePipeline(kernels, PipelineOptions.defaults());
            FramePipeline.Result plain = m.measure(frame, 5);
            SceneFacts reference = plain.facts().orElseThrow();
            assertTrue(reference.canonicalized(), plain.detail());

            // Mask = the pixels on no object: the floor is among them, and it is found again.
            LabelImage labels = frame.labels().orElseThrow();
            FramePipeline.Result masked = m.measure(withGround(frame, offObjects(labels)), 5);
            assertSamePlane(reference.floor().orElseThrow(), masked.facts().orElseThrow().floor().orElseThrow());

            // A mask of two pixels changes nothing.
            int[] two = new int[labels.ids().length];
            two[0] = 1;
            two[1] = 1;
            LabelImage tiny = new LabelImage(labels.width(), labels.height(), two);
            FramePipeline.Result fallback = m.measure(withGround(frame, tiny), 5);
            assertSamePlane(reference.floor().orElseThrow(), fallback.facts().orElseThrow().floor().orElseThrow());
        }
    }

    @Test
    void groundMaskOfAnotherSizeIsRejected() throws IOException {
        Frame frame = new SyntheticSource(SMALL, 5, 1).load(0);
        ShapeMismatchException e = org.junit.jupiter.api.Assertions.assertThrows(ShapeMismatchException.class,
                () -> withGround(frame, new LabelImage(4, 3, new int[12])));
        assertTrue(e.getMessage().contains("ground mask is 4x3"), e.getMessage());
    }

    /** Within 0.5 degree and 1 cm: the mask changes the horizontal points, hence the RANSAC sample. */
    private static void assertSamePlane(Plane want, Plane got) {
        assertTrue(Math.toDegrees(want.angleTo(got.nx(), got.ny(), got.nz())) < 0.5, want + " vs " + got);
        assertEquals(want.d(), got.d(), 0.01);
    }
}
