package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.DepthMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepthPngTest {
    /** Float rounding of raw / scale on top of the half-unit rounding of the writer. */
    private static final double FLOAT_SLACK = 1e-6;

    @TempDir
    Path dir;

    @Test
    void readsHandMade16BitPngInMillimetresAndTumUnits() throws IOException {
        int[] raw = {0, 1000, 65535, 5000, 1, 1234};
        Path file = dir.resolve("depth.png");
        Files.write(file, PngBytes.png(3, 2, 16, PngBytes.GRAY, raw, null));

        DepthMap mm = DepthPng.read(file, 1000);
        assertEquals(3, mm.width());
        assertEquals(2, mm.height());
        assertArrayEquals(new float[] {0f, 1f, 65.535f, 5f, 0.001f, 1.234f}, mm.meters());
        assertEquals(DepthMap.INVALID, mm.get(0, 0));
        assertEquals(5, mm.validCount());

        DepthMap tum = DepthPng.read(new ByteArrayInputStream(Files.readAllBytes(file)), 5000);
        assertEquals(0.2f, tum.get(1, 0));
        assertEquals(1f, tum.get(0, 1));
    }

    @Test
    void writesRawUnitsThatAnIndependentReaderSees() throws IOException {
        DepthMap depth = new DepthMap(2, 1, new float[] {0f, 1.2344f});
        byte[] png = DepthPng.encode(depth, 1000);
        // The same image hand-made must decode to the same raw values (1.2344 m -> 1234 mm).
        DepthMap back = DepthPng.read(new ByteArrayInputStream(png), 1000);
        DepthMap hand = DepthPng.read(new ByteArrayInputStream(
                PngBytes.png(2, 1, 16, PngBytes.GRAY, new int[] {0, 1234}, null)), 1000);
        assertArrayEquals(hand.meters(), back.meters());
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    }

    @Test
    void roundTripIsWithinHalfAUnit() throws IOException {
        SplittableRandom random = new SplittableRandom(21);
        for (double scale : new double[] {1000, 5000}) {
            int w = 37;
            int h = 23;
            float[] m = new float[w * h];
            double max = 65535 / scale;
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextInt(10) == 0 ? DepthMap.INVALID : (float) (1.0 / scale + random.nextDouble() * (max - 1.0 / scale));
            }
            DepthMap depth = new DepthMap(w, h, m);
            Path file = dir.resolve("rt-" + (int) scale + ".png");
            DepthPng.write(depth, file, scale);
            DepthMap back = DepthPng.read(file, scale);
            double tolerance = 0.5 / scale + FLOAT_SLACK;
            for (int i = 0; i < m.length; i++) {
                if (m[i] == DepthMap.INVALID) {
                    assertEquals(DepthMap.INVALID, back.meters()[i], "pixel " + i);
                } else {
                    assertEquals(m[i], back.meters()[i], tolerance, "pixel " + i);
                }
            }
            assertArrayEquals(DepthPng.encode(depth, scale), Files.readAllBytes(file));
        }
    }

    @Test
    void depthOutsideTheRawRangeNamesPixelAndValue() {
        DepthMap far = new DepthMap(2, 2, new float[] {1f, 1f, 1f, 70f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DepthPng.encode(far, 1000));
        assertTrue(e.getMessage().contains("(u=1, v=1)"), e.getMessage());
        assertTrue(e.getMessage().contains("70.0"), e.getMessage());

        DepthMap tiny = new DepthMap(1, 1, new float[] {0.0004f});
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> DepthPng.encode(tiny, 1000));
        assertTrue(t.getMessage().contains("4.0E-4"), t.getMessage());
        // 13.107 m fits at millimetres but not at the TUM scale (65535 units).
        DepthMap tum = new DepthMap(1, 1, new float[] {13.2f});
        DepthPng.encode(tum, 1000);
        assertThrows(IllegalArgumentException.class, () -> DepthPng.encode(tum, 5000));
    }

    @Test
    void rejectsBadScale() {
        DepthMap d = new DepthMap(1, 1, new float[] {1f});
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DepthPng.encode(d, bad));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DepthPng.read(dir.resolve("x.png"), 0));
    }

    @Test
    void eightBitAndColourPngsAreRefusedWithTheirType() throws IOException {
        Path gray8 = dir.resolve("gray8.png");
        Files.write(gray8, PngBytes.png(2, 1, 8, PngBytes.GRAY, new int[] {3, 4}, null));
        IOException e8 = assertThrows(IOException.class, () -> DepthPng.read(gray8, 1000));
        assertTrue(e8.getMessage().contains("expected 16-bit grayscale PNG, got 8-bit grayscale"), e8.getMessage());
        assertTrue(e8.getMessage().contains(gray8.toString()), e8.getMessage());

        Path rgb = dir.resolve("rgb.png");
        Files.write(rgb, PngBytes.png(1, 1, 8, PngBytes.RGB, new int[] {1, 2, 3}, null));
        IOException ergb = assertThrows(IOException.class, () -> DepthPng.read(rgb, 1000));
        assertTrue(ergb.getMessage().contains("expected 16-bit grayscale PNG, got 8-bit RGB colour"), ergb.getMessage());

        Path rgb16 = dir.resolve("rgb16.png");
        Files.write(rgb16, PngBytes.png(1, 1, 16, PngBytes.RGB, new int[] {1, 2, 3}, null));
        IOException e16 = assertThrows(IOException.class, () -> DepthPng.read(rgb16, 1000));
        assertTrue(e16.getMessage().contains("got 16-bit RGB colour"), e16.getMessage());
    }

    @Test
    void truncatedOrForeignFilesNameTheFile() throws IOException {
        int[] raw = new int[64 * 64];
        SplittableRandom random = new SplittableRandom(22);
        Arrays.setAll(raw, i -> random.nextInt(65536));
        byte[] png = PngBytes.png(64, 64, 16, PngBytes.GRAY, raw, null);
        Path truncated = dir.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(png, png.length / 2));
        IOException e = assertThrows(IOException.class, () -> DepthPng.read(truncated, 1000));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());

        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not a png at all");
        IOException t = assertThrows(IOException.class, () -> DepthPng.read(text, 1000));
        assertTrue(t.getMessage().contains(text.toString()), t.getMessage());

        Path empty = dir.resolve("empty.png");
        Files.write(empty, new byte[0]);
        IOException z = assertThrows(IOException.class, () -> DepthPng.read(empty, 1000));
        assertTrue(z.getMessage().contains(empty.toString()), z.getMessage());
    }
}
