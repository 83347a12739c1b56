package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the ASCII header lines of a PLY or PCD file held in memory, counting lines (from 1) and
 * tracking the byte offset where the body starts. Lines end with LF or CRLF.
 */
final class HeaderLines {
    private final byte[] data;
    private final String source;
    private int pos;
    private int line;

    HeaderLines(byte[] data, String source) {
        this.data = data;
        this.source = source;
    }

    /** The next line without its terminator, or null at the end of the data. */
    String next() {
        if (pos >= data.length) {
            return null;
        }
        line++;
        int start = pos;
        while (pos < data.length && data[pos] != '\n') {
            pos++;
        }
        int end = pos;
        if (pos < data.length) {
            pos++;
        }
        if (end > start && data[end - 1] == '\r') {
            end--;
        }
        return new String(data, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The number of the line last returned by {@link #next()}, from 1. */
    int line() {
        return line;
    }

    /** The byte offset just after the line last returned: where the body starts after the last header line. */
    int offset() {
        return pos;
    }

    /** An error at the current line: "SOURCE: line N: MESSAGE". */
    IOException error(String message) {
        return new IOException(source + ": line " + line + ": " + message);
    }

    /** Parses a non-negative int header value, or throws naming the keyword and the bad text. */
    int parseCount(String text, String what) throws IOException {
        try {
            int v = Integer.parseInt(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the offending text
        }
        throw error("bad " + what + ": '" + text + "' (must be an integer 0.." + Integer.MAX_VALUE + ")");
    }
}
