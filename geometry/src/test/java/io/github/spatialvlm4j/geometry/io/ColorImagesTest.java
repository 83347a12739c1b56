package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColorImagesTest {
    /** JPEG at default quality on a flat colour: per-channel error in 8-bit levels. */
    private static final int JPEG_LEVELS = 6;

    @TempDir
    Path dir;

    private static RgbImage randomImage(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] rgb = new int[w * h];
        Arrays.setAll(rgb, i -> random.nextInt(1 << 24));
        return new RgbImage(w, h, rgb);
    }

    @Test
    void pngRoundTripIsExactAndDeterministic() throws IOException {
        RgbImage image = randomImage(31, 17, 41);
        byte[] a = ColorImages.encodePng(image);
        byte[] b = ColorImages.encodePng(new RgbImage(31, 17, image.rgb().clone()));
        assertArrayEquals(a, b);
        RgbImage back = ColorImages.decode(a);
        assertEquals(31, back.width());
        assertEquals(17, back.height());
        assertArrayEquals(image.rgb(), back.rgb());

        Path file = dir.resolve("img.png");
        ColorImages.writePng(image, file);
        assertArrayEquals(a, Files.readAllBytes(file));
        assertArrayEquals(image.rgb(), ColorImages.read(file).rgb());
    }

    @Test
    void handMadeRgbRgbaGrayAndPaletteFilesBecomeRgb() throws IOException {
        RgbImage rgb = ColorImages.decode(PngBytes.png(2, 1, 8, PngBytes.RGB, new int[] {255, 0, 0, 1, 2, 3}, null));
        assertArrayEquals(new int[] {0xFF0000, 0x010203}, rgb.rgb());

        // Alpha is dropped, not composited: the fully transparent pixel keeps its colour.
        RgbImage rgba = ColorImages.decode(PngBytes.png(2, 1, 8, PngBytes.RGBA,
                new int[] {10, 20, 30, 255, 40, 50, 60, 0}, null));
        assertArrayEquals(new int[] {0x0A141E, 0x28323C}, rgba.rgb());

        // Gray keeps its raw value (no linear-to-sRGB brightening).
        RgbImage gray = ColorImages.decode(PngBytes.png(3, 1, 8, PngBytes.GRAY, new int[] {0, 128, 255}, null));
        assertArrayEquals(new int[] {0x000000, 0x808080, 0xFFFFFF}, gray.rgb());

        RgbImage grayAlpha = ColorImages.decode(PngBytes.png(1, 1, 8, PngBytes.GRAY_ALPHA, new int[] {77, 9}, null));
        assertArrayEquals(new int[] {0x4D4D4D}, grayAlpha.rgb());

        // 16-bit gray scales to 8 bits with rounding: 0x8080 -> 0x80, 65535 -> 255.
        RgbImage gray16 = ColorImages.decode(PngBytes.png(2, 1, 16, PngBytes.GRAY, new int[] {0x8080, 65535}, null));
        assertArrayEquals(new int[] {0x808080, 0xFFFFFF}, gray16.rgb());

        byte[] palette = {(byte) 200, 100, 50, 5, 6, 7};
        RgbImage indexed = ColorImages.decode(PngBytes.png(3, 1, 8, PngBytes.PALETTE, new int[] {1, 0, 1}, palette));
        assertArrayEquals(new int[] {0x050607, 0xC86432, 0x050607}, indexed.rgb());
    }

    @Test
    void readsJpegColourAndGray() throws IOException {
        BufferedImage colour = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < 16; v++) {
            for (int u = 0; u < 16; u++) {
                colour.setRGB(u, v, 0x3C78B4);
            }
        }
        Path jpg = dir.resolve("c.jpg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(colour, "jpeg", out));
        Files.write(jpg, out.toByteArray());
        RgbImage c = ColorImages.read(jpg);
        assertEquals(16, c.width());
        for (int p : c.rgb()) {
            assertEquals(0x3C, p >>> 16, JPEG_LEVELS);
            assertEquals(0x78, (p >>> 8) & 0xff, JPEG_LEVELS);
            assertEquals(0xB4, p & 0xff, JPEG_LEVELS);
        }

        BufferedImage gray = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 8, 8, 0, filled(64, 100));
        ByteArrayOutputStream gout = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(gray, "jpeg", gout));
        RgbImage g = ColorImages.decode(gout.toByteArray());
        for (int p : g.rgb()) {
            int r = p >>> 16;
            assertEquals(100, r, JPEG_LEVELS);
            assertEquals(r, (p >>> 8) & 0xff);
            assertEquals(r, p & 0xff);
        }
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void unreadableFilesNameTheSource() throws IOException {
        byte[] png = ColorImages.encodePng(randomImage(64, 64, 42));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(png, png.length / 2));
        IOException e = assertThrows(IOException.class, () -> ColorImages.read(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());

        Path text = dir.resolve("text.jpg");
        Files.writeString(text, "hello");
        IOException t = assertThrows(IOException.class, () -> ColorImages.read(text));
        assertTrue(t.getMessage().contains(text.toString()), t.getMessage());
        assertTrue(t.getMessage().contains("not in a format"), t.getMessage());

        assertThrows(IOException.class, () -> ColorImages.read(dir.resolve("missing.png")));
    }
}
