package io.github.spatialvlm4j.datagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} cannot be gamed or crashed by its input: a missing answer counts as wrong, a number too
 * large to read or a negative length is a failure of that answer alone (named by its id), an empty
 * predictions file is an error, and a byte-order mark is accepted.
 */
class EvalHonestyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path bench;

    /** Four Q-Spatial questions, 2 m each. */
    @BeforeEach
    void writeBench() throws IOException {
        bench = dir.resolve("qspatial.jsonl");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            s.append("{\"id\": \"q").append(i).append("\", \"question\": \"How far is the chair from the door?\","
                    + " \"answer_value\": 2, \"answer_unit\": \"meters\"}\n");
        }
        Files.writeString(bench, s);
    }

    private CliRun eval(Path predictions, String out) {
        return CliRun.of("eval", "--benchmark", "qspatial", "--bench-file", bench.toString(), "--predictions",
                predictions.toString(), "--resamples", "0", "--out", dir.resolve(out).toString());
    }

    private JsonNode report(String out) throws IOException {
        return MAPPER.readTree(dir.resolve(out).resolve("eval.json").toFile());
    }

    @Test
    void missingAnswersCountAsWrongAndAreReported() throws IOException {
        Path pred = dir.resolve("one.jsonl");
        Files.writeString(pred, "{\"id\": \"q0\", \"answer\": \"2 meters\"}\n");
        CliRun r = eval(pred, "one");
        assertEquals(0, r.code(), r.err());
        JsonNode overall = report("one").get("overall");
        assertEquals(4, overall.get("questions").asInt());
        assertEquals(3, overall.get("missing").asInt());
        assertEquals(0.25, overall.get("with_number").get("value").asDouble(), 1e-12);
        assertEquals(0.25, overall.get("within").get(0).get("value").asDouble(), 1e-12);
        assertEquals(3, report("one").get("missing_predictions").size());
        assertTrue(r.out().contains("3 of 4 questions had no prediction (counted as wrong), e.g. q1, q2, q3"), r.out());
    }

    @Test
    void anOverflowingNumberFailsThatAnswerOnlyAndNamesIt() throws IOException {
        Path pred = dir.resolve("big.jsonl");
        Files.writeString(pred, "{\"id\": \"q0\", \"answer\": \"2 m\"}\n{\"id\": \"q1\", \"answer\": \""
                + "7".repeat(400) + " meters\"}\n{\"id\": \"q2\", \"answer\": \"2 m\"}\n{\"id\": \"q3\", \"answer\": \"2 m\"}\n");
        CliRun r = eval(pred, "big");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 answers hold an unusable number (counted as wrong), e.g. q1: number out of"
                + " range: '7777"), r.out());
        JsonNode json = report("big");
        assertEquals("q1", json.get("invalid_answers").get(0).get("id").asText());
        assertEquals(0.75, json.get("overall").get("within").get(0).get("value").asDouble(), 1e-12);
        assertEquals(1, json.get("overall").get("invalid").asInt());
    }

    @Test
    void aNegativeLengthIsFlaggedNotReadAsPositive() throws IOException {
        Path pred = dir.resolve("neg.jsonl");
        Files.writeString(pred, "{\"id\": \"q0\", \"answer\": \"-2 meters\"}\n{\"id\": \"q1\", \"answer\": \"2 m\"}\n"
                + "{\"id\": \"q2\", \"answer\": \"2 m\"}\n{\"id\": \"q3\", \"answer\": \"2 m\"}\n");
        CliRun r = eval(pred, "neg");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("q0: negative length: '-2 meters'"), r.out());
        JsonNode json = report("neg");
        assertEquals(0.75, json.get("overall").get("within").get(2).get("value").asDouble(), 1e-12);
        String first = Files.readAllLines(dir.resolve("neg").resolve("answers.jsonl")).get(0);
        assertTrue(first.contains("\"parsed_kind\":\"invalid\"") && first.contains("\"ratio\":null"), first);
    }

    @Test
    void anEmptyPredictionsFileIsAnError() throws IOException {
        for (String text : new String[] {"", "\n", "[]"}) {
            Path pred = dir.resolve("empty.jsonl");
            Files.writeString(pred, text);
            CliRun r = eval(pred, "empty");
            assertEquals(2, r.code(), r.out());
            assertTrue(r.err().contains("--predictions") && r.err().contains("empty.jsonl"), r.err());
            assertTrue(Files.notExists(dir.resolve("empty")), "no report for an empty predictions file");
        }
        Path unrelated = dir.resolve("other.jsonl");
        Files.writeString(unrelated, "{\"id\": \"x\", \"answer\": \"2 m\"}\n");
        CliRun r = eval(unrelated, "other");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("none of the 1 ids") && r.err().contains("'x'") && r.err().contains("'q0'"),
                r.err());
    }

    @Test
    void aByteOrderMarkIsAccepted() throws IOException {
        Path pred = dir.resolve("bom.jsonl");
        StringBuilder s = new StringBuilder("\uFEFF");
        for (int i = 0; i < 4; i++) {
            s.append("{\"id\": \"q").append(i).append("\", \"answer\": \"about 2 meters\"}\r\n");
        }
        Files.write(pred, s.toString().getBytes(StandardCharsets.UTF_8));
        CliRun r = eval(pred, "bom");
        assertEquals(0, r.code(), r.err());
        assertEquals(1.0, report("bom").get("overall").get("within").get(2).get("value").asDouble(), 1e-12);
        assertEquals(0, report("bom").get("overall").get("missing").asInt());
    }
}
