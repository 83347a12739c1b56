package io.github.spatialvlm4j.vlm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    }

    @Test
    void anEmptyPredictionsFileIsAnError() throws IOException {
        for (String text : List.of("", "\n\n", "[]", "{}")) {
            Path empty = write("empty.jsonl", text);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BenchmarkFiles.readPredictions(empty), text);
            assertTrue(e.getMessage().contains("empty.jsonl"), e.getMessage());
        }
        Path emptyBench = write("bench.jsonl", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkFiles.readCvBench(emptyBench));
        assertTrue(e.getMessage().contains("holds no records"), e.getMessage());
    }

    @Test
    void aByteOrderMarkIsAccepted() throws IOException {
        Path pred = dir.resolve("bom.jsonl");
        Files.write(pred, ("\uFEFF{\"id\": \"a\", \"answer\": \"1 m\"}\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("a", "1 m"), BenchmarkFiles.readPredictions(pred));
        Path bench = dir.resolve("bom.json");
        Files.write(bench, ("\uFEFF[{\"idx\": 1, \"type\": \"3D\", \"task\": \"Depth\", \"question\": \"q\","
                + " \"choices\": [\"a\", \"b\"], \"answer\": \"(A)\"}]").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, BenchmarkFiles.readCvBench(bench).items().size());
    }

    @Test
    void readsPredictionsInTheLayoutsBenchmarksPublish() throws IOException {
        // BLINK's saved outputs: splits of records whose "answer" is the gold, "full_prediction" the raw output.
        Path blink = write("Relative Depth.json", """
                {
                    "val": [
                        {"idx": "val_Relative_Depth_1", "answer": "(B)", "full_prediction": "(A) A is closer", "prediction": "(A)"}
                    ],
                    "test": [
                        {"idx": "test_Relative_Depth_1", "answer": "hidden", "full_prediction": "B", "prediction": "(B)"}
                    ]
                }
                """);
        assertEquals(Map.of("val_Relative_Depth_1", "(A) A is closer", "test_Relative_Depth_1", "B"),
                BenchmarkFiles.readPredictions(blink));
        // BLINK's final prediction file: ids to answers.
        Path flat = write("final.json", "{\n    \"val_Art_Style_1\": \"(A)\",\n    \"val_Spatial_Relation_29\": \"(B)\"\n}\n");
        assertEquals(Map.of("val_Art_Style_1", "(A)", "val_Spatial_Relation_29", "(B)"),
                BenchmarkFiles.readPredictions(flat));
        // SpatialRGPT's eval_spatial.py output: "pred" next to the gold "gt".
        Path srgpt = write("answers.jsonl", "{\"question_id\": \"q1\", \"image\": \"a.jpg\", \"question\": \"Q?\","
                + " \"pred\": \"No.\", \"gt\": \"Yes.\", \"qa_info\": {\"type\": \"qualitative\"}}\n");
        assertEquals(Map.of("q1", "No."), BenchmarkFiles.readPredictions(srgpt));
        // A single JSON Lines record is a record, not a map.
        Path one = write("one.jsonl", "{\"id\": \"a\", \"answer\": \"2 m\"}");
        assertEquals(Map.of("a", "2 m"), BenchmarkFiles.readPredictions(one));
    }

    /** SpatialRGPT-Bench_v1.json's layout (the fields eval_spatial.py reads), with real answers of the benchmark. */
    @Test
    void readsSpatialRgptBenchRealLayoutAndPhrasing() throws IOException {
        Path f = write("SpatialRGPT-Bench_v1.json", """
                [
                 {"id": "qualitative_3TrgWgKqnf", "image_info": {"file_path": "a.jpg", "height": 480, "width": 640},
                  "text_q": "Can you confirm if Region [0] is smaller than Region [1]?",
                  "qa_info": {"type": "qualitative", "category": "small_predicate"},
                  "conversations": [{"from": "human", "value": "<image>\\nCan you confirm if <mask> <depth> is smaller than <mask> <depth>?"},
                                    {"from": "gpt", "value": "Incorrect, Region [0] is not smaller in size than Region [1]."}],
                  "bbox": [[1, 2, 30, 40], [50, 60, 70, 80]]},
                 {"id": "qualitative_owIPR7rMKZ", "image_info": {"file_path": "b.jpg"}, "text_q": "Is Region [0] behind Region [1]?",
                  "qa_info": {"type": "qualitative", "category": "behind_predicate"},
                  "conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "No."}]},
                 {"id": "qualitative_w", "text_q": "Does Region [0] have a greater width compared to Region [1]?",
                  "qa_info": {"type": "qualitative", "category": "wide_predicate"},
                  "conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "In fact, Region [0] might be narrower than Region [1]."}]},
                 {"id": "quantitative_2stayVjLa3", "text_q": "What is the height of Region [0]?",
                  "qa_info": {"type": "quantitative", "category": "height_data"},
                  "conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "Region [0] is 6.91 feet in height."}]},
                 {"id": "qualitative_l", "text_q": "Who is positioned more to the left, Region [0] or Region [1]?",
                  "qa_info": {"type": "qualitative", "category": "left_choice"},
                  "conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "From the viewer's perspective, Region [1] appears more on the left side."}]},
                 {"id": "quantitative_d", "text_q": "If you are at Region [0], where will you find Region [1]?",
                  "qa_info": {"type": "quantitative", "category": "direction"},
                  "conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "Region [0] will find Region [1] around the 2 o'clock direction."}]}
                ]
                """);
        BenchmarkFiles.Benchmark b = BenchmarkFiles.readSpatialRgpt(f);
        assertEquals(List.of(), b.skipped());
        assertEquals(6, b.items().size());
        assertEquals(new Truth.YesNo(false), b.items().get(0).truth());
        assertEquals("a.jpg", b.items().get(0).image().orElseThrow());
        assertEquals("Can you confirm if Region [0] is smaller than Region [1]?", b.items().get(0).question());
        assertEquals(new Truth.YesNo(false), b.items().get(1).truth());
        assertEquals(new Truth.YesNo(false), b.items().get(2).truth());
        assertEquals(6.91 * 0.3048, ((Truth.Length) b.items().get(3).truth()).meters(), TOL);
        assertEquals(new Truth.Choice(1, List.of("Region [0]", "Region [1]")), b.items().get(4).truth());
        assertEquals(new Truth.Clock(2, 1), b.items().get(5).truth());
        assertEquals("direction", b.items().get(5).category());
    }

    @Test
    void spatialRgptQuestionWordingDecidesYesNoOrChoice() {
        // Category names that say neither "predicate" nor "choice": the question's form decides.
        assertEquals(new Truth.YesNo(false), BenchmarkFiles.spatialRgptTruth("Is Region [0] behind Region [1]?", "No.",
                "behind_front", "qualitative"));
        assertEquals(new Truth.Choice(0, List.of("Region [0]", "Region [1]")), BenchmarkFiles.spatialRgptTruth(
                "Which is above, Region [0] or Region [1]?", "Region [0] is higher up.", "above_below", "qualitative"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkFiles
                .spatialRgptTruth("If you are at Region [0], where will you find Region [1]?", "To the left.",
                        "direction", "quantitative"));
        assertTrue(e.getMessage().contains("no clock position"), e.getMessage());
    }

    /** VSI-Bench's test split layout (Hugging Face nyu-visionx/VSI-Bench), records 0 and 957 as published. */
    @Test
    void readsVsiBench() throws IOException {
        Path f = write("vsibench.jsonl", """
                {"id": 0, "dataset": "arkitscenes", "scene_name": "41069025", "question_type": "object_counting", "question": "How many table(s) are in this room?", "ground_truth": "4", "options": null}
                {"id": 957, "dataset": "arkitscenes", "scene_name": "41069025", "question_type": "object_rel_direction_hard", "question": "If I am standing by the stove and facing the sofa, is the tv to my front-left, front-right, back-left, or back-right?\\nThe directions refer to the quadrants of a Cartesian plane (if I am standing at the origin and facing along the positive y-axis).", "ground_truth": "B", "options": ["A. front-left", "B. back-right", "C. back-left", "D. front-right"]}
                {"id": 1728, "dataset": "scannet", "scene_name": "scene0011_00", "question_type": "object_abs_distance", "question": "Measuring from the closest point of each object, what is the distance between the blanket and the heater (in meters)?", "ground_truth": "0.5", "options": null}
                {"id": 3, "dataset": "scannetpp", "scene_name": "abc", "question_type": "object_size_estimation", "question": "What is the length of the longest dimension (length, width, or height) of the sofa, measured in centimeters?", "ground_truth": "80", "options": null}
                {"id": 4, "dataset": "scannet", "scene_name": "scene0011_00", "question_type": "room_size_estimation", "question": "What is the size of this room (in square meters)? If multiple rooms are shown, estimate the size of the combined space.", "ground_truth": "25.5", "options": null}
                {"id": 5, "dataset": "scannet", "scene_name": "scene0011_00", "question_type": "object_rel_distance", "question": "Measuring from the closest point of each object, which of these objects (sofa, tv, chair, table) is the closest to the stove?", "ground_truth": "C", "options": ["A. sofa", "B. tv", "C. chair", "D. table"]}
                {"id": 6, "dataset": "scannet", "scene_name": "scene0011_00", "question_type": "route_planning", "question": "How do I get to the door?", "ground_truth": "A", "options": null}
                {"id": 7, "dataset": "scannet", "scene_name": "scene0011_00", "question_type": "object_counting", "question": "How many chair(s) are in this room?", "ground_truth": "many", "options": null}
                """);
        BenchmarkFiles.Benchmark b = BenchmarkFiles.readVsiBench(f);
        assertEquals(6, b.items().size());
        assertEquals(2, b.skipped().size());
        assertTrue(b.skipped().get(0).startsWith("6: question_type route_planning is multiple choice"), b.skipped().toString());
        assertTrue(b.skipped().get(1).startsWith("7: ground_truth 'many' is not a number"), b.skipped().toString());
        EvalItem count = b.items().get(0);
        assertEquals("0", count.id());
        assertEquals("object_counting", count.category());
        assertEquals(new Truth.Count(4), count.truth());
        assertEquals("arkitscenes/41069025.mp4", count.image().orElseThrow());
        assertEquals(new Truth.Choice(1, List.of("front-left", "back-right", "back-left", "front-right")),
                b.items().get(1).truth());
        Truth.Length abs = (Truth.Length) b.items().get(2).truth();
        assertEquals(0.5, abs.meters(), TOL);
        assertEquals(LengthUnit.METER, abs.askedUnit().orElseThrow());
        Truth.Length size = (Truth.Length) b.items().get(3).truth();
        assertEquals(0.8, size.meters(), TOL);
        assertEquals(LengthUnit.CENTIMETER, size.askedUnit().orElseThrow());
        assertEquals(new Truth.Area(25.5), b.items().get(4).truth());
        assertEquals(new Truth.Choice(2, List.of("sofa", "tv", "chair", "table")), b.items().get(5).truth());
    }

    /** BLINK's layout (Hugging Face BLINK-Benchmark/BLINK, as its test_benchmark.py reads it). */
    @Test
    void readsBlinkSpatialSubTasks() throws IOException {
        Path f = write("blink.jsonl", """
                {"idx": "val_Relative_Depth_1", "question": "Which point is closer to the camera?", "sub_task": "Relative_Depth", "choices": ["A is closer", "B is closer"], "answer": "(B)", "prompt": "Two points are circled on the image, labeled by A and B beside each circle. Which point is closer to the camera?\\nSelect from the following choices.\\n(A) A is closer\\n(B) B is closer", "image_1": {"path": "val_Relative_Depth_1_1.jpg"}, "image_2": null, "explanation": ""}
                {"idx": "val_Spatial_Relation_1", "question": "Is the car beneath the cat?", "choices": ["yes", "no"], "answer": "(B)", "image_1": "cat.jpg"}
                {"idx": "val_Art_Style_1", "question": "Which image shares the same style?", "sub_task": "Art_Style", "choices": ["the second image", "the third image"], "answer": "(A)"}
                {"idx": "test_Relative_Depth_1", "question": "Which point is closer to the camera?", "sub_task": "Relative Depth", "choices": ["A is closer", "B is closer"], "answer": "hidden"}
                """);
        BenchmarkFiles.Benchmark b = BenchmarkFiles.readBlink(f);
        assertEquals(2, b.items().size());
        EvalItem depth = b.items().get(0);
        assertEquals("Relative_Depth", depth.category());
        assertEquals(new Truth.Choice(1, List.of("A is closer", "B is closer")), depth.truth());
        assertTrue(depth.question().endsWith("(B) B is closer"), depth.question());
        assertEquals("val_Relative_Depth_1_1.jpg", depth.image().orElseThrow());
        EvalItem relation = b.items().get(1);
        assertEquals("Spatial_Relation", relation.category());
        assertEquals("Is the car beneath the cat?\nSelect from the following choices.\n(A) yes\n(B) no", relation.question());
        assertEquals("cat.jpg", relation.image().orElseThrow());
        assertEquals(2, b.skipped().size());
        assertTrue(b.skipped().get(0).contains("not a spatial sub-task (Art_Style)"), b.skipped().toString());
        assertTrue(b.skipped().get(1).contains("hidden"), b.skipped().toString());
    }
}
