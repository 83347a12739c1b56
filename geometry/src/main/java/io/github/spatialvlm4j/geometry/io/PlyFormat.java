package io.github.spatialvlm4j.geometry.io;

import io.github.spatialvlm4j.geometry.PointCloud;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Point clouds in the PLY 1.0 format (Turk, "The PLY Polygon File Format", 1994), the exchange
 * format of Open3D, Meshlab and most scanners.
 *
 * <p>Reading accepts {@code ascii}, {@code binary_little_endian} and {@code binary_big_endian}
 * bodies. The {@code vertex} element must have scalar properties {@code x}, {@code y} and
 * {@code z} (any numeric type; float and double in practice), read as meters into
 * {@code xyz[3i..3i+2]}; when it has {@code red}, {@code green} and {@code blue} (all three,
 * {@code uchar}) they become {@code rgb[i] = 0xRRGGBB}. Every other property (alpha, normals,
 * list properties) and every other element (faces, edges, in any order around the vertices)
 * is read past by its declared type and ignored. Vertices with a NaN or infinite coordinate are
 * dropped, since {@link PointCloud} holds finite points only. The whole body is read, so a file
 * truncated in a later element is reported too.
 *
 * <p>Writing produces {@code x y z} as {@code float} and, for clouds with colours,
 * {@code red green blue} as {@code uchar}; floats round-trip bit for bit in both encodings.
 * Files are held in memory whole (at most 2 GiB). O(file size). Stateless.
 *
 * <p>Why one class of this size: the reader and the writer share one header model (format,
 * elements, properties), so the format is defined in one place; the byte-level pieces shared with
 * PCD are already apart ({@link HeaderLines}, {@link BinaryBody}, {@link AsciiTokens},
 * {@link ScalarType}).
 */
public final class PlyFormat {
    private static final String[] ROLES = {"x", "y", "z", "red", "green", "blue"};
    private static final int NO_ROLE = -1;

    private enum Format {
        ASCII, BINARY_LITTLE_ENDIAN, BINARY_BIG_ENDIAN
    }

    /** One property; {@code countType} is null for a scalar, the list's count type for a list. */
    private record Property(String name, ScalarType type, ScalarType countType) {
        boolean isList() {
            return countType != null;
        }
    }

    private record Element(String name, int count, List<Property> properties, int line) {
    }

    private record Header(Format format, List<Element> elements, int bodyOffset, int bodyLine) {
    }

    private PlyFormat() {
    }

    /**
     * Reads a PLY file.
     *
     * @throws IOException naming the file and the line (header, ASCII body) or byte offset
     *     (binary body) with the bad value: not a PLY file, unknown type or keyword, bad count,
     *     missing x/y/z, truncated body
     */
    public static PointCloud read(Path path) throws IOException {
        byte[] bytes = IoFiles.readRegularFile(path);
        return decode(bytes, path.toString());
    }

    /**
     * Decodes the bytes of a PLY file; {@code sourceName} names it in error messages. Errors as
     * {@link #read(Path)}.
     */
    public static PointCloud decode(byte[] bytes, String sourceName) throws IOException {
        if (bytes == null) {
            throw new IllegalArgumentException("PLY bytes are null");
        }
        String source = sourceName == null ? "<bytes>" : sourceName;
        Header header = parseHeader(bytes, source);
        return readBody(bytes, source, header);
    }

