package io.github.spatialvlm4j.vlm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark readers on hand-written sample files. */
class BenchmarkFilesTest {

    private static final double TOL = 1e-9;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsQSpatialJsonLines() throws IOException {
        Path f = write("qspatial.jsonl", """
                {"image": "img/0.png", "question": "How far is the chair from the door?", "answer_value": 1.5, "answer_unit": "meters"}

                {"id": "q1", "image": "img/1.png", "question": "How tall is the lamp?", "answer_value": 60, "answer_unit": "inches", "split": "QSpatial_plus"}
                """);
        BenchmarkFiles.Benchmark b = BenchmarkFiles.readQSpatial(f);
        assertEquals(2, b.items().size());
        EvalItem first = b.items().get(0);
        assertEquals("qspatial-0", first.id());
        assertEquals("qspatial", first.category());
        assertEquals(1.5, ((Truth.Length) first.truth()).meters(), TOL);
        assertEquals("img/0.png", first.image().orElseThrow());
        EvalItem second = b.items().get(1);
        assertEquals("q1", second.id());
        assertEquals("QSpatial_plus", second.category());
        assertEquals(60 * 0.0254, ((Truth.Length) second.truth()).meters(), TOL);
    }

    @Test
    void qSpatialErrorsNameTheField() throws IOException {
        Path noUnit = write("a.jsonl", "{\"question\": \"How far?\", \"answer_value\": 2}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkFiles.readQSpatial(noUnit));
        assertTrue(e.getMessage().contains("answer_unit"), e.getMessage());
        Path badUnit = write("b.jsonl", "{\"question\": \"How far?\", \"answer_value\": 2, \"answer_unit\": \"parsecs\"}\n");
        e = assertThrows(IllegalArgumentException.class, () -> BenchmarkFiles.readQSpatial(badUnit));
        assertTrue(e.getMessage().contains("parsecs"), e.getMessage());
        Path truncated = write("c.jsonl", "{\"question\": \"How far?\", \"answer_va\n");
        e = assertThrows(IllegalArgumentException.class, () -> BenchmarkFiles.readQSpatial(truncated));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void readsSpatialRgptInBothLayouts() throws IOException {
        Path f = write("srgpt.jsonl", """
                {"id": "s0", "question": "What is the height of Region [0]?", "answer": "6.91 feet", "qa_category": "height_data", "type": "quantitative"}
                {"id": "s1", "text_q": "Is Region [0] behind Region [1]?", "text_a": "No.", "qa_info": {"type": "qualitative", "qa_category": "behind_predicate"}}
                {"id": "s2", "conversations": [{"from": "human", "value": "Which is more to the left, Region [0] or Region [1]?"}, {"from": "gpt", "value": "Region [1] is more to the left."}], "qa_info": {"qa_category": "left_choice"}}
                {"id": "s3", "question": "What is the width of Region [2]?", "answer": "It is quite wide.", "qa_category": "width_data"}
                """);
        BenchmarkFiles.Benchmark b = BenchmarkFiles.readSpatialRgpt(f);
        assertEquals(3, b.items().size());
        assertEquals(6.91 * 0.3048, ((Truth.Length) b.items().get(0).truth()).meters(), TOL);
        assertEquals(new Truth.YesNo(false), b.items().get(1).truth());
        assertEquals("behind_predicate", b.items().get(1).category());
        Truth.Choice c = (Truth.Choice) b.items().get(2).truth();
        assertEquals(List.of("Region [0]", "Region [1]"), c.options());
        assertEquals(1, c.index());
        assertEquals(1, b.skipped().size());
        assertTrue(b.skipped().get(0).startsWith("s3:"), b.skipped().toString());
        Path noCategory = write("x.jsonl", "{\"question\": \"How far?\", \"answer\": \"1 m\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkFiles.readSpatialRgpt(noCategory));
        assertTrue(e.getMessage().contains("qa_category"), e.getMessage());
    }

    @Test
    void readsCvBench3dFromAJsonArray() throws IOException {
        Path f = write("cvbench.json", """
                [
                 {"idx": 0, "type": "2D", "task": "Count", "question": "How many chairs?", "choices": ["1", "2"], "answer": "(A)"},
                 {"idx": 1, "type": "3D", "task": "Depth", "question": "Which is closer to the camera, the lamp or the chair?", "choices": ["lamp", "chair"], "answer": "(B)", "image": "img/1.png"},
                 {"idx": 2, "task": "Distance", "question": "Which is closer to the sofa?", "choices": ["table", "tv"], "answer": "A"}
                ]
                """);
        BenchmarkFiles.Benchmark b = BenchmarkFiles.readCvBench(f);
        assertEquals(2, b.items().size());
        assertEquals(1, b.skipped().size());
        Truth.Choice c = (Truth.Choice) b.items().get(0).truth();
        assertEquals(1, c.index());
        assertEquals("Depth", b.items().get(0).category());
        assertEquals("1", b.items().get(0).id());
        assertEquals(0, ((Truth.Choice) b.items().get(1).truth()).index());
        Path noChoices = write("y.json", "[{\"idx\": 0, \"type\": \"3D\", \"task\": \"Depth\", \"question\": \"q\", \"answer\": \"(A)\"}]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkFiles.readCvBench(noChoices));
        assertTrue(e.getMessage().contains("choices"), e.getMessage());
    }

    @Test
    void readsPredictionsWithAliasesAndRejectsDuplicates() throws IOException {
        Path f = write("pred.jsonl", """
                {"id": "a", "answer": "1 m"}
                {"question_id": 7, "prediction": "Yes."}
                """);
        Map<String, String> p = BenchmarkFiles.readPredictions(f);
        assertEquals(Map.of("a", "1 m", "7", "Yes."), p);
        Path dup = write("dup.jsonl", "{\"id\": \"a\", \"answer\": \"1\"}\n{\"id\": \"a\", \"answer\": \"2\"}\n");
        assertThrows(IllegalArgumentException.class, () -> BenchmarkFiles.readPredictions(dup));
        Path empty = write("empty.jsonl", "");
        assertTrue(BenchmarkFiles.readPredictions(empty).isEmpty());
    }
}
