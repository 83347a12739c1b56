package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.geometry.Plane;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    /** Renormalizing a unit vector rounded to 6 decimals moves each component by at most this. */
    private static final double UNIT_ROUND_TRIP = 2e-6;

    /** The JSON schema of the records, found from the module directory up to the repository root. */
    static JsonSchema schema() throws IOException {
        try (InputStream in = Files.newInputStream(schemaPath())) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Path schemaPath() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/schema/frame-record.schema.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/schema/frame-record.schema.json not found above the module");
        }
        return dir.resolve("docs/schema/frame-record.schema.json");
    }

    static FrameRecord knownRecord() {
        ObjectFacts chair = new ObjectFacts(1, "red chair", new Vector3f(0.1f, 0.2f, 3.0f),
                new Vector3f(0.25f, -3f, 0.5f), 0.6f, 0.4f, 1.0f, 0f, 1.0f, 1234, new PixelBox(2, 3, 10, 12));
        ObjectFacts table = new ObjectFacts(2, "blue table", new Vector3f(-1f, 0.5f, 4.5f),
                new Vector3f(1.5f, -4.5f, 0.375f), 1.2f, 0.8f, 0.75f, 0f, 0.75f, 99, new PixelBox(20, 5, 40, 30));
        SceneFacts facts = new SceneFacts("scene-1", 64, 48, List.of(chair, table), true,
                Optional.of(new Plane(0, -2, 0, 3)), new Matrix4f().translate(0.5f, 0, 0),
                new float[] {0, 0.25f, 0.25f, 0});
        List<QaPair> qa = List.of(
                new QaPair(Category.LEFT_PREDICATE, List.of(1, 2), "Is the red chair left of the blue table?", "Yes.",
                        new ExactAnswer.YesNo(true)),
                new QaPair(Category.LEFT_CHOICE, List.of(1, 2), "Which is more to the left?", "The blue table.",
                        new ExactAnswer.Choice(2)),
                new QaPair(Category.LEFT_RIGHT_CLASSIFY, List.of(1, 2), "Where is the chair?", "Left of it.",
                        new ExactAnswer.Relation("left")),
                new QaPair(Category.DISTANCE, List.of(1, 2), "How far apart?", "About 1.2 m.",
                        new ExactAnswer.Metric(1.23456789)),
                new QaPair(Category.HEIGHT, List.of(1), "How tall is the chair?", "Hard to tell.",
                        new ExactAnswer.Uncertain()));
        return new FrameRecord("scene-1", "images/scene-1.png", SinkFixtures.png(new Random(1), 4, 3), facts, qa);
    }

    @Test
    void knownRecordGivesKnownJson() {
        String expected = "{\"id\":\"scene-1\",\"image\":\"images/scene-1.png\",\"marked_image\":null,"
                + "\"refer\":\"caption\",\"width\":64,\"height\":48,"
                + "\"canonicalized\":true,\"floor_state\":\"floor\",\"floor_note\":\"\",\"floor\":{\"normal\":[0,-1,0],\"d\":1.5},"
                + "\"camera_to_up\":[1,0,0,0.5,0,1,0,0,0,0,1,0,0,0,0,1],"
                + "\"objects\":[{\"id\":1,\"caption\":\"red chair\",\"center_camera\":[0.1,0.2,3],"
                + "\"center_up\":[0.25,-3,0.5],\"width\":0.6,\"depth\":0.4,\"height\":1,\"bottom\":0,\"top\":1,"
                + "\"point_count\":1234,\"image_box\":[2,3,10,12],\"occluded_outline\":0,"
                + "\"nearest_surface\":null,\"mask\":null,\"mark\":null},"
                + "{\"id\":2,\"caption\":\"blue table\",\"center_camera\":[-1,0.5,4.5],"
                + "\"center_up\":[1.5,-4.5,0.375],\"width\":1.2,\"depth\":0.8,\"height\":0.75,\"bottom\":0,"
                + "\"top\":0.75,\"point_count\":99,\"image_box\":[20,5,40,30],\"occluded_outline\":0,"
                + "\"nearest_surface\":null,\"mask\":null,\"mark\":null}],\"regions\":[],"
                + "\"gaps\":[0,0.25,0.25,0],"
                + "\"qa\":[{\"category\":\"left_predicate\",\"objects\":[1,2],"
                + "\"question\":\"Is the red chair left of the blue table?\",\"answer\":\"Yes.\","
                + "\"exact\":{\"type\":\"yes_no\",\"value\":true}},"
                + "{\"category\":\"left_choice\",\"objects\":[1,2],\"question\":\"Which is more to the left?\","
                + "\"answer\":\"The blue table.\",\"exact\":{\"type\":\"choice\",\"value\":2}},"
                + "{\"category\":\"left_right_classify\",\"objects\":[1,2],\"question\":\"Where is the chair?\","
                + "\"answer\":\"Left of it.\",\"exact\":{\"type\":\"relation\",\"value\":\"left\"}},"
                + "{\"category\":\"distance\",\"objects\":[1,2],\"question\":\"How far apart?\","
                + "\"answer\":\"About 1.2 m.\",\"exact\":{\"type\":\"metric\",\"value\":1.2346}},"
                + "{\"category\":\"height\",\"objects\":[1],\"question\":\"How tall is the chair?\","
                + "\"answer\":\"Hard to tell.\",\"exact\":{\"type\":\"uncertain\",\"value\":null}}]}";
        assertEquals(expected, RecordJson.toJson(knownRecord()));
    }

    @Test
    void maskSourcesAreWrittenPerObjectAndReadBack() throws IOException {
        FrameRecord known = knownRecord();
        FrameRecord r = new FrameRecord(known.frameId(), known.imagePath(), known.pngBytes(), known.facts(), known.qa(),
                Map.of(1, MaskSource.DEPTH, 2, MaskSource.SAM));
        String json = RecordJson.toJson(r);
        assertTrue(json.contains("\"image_box\":[2,3,10,12],\"occluded_outline\":0,\"nearest_surface\":null,"
                + "\"mask\":null,\"mask_source\":\"depth\",\"mark\":null}"), json);
        assertTrue(json.contains("\"mask\":null,\"mask_source\":\"sam\","), json);
        assertEquals(r.maskSources(), RecordJson.read(json).maskSources());
        assertEquals(json, RecordJson.toJson(RecordJson.read(json).withImage(r.pngBytes())));
        assertTrue(schema().validate(RecordJson.readTree(json)).isEmpty());
        // Unknown sources are left out, and read back as unknown.
        assertFalse(RecordJson.toJson(known).contains("\"mask_source\""));
        assertEquals(Map.of(), RecordJson.read(RecordJson.toJson(known)).maskSources());
        String bad = json.replace("\"mask_source\":\"sam\"", "\"mask_source\":\"magic\"");
        assertFalse(schema().validate(RecordJson.readTree(bad)).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordJson.read(bad));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        IllegalArgumentException stray = assertThrows(IllegalArgumentException.class,
                () -> new FrameRecord(known.frameId(), known.imagePath(), known.pngBytes(), known.facts(), known.qa(),
                        Map.of(3, MaskSource.LABELS)));
        assertTrue(stray.getMessage().contains("object 3"), stray.getMessage());
    }

    @Test
    void decimalsRoundTheExactBinaryValueHalfEven() {
        assertEquals("0.3", RecordJson.decimal(0.3f, 4)); // 0.300000011920928955078125
        assertEquals("0", RecordJson.decimal(-0.0, 4));
        assertEquals("0", RecordJson.decimal(-0.00004, 4));
        assertEquals("-3", RecordJson.decimal(-3.0, 4));
        assertEquals("1.2346", RecordJson.decimal(1.23456789, 4));
        assertEquals("12345.678", RecordJson.decimal(12345.678, 4));
        assertEquals("0.000001", RecordJson.decimal(1e-6, 6));
        // 0.00015 is 1.49999999999999993...e-4 in binary: it rounds down, where x * 1e4 rounding would not.
        assertTrue(new BigDecimal(0.00015).compareTo(new BigDecimal("0.00015")) < 0);
        assertEquals("0.0001", RecordJson.decimal(0.00015, 4));
        // An exact binary tie goes to the even neighbour.
        assertEquals("0.125", RecordJson.decimal(0.125, 3));
        assertEquals("0.12", RecordJson.decimal(0.125, 2));
        assertEquals("0.38", RecordJson.decimal(0.375, 2));
    }

    @Test
    void writeReadWriteGivesTheSameBytes() {
        Random rnd = new Random(7);
        for (FrameRecord r : SinkFixtures.records(rnd, "rt", 40)) {
            String json = RecordJson.toJson(r);
            RecordJson.Decoded back = RecordJson.read(json);
            assertEquals(r.frameId(), back.frameId());
            assertEquals(r.imagePath(), back.imagePath());
            assertEquals(r.qa().size(), back.qa().size());
            assertEquals(r.facts().objects().size(), back.facts().objects().size());
            String again = RecordJson.toJson(back.withImage(r.pngBytes()));
            // Plane renormalizes the rounded floor normal: that field may move in its last decimal.
            ObjectNode first = (ObjectNode) RecordJson.readTree(json);
            ObjectNode second = (ObjectNode) RecordJson.readTree(again);
            JsonNode floor1 = first.remove("floor");
            JsonNode floor2 = second.remove("floor");
            assertEquals(floor1.isNull(), floor2.isNull());
            if (!floor1.isNull()) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(floor1.get("normal").get(i).asDouble(), floor2.get("normal").get(i).asDouble(),
                            UNIT_ROUND_TRIP);
                }
                assertEquals(floor1.get("d").asText(), floor2.get("d").asText());
                assertEquals(first.toString(), second.toString());
            } else {
                assertEquals(json, again);
            }
        }
    }

    @Test
    void readBackKeepsValuesWithinTheWrittenPrecision() {
        Random rnd = new Random(8);
        double meterTolerance = 0.5e-4 + 1e-6; // half the last kept decimal, plus float storage
        for (FrameRecord r : SinkFixtures.records(rnd, "prec", 20)) {
            SceneFacts back = RecordJson.read(RecordJson.toJson(r)).facts();
            for (int i = 0; i < back.objects().size(); i++) {
                ObjectFacts a = r.facts().objects().get(i);
                ObjectFacts b = back.objects().get(i);
                assertEquals(a.caption(), b.caption());
                assertEquals(a.center().z(), b.center().z(), meterTolerance);
                assertEquals(a.centerUp().x(), b.centerUp().x(), meterTolerance);
                assertEquals(a.top(), b.top(), meterTolerance);
                assertEquals(a.imageBox(), b.imageBox());
                assertEquals(a.pointCount(), b.pointCount());
            }
            for (int i = 0; i < r.qa().size(); i++) {
                QaPair a = r.qa().get(i);
                QaPair b = RecordJson.read(RecordJson.toJson(r)).qa().get(i);
                assertEquals(a.category(), b.category());
                assertEquals(a.objectIds(), b.objectIds());
                assertEquals(a.question(), b.question());
                assertEquals(a.exact().getClass(), b.exact().getClass());
            }
        }
    }

    @Test
    void generatedRecordsValidateAgainstTheSchema() throws IOException {
        JsonSchema schema = schema();
        Random rnd = new Random(9);
        List<FrameRecord> records = new java.util.ArrayList<>(SinkFixtures.records(rnd, "schema", 30));
        records.add(knownRecord());
        for (FrameRecord r : records) {
            Set<ValidationMessage> errors = schema.validate(RecordJson.readTree(RecordJson.toJson(r)));
            assertTrue(errors.isEmpty(), () -> r.frameId() + ": " + errors);
        }
    }

    @Test
    void schemaRejectsBrokenRecords() throws IOException {
        JsonSchema schema = schema();
        String json = RecordJson.toJson(knownRecord());
        ObjectNode missing = (ObjectNode) RecordJson.readTree(json);
        missing.remove("gaps");
        assertFalse(schema.validate(missing).isEmpty());
        ObjectNode badExact = (ObjectNode) RecordJson.readTree(json);
        ((ObjectNode) badExact.get("qa").get(0).get("exact")).put("value", "yes");
        assertFalse(schema.validate(badExact).isEmpty());
        ObjectNode badCategory = (ObjectNode) RecordJson.readTree(json);
        ((ObjectNode) badCategory.get("qa").get(0)).put("category", "left_of");
        assertFalse(schema.validate(badCategory).isEmpty());
        ObjectNode extra = (ObjectNode) RecordJson.readTree(json);
        extra.put("unexpected", 1);
        assertFalse(schema.validate(extra).isEmpty());
    }

    @Test
    void schemaListsEveryCategory() throws IOException {
        JsonNode schemaTree = Json.MAPPER.readTree(schemaPath().toFile());
        JsonNode categories = schemaTree.at("/$defs/qa/properties/category/enum");
        assertEquals(Category.values().length, categories.size());
        for (Category c : Category.values()) {
            boolean found = false;
            for (JsonNode n : categories) {
                found |= n.asText().equals(c.id());
            }
            assertTrue(found, c.id());
        }
    }

    @Test
    void nonFiniteNumbersAreRejectedWithTheField() {
        FrameRecord r = knownRecord();
        List<QaPair> qa = List.of(new QaPair(Category.WIDTH, List.of(1), "How wide?", "Wide.",
                new ExactAnswer.Metric(Double.NaN)));
        FrameRecord bad = new FrameRecord(r.frameId(), r.imagePath(), r.pngBytes(), r.facts(), qa);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordJson.toJson(bad));
        assertTrue(e.getMessage().contains("exact.value") && e.getMessage().contains("NaN"), e.getMessage());
        ObjectFacts nanObject = new ObjectFacts(1, "x", new Vector3f(Float.NaN, 0, 1), new Vector3f(), 1, 1, 1, 0, 1,
                1, new PixelBox(0, 0, 1, 1));
        SceneFacts facts = new SceneFacts("n", 4, 3, List.of(nanObject), false, Optional.empty(), new Matrix4f(),
                new float[1]);
        FrameRecord nan = new FrameRecord("n", "images/n.png", r.pngBytes(), facts, List.of());
        e = assertThrows(IllegalArgumentException.class, () -> RecordJson.toJson(nan));
        assertTrue(e.getMessage().contains("object 1") && e.getMessage().contains("center_camera"), e.getMessage());
    }

    @Test
    void readRejectsMalformedText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordJson.read("{\"id\":"));
        assertTrue(e.getMessage().startsWith("Invalid JSON record"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordJson.read("[1,2]"));
        String json = RecordJson.toJson(knownRecord());
        e = assertThrows(IllegalArgumentException.class, () -> RecordJson.read(json.replace("\"gaps\"", "\"gapz\"")));
        assertTrue(e.getMessage().contains("Missing field 'gaps'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecordJson.read(json.replace("\"type\":\"choice\"", "\"type\":\"pick\"")));
        assertTrue(e.getMessage().contains("'pick'"), e.getMessage());
        // A gaps matrix of the wrong size.
        e = assertThrows(IllegalArgumentException.class,
                () -> RecordJson.read(json.replace("\"gaps\":[0,0.25,0.25,0]", "\"gaps\":[0]")));
        assertTrue(e.getMessage().contains("array of 4 numbers"), e.getMessage());
    }
}
