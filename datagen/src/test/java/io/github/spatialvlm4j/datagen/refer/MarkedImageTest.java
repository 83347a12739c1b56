package io.github.spatialvlm4j.datagen.refer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.qa.ImagePoint;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link MarkedImage} and {@link MarkAnchors} drawing into reused planes give what they allocate. */
class MarkedImageTest {
    private static final int W = 48;
    private static final int H = 36;

    /** Two rectangles and an L-shaped object on a background, over random pixels. */
    private static LabelImage labels() {
        int[] ids = new int[W * H];
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                int id = u < 15 && v < 12 ? 1 : u >= 20 && u < 40 && v >= 5 && v < 30 ? 2
                        : u < 10 && v >= 15 || v >= 31 && u < 30 ? 3 : LabelImage.NONE;
                ids[v * W + u] = id;
            }
        }
        return new LabelImage(W, H, ids);
    }

    private static RgbImage image() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] rgb = new int[W * H];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = rng.nextInt(1 << 24);
        }
        return new RgbImage(W, H, rgb);
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void insideDistancesIntoAUsedPlaneEqualAllocatedOnes() {
        LabelImage labels = labels();
        int[] fresh = MarkAnchors.insideDistance(labels);
        int[] plane = filled(W * H, 99);
        assertSame(plane, MarkAnchors.insideDistance(labels, plane));
        assertArrayEquals(fresh, plane);
        assertEquals(0, plane[W * H - 1], "an unlabelled pixel is at distance 0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkAnchors.insideDistance(labels, labels.ids()));
        assertTrue(e.getMessage().contains("own array"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MarkAnchors.insideDistance(labels, new int[7]));
        assertTrue(e.getMessage().contains("7 values") && e.getMessage().contains(W + "x" + H), e.getMessage());
    }

    @Test
    void aMarkedImageDrawnIntoUsedPlanesEqualsOneDrawnAfresh() {
        RgbImage image = image();
        int[] before = image.rgb().clone();
        LabelImage labels = labels();
        Map<Integer, Integer> marks = Map.of(1, 1, 2, 2, 3, 3);
        List<ImagePoint> points = List.of(new ImagePoint("A", 25, 10), new ImagePoint("B", 5, 33));
        RgbImage fresh = MarkedImage.draw(image, labels, marks, points);
        int[] dest = filled(W * H, 0x123456);
        int[] inside = filled(W * H, 5);
        RgbImage into = MarkedImage.draw(image, labels, marks, points, dest, inside);
        assertSame(dest, into.rgb());
        assertArrayEquals(fresh.rgb(), into.rgb());
        assertArrayEquals(before, image.rgb(), "the image is not modified");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkedImage.draw(image, labels, marks, points, image.rgb(), null));
        assertTrue(e.getMessage().contains("own array"), e.getMessage());
    }
}
