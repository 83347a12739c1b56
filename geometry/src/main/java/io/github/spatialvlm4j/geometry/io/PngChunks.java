package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The chunk structure of a PNG file, checked before decoding: every chunk whole and with a matching
 * CRC, an {@code IHDR} first and an {@code IEND} last. javax.imageio checks neither the CRCs nor the
 * end of the file: it decodes a file cut after its pixel data, or with a flipped byte in a chunk it
 * does not need, without a word. O(file size). Stateless.
 */
final class PngChunks {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Bytes of the signature: the first chunk starts here. */
    static final int SIGNATURE_LENGTH = SIGNATURE.length;

    private PngChunks() {
    }

    /** Whether {@code bytes} start with the PNG signature. */
    static boolean isPng(byte[] bytes) {
        if (bytes.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (bytes[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the chunks of a PNG file (which starts with the signature).
     *
     * @throws IOException naming {@code source}, the chunk and its byte offset: "truncated" for a cut
     *     file, "corrupt" for a CRC mismatch or a misplaced header
     */
    static void verify(byte[] bytes, String source) throws IOException {
        int pos = SIGNATURE.length;
        boolean first = true;
        CRC32 crc = new CRC32();
        while (true) {
            if (bytes.length - pos < 8) {
                throw new IOException("Cannot decode PNG " + source + ": truncated (the file ends at byte "
                        + bytes.length + " before its IEND chunk)");
            }
            long length = readInt(bytes, pos) & 0xFFFFFFFFL;
            String type = new String(bytes, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (first && !type.equals("IHDR")) {
                throw new IOException("Cannot decode PNG " + source + ": corrupt (first chunk is '" + printable(type)
                        + "', expected IHDR)");
            }
            first = false;
            if (length > bytes.length - pos - 12L) {
                throw new IOException("Cannot decode PNG " + source + ": truncated (chunk " + printable(type)
                        + " at byte " + pos + " holds " + length + " bytes, the file ends " + (bytes.length - pos - 8)
                        + " bytes after its header)");
            }
            crc.reset();
            crc.update(bytes, pos + 4, (int) length + 4);
            int stored = readInt(bytes, pos + 8 + (int) length);
            if ((int) crc.getValue() != stored) {
                throw new IOException("Cannot decode PNG " + source + ": corrupt (chunk " + printable(type) + " at byte "
                        + pos + " fails its CRC check)");
            }
            pos += 12 + (int) length;
            if (type.equals("IEND")) {
                return;
            }
        }
    }

    /** The big-endian 32-bit integer at {@code b[at .. at + 3]}. */
    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "(unprintable)";
    }
}
