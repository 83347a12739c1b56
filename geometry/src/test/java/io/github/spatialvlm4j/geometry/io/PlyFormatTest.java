package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlyFormatTest {
    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static PointCloud randomCloud(int n, boolean colours, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 6)));
        }
        if (n > 3) {
            xyz[0] = -0.0f;
            xyz[1] = Float.MIN_VALUE;
            xyz[2] = Float.MAX_VALUE;
            xyz[3] = -Float.MAX_VALUE;
            xyz[4] = 1e-38f;
        }
        int[] rgb = null;
        if (colours) {
            rgb = new int[n];
            Arrays.setAll(rgb, i -> random.nextInt(1 << 24));
        }
        return new PointCloud(xyz, rgb);
    }

    private static void assertSameBits(PointCloud expected, PointCloud actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.xyz().length; i++) {
            assertEquals(Float.floatToRawIntBits(expected.xyz()[i]), Float.floatToRawIntBits(actual.xyz()[i]),
                    "coordinate " + i);
        }
        assertArrayEquals(expected.rgb(), actual.rgb());
    }

    @Test
    void readsHandWrittenAsciiWithExtraPropertiesAndElements() throws IOException {
        String text = "ply\r\n"
                + "format ascii 1.0\n"
                + "comment made by hand\n"
                + "obj_info scanner 7\n"
                + "element vertex 3\n"
                + "property float x\n"
                + "property float y\n"
                + "property float z\n"
                + "property float nx\n"
                + "property uchar red\n"
                + "property uchar green\n"
                + "property uchar blue\n"
                + "property uchar alpha\n"
                + "property list uchar int tags\n"
                + "element face 2\n"
                + "property list uchar int vertex_indices\n"
                + "element material 1\n"
                + "property double shininess\n"
                + "end_header\n"
                + "1.5 -2 3e-1 0.0 255 0 16 128 2 7 8\n"
                + "0 0 0 1 1 2 3 255 0\n"
                + "-4.25 5 6.125 nan 10 20 30 0 3 1 2 3\n"
                + "3 0 1 2\n"
                + "4 0 1 2 1\n"
                + "0.5\n";
        Path file = dir.resolve("hand.ply");
        Files.write(file, ascii(text));
        PointCloud cloud = PlyFormat.read(file);
        assertArrayEquals(new float[] {1.5f, -2f, 0.3f, 0f, 0f, 0f, -4.25f, 5f, 6.125f}, cloud.xyz());
        assertArrayEquals(new int[] {0xFF0010, 0x010203, 0x0A141E}, cloud.rgb());
    }

    @Test
    void readsHandMadeBinaryInBothByteOrdersWithFacesFirst() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            String header = "ply\nformat " + (order == ByteOrder.BIG_ENDIAN ? "binary_big_endian" : "binary_little_endian")
                    + " 1.0\n"
                    + "element face 2\n"
                    + "property list uchar int vertex_indices\n"
                    + "property short flag\n"
                    + "element vertex 2\n"
                    + "property double x\n"
                    + "property double y\n"
                    + "property double z\n"
                    + "property list ushort float weights\n"
                    + "property float intensity\n"
                    + "end_header\n";
            ByteBuffer body = ByteBuffer.allocate(200).order(order);
            body.put((byte) 3).putInt(0).putInt(1).putInt(2).putShort((short) -1);
            body.put((byte) 0).putShort((short) 7);
            body.putDouble(0.25).putDouble(-1.5).putDouble(2.0).putShort((short) 2).putFloat(9f).putFloat(8f).putFloat(0.5f);
            body.putDouble(1e-3).putDouble(4).putDouble(-8).putShort((short) 0).putFloat(1f);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(ascii(header));
            file.write(body.array(), 0, body.position());
            PointCloud cloud = PlyFormat.decode(file.toByteArray(), "hand-" + order);
            assertArrayEquals(new float[] {0.25f, -1.5f, 2f, 1e-3f, 4f, -8f}, cloud.xyz(), order.toString());
            assertFalse(cloud.hasColors());
        }
    }

    @Test
    void roundTripsBitForBitInBothEncodings() throws IOException {
        for (PlyEncoding encoding : PlyEncoding.values()) {
            for (boolean colours : new boolean[] {false, true}) {
                PointCloud cloud = randomCloud(500, colours, 51);
                Path file = dir.resolve("rt-" + encoding + "-" + colours + ".ply");
                PlyFormat.write(cloud, file, encoding);
                PointCloud back = PlyFormat.read(file);
                assertSameBits(cloud, back);
                assertArrayEquals(PlyFormat.encode(cloud, encoding), Files.readAllBytes(file));
            }
        }
    }

    @Test
    void binaryWriterLayoutIsTheDeclaredOne() throws IOException {
        PointCloud cloud = new PointCloud(new float[] {1f, 2f, 3f}, new int[] {0x102030});
        byte[] bytes = PlyFormat.encode(cloud, PlyEncoding.BINARY_LITTLE_ENDIAN);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int body = text.indexOf("end_header\n") + "end_header\n".length();
        assertTrue(text.startsWith("ply\nformat binary_little_endian 1.0\n"));
        assertTrue(text.contains("element vertex 1\n"));
        assertEquals(body + 15, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes, body, 15).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1f, b.getFloat());
        assertEquals(2f, b.getFloat());
        assertEquals(3f, b.getFloat());
        assertEquals(0x10, b.get());
        assertEquals(0x20, b.get());
        assertEquals(0x30, b.get());
    }

    @Test
    void emptyCloudAndNonFiniteVertices() throws IOException {
        for (PlyEncoding encoding : PlyEncoding.values()) {
            PointCloud back = PlyFormat.decode(PlyFormat.encode(PointCloud.empty(), encoding), "empty");
            assertTrue(back.isEmpty());
        }
        String text = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
                + "end_header\n1 2 3\nnan 0 0\n4 inf 6\n";
        PointCloud cloud = PlyFormat.decode(ascii(text), "nan.ply");
        assertArrayEquals(new float[] {1, 2, 3}, cloud.xyz());
        assertNull(cloud.rgb());
    }

    @Test
    void headerErrorsNameTheFileLineAndValue() {
        String base = "ply\nformat ascii 1.0\nelement vertex 1\n";
        assertError(base + "property float x\nproperty float y\nend_header\n1 2\n", "bad.ply", "line 3: element vertex has no property 'z'");
        IOException type = assertError(base + "property float x\nproperty float3 y\nproperty float z\nend_header\n",
                "bad.ply", "unknown property type 'float3'");
        assertTrue(type.getMessage().contains("line 5"), type.getMessage());
        IOException count = assertError("ply\nformat ascii 1.0\nelement vertex -3\n", "bad.ply", "'-3'");
        assertTrue(count.getMessage().contains("line 3"), count.getMessage());
        assertError("ply\nformat ascii 1.0\nelement vertex many\n", "bad.ply", "'many'");
        assertError("ply\nformat ascii 2.0\n", "bad.ply", "format");
        assertError("ply\nformat zip 1.0\n", "bad.ply", "'zip'");
        assertError("PLY\n", "bad.ply", "not a PLY file");
        assertError("", "bad.ply", "not a PLY file");
        assertError(base + "property float x\n", "bad.ply", "no end_header");
        assertError("ply\nformat ascii 1.0\nproperty float x\n", "bad.ply", "before any element");
        assertError("ply\nformat ascii 1.0\nelements vertex 1\n", "bad.ply", "'elements'");
        assertError(base + "property float x\nproperty float y\nproperty float z\nproperty float red\n"
                + "property float green\nproperty float blue\nend_header\n1 2 3 0.5 0.5 0.5\n", "bad.ply",
                "red has type float32, expected uchar");
        assertError(base + "property float x\nproperty float y\nproperty float z\nproperty uchar red\nend_header\n"
                + "1 2 3 4\n", "bad.ply", "only some of red, green, blue");
        assertError("ply\nformat ascii 1.0\nelement face 0\nproperty list uchar int v\nend_header\n", "bad.ply",
                "no 'element vertex'");
    }

    @Test
    void truncatedAndCorruptBodiesNameTheOffsetOrLine() throws IOException {
        PointCloud cloud = randomCloud(100, true, 52);
        byte[] binary = PlyFormat.encode(cloud, PlyEncoding.BINARY_LITTLE_ENDIAN);
        Path cut = dir.resolve("cut.ply");
        Files.write(cut, Arrays.copyOf(binary, binary.length - 7));
        IOException e = assertThrows(IOException.class, () -> PlyFormat.read(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated at byte offset"), e.getMessage());

        // Truncated inside a list of a later element: counts fit the plausibility bound, the list does not.
        String header = "ply\nformat binary_little_endian 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
                + "property float z\nelement face 1\nproperty list uchar int v\nend_header\n";
        ByteBuffer body = ByteBuffer.allocate(12 + 1 + 8).order(ByteOrder.LITTLE_ENDIAN);
        body.putFloat(1).putFloat(2).putFloat(3).put((byte) 200).putInt(0).putInt(1);
        byte[] face = concat(ascii(header), body.array());
        IOException list = assertThrows(IOException.class, () -> PlyFormat.decode(face, "face.ply"));
        int offset = header.length() + 13;
        assertTrue(list.getMessage().contains("face.ply: truncated at byte offset " + offset), list.getMessage());
        assertTrue(list.getMessage().contains("element face 0 property v needs 800 bytes"), list.getMessage());

        String text = "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\n"
                + "end_header\n1 2 3\n4 5\n";
        IOException end = assertError(text, "short.ply", "unexpected end of file: expected element vertex 1 property z");
        assertTrue(end.getMessage().contains("line 9"), end.getMessage());
        IOException bad = assertError(text.replace("4 5\n", "4 five 6\n"), "word.ply", "'five'");
        assertTrue(bad.getMessage().contains("line 9"), bad.getMessage());
        assertError(text.replace("1 2 3\n4 5\n", "1 2 3 4 5 300\n").replace("property float z\n",
                "property float z\nproperty uchar red\nproperty uchar green\nproperty uchar blue\n"), "range.ply",
                "bad element vertex 0 property blue: '300' is not a valid uint8");

        String huge = "ply\nformat binary_little_endian 1.0\nelement vertex 2000000000\nproperty float x\n"
                + "property float y\nproperty float z\nend_header\n";
        IOException plausible = assertError(huge, "huge.ply", "need at least 24000000000 body bytes");
        assertTrue(plausible.getMessage().startsWith("huge.ply: "), plausible.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static IOException assertError(String text, String source, String expected) {
        IOException e = assertThrows(IOException.class, () -> PlyFormat.decode(ascii(text), source));
        assertTrue(e.getMessage().startsWith(source + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }
}
