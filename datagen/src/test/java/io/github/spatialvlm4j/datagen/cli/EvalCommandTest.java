package io.github.spatialvlm4j.datagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.vlm.testing.RiggedSmolVlm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spatialvlm4j eval} end to end: records from {@code generate}, predictions, a benchmark file, answers
 * from a rigged chat model.
 */
class EvalCommandTest {

    @TempDir
    Path dir;



    @Test
    void evaluatesGeneratedRecordsWithOracleAndPredictions() throws IOException {
        Path data = dir.resolve("data");
        CliRun gen = CliRun.of("generate", "--source", "synthetic", "--count", "3", "--width", "160", "--height", "120",
                "--exact", "--format", "jsonl", "--threads", "1", "--out", data.toString());
        assertEquals(0, gen.code(), gen.err());
        Path report = dir.resolve("oracle");
        CliRun oracle = CliRun.of("eval", "--truth", data.toString(), "--oracle-sigma", "0", "--resamples", "100", "--out",
                report.toString());
        assertEquals(0, oracle.code(), oracle.err());
        assertTrue(oracle.out().contains("Qualitative accuracy: 100.0%"), oracle.out());
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
        CliRun fromFile = CliRun.of("eval", "--truth", data.toString(), "--predictions", predFile.toString(), "--out",
                report2.toString());
        assertEquals(0, fromFile.code(), fromFile.err());
        JsonNode json = mapper.readTree(report2.resolve("eval.json").toFile());
        assertEquals(1, json.get("missing_predictions").size());
        assertEquals(lines.size(), json.get("overall").get("questions").asInt());
        assertEquals(1, json.get("overall").get("missing").asInt());
        assertTrue(fromFile.out().contains("1 of " + lines.size() + " questions had no prediction (counted as wrong)"),
                fromFile.out());
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
        CliRun r = CliRun.of("eval", "--benchmark", "cvbench", "--bench-file", bench.toString(), "--predictions",
                pred.toString(), "--resamples", "0", "--out", dir.resolve("cv").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Qualitative accuracy: 50.0%"), r.out());
        Path questions = dir.resolve("q.jsonl");
        CliRun export = CliRun.of("eval", "--benchmark", "cvbench", "--bench-file", bench.toString(), "--export-questions",
                questions.toString());
        assertEquals(0, export.code(), export.err());
        List<String> lines = Files.readAllLines(questions);
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("0", first.get("id").asText());
        assertTrue(first.get("image").isNull());
        assertEquals("Which is closer, the lamp or the chair?", first.get("question").asText());
    }

    @Test
    void usageErrors() {
        assertEquals(2, CliRun.of("eval", "--oracle-sigma", "0").code());
        assertEquals(2, CliRun.of("eval", "--benchmark", "qspatial", "--oracle-sigma", "0").code());
        assertEquals(2, CliRun.of("eval", "--truth", dir.resolve("none").toString(), "--oracle-sigma", "0").code());
        assertEquals(2, CliRun.of("eval", "--truth", dir.toString(), "--oracle-sigma", "-1", "--out",
                dir.resolve("x").toString()).code());
    }

    // eval --models: a rigged SmolVLM (vlm's test jar) answers "red" or "green" by the image's mean colour;
    // ask on the same image is the reference answer.

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Path models() throws IOException {
        Path root = dir.resolve("models");
        RiggedSmolVlm.write(root.resolve("smolvlm"), 4);
        return root;
    }

    private static Map<String, String> predictions(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = MAPPER.readTree(line);
            assertEquals(null, out.put(n.get("id").asText(), n.get("answer").asText()), "duplicate " + line);
        }
        return out;
    }

