package io.github.spatialvlm4j.vlm.detect;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class LetterboxTest {
    private static final float EXACT = 1e-6f;

    private static DetectorConfig config(DetectorFamily family, int h, int w, boolean bgr, double rescale,
                                         boolean centred, int pad) {
        return new DetectorConfig(family, h, w, bgr, rescale, Optional.empty(), Optional.empty(), centred, pad,
                family == DetectorFamily.YOLOX ? new int[] {8} : new int[0], List.of("thing"), 0.3, 0.45, 10);
    }

    /** A 4 x 2 image: left half (R 200, G 100, B 50), right half (R 0, G 0, B 255). */
    private static RgbImage halves() {
        int[] px = new int[8];
        for (int i = 0; i < 8; i++) {
            px[i] = i % 4 < 2 ? 0xC86432 : 0x0000FF;
        }
        return new RgbImage(4, 2, px);
    }

    @Test
    void topLeftBgrKeepsValuesAndPadsTheRest() {
        // 4 x 2 into 8 x 8: ratio min(8 / 2, 8 / 4) = 2, resized to 8 x 4 at the top-left; rows 4..7 are padding.
        ImageTensor t = Letterbox.apply(halves(), config(DetectorFamily.YOLOX, 8, 8, true, 1.0, false, 114));
        assertEquals(8, t.width());
        assertEquals(8, t.height());
        assertEquals(8, t.resizedWidth());
        assertEquals(4, t.resizedHeight());
        assertEquals(0, t.offsetX());
        assertEquals(0, t.offsetY());
        // Channel 0 is blue: 50 on the far left, 255 on the far right (bilinear blends only near the middle).
        assertEquals(50, t.get(0, 0, 0), EXACT);
        assertEquals(255, t.get(0, 7, 3), EXACT);
        assertEquals(200, t.get(2, 0, 0), EXACT);
        assertEquals(0, t.get(2, 7, 0), EXACT);
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(114, t.get(c, x, 4), EXACT);
                assertEquals(114, t.get(c, x, 7), EXACT);
            }
        }
        // Boxes map back by the ratio.
        assertEquals(3.0, t.toSourceX(6), 1e-12);
        assertEquals(1.5, t.toSourceY(3), 1e-12);
    }

    @Test
    void centredRgbRescalesAndNormalises() {
        // 4 x 2 into 8 x 6 centred: ratio min(6 / 2, 8 / 4) = 2, resized 8 x 4 at row offset (6 - 4) / 2 = 1.
        DetectorConfig c = new DetectorConfig(DetectorFamily.ULTRALYTICS, 6, 8, false, 1 / 255.0,
                Optional.of(new double[] {0.5, 0.5, 0.5}), Optional.of(new double[] {0.5, 0.5, 0.5}), true, 0,
                new int[0], List.of("thing"), 0.3, 0.45, 10);
        ImageTensor t = Letterbox.apply(halves(), c);
        assertEquals(1, t.offsetY());
        assertEquals(0, t.offsetX());
        // Red channel first: (200 / 255 - 0.5) / 0.5 at the top-left of the content; padding 0 becomes -1.
        assertEquals((200 / 255.0 - 0.5) / 0.5, t.get(0, 0, 1), 1e-6);
        assertEquals(-1, t.get(0, 0, 0), EXACT);
        assertEquals(-1, t.get(2, 3, 5), EXACT);
        assertEquals(1.0, t.toSourceY(3), 1e-12);
    }

    @Test
    void tallImagesPadOnTheRight() {
        // 2 x 4 into 8 x 8: ratio 2, resized 4 x 8; columns 4..7 are padding.
        int[] px = new int[8];
        java.util.Arrays.fill(px, 0x102030);
        ImageTensor t = Letterbox.apply(new RgbImage(2, 4, px), config(DetectorFamily.YOLOX, 8, 8, false, 1.0, false, 7));
        assertEquals(4, t.resizedWidth());
        assertEquals(8, t.resizedHeight());
        assertEquals(0x10, t.get(0, 3, 7), EXACT);
        assertEquals(7, t.get(0, 4, 0), EXACT);
    }
}
