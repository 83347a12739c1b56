package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LzfTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void handAssembledStreamDecodesToKnownText() throws IOException {
        // literal "abc" (ctrl 2), then a long back reference: len code 7 + extra 0 -> 9 bytes,
        // distance (0 << 8) + 2 + 1 = 3, overlapping its own output; then a short reference
        // ctrl 0x20 = len code 1 -> 3 bytes, distance 0x0004 + 1 = 5 ("bca"); then literal "!" .
        byte[] stream = bytes(0x02, 'a', 'b', 'c', 0xE0, 0x00, 0x02, 0x20, 0x04, 0x00, '!');
        byte[] out = Lzf.decompress(stream, 16);
        assertEquals("abcabcabcabcbca!", new String(out, StandardCharsets.US_ASCII));
    }

    @Test
    void extendedLengthAndHighDistanceBitsDecode() throws IOException {
        // 300 literal bytes in runs of 32 (ctrl 31) and one of 12 (ctrl 11), then a reference of
        // len code 7 + 13 = 20 -> 22 bytes, distance (1 << 8) + 0x2B + 1 = 300: copies bytes [0, 22).
        byte[] literal = new byte[300];
        for (int i = 0; i < literal.length; i++) {
            literal[i] = (byte) (i * 7 + 1);
        }
        java.io.ByteArrayOutputStream s = new java.io.ByteArrayOutputStream();
        for (int p = 0; p < 300; p += 32) {
            int run = Math.min(32, 300 - p);
            s.write(run - 1);
            s.write(literal, p, run);
        }
        s.write(0xE1);
        s.write(13);
        s.write(0x2B);
        byte[] out = Lzf.decompress(s.toByteArray(), 322);
        for (int i = 0; i < 300; i++) {
            assertEquals(literal[i], out[i]);
        }
        for (int i = 0; i < 22; i++) {
            assertEquals(literal[i], out[300 + i], "copied byte " + i);
        }
    }

    @Test
    void roundTripsRandomData() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        for (int n : new int[] {0, 1, 2, 3, 31, 32, 33, 1000, 100_000}) {
            byte[] data = new byte[n];
            random.nextBytes(data);
            byte[] packed = Lzf.compress(data);
            assertTrue(packed.length <= n + (n + 31) / 32, "bound for n=" + n);
            assertArrayEquals(data, Lzf.decompress(packed, n), "n=" + n);
        }
    }

    @Test
    void roundTripsAndShrinksCompressibleData() throws IOException {
        SplittableRandom random = new SplittableRandom(12);
        // Runs, repeated words and float-like data with repeated high bytes: every match length
        // (3..264) and distances up to the 8 KiB window show up.
        byte[] data = new byte[200_000];
        int p = 0;
        while (p < data.length) {
            int kind = random.nextInt(3);
            int len = Math.min(data.length - p, 1 + random.nextInt(600));
            if (kind == 0) {
                byte b = (byte) random.nextInt(256);
                for (int k = 0; k < len; k++) {
                    data[p + k] = b;
                }
            } else if (kind == 1 && p > 9000) {
                int from = p - 1 - random.nextInt(9000);
                for (int k = 0; k < len; k++) {
                    data[p + k] = data[from + k];
                }
            } else {
                for (int k = 0; k < len; k++) {
                    data[p + k] = (byte) random.nextInt(4);
                }
            }
            p += len;
        }
        byte[] packed = Lzf.compress(data);
        assertTrue(packed.length < data.length / 2, "compressed to " + packed.length);
        assertArrayEquals(data, Lzf.decompress(packed, data.length));

        byte[] zeros = new byte[10_000];
        byte[] packedZeros = Lzf.compress(zeros);
        // One literal (2 bytes) then references of 264 bytes (3 bytes each).
        assertTrue(packedZeros.length <= 2 + 3 * (10_000 / 264 + 1), "zeros compressed to " + packedZeros.length);
        assertArrayEquals(zeros, Lzf.decompress(packedZeros, zeros.length));
    }

    @Test
    void corruptStreamsNameTheOffset() {
        IOException literalPastEnd = assertThrows(IOException.class, () -> Lzf.decompress(bytes(0x05, 'a', 'b'), 6));
        assertTrue(literalPastEnd.getMessage().contains("offset 0"), literalPastEnd.getMessage());

        IOException refBeforeStart = assertThrows(IOException.class,
                () -> Lzf.decompress(bytes(0x01, 'a', 'b', 0x20, 0x09), 5));
        assertTrue(refBeforeStart.getMessage().contains("offset 3"), refBeforeStart.getMessage());
        assertTrue(refBeforeStart.getMessage().contains("10 bytes back"), refBeforeStart.getMessage());

        IOException missingOffsetByte = assertThrows(IOException.class, () -> Lzf.decompress(bytes(0x00, 'a', 0x20), 4));
        assertTrue(missingOffsetByte.getMessage().contains("offset 2"), missingOffsetByte.getMessage());

        IOException missingLengthByte = assertThrows(IOException.class, () -> Lzf.decompress(bytes(0x00, 'a', 0xE0), 20));
        assertTrue(missingLengthByte.getMessage().contains("length byte"), missingLengthByte.getMessage());

        IOException overflow = assertThrows(IOException.class, () -> Lzf.decompress(bytes(0x02, 'a', 'b', 'c'), 2));
        assertTrue(overflow.getMessage().contains("expected length 2"), overflow.getMessage());

        IOException refOverflow = assertThrows(IOException.class, () -> Lzf.decompress(bytes(0x00, 'a', 0x40, 0x00), 3));
        assertTrue(refOverflow.getMessage().contains("offset 2"), refOverflow.getMessage());

        IOException shortStream = assertThrows(IOException.class, () -> Lzf.decompress(bytes(0x00, 'a'), 2));
        assertTrue(shortStream.getMessage().contains("expected 2"), shortStream.getMessage());
    }

    @Test
    void randomGarbageNeverEscapesAsAnUncheckedException() {
        SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            int expected = random.nextInt(200);
            try {
                byte[] out = Lzf.decompress(garbage, expected);
                assertEquals(expected, out.length);
            } catch (IOException e) {
                assertTrue(e.getMessage().startsWith("Corrupt LZF data at input offset "), e.getMessage());
            }
        }
    }

    @Test
    void rejectsNullAndNegativeLength() {
        assertThrows(IllegalArgumentException.class, () -> Lzf.compress(null));
        assertThrows(IllegalArgumentException.class, () -> Lzf.decompress(new byte[0], -1));
    }
}
