package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
import java.util.Arrays;

/**
 * LZF compression in the liblzf format (Marc Lehmann's liblzf 3.x, the codec PCL uses for
 * {@code DATA binary_compressed} PCD files). The stream is a sequence of chunks, each starting
 * with a control byte {@code c}:
 * <ul>
 *   <li>{@code c < 32}: a literal run; the next {@code c + 1} bytes are copied as they are;</li>
 *   <li>otherwise a back reference: {@code len = c >>> 5}; when {@code len == 7} the next byte is
 *       added to it; the match copies {@code len + 2} bytes (3..264) starting
 *       {@code ((c & 0x1f) << 8) + nextByte + 1} bytes (1..8192) before the current output
 *       position (the copy may overlap its own output, as in run-length coding).</li>
 * </ul>
 * The stream carries no length and no checksum: the caller stores the uncompressed length.
 *
 * <p>{@link #compress} is a greedy single-pass hash-chain-free compressor (one hash slot per
 * 3-byte prefix, as in liblzf): O(n) time, 256 KiB of table. Its output is not byte-identical
 * to liblzf's, but any liblzf decoder reads it. {@link #decompress} checks every bound and
 * reports corrupt input as an {@link IOException} naming the input offset. Stateless.
 */
public final class Lzf {
    private static final int HASH_LOG = 16;
    private static final int MAX_LITERAL = 32;
    private static final int MAX_OFFSET = 1 << 13;
    private static final int MAX_MATCH = 7 + 255 + 2;
    private static final int MIN_MATCH = 3;

    private Lzf() {
    }

    /**
     * Compresses {@code in} (not modified). The output is at most
     * {@code in.length + ceil(in.length / 32)} bytes long (incompressible data grows by one
     * control byte per 32 literals); empty input gives empty output. O(n).
     */
    public static byte[] compress(byte[] in) {
        if (in == null) {
            throw new IllegalArgumentException("LZF input is null");
        }
        int n = in.length;
        if (n > Integer.MAX_VALUE - 16 - n / MAX_LITERAL) {
            throw new IllegalArgumentException("LZF input of " + n + " bytes is too large (worst-case output over 2 GiB)");
        }
        byte[] out = new byte[n + (n + MAX_LITERAL - 1) / MAX_LITERAL];
        // table[h] = 1 + the last position whose 3-byte prefix hashed to h; 0 = empty.
        int[] table = new int[1 << HASH_LOG];
        int op = 0;
        int literalStart = 0;
        int ip = 0;
        while (ip + MIN_MATCH <= n) {
            int h = hash(in, ip);
            int ref = table[h] - 1;
            table[h] = ip + 1;
            int distance = ip - ref - 1;
            if (ref >= 0 && distance < MAX_OFFSET && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]
                    && in[ref + 2] == in[ip + 2]) {
                op = emitLiterals(in, literalStart, ip, out, op);
                int maxLen = Math.min(MAX_MATCH, n - ip);
                int len = MIN_MATCH;
                while (len < maxLen && in[ref + len] == in[ip + len]) {
                    len++;
                }
                int code = len - 2;
                if (code < 7) {
                    out[op++] = (byte) ((code << 5) | (distance >>> 8));
                } else {
                    out[op++] = (byte) ((7 << 5) | (distance >>> 8));
                    out[op++] = (byte) (code - 7);
                }
                out[op++] = (byte) distance;
                // Index the positions inside the match too, so later repeats find them.
                int end = ip + len;
                for (int p = ip + 1; p < end && p + MIN_MATCH <= n; p++) {
                    table[hash(in, p)] = p + 1;
                }
                ip = end;
                literalStart = ip;
            } else {
                ip++;
            }
        }
        op = emitLiterals(in, literalStart, n, out, op);
        return Arrays.copyOf(out, op);
    }

    private static int hash(byte[] in, int p) {
        int v = ((in[p] & 0xff) << 16) | ((in[p + 1] & 0xff) << 8) | (in[p + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_LOG);
    }

    /** Writes {@code in[from, to)} as literal runs of at most 32 bytes; returns the new output position. */
    private static int emitLiterals(byte[] in, int from, int to, byte[] out, int op) {
        while (from < to) {
            int run = Math.min(MAX_LITERAL, to - from);
            out[op++] = (byte) (run - 1);
            System.arraycopy(in, from, out, op, run);
            op += run;
            from += run;
        }
        return op;
    }

    /**
     * Decompresses a complete liblzf stream that must expand to exactly {@code expectedLength}
     * bytes. O(expectedLength).
     *
     * @throws IOException naming the input offset when the stream is corrupt: a literal run or
     *     back reference that runs past the end of the input, a back reference before the start
     *     of the output, output longer than {@code expectedLength}, or a stream that ends short
     *     of it
     */
    public static byte[] decompress(byte[] in, int expectedLength) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("LZF input is null");
        }
        if (expectedLength < 0) {
            throw new IllegalArgumentException("Invalid expected LZF length: " + expectedLength + " (bytes, must be >= 0)");
        }
        byte[] out = new byte[expectedLength];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int chunkStart = ip;
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (run > in.length - ip) {
                    throw corrupt(chunkStart, "literal run of " + run + " bytes but only " + (in.length - ip)
                            + " input bytes remain");
                }
                if (run > expectedLength - op) {
                    throw corrupt(chunkStart, "literal run of " + run + " bytes overflows the expected length "
                            + expectedLength + " at output offset " + op);
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int len = ctrl >>> 5;
                if (len == 7) {
                    if (ip >= in.length) {
                        throw corrupt(chunkStart, "back reference lacks its length byte (end of input)");
                    }
                    len += in[ip++] & 0xff;
                }
                len += 2;
                if (ip >= in.length) {
                    throw corrupt(chunkStart, "back reference lacks its offset byte (end of input)");
                }
                int distance = ((ctrl & 0x1f) << 8) + (in[ip++] & 0xff) + 1;
                if (distance > op) {
                    throw corrupt(chunkStart, "back reference " + distance + " bytes back but only " + op
                            + " bytes are decoded");
                }
                if (len > expectedLength - op) {
                    throw corrupt(chunkStart, "back reference of " + len + " bytes overflows the expected length "
                            + expectedLength + " at output offset " + op);
                }
                int ref = op - distance;
                // Byte by byte: the source may overlap the bytes being written.
                for (int k = 0; k < len; k++) {
                    out[op++] = out[ref + k];
                }
            }
        }
        if (op != expectedLength) {
            throw corrupt(in.length, "stream ends after " + op + " bytes, expected " + expectedLength);
        }
        return out;
    }

    private static IOException corrupt(int offset, String what) {
        return new IOException("Corrupt LZF data at input offset " + offset + ": " + what);
    }
}
