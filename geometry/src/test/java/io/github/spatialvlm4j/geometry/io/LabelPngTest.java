package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.LabelImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelPngTest {
    /** Byte 24 of a PNG file is the IHDR bit depth. */
    private static final int IHDR_BIT_DEPTH_OFFSET = 24;

    @TempDir
    Path dir;

    @Test
    void readsHandMade8And16BitFiles() throws IOException {
        Path p8 = dir.resolve("labels8.png");
        Files.write(p8, PngBytes.png(3, 2, 8, PngBytes.GRAY, new int[] {0, 1, 2, 255, 0, 7}, null));
        LabelImage l8 = LabelPng.read(p8);
        assertEquals(3, l8.width());
        assertArrayEquals(new int[] {0, 1, 2, 255, 0, 7}, l8.ids());

        byte[] p16 = PngBytes.png(2, 2, 16, PngBytes.GRAY, new int[] {0, 300, 65535, 1}, null);
        LabelImage l16 = LabelPng.read(new ByteArrayInputStream(p16));
        assertArrayEquals(new int[] {0, 300, 65535, 1}, l16.ids());
    }

    @Test
    void writesEightBitsWhenIdsAllowElseSixteen() throws IOException {
        LabelImage small = new LabelImage(2, 2, new int[] {0, 255, 3, 3});
        byte[] b8 = LabelPng.encode(small);
        assertEquals(8, b8[IHDR_BIT_DEPTH_OFFSET]);
        assertArrayEquals(small.ids(), LabelPng.read(new ByteArrayInputStream(b8)).ids());

        LabelImage big = new LabelImage(2, 2, new int[] {0, 256, 3, 65535});
        byte[] b16 = LabelPng.encode(big);
        assertEquals(16, b16[IHDR_BIT_DEPTH_OFFSET]);
        assertArrayEquals(big.ids(), LabelPng.read(new ByteArrayInputStream(b16)).ids());
    }

    @Test
    void roundTripsThroughAFile() throws IOException {
        SplittableRandom random = new SplittableRandom(31);
        int[] ids = new int[50 * 40];
        Arrays.setAll(ids, i -> random.nextInt(4) == 0 ? 0 : random.nextInt(2000));
        LabelImage labels = new LabelImage(50, 40, ids);
        Path file = dir.resolve("labels.png");
        LabelPng.write(labels, file);
        LabelImage back = LabelPng.read(file);
        assertEquals(50, back.width());
        assertEquals(40, back.height());
        assertArrayEquals(ids, back.ids());
    }

    @Test
    void failedWriteLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("taken.png");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.txt"), "keeps the directory non-empty");
        LabelImage labels = new LabelImage(1, 1, new int[] {1});
        assertThrows(IOException.class, () -> LabelPng.write(labels, target));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(target), files.collect(java.util.stream.Collectors.toList()));
        }
        Path ok = dir.resolve("ok.png");
        LabelPng.write(labels, ok);
        LabelPng.write(new LabelImage(1, 1, new int[] {2}), ok);
        assertArrayEquals(new int[] {2}, LabelPng.read(ok).ids());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void idAbove65535IsRefusedByName() {
        LabelImage huge = new LabelImage(2, 1, new int[] {1, 70000});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelPng.encode(huge));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
        assertTrue(e.getMessage().contains("(u=1, v=0)"), e.getMessage());
    }

    @Test
    void colourAndTruncatedFilesAreRefused() throws IOException {
        Path rgba = dir.resolve("rgba.png");
        Files.write(rgba, PngBytes.png(1, 1, 8, PngBytes.RGBA, new int[] {1, 2, 3, 4}, null));
        IOException e = assertThrows(IOException.class, () -> LabelPng.read(rgba));
        assertTrue(e.getMessage().contains("expected 8- or 16-bit grayscale PNG, got 8-bit RGBA colour"), e.getMessage());

        byte[] png = LabelPng.encode(new LabelImage(40, 40, new int[1600]));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(png, png.length - 20));
        IOException t = assertThrows(IOException.class, () -> LabelPng.read(cut));
        assertTrue(t.getMessage().contains(cut.toString()), t.getMessage());
    }
}
