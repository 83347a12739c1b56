package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.OrganizedPointCloud;
import io.github.spatialvlm4j.geometry.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict decoding: what javax.imageio decodes in part without a word (a JPEG cut short, a PNG cut
 * after its pixel data or with a flipped byte) is an error naming the file; the pixel limit is checked
 * from the header; a named pipe is refused, not opened.
 */
class StrictDecodingTest {
    @TempDir
    Path dir;

    private static RgbImage noise(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] rgb = new int[w * h];
        Arrays.setAll(rgb, i -> random.nextInt(1 << 24));
        return new RgbImage(w, h, rgb);
    }

    private static byte[] jpeg(RgbImage image) throws IOException {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, image.width(), image.height(), image.rgb(), 0, image.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(b, "jpeg", out), "no JPEG writer");
        return out.toByteArray();
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message lacks '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void aTruncatedJpegIsAnErrorNotAGreyPicture() throws IOException {
        byte[] full = jpeg(noise(64, 48, 1));
        assertEquals(64, ColorImages.decode(full).width(), "the whole file decodes");
        for (int cut : new int[] {full.length / 3, 2 * full.length / 3, full.length - 2}) {
            Path file = dir.resolve("cut-" + cut + ".jpg");
            Files.write(file, Arrays.copyOf(full, cut));
            IOException e = assertThrows(IOException.class, () -> ColorImages.read(file), "cut at " + cut);
            assertMentions(e, file.toString(), "truncated or corrupt");
            assertTrue(!e.getMessage().contains("javax.") && !e.getMessage().contains("java."), e.getMessage());
        }
    }

    @Test
    void aPngCutAfterItsPixelsOrWithAFlippedByteIsAnError() throws IOException {
        byte[] full = ColorImages.encodePng(noise(40, 30, 2));
        // Cut inside IEND: javax.imageio alone decodes this file in full.
        Path noEnd = dir.resolve("no-end.png");
        Files.write(noEnd, Arrays.copyOf(full, full.length - 2));
        assertMentions(assertThrows(IOException.class, () -> ColorImages.read(noEnd)), noEnd.toString(), "truncated");

        for (int at : new int[] {20, full.length / 2, full.length - 20}) {
            byte[] flipped = full.clone();
            flipped[at] ^= 0x10;
            Path file = dir.resolve("flip-" + at + ".png");
            Files.write(file, flipped);
            IOException e = assertThrows(IOException.class, () -> ColorImages.read(file), "flip at " + at);
            assertMentions(e, file.toString(), "corrupt", "CRC");
        }
        Path depth = dir.resolve("depth.png");
        byte[] d = DepthPng.encode(new DepthMap(8, 6, filled(48, 1.5f)), 1000);
        Files.write(depth, Arrays.copyOf(d, d.length - 5));
        assertMentions(assertThrows(IOException.class, () -> DepthPng.read(depth, 1000)), depth.toString(), "truncated");
        Path labels = dir.resolve("labels.png");
        byte[] l = LabelPng.encode(new LabelImage(8, 6, new int[48]));
        l[l.length - 17] ^= 1; // the last byte of IDAT data, before its CRC and IEND
        Files.write(labels, l);
        assertMentions(assertThrows(IOException.class, () -> LabelPng.read(labels)), labels.toString(), "corrupt");
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void thePixelLimitIsCheckedFromTheHeader() throws IOException {
        RgbImage image = noise(40, 30, 3);
        Path png = dir.resolve("big.png");
        ColorImages.writePng(image, png);
        Path jpg = dir.resolve("big.jpg");
        Files.write(jpg, jpeg(image));
        for (Path file : new Path[] {png, jpg}) {
            ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> ColorImages.read(file, 1199));
            assertMentions(e, file.toString(), "40x30", "1199 pixels");
            assertEquals(1200, e.pixels());
            assertEquals(1199, e.limit());
            assertEquals(40, ColorImages.read(file, 1200).width(), "at the limit it decodes");
        }
        Path depth = dir.resolve("d.png");
        DepthPng.write(new DepthMap(40, 30, filled(1200, 2f)), depth, 1000);
        assertThrows(ImageTooLargeException.class, () -> DepthPng.read(depth, 1000, 1000));
        Path labels = dir.resolve("l.png");
        LabelPng.write(new LabelImage(40, 30, new int[1200]), labels);
        assertThrows(ImageTooLargeException.class, () -> LabelPng.read(labels, 1000));
        Path pcd = dir.resolve("c.pcd");
        float[] xyz = new float[3 * 1200];
        Arrays.fill(xyz, 1f);
        PcdFormat.write(new OrganizedPointCloud(40, 30, xyz, null), pcd, PcdEncoding.BINARY);
        assertMentions(assertThrows(ImageTooLargeException.class, () -> PcdFormat.read(pcd, 1000)), pcd.toString());
        assertArrayEquals(xyz, PcdFormat.read(pcd, 1200).xyz());
        assertThrows(IllegalArgumentException.class, () -> ColorImages.read(png, 0));
    }

    @Test
    void aNamedPipeOrADirectoryIsRefusedWithoutOpeningIt() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("a.png"));
        assertMentions(assertThrows(IOException.class, () -> ColorImages.read(folder)), folder.toString(),
                "not a regular file");
        assertThrows(NoSuchFileException.class, () -> DepthPng.read(dir.resolve("missing.png"), 1000));

        Path fifo = dir.resolve("pipe.depth.png");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException noMkfifo) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available here");
        // Opening a pipe without a writer blocks: the guard turns a regression into a failure, not a hang.
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(IOException.class, () -> DepthPng.read(fifo, 1000)));
        assertMentions(e, fifo.toString(), "named pipe");
        assertThrows(IOException.class, () -> PcdFormat.read(fifo));
        assertThrows(IOException.class, () -> ColorImages.read(fifo));
    }

    @Test
    void pathErrorsAreOneLineWithThePath() {
        IOException denied = new java.nio.file.AccessDeniedException("/data/out");
        assertEquals("permission denied: /data/out", FileErrors.describe(denied));
        IOException full = FileErrors.writing(Path.of("/data/out/a.jsonl"), new IOException("No space left on device"));
        assertEquals("Cannot write /data/out/a.jsonl: No space left on device", full.getMessage());
        IOException tmp = FileErrors.writing(Path.of("/data/out/a.jsonl"),
                new java.nio.file.AccessDeniedException("/data/out/.a.jsonl.1.tmp"));
        assertEquals("Cannot write /data/out/a.jsonl: permission denied (/data/out/.a.jsonl.1.tmp)", tmp.getMessage());
        assertEquals("first; second", FileErrors.describe(new IOException("first\nsecond")));
    }
}
