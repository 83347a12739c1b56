package io.github.spatialvlm4j.geometry.io;

import io.github.spatialvlm4j.geometry.OrganizedPointCloud;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Point clouds in the PCD v0.7 format of the Point Cloud Library (PCL), ascii, binary and
 * binary_compressed.
 *
 * <p>Reading understands the header keywords {@code VERSION} (0.7), {@code FIELDS},
 * {@code SIZE}, {@code TYPE}, {@code COUNT} (default all 1), {@code WIDTH}, {@code HEIGHT}
 * (default 1), {@code VIEWPOINT} (checked, not applied), {@code POINTS} (default
 * {@code WIDTH * HEIGHT}, must equal it) and {@code DATA}, in PCL's order, and {@code #}
 * comment lines. Fields {@code x}, {@code y}, {@code z} (any numeric type, COUNT 1) give the
 * coordinates in meters; a field {@code rgb} or {@code rgba} (SIZE 4, COUNT 1, TYPE F or U)
 * holds the colour packed PCL-style as {@code 0xAARRGGBB} bits (a float's raw bits for TYPE F;
 * in ascii bodies either the unsigned integer, as PCL writes it, or the float); alpha is
 * dropped. Every other field, of any SIZE/TYPE/COUNT ({@code normal_x}, {@code intensity},
 * {@code curvature}, {@code label}, PCL's {@code _} padding) is skipped. Binary bodies are
 * little-endian, as PCL writes them on every platform it runs on.
 *
 * <p>The result is an {@link OrganizedPointCloud} of {@code WIDTH x HEIGHT} points in file
 * order (unorganized files have height 1). A point with any NaN or infinite coordinate becomes
 * all-NaN (invalid), since an organized cloud holds finite or all-NaN points only;
 * {@link #readPointCloud} keeps the valid points only.
 *
 * <p>Writing produces fields {@code x y z} (F 4) and, when the cloud has colours, {@code rgb}
 * (F 4, bits {@code 0x00RRGGBB}); floats round-trip bit for bit in every encoding (NaN reads
 * back as the canonical NaN). Files are held in memory whole (at most 2 GiB). O(file size).
 * Stateless.
 *
 * <p>Why one class of this size: the reader and the writer share one header model (fields, sizes,
 * types, counts and the three {@code DATA} encodings), so the format is defined in one place; the
 * byte-level pieces shared with PLY are already apart ({@link HeaderLines}, {@link BinaryBody},
 * {@link AsciiTokens}, {@link ScalarType}, {@link Lzf}).
 */
public final class PcdFormat {
    private static final int ROLE_X = 0;
    private static final int ROLE_RGB = 3;
    private static final int NO_ROLE = -1;
    private static final int MAX_QUOTED = 40;

    /** One header field: name, scalar type, COUNT, and byte offset inside a point record. */
    private record Field(String name, ScalarType type, int count, int offset) {
        int bytes() {
            return type.size() * count;
        }
    }

    private enum Data {
        ASCII, BINARY, BINARY_COMPRESSED
    }

    private record Header(List<Field> fields, int fieldsLine, int pointSize, int width, int height, Data data,
            int bodyOffset, int bodyLine) {
        int points() {
            return width * height;
        }
    }

    /** The decoded body: {@code xyz[3i..3i+2]} (NaN for invalid points), {@code rgb[i]} or null. */
    private record Points(int width, int height, float[] xyz, int[] rgb) {
    }

    private PcdFormat() {
    }

    /**
     * Reads a PCD file as an organized cloud of {@code WIDTH x HEIGHT} points.
     *
     * @throws IOException naming the file and the line (header, ascii body) or byte offset
     *     (binary bodies) with the bad value: unknown keyword, type or version, field lists of
     *     different lengths, missing x/y/z, POINTS not WIDTH*HEIGHT, truncated or corrupt body, or
     *     a file with no points (use {@link #readPointCloud} for those)
     */
    public static OrganizedPointCloud read(Path path) throws IOException {
        return read(path, ColorImages.UNLIMITED);
    }

    /**
     * As {@link #read(Path)}, with at most {@code maxPoints} points ({@code WIDTH x HEIGHT}); a named
     * pipe or other non-regular file is refused without being opened.
     *
     * @throws ImageTooLargeException when the header declares more, before the points are decoded
     */
    public static OrganizedPointCloud read(Path path, long maxPoints) throws IOException {
        return decode(IoFiles.readRegularFile(path), path.toString(), maxPoints);
    }

    /** Decodes the bytes of a PCD file; {@code sourceName} names it in errors. As {@link #read(Path)}. */
    public static OrganizedPointCloud decode(byte[] bytes, String sourceName) throws IOException {
        return decode(bytes, sourceName, ColorImages.UNLIMITED);
    }

    private static OrganizedPointCloud decode(byte[] bytes, String sourceName, long maxPoints) throws IOException {
        String source = sourceName == null ? "<bytes>" : sourceName;
        Points p = decodePoints(bytes, source, maxPoints);
        if (p.width() == 0 || p.height() == 0) {
            throw new IOException(source + ": the file holds no points (WIDTH " + p.width() + ", HEIGHT " + p.height()
                    + "); an organized cloud needs at least one: use readPointCloud");
        }
        return new OrganizedPointCloud(p.width(), p.height(), p.xyz(), p.rgb());
    }

    /**
     * Reads a PCD file and keeps its valid (finite) points, in file order, with their colours.
     * Files with no points give the empty cloud. Errors as {@link #read(Path)}.
     */
    public static PointCloud readPointCloud(Path path) throws IOException {
        byte[] bytes = IoFiles.readRegularFile(path);
        Points p = decodePoints(bytes, path.toString(), ColorImages.UNLIMITED);
        if (p.width() == 0 || p.height() == 0) {
            return p.rgb() == null ? PointCloud.empty() : new PointCloud(new float[0], new int[0]);
        }
        return new OrganizedPointCloud(p.width(), p.height(), p.xyz(), p.rgb()).toPointCloud();
    }

    private static Points decodePoints(byte[] bytes, String source, long maxPoints) throws IOException {
        if (bytes == null) {
            throw new IllegalArgumentException("PCD bytes are null");
        }
        ImageTooLargeException.requireLimit(maxPoints);
        Header header = parseHeader(bytes, source);
        ImageTooLargeException.check(source, header.width(), header.height(), maxPoints);
        int[] roles = roles(header, source);
        requirePlausibleSize(bytes, source, header);
        int n = header.points();
        float[] xyz = new float[3 * n];
        boolean colours = false;
        for (int r : roles) {
            colours |= r == ROLE_RGB;
        }
        int[] rgb = colours ? new int[n] : null;
        switch (header.data()) {
            case ASCII -> readAscii(bytes, source, header, roles, xyz, rgb);
            case BINARY -> readBinary(bytes, source, header, roles, xyz, rgb);
            case BINARY_COMPRESSED -> readCompressed(bytes, source, header, roles, xyz, rgb);
            default -> throw new IllegalStateException("unhandled DATA " + header.data());
        }
        for (int i = 0; i < xyz.length; i += 3) {
            if (!(Float.isFinite(xyz[i]) && Float.isFinite(xyz[i + 1]) && Float.isFinite(xyz[i + 2]))) {
                xyz[i] = Float.NaN;
                xyz[i + 1] = Float.NaN;
                xyz[i + 2] = Float.NaN;
            }
        }
        return new Points(header.width(), header.height(), xyz, rgb);
    }

    // ---------------------------------------------------------------- header

    private static Header parseHeader(byte[] bytes, String source) throws IOException {
        HeaderLines lines = new HeaderLines(bytes, source);
        String[] names = null;
        int[] sizes = null;
        String[] types = null;
        int[] counts = null;
        int width = -1;
        int height = 1;
        long points = -1;
        int fieldsLine = 0;
        boolean version = false;
        while (true) {
            String line = lines.next();
            if (line == null) {
                throw lines.error("the header has no DATA line");
            }
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] t = trimmed.split("\\s+");
            String key = t[0];
            String[] v = Arrays.copyOfRange(t, 1, t.length);
            switch (key) {
                case "VERSION" -> {
                    if (v.length != 1 || !(v[0].equals("0.7") || v[0].equals(".7"))) {
                        throw lines.error("unsupported VERSION '" + String.join(" ", v) + "' (expected 0.7)");
                    }
                    version = true;
                }
                case "FIELDS" -> {
                    if (v.length == 0) {
                        throw lines.error("FIELDS lists no field");
                    }
                    for (int i = 0; i < v.length; i++) {
                        for (int j = 0; j < i; j++) {
                            if (v[i].equals(v[j]) && !v[i].equals("_")) {
                                throw lines.error("field '" + v[i] + "' appears twice in FIELDS");
                            }
                        }
                    }
                    names = v;
                    fieldsLine = lines.line();
                }
                case "SIZE" -> {
                    requireFieldCount(lines, key, v, names);
                    sizes = new int[v.length];
                    for (int i = 0; i < v.length; i++) {
                        sizes[i] = lines.parseCount(v[i], "SIZE of field " + names[i]);
                        if (sizes[i] != 1 && sizes[i] != 2 && sizes[i] != 4 && sizes[i] != 8) {
                            throw lines.error("bad SIZE of field " + names[i] + ": '" + v[i] + "' (expected 1, 2, 4 or 8)");
                        }
                    }
                }
                case "TYPE" -> {
                    requireFieldCount(lines, key, v, names);
                    if (sizes == null) {
                        throw lines.error("TYPE before SIZE");
                    }
                    for (int i = 0; i < v.length; i++) {
                        if (ScalarType.fromPcd(v[i], sizes[i]) == null) {
                            throw lines.error("bad TYPE of field " + names[i] + ": '" + abbreviate(v[i]) + "' with SIZE "
                                    + sizes[i] + " (expected I or U with SIZE 1, 2, 4, 8, or F with SIZE 4, 8)");
                        }
                    }
                    types = v;
                }
                case "COUNT" -> {
                    requireFieldCount(lines, key, v, names);
                    counts = new int[v.length];
                    for (int i = 0; i < v.length; i++) {
                        counts[i] = lines.parseCount(v[i], "COUNT of field " + names[i]);
                        if (counts[i] == 0) {
                            throw lines.error("bad COUNT of field " + names[i] + ": '0' (must be >= 1)");
                        }
                    }
                }
                case "WIDTH" -> width = lines.parseCount(single(lines, key, v), "WIDTH");
                case "HEIGHT" -> height = lines.parseCount(single(lines, key, v), "HEIGHT");
                case "POINTS" -> {
                    points = lines.parseCount(single(lines, key, v), "POINTS");
                    if (width >= 0 && points != (long) width * height) {
                        throw lines.error("POINTS " + points + " is not WIDTH x HEIGHT = " + width + " x " + height
                                + " = " + ((long) width * height));
                    }
                }
                case "VIEWPOINT" -> {
                    if (v.length != 7) {
                        throw lines.error("VIEWPOINT has " + v.length
                                + " values, expected 7 (translation tx ty tz, quaternion qw qx qy qz)");
                    }
                    for (String s : v) {
                        Double d = ScalarType.FLOAT64.parse(s);
                        if (d == null || !Double.isFinite(d)) {
                            throw lines.error("bad VIEWPOINT value '" + abbreviate(s) + "' (expected a finite number)");
                        }
                    }
                }
                case "DATA" -> {
                    Data data = switch (single(lines, key, v)) {
                        case "ascii" -> Data.ASCII;
                        case "binary" -> Data.BINARY;
                        case "binary_compressed" -> Data.BINARY_COMPRESSED;
                        default -> throw lines.error("unknown DATA '" + abbreviate(v[0])
                                + "' (expected ascii, binary or binary_compressed)");
                    };
                    if (!version) {
                        throw lines.error("the header has no VERSION line");
                    }
                    if (names == null || sizes == null || types == null) {
                        throw lines.error("the header needs FIELDS, SIZE and TYPE before DATA");
                    }
                    if (width < 0) {
                        throw lines.error("the header has no WIDTH");
                    }
                    long expected = (long) width * height;
                    if (expected > Integer.MAX_VALUE / 3) {
                        throw lines.error("WIDTH " + width + " x HEIGHT " + height + " = " + expected
                                + " points: too many for one cloud");
                    }
                    if (points >= 0 && points != expected) {
                        throw lines.error("POINTS " + points + " is not WIDTH x HEIGHT = " + width + " x " + height
                                + " = " + expected);
                    }
                    if (counts == null) {
                        counts = new int[names.length];
                        Arrays.fill(counts, 1);
                    }
                    Field[] fields = new Field[names.length];
                    long offset = 0;
                    for (int i = 0; i < names.length; i++) {
                        fields[i] = new Field(names[i], ScalarType.fromPcd(types[i], sizes[i]), counts[i], (int) offset);
                        offset += (long) sizes[i] * counts[i];
                        if (offset > Integer.MAX_VALUE) {
                            throw lines.error("point records of " + offset + " bytes are too large");
                        }
                    }
                    if (expected * offset > Integer.MAX_VALUE - 8) {
                        throw lines.error(expected + " points of " + offset + " bytes: a body over 2 GiB is not supported");
                    }
                    return new Header(List.of(fields), fieldsLine, (int) offset, width, height, data, lines.offset(),
                            lines.line() + 1);
                }
                default -> throw lines.error("unknown header keyword '" + abbreviate(key) + "'");
            }
        }
    }

    private static void requireFieldCount(HeaderLines lines, String key, String[] values, String[] names)
            throws IOException {
        if (names == null) {
            throw lines.error(key + " before FIELDS");
        }
        if (values.length != names.length) {
            throw lines.error(key + " has " + values.length + " values for " + names.length + " FIELDS");
        }
    }

    private static String single(HeaderLines lines, String key, String[] values) throws IOException {
        if (values.length != 1) {
            throw lines.error(key + " needs exactly one value, got " + values.length);
        }
        return values[0];
    }

    /** Role of each field: x, y, z (0..2), colour (3) or skipped. */
    private static int[] roles(Header header, String source) throws IOException {
        List<Field> fields = header.fields();
        int[] roles = new int[fields.size()];
        boolean[] seen = new boolean[4];
        String at = source + ": line " + header.fieldsLine() + ": ";
        for (int k = 0; k < roles.length; k++) {
            Field f = fields.get(k);
            roles[k] = switch (f.name()) {
                case "x" -> ROLE_X;
                case "y" -> ROLE_X + 1;
                case "z" -> ROLE_X + 2;
                case "rgb", "rgba" -> seen[ROLE_RGB] ? NO_ROLE : ROLE_RGB;
                default -> NO_ROLE;
            };
            if (roles[k] == NO_ROLE) {
                continue;
            }
            if (f.count() != 1) {
                throw new IOException(at + "field " + f.name() + " has COUNT " + f.count() + ", expected 1");
            }
            if (roles[k] == ROLE_RGB && f.type().size() != 4) {
                throw new IOException(at + "field " + f.name() + " has SIZE " + f.type().size()
                        + ", expected 4 (packed 0xAARRGGBB)");
            }
            seen[roles[k]] = true;
        }
        for (int r = 0; r < 3; r++) {
            if (!seen[r]) {
                throw new IOException(at + "FIELDS has no '" + "xyz".charAt(r) + "'");
            }
        }
        return roles;
    }

    // ---------------------------------------------------------------- bodies

    /** LZF turns 3 input bytes into at most 264 output bytes (a longest back reference). */
    private static final long LZF_MAX_EXPANSION = 88;

    /**
     * Rejects a header whose point count cannot fit in the body before arrays are allocated for
     * it: binary needs every record, ascii at least one character per value, and compressed data
     * (after its two uint32 sizes) cannot expand more than LZF allows.
     */
    private static void requirePlausibleSize(byte[] bytes, String source, Header header) throws IOException {
        BinaryBody body = new BinaryBody(bytes, header.bodyOffset(), ByteOrder.LITTLE_ENDIAN, source);
        long n = header.points();
        long needed = switch (header.data()) {
            case ASCII -> n * header.fields().stream().mapToLong(Field::count).sum();
            case BINARY -> n * header.pointSize();
            case BINARY_COMPRESSED -> 8 + (n * header.pointSize() + LZF_MAX_EXPANSION - 1) / LZF_MAX_EXPANSION;
        };
        if (!body.has(needed)) {
            String what = header.data() == Data.ASCII
                    ? "DATA ascii with " + n + " points (at least one character per value)"
                    : "DATA " + header.data().name().toLowerCase(java.util.Locale.ROOT) + " with " + n + " points of "
                            + header.pointSize() + " bytes";
            throw body.truncated(needed, what);
        }
    }

    private static void readAscii(byte[] bytes, String source, Header header, int[] roles, float[] xyz, int[] rgb)
            throws IOException {
        AsciiTokens tokens = new AsciiTokens(bytes, header.bodyOffset(), header.bodyLine(), source);
        List<Field> fields = header.fields();
        int n = header.points();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < roles.length; k++) {
                Field f = fields.get(k);
                if (roles[k] == ROLE_RGB) {
                    String token = tokens.next();
                    Integer bits = token == null ? null : packedColour(token, f.type());
                    if (bits == null) {
                        throw tokens.failure(where(i, f), "a packed colour (unsigned integer or float bits)");
                    }
                    rgb[i] = bits & 0xFFFFFF;
                    continue;
                }
                for (int c = 0; c < f.count(); c++) {
                    Double v = tokens.value(f.type());
                    if (v == null) {
                        throw tokens.failure(where(i, f), f.type());
                    }
                    if (roles[k] != NO_ROLE) {
                        xyz[3 * i + roles[k]] = v.floatValue();
                    }
                }
            }
        }
    }

    /**
     * A packed colour from text: an integer token is the bits themselves (PCL writes rgb so, even
     * for TYPE F); any other token of a TYPE F field is a float whose raw bits are the colour (older
     * writers). Returns null when the token is neither.
     */
    private static Integer packedColour(String token, ScalarType type) {
        Double asInteger = ScalarType.UINT32.parse(token);
        if (asInteger == null) {
            asInteger = ScalarType.INT32.parse(token);
        }
        if (asInteger != null) {
            return (int) asInteger.longValue();
        }
        if (type == ScalarType.FLOAT32) {
            Double f = type.parse(token);
            return f == null ? null : Float.floatToRawIntBits(f.floatValue());
        }
        return null;
    }

    private static void readBinary(byte[] bytes, String source, Header header, int[] roles, float[] xyz, int[] rgb)
            throws IOException {
        BinaryBody body = new BinaryBody(bytes, header.bodyOffset(), ByteOrder.LITTLE_ENDIAN, source);
        long needed = (long) header.points() * header.pointSize();
        if (!body.has(needed)) {
            throw body.truncated(needed, "DATA binary with " + header.points() + " points of " + header.pointSize()
                    + " bytes");
        }
        List<Field> fields = header.fields();
        int[] start = new int[fields.size()];
        for (int k = 0; k < start.length; k++) {
            start[k] = header.bodyOffset() + fields.get(k).offset();
        }
        extract(body.buffer(), fields, roles, start, header.pointSize(), header.points(), xyz, rgb);
    }

    private static void readCompressed(byte[] bytes, String source, Header header, int[] roles, float[] xyz,
            int[] rgb) throws IOException {
        BinaryBody body = new BinaryBody(bytes, header.bodyOffset(), ByteOrder.LITTLE_ENDIAN, source);
        if (!body.has(8)) {
            throw body.truncated(8, "the binary_compressed size fields");
        }
        int at = body.position();
        long compressed = body.readLong(ScalarType.UINT32);
        long uncompressed = body.readLong(ScalarType.UINT32);
        long expected = (long) header.points() * header.pointSize();
        if (uncompressed != expected) {
            throw body.error(at + 4, "uncompressed size " + uncompressed + " is not POINTS x point size = "
                    + header.points() + " x " + header.pointSize() + " = " + expected);
        }
        if (!body.has(compressed)) {
            throw body.truncated(compressed, "the binary_compressed block (" + compressed + " bytes declared at byte offset "
                    + at + ")");
        }
        int dataStart = body.position();
        byte[] packed = Arrays.copyOfRange(bytes, dataStart, dataStart + (int) compressed);
        byte[] raw;
        try {
            raw = Lzf.decompress(packed, (int) uncompressed);
        } catch (IOException e) {
            throw new IOException(source + ": corrupt binary_compressed block starting at byte offset " + dataStart + ": "
                    + e.getMessage(), e);
        }
        List<Field> fields = header.fields();
        int n = header.points();
        int[] start = new int[fields.size()];
        for (int k = 0; k < start.length; k++) {
            // Field by field: field k's block starts after the blocks of the fields before it.
            start[k] = n * fields.get(k).offset();
        }
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < start.length; k++) {
            Field f = fields.get(k);
            if (roles[k] != NO_ROLE) {
                extractField(buf, f, roles[k], start[k], f.bytes(), n, xyz, rgb);
            }
        }
    }

    /** Copies x, y, z and colour out of point records {@code pointStride} bytes apart. */
    private static void extract(ByteBuffer buf, List<Field> fields, int[] roles, int[] start, int pointStride, int n,
            float[] xyz, int[] rgb) {
        for (int k = 0; k < roles.length; k++) {
            if (roles[k] != NO_ROLE) {
                extractField(buf, fields.get(k), roles[k], start[k], pointStride, n, xyz, rgb);
            }
        }
    }

    private static void extractField(ByteBuffer buf, Field f, int role, int start, int stride, int n, float[] xyz,
            int[] rgb) {
        if (role == ROLE_RGB) {
            for (int i = 0; i < n; i++) {
                rgb[i] = buf.getInt(start + i * stride) & 0xFFFFFF;
            }
        } else {
            ScalarType type = f.type();
            for (int i = 0; i < n; i++) {
                xyz[3 * i + role] = (float) type.readDouble(buf, start + i * stride);
            }
        }
    }

    private static String where(int point, Field f) {
        return "field " + f.name() + " of point " + point;
    }

    private static String abbreviate(String s) {
        return s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "..." : s;
    }

    // ---------------------------------------------------------------- writing

    /** Writes an organized cloud, replacing {@code path} only once the whole file is written. */
    public static void write(OrganizedPointCloud cloud, Path path, PcdEncoding encoding) throws IOException {
        IoFiles.requirePath(path);
        IoFiles.writeAtomically(path, encode(cloud, encoding));
    }

    /** Writes an unorganized cloud (WIDTH n, HEIGHT 1), replacing {@code path} only once written. */
    public static void write(PointCloud cloud, Path path, PcdEncoding encoding) throws IOException {
        IoFiles.requirePath(path);
        IoFiles.writeAtomically(path, encode(cloud, encoding));
    }

    /**
     * Encodes an organized cloud as PCD bytes: fields {@code x y z} (F 4) and {@code rgb} (F 4)
     * when it has colours; NaN points stay NaN. Deterministic. O(points).
     */
    public static byte[] encode(OrganizedPointCloud cloud, PcdEncoding encoding) {
        if (cloud == null) {
            throw new IllegalArgumentException("Point cloud is null");
        }
        return encode(cloud.width(), cloud.height(), cloud.xyz(), cloud.rgb(), encoding);
    }

    /** Encodes an unorganized cloud as PCD bytes (WIDTH n, HEIGHT 1); otherwise as the organized overload. */
    public static byte[] encode(PointCloud cloud, PcdEncoding encoding) {
        if (cloud == null) {
            throw new IllegalArgumentException("Point cloud is null");
        }
        return encode(cloud.size(), 1, cloud.xyz(), cloud.rgb(), encoding);
    }

    private static byte[] encode(int width, int height, float[] xyz, int[] rgb, PcdEncoding encoding) {
        if (encoding == null) {
            throw new IllegalArgumentException("PCD encoding is null");
        }
        int n = width * height;
        boolean colours = rgb != null;
        String header = "# .PCD v0.7 - Point Cloud Data file format\n"
                + "VERSION 0.7\n"
                + (colours ? "FIELDS x y z rgb\nSIZE 4 4 4 4\nTYPE F F F F\nCOUNT 1 1 1 1\n"
                        : "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\n")
                + "WIDTH " + width + "\nHEIGHT " + height + "\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS " + n + "\nDATA "
                + switch (encoding) {
                    case ASCII -> "ascii";
                    case BINARY -> "binary";
                    case BINARY_COMPRESSED -> "binary_compressed";
                } + "\n";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        int fieldsPerPoint = colours ? 4 : 3;
        if (head.length + 8 + 4L * fieldsPerPoint * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A PCD body of " + n + " points exceeds 2 GiB");
        }
        switch (encoding) {
            case ASCII -> {
                StringBuilder s = new StringBuilder((int) Math.min(1 << 26, header.length() + 40L * n)).append(header);
                for (int i = 0; i < n; i++) {
                    appendFloat(s, xyz[3 * i]).append(' ');
                    appendFloat(s, xyz[3 * i + 1]).append(' ');
                    appendFloat(s, xyz[3 * i + 2]);
                    if (colours) {
                        s.append(' ').append(rgb[i] & 0xFFFFFF);
                    }
                    s.append('\n');
                }
                return s.toString().getBytes(StandardCharsets.US_ASCII);
            }
            case BINARY -> {
                ByteBuffer out = ByteBuffer.allocate(head.length + 4 * fieldsPerPoint * n).order(ByteOrder.LITTLE_ENDIAN);
                out.put(head);
                for (int i = 0; i < n; i++) {
                    out.putFloat(xyz[3 * i]).putFloat(xyz[3 * i + 1]).putFloat(xyz[3 * i + 2]);
                    if (colours) {
                        out.putInt(rgb[i] & 0xFFFFFF);
                    }
                }
                return out.array();
            }
            case BINARY_COMPRESSED -> {
                ByteBuffer soa = ByteBuffer.allocate(4 * fieldsPerPoint * n).order(ByteOrder.LITTLE_ENDIAN);
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < n; i++) {
                        soa.putFloat(xyz[3 * i + c]);
                    }
                }
                if (colours) {
                    for (int i = 0; i < n; i++) {
                        soa.putInt(rgb[i] & 0xFFFFFF);
                    }
                }
                byte[] packed = Lzf.compress(soa.array());
                ByteBuffer out = ByteBuffer.allocate(head.length + 8 + packed.length).order(ByteOrder.LITTLE_ENDIAN);
                out.put(head).putInt(packed.length).putInt(soa.capacity()).put(packed);
                return out.array();
            }
            default -> throw new IllegalStateException("unhandled encoding " + encoding);
        }
    }

    private static StringBuilder appendFloat(StringBuilder s, float v) {
        return Float.isNaN(v) ? s.append("nan") : s.append(v);
    }
}
