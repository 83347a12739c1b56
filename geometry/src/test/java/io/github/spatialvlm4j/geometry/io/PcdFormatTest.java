package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.OrganizedPointCloud;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcdFormatTest {
    private static final float NAN = Float.NaN;

    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void handWrittenAsciiOrganized3x2KeepsLayoutAndNaNs() throws IOException {
        String text = "# .PCD v0.7 - Point Cloud Data file format\n"
                + "VERSION .7\n"
                + "FIELDS x y z rgb normal_x curvature\n"
                + "SIZE 4 4 4 4 4 4\n"
                + "TYPE F F F F F F\n"
                + "COUNT 1 1 1 1 1 1\n"
                + "WIDTH 3\n"
                + "HEIGHT 2\n"
                + "VIEWPOINT 0 0 0 1 0 0 0\n"
                + "POINTS 6\n"
                + "DATA ascii\n"
                + "1 2 3 16711680 0.1 0\n"
                + "nan nan nan 65280 0 0\n"
                + "-1.5 0.25 4 255 nan nan\n"
                // An older writer's rgb: the float whose bits are 0x00FF8040.
                + "0 0 1 2.3464059e-38 0 0\n"
                + "nan 5 6 0 0 0\n"
                + "7 8 inf 4278190080 0 0\n";
        Path file = dir.resolve("organized.pcd");
        Files.write(file, ascii(text));
        OrganizedPointCloud cloud = PcdFormat.read(file);
        assertEquals(3, cloud.width());
        assertEquals(2, cloud.height());
        assertArrayEquals(new float[] {1, 2, 3, NAN, NAN, NAN, -1.5f, 0.25f, 4, 0, 0, 1, NAN, NAN, NAN, NAN, NAN, NAN},
                cloud.xyz());
        assertArrayEquals(new int[] {0xFF0000, 0x00FF00, 0x0000FF, 0xFF8040, 0, 0}, cloud.rgb());
        assertEquals(3, cloud.validCount());

        PointCloud valid = PcdFormat.readPointCloud(file);
        assertArrayEquals(new float[] {1, 2, 3, -1.5f, 0.25f, 4, 0, 0, 1}, valid.xyz());
        assertArrayEquals(new int[] {0xFF0000, 0x0000FF, 0xFF8040}, valid.rgb());
    }

    /** Fields of a hand-made file: x y z as doubles, padding, a 3-vector, packed rgba, a label. */
    private static final String MIXED_FIELDS = "FIELDS x y z _ intensity normal rgba label\n"
            + "SIZE 8 8 8 1 2 4 4 4\n"
            + "TYPE F F F U U F U I\n"
            + "COUNT 1 1 1 3 1 3 1 1\n";
    private static final int MIXED_POINT_SIZE = 8 * 3 + 3 + 2 + 12 + 4 + 4;
    private static final double[][] MIXED_XYZ = {{0.5, -1.25, 3}, {1e-3, 2, -7.5}, {Double.NaN, Double.NaN, Double.NaN},
        {4, 5, 6}};
    private static final int[] MIXED_RGBA = {0xFF102030, 0x00FFFFFF, 0x7F000001, 0x80ABCDEF};

    private static String mixedHeader(int width, int height, String data) {
        return "# hand made\nVERSION 0.7\n" + MIXED_FIELDS + "WIDTH " + width + "\nHEIGHT " + height
                + "\nVIEWPOINT 1 2 3 1 0 0 0\nPOINTS " + (width * height) + "\nDATA " + data + "\n";
    }

    private static void assertMixed(OrganizedPointCloud cloud, int width, int height) {
        assertEquals(width, cloud.width());
        assertEquals(height, cloud.height());
        float[] expected = new float[12];
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                expected[3 * i + c] = (float) MIXED_XYZ[i][c];
            }
        }
        assertArrayEquals(expected, cloud.xyz());
        assertArrayEquals(new int[] {0x102030, 0xFFFFFF, 0x000001, 0xABCDEF}, cloud.rgb());
    }

    @Test
    void handMadeBinaryWithMixedFieldTypesIsRead() throws IOException {
        ByteBuffer body = ByteBuffer.allocate(4 * MIXED_POINT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4; i++) {
            body.putDouble(MIXED_XYZ[i][0]).putDouble(MIXED_XYZ[i][1]).putDouble(MIXED_XYZ[i][2]);
            body.put((byte) 0xEE).put((byte) 0xEE).put((byte) 0xEE);
            body.putShort((short) (1000 + i));
            body.putFloat(0.1f).putFloat(0.2f).putFloat(0.3f);
            body.putInt(MIXED_RGBA[i]);
            body.putInt(-i);
        }
        byte[] file = concat(ascii(mixedHeader(2, 2, "binary")), body.array());
        assertMixed(PcdFormat.decode(file, "mixed.pcd"), 2, 2);
    }

    /** The points of the mixed file laid out field by field, as binary_compressed stores them. */
    private static byte[] mixedFieldByField() {
        ByteBuffer soa = ByteBuffer.allocate(4 * MIXED_POINT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                soa.putDouble(MIXED_XYZ[i][c]);
            }
        }
        for (int i = 0; i < 4 * 3; i++) {
            soa.put((byte) 0xEE);
        }
        for (int i = 0; i < 4; i++) {
            soa.putShort((short) (1000 + i));
        }
        for (int i = 0; i < 4 * 3; i++) {
            soa.putFloat(0.5f);
        }
        for (int i = 0; i < 4; i++) {
            soa.putInt(MIXED_RGBA[i]);
        }
        for (int i = 0; i < 4; i++) {
            soa.putInt(i);
        }
        assertFalse(soa.hasRemaining());
        return soa.array();
    }

    /** LZF made of literal runs only (control byte = run length - 1, runs of at most 32). */
    private static byte[] literalOnlyLzf(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int p = 0; p < raw.length; p += 32) {
            int run = Math.min(32, raw.length - p);
            out.write(run - 1);
            out.write(raw, p, run);
        }
        return out.toByteArray();
    }

    private static byte[] compressedFile(String header, byte[] raw, Function<byte[], byte[]> lzf) {
        byte[] packed = lzf.apply(raw);
        ByteBuffer sizes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(packed.length).putInt(raw.length);
        return concat(ascii(header), sizes.array(), packed);
    }

    @Test
    void handMadeBinaryCompressedReadsWithBothCompressors() throws IOException {
        byte[] raw = mixedFieldByField();
        byte[] literal = compressedFile(mixedHeader(4, 1, "binary_compressed"), raw, PcdFormatTest::literalOnlyLzf);
        assertMixed(PcdFormat.decode(literal, "literal.pcd"), 4, 1);
        byte[] ours = compressedFile(mixedHeader(4, 1, "binary_compressed"), raw, Lzf::compress);
        assertTrue(ours.length < literal.length, "the repeated padding and normals compress");
        assertMixed(PcdFormat.decode(ours, "ours.pcd"), 4, 1);
    }

    private static OrganizedPointCloud randomOrganized(int w, int h, boolean colours, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] xyz = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            boolean invalid = random.nextInt(5) == 0;
            for (int c = 0; c < 3; c++) {
                xyz[3 * i + c] = invalid ? NAN : (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-5, 5)));
            }
        }
        xyz[0] = -0.0f;
        xyz[1] = Float.MIN_VALUE;
        xyz[2] = Float.MAX_VALUE;
        int[] rgb = null;
        if (colours) {
            rgb = new int[w * h];
            Arrays.setAll(rgb, i -> random.nextInt(1 << 24));
        }
        return new OrganizedPointCloud(w, h, xyz, rgb);
    }

    private static void assertSameBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "value " + i);
        }
    }

    @Test
    void organizedCloudsRoundTripBitForBitInEveryEncoding() throws IOException {
        for (PcdEncoding encoding : PcdEncoding.values()) {
            for (boolean colours : new boolean[] {false, true}) {
                OrganizedPointCloud cloud = randomOrganized(17, 9, colours, 61);
                Path file = dir.resolve("o-" + encoding + "-" + colours + ".pcd");
                PcdFormat.write(cloud, file, encoding);
                OrganizedPointCloud back = PcdFormat.read(file);
                assertEquals(17, back.width());
                assertEquals(9, back.height());
                assertSameBits(cloud.xyz(), back.xyz());
                assertArrayEquals(cloud.rgb(), back.rgb());
                assertArrayEquals(PcdFormat.encode(cloud, encoding), Files.readAllBytes(file));
                assertEquals(cloud.toPointCloud(), PcdFormat.readPointCloud(file));
            }
        }
    }

    @Test
    void unorganizedCloudsRoundTripWithHeightOne() throws IOException {
        SplittableRandom random = new SplittableRandom(62);
        float[] xyz = new float[3 * 300];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) random.nextGaussian();
        }
        int[] rgb = new int[300];
        Arrays.setAll(rgb, i -> random.nextInt(1 << 24));
        for (PointCloud cloud : new PointCloud[] {new PointCloud(xyz), new PointCloud(xyz, rgb)}) {
            for (PcdEncoding encoding : PcdEncoding.values()) {
                Path file = dir.resolve("u-" + encoding + cloud.hasColors() + ".pcd");
                PcdFormat.write(cloud, file, encoding);
                OrganizedPointCloud back = PcdFormat.read(file);
                assertEquals(300, back.width());
                assertEquals(1, back.height());
                assertSameBits(xyz, back.xyz());
                assertEquals(cloud, PcdFormat.readPointCloud(file));
            }
        }
    }

    @Test
    void writtenHeaderAndBinaryLayoutArePclStyle() {
        OrganizedPointCloud cloud = new OrganizedPointCloud(1, 1, new float[] {1, 2, 3}, new int[] {0x102030});
        byte[] bytes = PcdFormat.encode(cloud, PcdEncoding.BINARY);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String header = "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS x y z rgb\nSIZE 4 4 4 4\n"
                + "TYPE F F F F\nCOUNT 1 1 1 1\nWIDTH 1\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS 1\nDATA binary\n";
        assertTrue(text.startsWith(header), text);
        ByteBuffer b = ByteBuffer.wrap(bytes, header.length(), 16).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1f, b.getFloat());
        assertEquals(2f, b.getFloat());
        assertEquals(3f, b.getFloat());
        assertEquals(0x102030, b.getInt());
        assertEquals(header.length() + 16, bytes.length);

        String asciiText = new String(PcdFormat.encode(new OrganizedPointCloud(2, 1, new float[] {1, 2, 3, NAN, NAN, NAN},
                new int[] {0xFF0000, 1}), PcdEncoding.ASCII), StandardCharsets.US_ASCII);
        assertTrue(asciiText.endsWith("DATA ascii\n1.0 2.0 3.0 16711680\nnan nan nan 1\n"), asciiText);
    }

    @Test
    void emptyCloudsWriteAndReadBackAsPointClouds() throws IOException {
        for (PcdEncoding encoding : PcdEncoding.values()) {
            Path file = dir.resolve("empty-" + encoding + ".pcd");
            PcdFormat.write(PointCloud.empty(), file, encoding);
            PointCloud back = PcdFormat.readPointCloud(file);
            assertTrue(back.isEmpty());
            assertNull(back.rgb());
            IOException e = assertThrows(IOException.class, () -> PcdFormat.read(file));
            assertTrue(e.getMessage().contains("no points"), e.getMessage());
        }
    }

    private static final String XYZ_HEADER = "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\n";

    private static IOException assertError(String text, String source, String... expected) {
        return assertError(ascii(text), source, expected);
    }

    private static IOException assertError(byte[] bytes, String source, String... expected) {
        IOException e = assertThrows(IOException.class, () -> PcdFormat.decode(bytes, source));
        assertTrue(e.getMessage().startsWith(source + ": "), e.getMessage());
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
        return e;
    }

    @Test
    void headerErrorsNameTheLineAndValue() {
        String tail = "WIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA ascii\n1 2 3\n";
        assertError("VERSION 0.7\nFIELDS x y\nSIZE 4 4\nTYPE F F\n" + tail, "h.pcd", "line 2: FIELDS has no 'z'");
        assertError("VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F Q F\n" + tail, "h.pcd", "line 4", "'Q'", "field y");
        assertError("VERSION 0.7\nFIELDS x y z\nSIZE 4 4 2\nTYPE F F F\n" + tail, "h.pcd", "line 4", "field z",
                "SIZE 2");
        assertError("VERSION 0.7\nFIELDS x y z\nSIZE 4 4 3\n", "h.pcd", "line 3", "'3'");
        assertError("VERSION 0.7\nFIELDS x y z\nSIZE 4 4\n", "h.pcd", "line 3", "SIZE has 2 values for 3 FIELDS");
        assertError("VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 3 1\n" + tail, "h.pcd",
                "field y has COUNT 3");
        assertError(XYZ_HEADER + "WIDTH 2\nHEIGHT 2\nPOINTS 3\nDATA ascii\n", "h.pcd", "line 8", "POINTS 3");
        assertError(XYZ_HEADER + "WIDTH -2\n", "h.pcd", "line 6", "'-2'");
        assertError(XYZ_HEADER + "WIDTH 1\nDATA zip\n", "h.pcd", "line 7", "'zip'");
        assertError(XYZ_HEADER + "WIDTH 1\nCOLOR red\n", "h.pcd", "line 7", "'COLOR'");
        assertError(XYZ_HEADER + "WIDTH 1\nVIEWPOINT 0 0 0 1 0 0\n", "h.pcd", "VIEWPOINT has 6 values");
        assertError(XYZ_HEADER + "WIDTH 1\n", "h.pcd", "no DATA line");
        assertError(XYZ_HEADER + "DATA ascii\n", "h.pcd", "no WIDTH");
        assertError(XYZ_HEADER.replace("0.7", "0.5") + tail, "h.pcd", "line 1", "VERSION '0.5'");
        assertError("VERSION 0.7\nFIELDS x y z rgb\nSIZE 4 4 4 2\nTYPE F F F U\n" + tail, "h.pcd", "rgb has SIZE 2");
        assertError("", "empty.pcd", "no DATA line");
    }

    @Test
    void truncatedAndCorruptBodiesNameTheOffsetOrLine() throws IOException {
        OrganizedPointCloud cloud = randomOrganized(10, 10, true, 63);
        byte[] binary = PcdFormat.encode(cloud, PcdEncoding.BINARY);
        Path cut = dir.resolve("cut.pcd");
        Files.write(cut, Arrays.copyOf(binary, binary.length - 5));
        IOException e = assertThrows(IOException.class, () -> PcdFormat.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": truncated at byte offset "), e.getMessage());
        assertTrue(e.getMessage().contains("1600 bytes"), e.getMessage());

        byte[] compressed = PcdFormat.encode(cloud, PcdEncoding.BINARY_COMPRESSED);
        assertError(Arrays.copyOf(compressed, compressed.length - 3), "cc.pcd", "truncated at byte offset",
                "binary_compressed block");
        int headerEnd = new String(compressed, StandardCharsets.ISO_8859_1).indexOf("binary_compressed\n") + 18;
        assertError(Arrays.copyOf(compressed, headerEnd + 5), "cs.pcd", "truncated at byte offset " + headerEnd,
                "DATA binary_compressed");

        // Declared uncompressed size disagrees with POINTS x point size.
        byte[] wrongSize = compressed.clone();
        ByteBuffer.wrap(wrongSize).order(ByteOrder.LITTLE_ENDIAN).putInt(headerEnd + 4, 12);
        assertError(wrongSize, "ws.pcd", "byte offset " + (headerEnd + 4), "uncompressed size 12");

        // A back reference before the start of the data inside the LZF block.
        String header = "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 1\nHEIGHT 1\nDATA binary_compressed\n";
        byte[] lzf = {0x00, 0x01, 0x3F, 0x10};
        byte[] corrupt = concat(ascii(header), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(4).putInt(12)
                .array(), lzf);
        assertError(corrupt, "lzf.pcd", "corrupt binary_compressed block starting at byte offset " + (header.length() + 8),
                "input offset 2");

        String text = XYZ_HEADER + "WIDTH 2\nHEIGHT 1\nDATA ascii\n1 2 3\n4 5\n";
        assertError(text, "short.pcd", "line 10", "unexpected end of file: expected field z of point 1");
        assertError(text.replace("4 5\n", "4 x 6\n"), "word.pcd", "line 10", "bad field y of point 1: 'x'");
        assertError(XYZ_HEADER.replace("x y z", "x y z rgb").replace("4 4 4", "4 4 4 4").replace("F F F", "F F F F")
                .replace("1 1 1", "1 1 1 1") + "WIDTH 1\nDATA ascii\n1 2 3 red\n", "rgb.pcd", "line 8",
                "bad field rgb of point 0: 'red'");

        String huge = XYZ_HEADER + "WIDTH 100000000\nHEIGHT 1\nDATA binary\n";
        assertError(huge, "huge.pcd", "truncated at byte offset", "1200000000 bytes");
    }
}
