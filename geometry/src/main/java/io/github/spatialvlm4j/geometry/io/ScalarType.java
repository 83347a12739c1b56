package io.github.spatialvlm4j.geometry.io;

import java.nio.ByteBuffer;

/**
 * The scalar types of PLY and PCD files: size in bytes, signedness, how to read one value
 * from a buffer (whose byte order the caller set) and how to parse one from text.
 */
enum ScalarType {
    INT8(1, true), UINT8(1, false), INT16(2, true), UINT16(2, false), INT32(4, true), UINT32(4, false),
    INT64(8, true), UINT64(8, false), FLOAT32(4, false), FLOAT64(8, false);

    private final int size;
    private final boolean signed;

    ScalarType(int size, boolean signed) {
        this.size = size;
        this.signed = signed;
    }

    /** Bytes per value. */
    int size() {
        return size;
    }

    boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The PLY type name (both spellings: {@code uchar} / {@code uint8}, ...), or null when unknown. */
    static ScalarType fromPly(String name) {
        return switch (name) {
            case "char", "int8" -> INT8;
            case "uchar", "uint8" -> UINT8;
            case "short", "int16" -> INT16;
            case "ushort", "uint16" -> UINT16;
            case "int", "int32" -> INT32;
            case "uint", "uint32" -> UINT32;
            case "float", "float32" -> FLOAT32;
            case "double", "float64" -> FLOAT64;
            default -> null;
        };
    }

    /** The PCD type for {@code TYPE} letter I/U/F and {@code SIZE} in bytes, or null when there is none. */
    static ScalarType fromPcd(String type, int size) {
        return switch (type + size) {
            case "I1" -> INT8;
            case "U1" -> UINT8;
            case "I2" -> INT16;
            case "U2" -> UINT16;
            case "I4" -> INT32;
            case "U4" -> UINT32;
            case "I8" -> INT64;
            case "U8" -> UINT64;
            case "F4" -> FLOAT32;
            case "F8" -> FLOAT64;
            default -> null;
        };
    }

    /** The value at absolute position {@code pos} of {@code buf}, as a double (UINT64 above 2^63 wraps). */
    double readDouble(ByteBuffer buf, int pos) {
        return switch (this) {
            case FLOAT32 -> buf.getFloat(pos);
            case FLOAT64 -> buf.getDouble(pos);
            default -> readLong(buf, pos);
        };
    }

    /** The integer at absolute position {@code pos} (floats are truncated toward zero). */
    long readLong(ByteBuffer buf, int pos) {
        return switch (this) {
            case INT8 -> buf.get(pos);
            case UINT8 -> buf.get(pos) & 0xffL;
            case INT16 -> buf.getShort(pos);
            case UINT16 -> buf.getShort(pos) & 0xffffL;
            case INT32 -> buf.getInt(pos);
            case UINT32 -> buf.getInt(pos) & 0xffffffffL;
            case INT64, UINT64 -> buf.getLong(pos);
            case FLOAT32 -> (long) buf.getFloat(pos);
            case FLOAT64 -> (long) buf.getDouble(pos);
        };
    }

    /**
     * Parses one text value of this type. Floats accept C spellings of special values
     * ({@code nan}, {@code -nan}, {@code inf}, {@code -inf}, any case) besides Java's; integers must
     * be integers within the type's range.
     *
     * @return the value, or null when the token is not a valid value of this type
     */
    Double parse(String token) {
        if (isFloat()) {
            return parseFloating(token, this == FLOAT32);
        }
        long v;
        try {
            v = Long.parseLong(token);
        } catch (NumberFormatException e) {
            return null;
        }
        if (size < 8) {
            long min = signed ? -(1L << (8 * size - 1)) : 0;
            long max = signed ? (1L << (8 * size - 1)) - 1 : (1L << (8 * size)) - 1;
            if (v < min || v > max) {
                return null;
            }
        } else if (!signed && v < 0) {
            return null;
        }
        return (double) v;
    }

    private static Double parseFloating(String token, boolean single) {
        String t = token.toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "nan", "-nan", "+nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // Java also accepts hex floats and "1f"/"1d" suffixes; refuse the suffixes, which no
                // PLY/PCD writer emits, so "1f" is an error as in C.
                char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
                if (last == 'f' || last == 'd') {
                    return null;
                }
                try {
                    // Parse floats directly: double-then-float rounding can miss the nearest float.
                    return single ? (double) Float.parseFloat(t) : Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
    }
}
