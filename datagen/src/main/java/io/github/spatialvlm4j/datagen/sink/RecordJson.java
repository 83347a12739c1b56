package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import io.github.spatialvlm4j.datagen.qa.ImagePoint;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.refer.CocoRle;
import io.github.spatialvlm4j.geometry.Plane;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.joml.Matrix4f;
import org.joml.Matrix4fc;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * The JSON form of a {@link FrameRecord}: one line of the JSONL output, documented field by field in
 * {@code docs/schema/frame-record.schema.json}.
 *
 * <p>The text is deterministic: fields in a fixed order, no whitespace, UTF-8, and every real number
 * rounded half-even to a fixed number of decimals from its exact binary value, with trailing zeros
 * removed ({@code 1.25}, {@code 2}, never {@code 1.2500} or exponent notation). Lengths in meters
 * keep {@value #METER_DECIMALS} decimals (0.1 mm); dimensionless values (the floor normal, the
 * camera-to-up matrix) keep {@value #UNIT_DECIMALS}. The same record therefore gives the same bytes
 * on every run and every JDK. Writing, reading back and writing again gives the same bytes (the
 * rounding is idempotent for lengths below 1 km), except for the floor normal, which {@link Plane}
 * renormalizes on reading: it may move by 1e-6.
 *
 * <p>Layout: {@code {"id", "image", "marked_image": path | null, "refer": "caption" | "region" | "marks",
 * "width", "height", "canonicalized", "floor_state": "floor" | "up_only" | "none", "floor_note",
 * "floor": {"normal":[3], "d"} | null, "camera_to_up":[16]
 * (row-major), "objects":[{"id", "caption", "center_camera":[3], "center_up":[3], "width", "depth",
 * "height", "bottom", "top", "point_count", "image_box":[u0, v0, u1, v1], "occluded_outline",
 * "nearest_surface" | null, "mask": {"size":[h, w], "counts"} | null, "mask_source" (when known), "mark" |
 * null}], "regions":[ids],
 * "gaps":[k*k] (row-major, meters), "qa":[{"category", "objects":[ids], "question", "answer",
 * "exact": {"type", "value" (, "class" for a count)}, "points":[{"label", "u", "v"}] (point
 * questions only)}]}}. The image bytes are not part of the JSON.
 *
 * <p>Why one class of this size (about 580 lines): the writer and the reader of the record are the two
 * halves of one format, kept side by side so that a field added to one is seen missing from the other,
 * and they share the number rounding that makes the text deterministic.
 *
 * <p>Cost: linear in the number of objects, questions and {@code k^2} gaps.
 */
public final class RecordJson {

    /** Decimals kept for lengths in meters. */
    public static final int METER_DECIMALS = 4;
    /** Decimals kept for dimensionless values: unit normals and rotation entries. */
    public static final int UNIT_DECIMALS = 6;
    /** Decimals of shares in [0, 1] (the occluded outline). */
    public static final int SHARE_DECIMALS = 4;

    private static final JsonFactory FACTORY = Json.FACTORY;
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private RecordJson() {
    }

    /**
     * The record as one line of JSON, without a line terminator.
     *
     * @throws IllegalArgumentException if a number to be written is NaN or infinite (the message
     *     names the frame and the field)
     */
    public static String toJson(FrameRecord record) {
        Objects.requireNonNull(record, "record");
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(record, g);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory failed", e);
        }
        return out.toString();
    }

    /**
     * The questions of a record as a JSON array, each entry as in the {@code qa} field of
     * {@link #toJson(FrameRecord)}: the Parquet output's {@code qa_json} column.
     */
    public static String qaJson(FrameRecord record) {
        Objects.requireNonNull(record, "record");
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeQa(record.frameId(), record.qa(), g);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory failed", e);
        }
        return out.toString();
    }

    /** Writes the record as one JSON object (no line terminator) to {@code g}. */
    static void write(FrameRecord record, JsonGenerator g) throws IOException {
        SceneFacts facts = record.facts();
        String where = "Frame " + record.frameId();
        g.writeStartObject();
        g.writeStringField("id", record.frameId());
        g.writeStringField("image", record.imagePath());
        g.writeFieldName("marked_image");
        if (record.marked().isPresent()) {
            g.writeString(record.marked().get().path());
        } else {
            g.writeNull();
        }
        g.writeStringField("refer", record.refer().id());
        g.writeNumberField("width", facts.imageWidth());
        g.writeNumberField("height", facts.imageHeight());
        g.writeBooleanField("canonicalized", facts.canonicalized());
        g.writeStringField("floor_state", facts.floorState().id());
        g.writeStringField("floor_note", facts.floorNote());
        g.writeFieldName("floor");
        Optional<Plane> floor = facts.floor();
        if (floor.isPresent()) {
            Plane p = floor.get();
            g.writeStartObject();
            g.writeFieldName("normal");
            g.writeStartArray();
            number(g, p.nx(), UNIT_DECIMALS, where, "floor.normal");
            number(g, p.ny(), UNIT_DECIMALS, where, "floor.normal");
            number(g, p.nz(), UNIT_DECIMALS, where, "floor.normal");
            g.writeEndArray();
            g.writeFieldName("d");
            number(g, p.d(), METER_DECIMALS, where, "floor.d");
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        g.writeFieldName("camera_to_up");
        g.writeStartArray();
        Matrix4fc m = facts.cameraToUp();
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                number(g, m.get(col, row), UNIT_DECIMALS, where, "camera_to_up");
            }
        }
        g.writeEndArray();
        g.writeFieldName("objects");
        g.writeStartArray();
        for (ObjectFacts o : facts.objects()) {
            String ow = where + " object " + o.id();
            g.writeStartObject();
            g.writeNumberField("id", o.id());
            g.writeStringField("caption", o.caption());
            g.writeFieldName("center_camera");
            vector(g, o.center(), ow, "center_camera");
            g.writeFieldName("center_up");
            vector(g, o.centerUp(), ow, "center_up");
            g.writeFieldName("width");
            number(g, o.width(), METER_DECIMALS, ow, "width");
            g.writeFieldName("depth");
            number(g, o.depth(), METER_DECIMALS, ow, "depth");
            g.writeFieldName("height");
            number(g, o.height(), METER_DECIMALS, ow, "height");
            g.writeFieldName("bottom");
            number(g, o.bottom(), METER_DECIMALS, ow, "bottom");
            g.writeFieldName("top");
            number(g, o.top(), METER_DECIMALS, ow, "top");
            g.writeNumberField("point_count", o.pointCount());
            g.writeFieldName("image_box");
            PixelBox b = o.imageBox();
            g.writeArray(new int[] {b.u0(), b.v0(), b.u1(), b.v1()}, 0, 4);
            g.writeFieldName("occluded_outline");
            number(g, o.occludedOutline(), SHARE_DECIMALS, ow, "occluded_outline");
            g.writeFieldName("nearest_surface");
            if (o.nearestSurface().isPresent()) {
                number(g, o.nearestSurface().getAsDouble(), METER_DECIMALS, ow, "nearest_surface");
            } else {
                g.writeNull();
            }
            g.writeFieldName("mask");
            CocoRle mask = record.masks().get(o.id());
            if (mask == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeFieldName("size");
                g.writeArray(new int[] {mask.height(), mask.width()}, 0, 2);
                g.writeStringField("counts", mask.counts());
                g.writeEndObject();
            }
            MaskSource source = record.maskSources().get(o.id());
            if (source != null) {
                g.writeStringField("mask_source", source.id());
            }
            g.writeFieldName("mark");
            if (record.refer() == ReferStyle.MARKS) {
                g.writeNumber(facts.objects().indexOf(o) + 1);
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("regions");
        g.writeStartArray();
        for (int id : record.regionOrder()) {
            g.writeNumber(id);
        }
        g.writeEndArray();
        g.writeFieldName("gaps");
        g.writeStartArray();
        int k = facts.objects().size();
        for (int i = 0; i < k * k; i++) {
            number(g, facts.gap(i / k, i % k), METER_DECIMALS, where, "gaps");
        }
        g.writeEndArray();
        g.writeFieldName("qa");
        writeQa(record.frameId(), record.qa(), g);
        g.writeEndObject();
    }

    private static void writeQa(String frameId, List<QaPair> qa, JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (QaPair pair : qa) {
            g.writeStartObject();
            g.writeStringField("category", pair.category().id());
            g.writeFieldName("objects");
            g.writeStartArray();
            for (int id : pair.objectIds()) {
                g.writeNumber(id);
            }
            g.writeEndArray();
            g.writeStringField("question", pair.question());
            g.writeStringField("answer", pair.answer());
            g.writeFieldName("exact");
            g.writeStartObject();
            ExactAnswer exact = pair.exact();
            g.writeStringField("type", exactType(exact));
            g.writeFieldName("value");
            if (exact instanceof ExactAnswer.YesNo y) {
                g.writeBoolean(y.yes());
            } else if (exact instanceof ExactAnswer.Choice c) {
                g.writeNumber(c.objectId());
            } else if (exact instanceof ExactAnswer.Relation r) {
                g.writeString(r.word());
            } else if (exact instanceof ExactAnswer.Metric m) {
                number(g, m.meters(), METER_DECIMALS, "Frame " + frameId + " question '" + pair.question() + "'",
                        "exact.value");
            } else if (exact instanceof ExactAnswer.Count n) {
                g.writeNumber(n.count());
                g.writeStringField("class", n.of());
            } else if (exact instanceof ExactAnswer.Clock clock) {
                g.writeNumber(clock.hour());
            } else if (exact instanceof ExactAnswer.Direction d) {
                g.writeString(d.word());
            } else if (exact instanceof ExactAnswer.Point p) {
                g.writeString(p.label());
            } else {
                g.writeNull();
            }
            g.writeEndObject();
            if (!pair.points().isEmpty()) {
                g.writeFieldName("points");
                g.writeStartArray();
                for (ImagePoint p : pair.points()) {
                    g.writeStartObject();
                    g.writeStringField("label", p.label());
                    g.writeNumberField("u", p.u());
                    g.writeNumberField("v", p.v());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The {@code exact.type} word of an exact answer. */
    static String exactType(ExactAnswer exact) {
        if (exact instanceof ExactAnswer.YesNo) {
            return "yes_no";
        } else if (exact instanceof ExactAnswer.Choice) {
            return "choice";
        } else if (exact instanceof ExactAnswer.Relation) {
            return "relation";
        } else if (exact instanceof ExactAnswer.Metric) {
            return "metric";
        } else if (exact instanceof ExactAnswer.Uncertain) {
            return "uncertain";
        } else if (exact instanceof ExactAnswer.Count) {
            return "count";
        } else if (exact instanceof ExactAnswer.Clock) {
            return "clock";
        } else if (exact instanceof ExactAnswer.Direction) {
            return "direction";
        } else if (exact instanceof ExactAnswer.Point) {
            return "point";
        }
        throw new IllegalArgumentException("Unknown exact answer type: " + exact.getClass().getName());
    }

    private static void vector(JsonGenerator g, Vector3fc v, String where, String field) throws IOException {
        g.writeStartArray();
        number(g, v.x(), METER_DECIMALS, where, field);
        number(g, v.y(), METER_DECIMALS, where, field);
        number(g, v.z(), METER_DECIMALS, where, field);
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, double v, int decimals, String where, String field)
            throws IOException {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + ": " + field + " is " + v + " (must be finite)");
        }
        g.writeNumber(decimal(v, decimals));
    }

    /**
     * {@code v} rounded half-even to {@code decimals} decimals from its exact binary value, trailing
     * zeros removed, in plain notation: {@code decimal(0.30000001192092896, 4) = "0.3"},
     * {@code decimal(-0.0, 4) = "0"}.
     */
    static String decimal(double v, int decimals) {
        BigDecimal rounded = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN);
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /**
     * Parses one JSON record (one JSONL line) into a tree, for tools that only need some fields.
     *
     * @throws IllegalArgumentException if the text is not one JSON object
     */
    public static JsonNode readTree(String json) {
        Objects.requireNonNull(json, "json");
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("Not a JSON object: " + abbreviate(json));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON record: " + e.getOriginalMessage() + " in "
                    + abbreviate(json), e);
        }
    }

    /**
     * Parses one JSON record (one JSONL line) back into typed values. Numbers come back as written,
     * that is rounded (see the class comment).
     *
     * @throws IllegalArgumentException if the text is not a record of this layout; the message names
     *     the missing or bad field
     */
    public static Decoded read(String json) {
        JsonNode root = readTree(json);
        String id = text(root, "id");
        int width = integer(root, "width");
        int height = integer(root, "height");
        boolean canonicalized = field(root, "canonicalized").asBoolean();
        // Records written before floor states were recorded know only whether there was a floor.
        FloorState floorState = root.has("floor_state") ? FloorState.fromId(text(root, "floor_state"))
                : canonicalized ? FloorState.FLOOR : FloorState.NONE;
        String floorNote = root.has("floor_note") ? text(root, "floor_note") : "";
        JsonNode floorNode = field(root, "floor");
        Optional<Plane> floor = Optional.empty();
        if (!floorNode.isNull()) {
            double[] n = numbers(floorNode, "normal", 3);
            floor = Optional.of(new Plane(n[0], n[1], n[2], field(floorNode, "d").asDouble()));
        }
        double[] m = numbers(root, "camera_to_up", 16);
        Matrix4f cameraToUp = new Matrix4f();
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                cameraToUp.setRowColumn(row, col, (float) m[row * 4 + col]);
            }
        }
        List<ObjectFacts> objects = new ArrayList<>();
        Map<Integer, CocoRle> masks = new TreeMap<>();
        Map<Integer, MaskSource> sources = new TreeMap<>();
        for (JsonNode o : field(root, "objects")) {
            JsonNode source = o.get("mask_source");
            if (source != null) {
                if (!source.isTextual()) {
                    throw new IllegalArgumentException("Field 'mask_source' must be a string, got "
                            + abbreviate(source.toString()));
                }
                sources.put(integer(o, "id"), MaskSource.fromId(source.textValue()));
            }
            double[] c = numbers(o, "center_camera", 3);
            double[] u = numbers(o, "center_up", 3);
            double[] box = numbers(o, "image_box", 4);
            JsonNode nearest = o.get("nearest_surface");
            OptionalDouble nearestSurface = nearest == null || nearest.isNull() ? OptionalDouble.empty()
                    : OptionalDouble.of(real(o, "nearest_surface"));
            int oid = integer(o, "id");
            objects.add(new ObjectFacts(oid, text(o, "caption"),
                    new Vector3f((float) c[0], (float) c[1], (float) c[2]),
                    new Vector3f((float) u[0], (float) u[1], (float) u[2]), real(o, "width"), real(o, "depth"),
                    real(o, "height"), real(o, "bottom"), real(o, "top"), integer(o, "point_count"),
                    new PixelBox((int) box[0], (int) box[1], (int) box[2], (int) box[3]), real(o, "occluded_outline"),
                    nearestSurface));
            JsonNode mask = o.get("mask");
            if (mask != null && !mask.isNull()) {
                double[] size = numbers(mask, "size", 2);
                masks.put(oid, new CocoRle((int) size[0], (int) size[1], text(mask, "counts")));
            }
        }
        double[] g = numbers(root, "gaps", objects.size() * objects.size());
        float[] gaps = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            gaps[i] = (float) g[i];
        }
        SceneFacts facts = new SceneFacts(id, width, height, objects, floorState, floor, cameraToUp, gaps, floorNote);
        List<QaPair> qa = new ArrayList<>();
        for (JsonNode q : field(root, "qa")) {
            List<Integer> ids = new ArrayList<>();
            for (JsonNode n : field(q, "objects")) {
                ids.add(n.asInt());
            }
            List<ImagePoint> points = new ArrayList<>();
            JsonNode pointsNode = q.get("points");
            if (pointsNode != null) {
                for (JsonNode p : pointsNode) {
                    points.add(new ImagePoint(text(p, "label"), integer(p, "u"), integer(p, "v")));
                }
            }
            qa.add(new QaPair(Category.fromId(text(q, "category")), ids, text(q, "question"), text(q, "answer"),
                    readExact(field(q, "exact")), points, List.of()));
        }
        JsonNode refer = root.get("refer");
        JsonNode marked = root.get("marked_image");
        return new Decoded(id, text(root, "image"), facts, qa,
                refer == null ? ReferStyle.CAPTION : ReferStyle.fromId(text(root, "refer")), masks,
                marked == null || marked.isNull() ? Optional.empty() : Optional.of(text(root, "marked_image")),
                sources);
    }

    private static ExactAnswer readExact(JsonNode exact) {
        String type = text(exact, "type");
        JsonNode value = field(exact, "value");
        switch (type) {
            case "yes_no":
                return new ExactAnswer.YesNo(value.asBoolean());
            case "choice":
                return new ExactAnswer.Choice(value.asInt());
            case "relation":
                return new ExactAnswer.Relation(value.asText());
            case "metric":
                return new ExactAnswer.Metric(value.asDouble());
            case "uncertain":
                return new ExactAnswer.Uncertain();
            case "count":
                return new ExactAnswer.Count(text(exact, "class"), integer(exact, "value"));
            case "clock":
                return new ExactAnswer.Clock(integer(exact, "value"));
            case "direction":
                return new ExactAnswer.Direction(value.asText());
            case "point":
                return new ExactAnswer.Point(value.asText());
            default:
                throw new IllegalArgumentException("Unknown exact answer type: '" + type
                        + "' (expected yes_no, choice, relation, metric, uncertain, count, clock, direction or point)");
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Missing field '" + name + "' in " + abbreviate(node.toString()));
        }
        return v;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("Field '" + name + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("Field '" + name + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static float real(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("Field '" + name + "' must be a number, got " + v);
        }
        return (float) v.asDouble();
    }

    private static double[] numbers(JsonNode node, String name, int count) {
        JsonNode v = field(node, name);
        if (!v.isArray() || v.size() != count) {
            throw new IllegalArgumentException("Field '" + name + "' must be an array of " + count
                    + " numbers, got " + abbreviate(v.toString()));
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException("Field '" + name + "'[" + i + "] must be a number, got " + v.get(i));
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /**
     * A record read back from JSON: everything but the image bytes, which live in the file named by
     * {@code imagePath}.
     *
     * @param frameId the frame id
     * @param imagePath the image path relative to the output directory
     * @param facts the scene facts, numbers rounded as written
     * @param qa the questions
     * @param refer how the questions name objects
     * @param masks the objects' masks, by id
     * @param markedImagePath the marked image's path, when the record has one
     * @param maskSources where each object's mask came from, where the record says
     */
    public record Decoded(String frameId, String imagePath, SceneFacts facts, List<QaPair> qa, ReferStyle refer,
            Map<Integer, CocoRle> masks, Optional<String> markedImagePath, Map<Integer, MaskSource> maskSources) {
        public Decoded {
            Objects.requireNonNull(frameId, "frameId");
            Objects.requireNonNull(imagePath, "imagePath");
            Objects.requireNonNull(facts, "facts");
            qa = List.copyOf(qa);
            Objects.requireNonNull(refer, "refer");
            masks = Map.copyOf(masks);
            Objects.requireNonNull(markedImagePath, "markedImagePath");
            maskSources = Map.copyOf(maskSources);
        }

        /** The image the questions are asked about: the marked image when there is one. */
        public String chatImagePath() {
            return markedImagePath.orElse(imagePath);
        }

        /**
         * The full record, given the image bytes (e.g. read from {@code imagePath}) and the marked image's
         * bytes (required exactly when the record has a marked image).
         */
        public FrameRecord withImages(byte[] pngBytes, Optional<byte[]> markedBytes) {
            if (markedBytes.isPresent() != markedImagePath.isPresent()) {
                throw new IllegalArgumentException("Frame " + frameId + ": marked image bytes "
                        + (markedBytes.isPresent() ? "given" : "missing") + " for marked image path " + markedImagePath);
            }
            return new FrameRecord(frameId, imagePath, pngBytes, facts, qa, refer, masks,
                    markedImagePath.map(p -> new FrameRecord.Marked(p, markedBytes.get())), maskSources);
        }

        /** The full record of a frame without a marked image, given the image bytes. */
        public FrameRecord withImage(byte[] pngBytes) {
            return withImages(pngBytes, Optional.empty());
        }
    }
}