    private static Header parseHeader(byte[] bytes, String source) throws IOException {
        HeaderLines lines = new HeaderLines(bytes, source);
        String first = lines.next();
        if (first == null || !first.equals("ply")) {
            throw lines.error("not a PLY file: first line is '" + abbreviate(first) + "', expected 'ply'");
        }
        Format format = null;
        List<Element> elements = new ArrayList<>();
        while (true) {
            String line = lines.next();
            if (line == null) {
                throw lines.error("the header has no end_header line");
            }
            String[] t = line.trim().split("\\s+");
            switch (t[0]) {
                case "", "comment", "obj_info" -> {
                    // blank lines and comments carry nothing we read
                }
                case "format" -> {
                    if (t.length != 3 || !t[2].equals("1.0")) {
                        throw lines.error("bad format line '" + line + "', expected 'format <encoding> 1.0'");
                    }
                    format = switch (t[1]) {
                        case "ascii" -> Format.ASCII;
                        case "binary_little_endian" -> Format.BINARY_LITTLE_ENDIAN;
                        case "binary_big_endian" -> Format.BINARY_BIG_ENDIAN;
                        default -> throw lines.error("unknown PLY encoding '" + t[1]
                                + "' (expected ascii, binary_little_endian or binary_big_endian)");
                    };
                }
                case "element" -> {
                    if (t.length != 3) {
                        throw lines.error("bad element line '" + line + "', expected 'element <name> <count>'");
                    }
                    int count = lines.parseCount(t[2], "count of element " + t[1]);
                    elements.add(new Element(t[1], count, new ArrayList<>(), lines.line()));
                }
                case "property" -> {
                    if (elements.isEmpty()) {
                        throw lines.error("property before any element: '" + line + "'");
                    }
                    Element element = elements.get(elements.size() - 1);
                    Property property = parseProperty(t, line, lines);
                    for (Property other : element.properties()) {
                        if (other.name().equals(property.name())) {
                            throw lines.error("element " + element.name() + " has property '" + property.name()
                                    + "' twice");
                        }
                    }
                    element.properties().add(property);
                }
                case "end_header" -> {
                    if (format == null) {
                        throw lines.error("the header has no format line");
                    }
                    return new Header(format, elements, lines.offset(), lines.line() + 1);
                }
                default -> throw lines.error("unknown header keyword '" + abbreviate(t[0]) + "'");
            }
        }
    }

    private static Property parseProperty(String[] t, String line, HeaderLines lines) throws IOException {
        if (t.length >= 2 && t[1].equals("list")) {
            if (t.length != 5) {
                throw lines.error("bad property line '" + line
                        + "', expected 'property list <count type> <item type> <name>'");
            }
            ScalarType countType = type(t[2], lines);
            if (countType.isFloat()) {
                throw lines.error("list count type of property " + t[4] + " is '" + t[2] + "', must be an integer type");
            }
            return new Property(t[4], type(t[3], lines), countType);
        }
        if (t.length != 3) {
            throw lines.error("bad property line '" + line + "', expected 'property <type> <name>'");
        }
        return new Property(t[2], type(t[1], lines), null);
    }

    private static ScalarType type(String name, HeaderLines lines) throws IOException {
        ScalarType type = ScalarType.fromPly(name);
        if (type == null) {
            throw lines.error("unknown property type '" + abbreviate(name) + "' (expected char, uchar, short, ushort,"
                    + " int, uint, float, double or int8, uint8, int16, uint16, int32, uint32, float32, float64)");
        }
        return type;
    }

    /** Role of each vertex property: index into {@link #ROLES}, or {@link #NO_ROLE}. */
    private static int[] roles(Element vertex, String source) throws IOException {
        String at = source + ": line " + vertex.line() + ": ";
        int[] roles = new int[vertex.properties().size()];
        boolean[] seen = new boolean[ROLES.length];
        for (int k = 0; k < roles.length; k++) {
            Property p = vertex.properties().get(k);
            roles[k] = Arrays.asList(ROLES).indexOf(p.name());
            if (roles[k] == NO_ROLE) {
                continue;
            }
            if (p.isList()) {
                throw new IOException(at + "vertex property " + p.name() + " is a list, expected a scalar");
            }
            if (roles[k] >= 3 && p.type() != ScalarType.UINT8) {
                throw new IOException(at + "vertex property " + p.name() + " has type "
                        + p.type().name().toLowerCase(java.util.Locale.ROOT) + ", expected uchar");
            }
            seen[roles[k]] = true;
        }
        for (int r = 0; r < 3; r++) {
            if (!seen[r]) {
                throw new IOException(at + "element vertex has no property '" + ROLES[r] + "'");
            }
        }
        if ((seen[3] || seen[4] || seen[5]) && !(seen[3] && seen[4] && seen[5])) {
            throw new IOException(at + "element vertex has only some of red, green, blue");
        }
        return roles;
    }

