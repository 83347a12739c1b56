package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Colour, depth and label PNGs decoded into a caller's reused planes give what a fresh decode gives. */
class PlaneDecodingTest {
    private static final int W = 37;
    private static final int H = 21;

    @TempDir
    Path dir;

    @Test
    void depthLabelsAndColourDecodeIntoUsedPlanesAsIntoNewArrays() throws IOException {
        SplittableRandom rng = new SplittableRandom(8);
        float[] meters = new float[W * H];
        int[] ids = new int[W * H];
        int[] rgb = new int[W * H];
        for (int i = 0; i < meters.length; i++) {
            meters[i] = rng.nextInt(6) == 0 ? DepthMap.INVALID : 0.5f + rng.nextInt(4000) / 1000f;
            ids[i] = rng.nextInt(300);
            rgb[i] = rng.nextInt(1 << 24);
        }
        Path depthFile = dir.resolve("d.png");
        Path labelFile = dir.resolve("l.png");
        Path colorFile = dir.resolve("c.png");
        DepthPng.write(new DepthMap(W, H, meters), depthFile, 1000);
        LabelPng.write(new LabelImage(W, H, ids), labelFile);
        ColorImages.writePng(new RgbImage(W, H, rgb), colorFile);

        float[] depthPlane = new float[W * H];
        Arrays.fill(depthPlane, 9f);
        DepthMap depth = DepthPng.read(depthFile, 1000, ColorImages.UNLIMITED, n -> depthPlane);
        assertSame(depthPlane, depth.meters());
        assertArrayEquals(DepthPng.read(depthFile, 1000).meters(), depth.meters());

        int[] labelPlane = new int[W * H];
        Arrays.fill(labelPlane, 77);
        LabelImage labels = LabelPng.read(labelFile, ColorImages.UNLIMITED, n -> labelPlane);
        assertSame(labelPlane, labels.ids());
        assertArrayEquals(ids, labels.ids());

        int[] colorPlane = new int[W * H];
        Arrays.fill(colorPlane, -1);
        ColorImages.Decoded color = ColorImages.readDecoded(colorFile, ColorImages.UNLIMITED, n -> colorPlane);
        assertSame(colorPlane, color.image().rgb());
        assertArrayEquals(rgb, color.image().rgb());
        assertEquals(ColorImages.readDecoded(colorFile).png().map(Arrays::toString),
                color.png().map(Arrays::toString));
    }

    @Test
    void aPlaneOfAnotherLengthIsRefusedNamingBoth() throws IOException {
        Path labelFile = dir.resolve("l.png");
        LabelPng.write(new LabelImage(W, H, new int[W * H]), labelFile);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelPng.read(labelFile, ColorImages.UNLIMITED, n -> new int[n - 1]));
        assertTrue(e.getMessage().contains((W * H - 1) + " values") && e.getMessage().contains(W * H + " pixels"),
                e.getMessage());
        Path depthFile = dir.resolve("d.png");
        DepthPng.write(new DepthMap(W, H, new float[W * H]), depthFile, 1000);
        e = assertThrows(IllegalArgumentException.class,
                () -> DepthPng.read(depthFile, 1000, ColorImages.UNLIMITED, n -> null));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
    }
}
