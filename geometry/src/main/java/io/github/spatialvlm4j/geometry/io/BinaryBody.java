package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A cursor over the binary body of a PLY or PCD file. Callers check {@link #has} before reading
 * and report a shortfall with {@link #truncated}, which names the byte offset; messages are
 * built only on failure.
 */
final class BinaryBody {
    private final ByteBuffer buf;
    private final String source;
    private int pos;

    BinaryBody(byte[] data, int start, ByteOrder order, String source) {
        this.buf = ByteBuffer.wrap(data).order(order);
        this.pos = start;
        this.source = source;
    }

    /** The underlying buffer (for absolute reads; byte order already set). */
    ByteBuffer buffer() {
        return buf;
    }

    /** The current byte offset from the start of the file. */
    int position() {
        return pos;
    }

    long remaining() {
        return buf.capacity() - pos;
    }

    /** Whether at least {@code n} bytes remain. */
    boolean has(long n) {
        return n <= remaining();
    }

    /** "SOURCE: truncated at byte offset P: WHAT needs N bytes but only R remain". */
    IOException truncated(long n, String what) {
        return new IOException(source + ": truncated at byte offset " + pos + ": " + what + " needs " + n
                + " bytes but only " + remaining() + " remain");
    }

    /** "SOURCE: byte offset P: MESSAGE", for a bad value read at {@code offset}. */
    IOException error(int offset, String message) {
        return new IOException(source + ": byte offset " + offset + ": " + message);
    }

    /** Reads one value; the caller has checked {@link #has}. */
    double readDouble(ScalarType type) {
        double v = type.readDouble(buf, pos);
        pos += type.size();
        return v;
    }

    /** Reads one integer; the caller has checked {@link #has}. */
    long readLong(ScalarType type) {
        long v = type.readLong(buf, pos);
        pos += type.size();
        return v;
    }

    /** Skips {@code n} bytes; the caller has checked {@link #has}. */
    void skip(long n) {
        pos += (int) n;
    }
}
