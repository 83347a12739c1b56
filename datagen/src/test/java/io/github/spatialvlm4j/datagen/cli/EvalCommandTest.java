package io.github.spatialvlm4j.datagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spatialvlm4j eval} end to end: records from {@code generate}, predictions, a benchmark file. */
class EvalCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SpatialVlm4jCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void evaluatesGeneratedRecordsWithOracleAndPredictions() throws IOException {
        Path data = dir.resolve("data");
        Run gen = cli("generate", "--source", "synthetic", "--count", "3", "--width", "160", "--height", "120",
                "--exact", "--format", "jsonl", "--threads", "1", "--out", data.toString());
        assertEquals(0, gen.code, gen.err);
        Path report = dir.resolve("oracle");
        Run oracle = cli("eval", "--truth", data.toString(), "--oracle-sigma", "0", "--resamples", "100", "--out",
                report.toString());
        assertEquals(0, oracle.code, oracle.err);
        assertTrue(oracle.out.contains("Qualitative accuracy: 100.0%"), oracle.out);
        for (String f : List.of("eval.json", "eval.md", "answers.jsonl", "accuracy.png", "relative-error.png")) {
            assertTrue(Files.size(report.resolve(f)) > 0, f);
        }
        // Feed the oracle's answers back as a predictions file, minus the first question.
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = Files.readAllLines(report.resolve("answers.jsonl"));
        StringBuilder pred = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            JsonNode n = mapper.readTree(line);
            pred.append(mapper.createObjectNode().put("id", n.get("id").asText()).put("answer", n.get("answer").asText()))
                    .append('\n');
        }
        Path predFile = dir.resolve("pred.jsonl");
        Files.writeString(predFile, pred);
        Path report2 = dir.resolve("pred");
        Run fromFile = cli("eval", "--truth", data.toString(), "--predictions", predFile.toString(), "--out",
                report2.toString());
        assertEquals(0, fromFile.code, fromFile.err);
        JsonNode json = mapper.readTree(report2.resolve("eval.json").toFile());
        assertEquals(1, json.get("missing_predictions").size());
        assertEquals(lines.size() - 1, json.get("overall").get("questions").asInt());
    }

    @Test
    void evaluatesABenchmarkFile() throws IOException {
        Path bench = dir.resolve("cv.jsonl");
        Files.writeString(bench, """
                {"idx": 0, "type": "3D", "task": "Depth", "question": "Which is closer, the lamp or the chair?", "choices": ["lamp", "chair"], "answer": "(B)"}
                {"idx": 1, "type": "3D", "task": "Distance", "question": "Which is closer to the sofa?", "choices": ["table", "tv"], "answer": "(A)"}
                """);
        Path pred = dir.resolve("p.jsonl");
        Files.writeString(pred, "{\"id\": \"0\", \"answer\": \"The chair.\"}\n{\"id\": \"1\", \"answer\": \"(B)\"}\n");
        Run r = cli("eval", "--benchmark", "cvbench", "--bench-file", bench.toString(), "--predictions",
                pred.toString(), "--resamples", "0", "--out", dir.resolve("cv").toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Qualitative accuracy: 50.0%"), r.out);
        Path questions = dir.resolve("q.jsonl");
        Run export = cli("eval", "--benchmark", "cvbench", "--bench-file", bench.toString(), "--export-questions",
                questions.toString());
        assertEquals(0, export.code, export.err);
        List<String> lines = Files.readAllLines(questions);
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("0", first.get("id").asText());
        assertTrue(first.get("image").isNull());
        assertEquals("Which is closer, the lamp or the chair?", first.get("question").asText());
    }

    @Test
    void usageErrors() {
        assertEquals(2, cli("eval", "--oracle-sigma", "0").code);
        assertEquals(2, cli("eval", "--benchmark", "qspatial", "--oracle-sigma", "0").code);
        assertEquals(2, cli("eval", "--truth", dir.resolve("none").toString(), "--oracle-sigma", "0").code);
        assertEquals(2, cli("eval", "--truth", dir.toString(), "--oracle-sigma", "-1", "--out",
                dir.resolve("x").toString()).code);
    }
}
