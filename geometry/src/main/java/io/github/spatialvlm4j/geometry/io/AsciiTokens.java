package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whitespace-separated tokens of an ASCII PLY or PCD body, with the line number of each token
 * for error messages. Reads are cheap; messages are built only when something fails.
 */
final class AsciiTokens {
    private static final int MAX_QUOTED = 40;

    private final byte[] data;
    private final String source;
    private int pos;
    private int line;
    /** The line of the last token read (at the end of the data: of the last token of the file). */
    private int tokenLine;
    /** The last token read, or null when the last read hit the end of the data. */
    private String last;

    /**
     * @param start byte offset of the body
     * @param firstLine the line number of the body's first line
     */
    AsciiTokens(byte[] data, int start, int firstLine, String source) {
        this.data = data;
        this.pos = start;
        this.line = firstLine;
        this.tokenLine = firstLine;
        this.source = source;
    }

    /** The next token, or null at the end of the data. */
    String next() {
        while (pos < data.length && isSpace(data[pos])) {
            if (data[pos] == '\n') {
                line++;
            }
            pos++;
        }
        if (pos >= data.length) {
            last = null;
            return null;
        }
        int start = pos;
        tokenLine = line;
        while (pos < data.length && !isSpace(data[pos])) {
            pos++;
        }
        last = new String(data, start, pos - start, StandardCharsets.ISO_8859_1);
        return last;
    }

    /** The next token parsed as {@code type}, or null at the end of the data or when it does not parse. */
    Double value(ScalarType type) {
        String token = next();
        return token == null ? null : type.parse(token);
    }

    /**
     * The error for a failed {@link #next} or {@link #value}: the end of the file, or the last token
     * that is not {@code expected}. {@code what} names the value (element, index, property).
     */
    IOException failure(String what, String expected) {
        if (last == null) {
            return error("unexpected end of file: expected " + what);
        }
        String quoted = last.length() > MAX_QUOTED ? last.substring(0, MAX_QUOTED) + "..." : last;
        return error("bad " + what + ": '" + quoted + "' is not " + expected);
    }

    /** The error for a failed {@link #value} of {@code type}. */
    IOException failure(String what, ScalarType type) {
        return failure(what, "a valid " + type.name().toLowerCase(Locale.ROOT));
    }

    /** An error at the line of the last token: "SOURCE: line N: MESSAGE". */
    IOException error(String message) {
        return new IOException(source + ": line " + tokenLine + ": " + message);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f';
    }
}