    private static PointCloud readBody(byte[] bytes, String source, Header header) throws IOException {
        Element vertex = null;
        for (Element e : header.elements()) {
            if (e.name().equals("vertex")) {
                vertex = e;
            }
        }
        if (vertex == null) {
            throw new IOException(source + ": the header declares no 'element vertex'");
        }
        int[] roles = roles(vertex, source);
        boolean colours = Arrays.stream(roles).anyMatch(r -> r >= 3);
        requirePlausibleCounts(bytes, source, header);

        int n = vertex.count();
        float[] xyz = new float[3 * n];
        int[] rgb = colours ? new int[n] : null;
        double[] values = new double[ROLES.length];
        int kept = 0;
        Reader reader = header.format() == Format.ASCII
                ? new AsciiReader(new AsciiTokens(bytes, header.bodyOffset(), header.bodyLine(), source))
                : new BinaryReader(new BinaryBody(bytes, header.bodyOffset(),
                        header.format() == Format.BINARY_BIG_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                        source));
        for (Element e : header.elements()) {
            boolean isVertex = e == vertex;
            List<Property> props = e.properties();
            for (int i = 0; i < e.count(); i++) {
                for (int k = 0; k < props.size(); k++) {
                    Property p = props.get(k);
                    if (p.isList()) {
                        reader.skipList(p, e, i);
                    } else if (isVertex && roles[k] != NO_ROLE) {
                        values[roles[k]] = reader.value(p, e, i);
                    } else {
                        reader.skipValue(p, e, i);
                    }
                }
                if (isVertex) {
                    float x = (float) values[0];
                    float y = (float) values[1];
                    float z = (float) values[2];
                    if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
                        xyz[3 * kept] = x;
                        xyz[3 * kept + 1] = y;
                        xyz[3 * kept + 2] = z;
                        if (rgb != null) {
                            rgb[kept] = ((int) values[3] << 16) | ((int) values[4] << 8) | (int) values[5];
                        }
                        kept++;
                    }
                }
            }
        }
        if (kept < n) {
            xyz = Arrays.copyOf(xyz, 3 * kept);
            rgb = rgb == null ? null : Arrays.copyOf(rgb, kept);
        }
        return new PointCloud(xyz, rgb);
    }

    /**
     * Rejects element counts that cannot fit in the body before arrays are allocated for them:
     * every scalar takes at least its size in binary and at least one character in ASCII (a loose
     * bound there, so that a short ASCII body is reported by line by the body reader instead).
     */
    private static void requirePlausibleCounts(byte[] bytes, String source, Header header) throws IOException {
        long available = bytes.length - header.bodyOffset();
        long needed = 0;
        for (Element e : header.elements()) {
            long perItem = 0;
            for (Property p : e.properties()) {
                ScalarType t = p.isList() ? p.countType() : p.type();
                perItem += header.format() == Format.ASCII ? 1 : t.size();
            }
            needed += perItem * e.count();
        }
        if (needed > available) {
            throw new IOException(source + ": truncated at byte offset " + bytes.length + ": the header's element counts"
                    + " need at least " + needed + " body bytes but the body has " + available);
        }
    }

    private static String where(Element e, int index, Property p) {
        return "element " + e.name() + " " + index + " property " + p.name();
    }

    /** Reads body values in one encoding; errors name the element, index and property. */
    private interface Reader {
        double value(Property p, Element e, int index) throws IOException;

        void skipValue(Property p, Element e, int index) throws IOException;

        void skipList(Property p, Element e, int index) throws IOException;
    }

    private static final class AsciiReader implements Reader {
        private final AsciiTokens tokens;

        AsciiReader(AsciiTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public double value(Property p, Element e, int index) throws IOException {
            return scalar(p.type(), e, index, p);
        }

        @Override
        public void skipValue(Property p, Element e, int index) throws IOException {
            scalar(p.type(), e, index, p);
        }

        @Override
        public void skipList(Property p, Element e, int index) throws IOException {
            double count = scalar(p.countType(), e, index, p);
            if (count < 0) {
                throw tokens.error("bad list count " + (long) count + " of " + where(e, index, p));
            }
            for (long k = 0; k < (long) count; k++) {
                scalar(p.type(), e, index, p);
            }
        }

        private double scalar(ScalarType type, Element e, int index, Property p) throws IOException {
            Double v = tokens.value(type);
            if (v == null) {
                throw tokens.failure(where(e, index, p), type);
            }
            return v;
        }
    }

    private static final class BinaryReader implements Reader {
        private final BinaryBody body;

        BinaryReader(BinaryBody body) {
            this.body = body;
        }

        @Override
        public double value(Property p, Element e, int index) throws IOException {
            need(p.type().size(), e, index, p);
            return body.readDouble(p.type());
        }

        @Override
        public void skipValue(Property p, Element e, int index) throws IOException {
            need(p.type().size(), e, index, p);
            body.skip(p.type().size());
        }

        @Override
        public void skipList(Property p, Element e, int index) throws IOException {
            need(p.countType().size(), e, index, p);
            int at = body.position();
            long count = body.readLong(p.countType());
            if (count < 0) {
                throw body.error(at, "bad list count " + count + " in " + where(e, index, p));
            }
            need(count * p.type().size(), e, index, p);
            body.skip(count * p.type().size());
        }

        private void need(long n, Element e, int index, Property p) throws IOException {
            if (!body.has(n)) {
                throw body.truncated(n, where(e, index, p));
            }
        }
    }

    /** Writes {@code cloud} as a PLY file, replacing {@code path} only once the whole file is written. */
    public static void write(PointCloud cloud, Path path, PlyEncoding encoding) throws IOException {
        IoFiles.requirePath(path);
        IoFiles.writeAtomically(path, encode(cloud, encoding));
    }

    /**
     * Encodes {@code cloud} as the bytes of a PLY file: {@code float x, y, z} and, when the cloud
     * has colours, {@code uchar red, green, blue}. Deterministic. O(n).
     */
    public static byte[] encode(PointCloud cloud, PlyEncoding encoding) {
        if (cloud == null) {
            throw new IllegalArgumentException("Point cloud is null");
        }
        if (encoding == null) {
            throw new IllegalArgumentException("PLY encoding is null");
        }
        int n = cloud.size();
        float[] xyz = cloud.xyz();
        int[] rgb = cloud.rgb();
        StringBuilder h = new StringBuilder();
        h.append("ply\nformat ").append(encoding == PlyEncoding.ASCII ? "ascii" : "binary_little_endian")
                .append(" 1.0\ncomment written by spatialvlm4j\nelement vertex ").append(n)
                .append("\nproperty float x\nproperty float y\nproperty float z\n");
        if (rgb != null) {
            h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        }
        h.append("end_header\n");
        byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
        if (encoding == PlyEncoding.ASCII) {
            StringBuilder body = new StringBuilder((int) Math.min(1 << 26, h.length() + 40L * n));
            body.append(h);
            for (int i = 0; i < n; i++) {
                body.append(xyz[3 * i]).append(' ').append(xyz[3 * i + 1]).append(' ').append(xyz[3 * i + 2]);
                if (rgb != null) {
                    body.append(' ').append((rgb[i] >>> 16) & 0xff).append(' ').append((rgb[i] >>> 8) & 0xff)
                            .append(' ').append(rgb[i] & 0xff);
                }
                body.append('\n');
            }
            return body.toString().getBytes(StandardCharsets.US_ASCII);
        }
        int stride = 12 + (rgb != null ? 3 : 0);
        if (head.length + (long) n * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A binary PLY of " + n + " points exceeds 2 GiB");
        }
        ByteBuffer out = ByteBuffer.allocate(head.length + n * stride).order(ByteOrder.LITTLE_ENDIAN);
        out.put(head);
        for (int i = 0; i < n; i++) {
            out.putFloat(xyz[3 * i]).putFloat(xyz[3 * i + 1]).putFloat(xyz[3 * i + 2]);
            if (rgb != null) {
                out.put((byte) (rgb[i] >>> 16)).put((byte) (rgb[i] >>> 8)).put((byte) rgb[i]);
            }
        }
        return out.array();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