    @Test
    void answersGeneratedRecordsLikeAskAndWritesPredictions() throws IOException {
        Path models = models();
        Path data = dir.resolve("data");
        CliRun gen = CliRun.of("generate", "--source", "synthetic", "--count", "2", "--width", "160", "--height", "120",
                "--exact", "--format", "jsonl", "--threads", "1", "--out", data.toString());
        assertEquals(0, gen.code(), gen.err());
        Path report = dir.resolve("r");
        CliRun eval = CliRun.of("eval", "--truth", data.toString(), "--models", models.toString(), "--resamples", "0",
                "--out", report.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(Files.size(report.resolve("eval.json")) > 0);
        JsonNode json = MAPPER.readTree(report.resolve("eval.json").toFile());
        assertEquals(0, json.get("missing_predictions").size());

        // One answer per question, each what ask answers on the question's frame image.
        Map<String, String> answers = predictions(report.resolve(EvalCommand.PREDICTIONS));
        int questions = Files.readAllLines(report.resolve("answers.jsonl")).size();
        assertEquals(questions, answers.size());
        Map<String, String> askByFrame = new HashMap<>();
        for (Map.Entry<String, String> e : answers.entrySet()) {
            String frame = e.getKey().substring(0, e.getKey().indexOf('#'));
            String expected = askByFrame.computeIfAbsent(frame, f -> {
                CliRun ask = CliRun.of("ask", "--models", models.toString(), "--image",
                        data.resolve(FrameRecord.imagePathFor(f)).toString(), "Which is closer?");
                assertEquals(0, ask.code(), ask.err());
                return ask.out().strip();
            });
            assertTrue(Set.of("red", "green").contains(expected), expected);
            assertEquals(expected, e.getValue(), e.getKey());
        }
        assertEquals(2, askByFrame.size());

        // The written predictions re-score to the same report.
        Path again = dir.resolve("again");
        CliRun rescore = CliRun.of("eval", "--truth", data.toString(), "--predictions",
                report.resolve(EvalCommand.PREDICTIONS).toString(), "--resamples", "0", "--out", again.toString());
        assertEquals(0, rescore.code(), rescore.err());
        assertEquals(json.get("overall"), MAPPER.readTree(again.resolve("eval.json").toFile()).get("overall"));

        // A frame whose image is gone: its questions are skipped with the reason, counted as missing.
        String gone = askByFrame.keySet().iterator().next();
        Files.delete(data.resolve(FrameRecord.imagePathFor(gone)));
        long goneQuestions = answers.keySet().stream().filter(id -> id.startsWith(gone + "#")).count();
        CliRun partial = CliRun.of("eval", "--truth", data.toString(), "--models", models.toString(), "--resamples", "0",
                "--out", dir.resolve("partial").toString());
        assertEquals(0, partial.code(), partial.err());
        assertTrue(partial.out().contains(goneQuestions + " questions not asked") && partial.out().contains("cannot read image"),
                partial.out());
        assertEquals(goneQuestions, MAPPER.readTree(dir.resolve("partial/eval.json").toFile())
                .get("missing_predictions").size());
        assertEquals(answers.size() - goneQuestions,
                predictions(dir.resolve("partial").resolve(EvalCommand.PREDICTIONS)).size());
    }

    @Test
    void answersABenchmarkWithImagesFromAFolder() throws IOException {
        Path models = models();
        Path images = Files.createDirectories(dir.resolve("imgs"));
        ColorImages.writePng(solid(0xFF0000), images.resolve("red.png"));
        ColorImages.writePng(solid(0x00FF00), images.resolve("green.png"));
        Path bench = dir.resolve("cv.jsonl");
        Files.writeString(bench, """
                {"idx": 0, "task": "Depth", "image": "red.png", "question": "Which colour?", "choices": ["red", "green"], "answer": "(A)"}
                {"idx": 1, "task": "Depth", "image": "green.png", "question": "Which colour?", "choices": ["red", "green"], "answer": "(A)"}
                {"idx": 2, "task": "Depth", "image": "gone.png", "question": "Which colour?", "choices": ["red", "green"], "answer": "(A)"}
                {"idx": 3, "task": "Depth", "question": "Which colour?", "choices": ["red", "green"], "answer": "(B)"}
                """);
        Path out = dir.resolve("cv");
        CliRun r = CliRun.of("eval", "--benchmark", "cvbench", "--bench-file", bench.toString(), "--models", models.toString(),
                "--model", "smolvlm", "--max-tokens", "4", "--images", images.toString(), "--resamples", "0", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Map.of("0", "red", "1", "green"), predictions(out.resolve(EvalCommand.PREDICTIONS)));
        // One right of four: the two questions without an image count as wrong.
        assertTrue(r.out().contains("Qualitative accuracy: 25.0%"), r.out());
        assertTrue(r.out().contains("2 questions not asked") && r.out().contains("gone.png"), r.out());
        JsonNode missing = MAPPER.readTree(out.resolve("eval.json").toFile()).get("missing_predictions");
        Set<String> ids = new HashSet<>();
        missing.forEach(n -> ids.add(n.asText()));
        assertEquals(Set.of("2", "3"), ids);

        // Without --images the paths are relative to the bench file's folder, where there are none: nothing to score.
        CliRun beside = CliRun.of("eval", "--benchmark", "cvbench", "--bench-file", bench.toString(), "--models",
                models.toString(), "--resamples", "0", "--out", dir.resolve("beside").toString());
        assertEquals(2, beside.code(), beside.out());
        assertTrue(beside.err().contains("no question could be asked") && beside.err().contains("--images"),
                beside.err());
    }

    @Test
    void usageErrorsNameTheProblem() throws IOException {
        Path models = models();
        Path bench = dir.resolve("cv.jsonl");
        Files.writeString(bench, "{\"idx\": 0, \"task\": \"Depth\", \"question\": \"Q?\", \"choices\": [\"a\", \"b\"],"
                + " \"answer\": \"(A)\"}\n");
        List<String> base = List.of("eval", "--benchmark", "cvbench", "--bench-file", bench.toString(), "--out",
                dir.resolve("x").toString());
        CliRun unknown = CliRun.of(with(base, "--models", models.toString(), "--model", "llava"));
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("llava") && unknown.err().contains("smolvlm"), unknown.err());
        CliRun empty = CliRun.of(with(base, "--models", Files.createDirectories(dir.resolve("empty")).toString()));
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("missing: a vision-language model"), empty.err());
        CliRun withPredictions = CliRun.of(with(base, "--models", models.toString(), "--predictions", bench.toString()));
        assertEquals(2, withPredictions.code());
        assertTrue(withPredictions.err().contains("exactly one of"), withPredictions.err());
        assertEquals(2, CliRun.of(with(base, "--models", models.toString(), "--oracle-sigma", "0")).code());
        assertEquals(2, CliRun.of(with(base, "--models", models.toString(), "--oracle-flip", "0.1")).code());
        assertEquals(2, CliRun.of(with(base, "--oracle-sigma", "0", "--model", "smolvlm")).code());
        CliRun tokens = CliRun.of(with(base, "--models", models.toString(), "--max-tokens", "0"));
        assertEquals(2, tokens.code());
        assertTrue(tokens.err().contains("--max-tokens: 0"), tokens.err());
        assertTrue(Files.notExists(dir.resolve("x")), "no report after a usage error");
    }

    private static String[] with(List<String> base, String... more) {
        String[] all = Arrays.copyOf(base.toArray(new String[0]), base.size() + more.length);
        System.arraycopy(more, 0, all, base.size(), more.length);
        return all;
    }

    private static RgbImage solid(int rgb) {
        int[] px = new int[8 * 8];
        Arrays.fill(px, rgb);
        return new RgbImage(8, 8, px);
    }
}
