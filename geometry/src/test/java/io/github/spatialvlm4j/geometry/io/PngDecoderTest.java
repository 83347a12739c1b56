package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast PNG path against javax.imageio's reader, the reference it must equal. */
class PngDecoderTest {
    private static final int[][] FILTERS = {{0}, {1}, {2}, {3}, {4}, {4, 3, 2, 1, 0}};
    private static final String[] NO_TYPES = {};
    private static final byte[][] NO_DATA = {};

    @TempDir
    Path dir;

    /** javax.imageio's pixels as ColorImages converted them before the fast path existed. */
    private static int[] imageIoRgb(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(image.getColorModel() instanceof IndexColorModel)) {
            int[] gray = image.getRaster().getSamples(0, 0, w, h, 0, new int[w * h]);
            int max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int i = 0; i < gray.length; i++) {
                int g = max == 255 ? gray[i] : (int) ((gray[i] * 255L + max / 2) / max);
                gray[i] = g << 16 | g << 8 | g;
            }
            return gray;
        }
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xFFFFFF;
        }
        return rgb;
    }

    private static int[] imageIoGray(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), 0,
                new int[image.getWidth() * image.getHeight()]);
    }

    private static int[] randomSamples(int count, int bitDepth, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] s = new int[count];
        // Smooth runs with noise, so that every filter meets both small and large differences.
        int level = 0;
        for (int i = 0; i < count; i++) {
            level = random.nextInt(8) == 0 ? random.nextInt(1 << bitDepth) : level;
            s[i] = Math.floorMod(level + random.nextInt(-3, 4), 1 << bitDepth);
        }
        return s;
    }

    @Test
    void everyFastLayoutAndFilterDecodesAsImageIoDoes() throws IOException {
        int[][] layouts = {{8, PngBytes.GRAY, 1}, {16, PngBytes.GRAY, 1}, {8, PngBytes.GRAY_ALPHA, 2},
            {8, PngBytes.RGB, 3}, {8, PngBytes.RGBA, 4}};
        long seed = 1;
        for (int[] layout : layouts) {
            for (int[] filters : FILTERS) {
                for (int pieces : new int[] {1, 3}) {
                    int w = 23;
                    int h = 11;
                    int[] samples = randomSamples(w * h * layout[2], layout[0], seed++);
                    byte[] png = PngBytes.png(w, h, layout[0], layout[1], samples, null, filters, pieces, NO_TYPES,
                            NO_DATA);
                    String what = "bit depth " + layout[0] + ", colour type " + layout[1] + ", filters "
                            + Arrays.toString(filters) + ", " + pieces + " IDAT";
                    PngDecoder.Png parsed = PngDecoder.parse(png);
                    assertNotNull(parsed, what);
                    assertArrayEquals(imageIoRgb(png), PngDecoder.rgb(parsed), what);
                    if (layout[1] == PngBytes.GRAY) {
                        int[] gray = imageIoGray(png);
                        assertArrayEquals(gray, PngDecoder.gray(parsed), what);
                        // Meters from raw units as DepthMap.fromRaw computes them, bit for bit.
                        float[] over = new float[gray.length];
                        for (int i = 0; i < gray.length; i++) {
                            over[i] = (float) (gray[i] / 5000.0);
                        }
                        assertArrayEquals(over, PngDecoder.grayOver(parsed, 5000.0, float[]::new), what);
                    }
                }
            }
        }
    }

    @Test
    void imageIoWrittenFilesDecodeToTheirPixels() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        int[] rgb = new int[64 * 40];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = i % 64 < 32 ? random.nextInt(1 << 24) : (i / 64) * 0x030201;
        }
        byte[] png = ColorImages.encodePng(new RgbImage(64, 40, rgb));
        PngDecoder.Png parsed = PngDecoder.parse(png);
        assertNotNull(parsed);
        assertArrayEquals(rgb, PngDecoder.rgb(parsed));
    }

    @Test
    void ancillaryChunksAreSkippedAndDoNotChangeThePixels() throws IOException {
        int[] samples = randomSamples(9 * 7 * 3, 8, 17);
        byte[] png = PngBytes.png(9, 7, 8, PngBytes.RGB, samples, null, new int[] {4}, 2,
                new String[] {"gAMA", "tEXt", "pHYs", "sRGB"},
                new byte[][] {{0, 0, (byte) 0xb1, (byte) 0x8f}, "Comment\0hello".getBytes(StandardCharsets.ISO_8859_1),
                    {0, 0, 0x0e, (byte) 0xc4, 0, 0, 0x0e, (byte) 0xc4, 1}, {0}});
        PngDecoder.Png parsed = PngDecoder.parse(png);
        assertNotNull(parsed);
        assertArrayEquals(imageIoRgb(png), PngDecoder.rgb(parsed));
    }

    @Test
    void filesOutsideTheFastPathAreLeftToImageIo() throws IOException {
        int[] rgbSamples = randomSamples(6 * 5 * 3, 8, 3);
        byte[] trns = PngBytes.png(6, 5, 8, PngBytes.RGB, rgbSamples, null, new int[] {0}, 1,
                new String[] {"tRNS"}, new byte[][] {{0, 1, 0, 2, 0, 3}});
        byte[] iccp = PngBytes.png(6, 5, 8, PngBytes.RGB, rgbSamples, null, new int[] {0}, 1,
                new String[] {"iCCP"}, new byte[][] {"p\0\0".getBytes(StandardCharsets.ISO_8859_1)});
        byte[] palette = PngBytes.png(2, 1, 8, PngBytes.PALETTE, new int[] {0, 1}, null, new int[] {0}, 1, NO_TYPES,
                NO_DATA);
        byte[] rgb16 = PngBytes.png(2, 1, 16, PngBytes.RGB, new int[] {1, 2, 3, 4, 5, 6}, null, new int[] {0}, 1,
                NO_TYPES, NO_DATA);
        for (byte[] png : new byte[][] {trns, iccp, palette, rgb16, interlaced()}) {
            assertNull(PngDecoder.parse(png));
        }
        // ColorImages still reads them, through javax.imageio.
        assertArrayEquals(imageIoRgb(trns), ColorImages.decode(trns).rgb());
        assertArrayEquals(imageIoRgb(interlaced()), ColorImages.decode(interlaced()).rgb());
    }

    /** An Adam7-interlaced RGB PNG written by javax.imageio. */
    private static byte[] interlaced() throws IOException {
        BufferedImage image = new BufferedImage(13, 9, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(11);
        for (int v = 0; v < 9; v++) {
            for (int u = 0; u < 13; u++) {
                image.setRGB(u, v, random.nextInt(1 << 24));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Test
    void malformedFilesAreNotDecodedHere() {
        int[] samples = randomSamples(8 * 8, 16, 9);
        byte[] good = PngBytes.png(8, 8, 16, PngBytes.GRAY, samples, null, new int[] {2}, 1, NO_TYPES, NO_DATA);
        assertNotNull(PngDecoder.parse(good));

        byte[] badCrc = good.clone();
        badCrc[8 + 4 + 4 + 13] ^= 1; // IHDR's CRC
        assertNull(PngDecoder.parse(badCrc));

        byte[] cut = Arrays.copyOf(good, good.length - 20); // into the IDAT chunk
        assertNull(PngDecoder.parse(cut));

        // A valid structure whose image data inflates to fewer rows than the header says.
        byte[] shortData = PngBytes.png(8, 4, 16, PngBytes.GRAY, Arrays.copyOf(samples, 32), null, new int[] {0}, 1,
                NO_TYPES, NO_DATA);
        byte[] taller = shortData.clone();
        taller[8 + 4 + 4 + 7] = 8; // height 4 -> 8 in IHDR
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(taller, 12, 17);
        java.nio.ByteBuffer.wrap(taller, 29, 4).putInt((int) crc.getValue());
        PngDecoder.Png parsed = PngDecoder.parse(taller);
        assertNotNull(parsed);
        assertNull(PngDecoder.gray(parsed));
    }

    @Test
    void readDecodedKeepsTheBytesOfPlainRgbPngsOnly() throws IOException {
        int[] samples = randomSamples(5 * 4 * 3, 8, 21);
        byte[] png = PngBytes.png(5, 4, 8, PngBytes.RGB, samples, null, new int[] {1}, 1, NO_TYPES, NO_DATA);
        byte[] trailing = Arrays.copyOf(png, png.length + 3);
        Path file = dir.resolve("rgb.png");
        Files.write(file, trailing);
        ColorImages.Decoded decoded = ColorImages.readDecoded(file);
        assertArrayEquals(png, decoded.png().orElseThrow());
        assertArrayEquals(imageIoRgb(png), decoded.image().rgb());
        assertArrayEquals(decoded.image().rgb(), ColorImages.decode(decoded.png().get()).rgb());

        int[] rgba = randomSamples(5 * 4 * 4, 8, 22);
        Files.write(file, PngBytes.png(5, 4, 8, PngBytes.RGBA, rgba, null, new int[] {0}, 1, NO_TYPES, NO_DATA));
        assertTrue(ColorImages.readDecoded(file).png().isEmpty());

        RgbImage image = new RgbImage(5, 4, new int[20]);
        BufferedImage buffered = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
        Path jpeg = dir.resolve("x.jpg");
        assertTrue(ImageIO.write(buffered, "jpg", jpeg.toFile()));
        ColorImages.Decoded fromJpeg = ColorImages.readDecoded(jpeg);
        assertTrue(fromJpeg.png().isEmpty());
        assertEquals(image.width(), fromJpeg.image().width());
    }

    @Test
    void encodingIsWhatImageIoWritesForACopyFilledBySetRgb() {
        SplittableRandom random = new SplittableRandom(41);
        for (int[] size : new int[][] {{1, 1}, {31, 17}, {64, 48}}) {
            int[] rgb = new int[size[0] * size[1]];
            for (int i = 0; i < rgb.length; i++) {
                // Smooth areas and noise; stray bits above the 24 colour bits are not part of the colour.
                rgb[i] = (i % 7 == 0 ? random.nextInt() : (i / size[0]) * 0x010203) | (i % 3 == 0 ? 0xFF000000 : 0);
            }
            BufferedImage reference = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            reference.setRGB(0, 0, size[0], size[1], rgb, 0, size[0]);
            assertArrayEquals(PngCodec.encode(reference), ColorImages.encodePng(new RgbImage(size[0], size[1], rgb)));
        }
    }

    @Test
    void jpegPixelsAreWhatGetRgbGives() throws IOException {
        SplittableRandom random = new SplittableRandom(31);
        BufferedImage image = new BufferedImage(40, 24, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < 24; v++) {
            for (int u = 0; u < 40; u++) {
                image.setRGB(u, v, (u * 6) << 16 | (v * 10) << 8 | random.nextInt(256));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpg", bytes));
        byte[] jpeg = bytes.toByteArray();
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, reference.getType());
        int[] expected = reference.getRGB(0, 0, 40, 24, null, 0, 40);
        for (int i = 0; i < expected.length; i++) {
            expected[i] &= 0xFFFFFF;
        }
        assertArrayEquals(expected, ColorImages.decode(jpeg).rgb());
    }
}
