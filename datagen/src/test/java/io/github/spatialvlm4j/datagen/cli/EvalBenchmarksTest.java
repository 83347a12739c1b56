package io.github.spatialvlm4j.datagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval --benchmark vsibench|blink|spatialrgpt} end to end on files in the benchmarks' published
 * layouts, with answers in the layouts their evaluation code writes.
 */
class EvalBenchmarksTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double TOL = 1e-12;

    @TempDir
    Path dir;

    private JsonNode run(String benchmark, String benchText, String predictionsText) throws IOException {
        Path bench = dir.resolve(benchmark + ".jsonl");
        Files.writeString(bench, benchText);
        Path pred = dir.resolve(benchmark + "-pred.json");
        Files.writeString(pred, predictionsText);
        Path out = dir.resolve(benchmark + "-out");
        CliRun r = CliRun.of("eval", "--benchmark", benchmark, "--bench-file", bench.toString(), "--predictions",
                pred.toString(), "--resamples", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = MAPPER.readTree(out.resolve("eval.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("stdout", r.out());
        return json;
    }

    @Test
    void vsiBenchScoresChoicesByAccuracyAndNumbersByMeanRelativeAccuracy() throws IOException {
        JsonNode json = run("vsibench", """
                {"id": 0, "dataset": "arkitscenes", "scene_name": "41069025", "question_type": "object_counting", "question": "How many table(s) are in this room?", "ground_truth": "4", "options": null}
                {"id": 1, "dataset": "arkitscenes", "scene_name": "41069025", "question_type": "object_counting", "question": "How many chair(s) are in this room?", "ground_truth": "10", "options": null}
                {"id": 2, "dataset": "scannet", "scene_name": "scene0011_00", "question_type": "object_abs_distance", "question": "Measuring from the closest point of each object, what is the distance between the blanket and the heater (in meters)?", "ground_truth": "0.5", "options": null}
                {"id": 3, "dataset": "scannetpp", "scene_name": "abc", "question_type": "object_size_estimation", "question": "What is the length of the longest dimension (length, width, or height) of the sofa, measured in centimeters?", "ground_truth": "80", "options": null}
                {"id": 4, "dataset": "scannet", "scene_name": "scene0011_00", "question_type": "room_size_estimation", "question": "What is the size of this room (in square meters)? If multiple rooms are shown, estimate the size of the combined space.", "ground_truth": "25", "options": null}
                {"id": 957, "dataset": "arkitscenes", "scene_name": "41069025", "question_type": "object_rel_direction_hard", "question": "If I am standing by the stove and facing the sofa, is the tv to my front-left, front-right, back-left, or back-right?", "ground_truth": "B", "options": ["A. front-left", "B. back-right", "C. back-left", "D. front-right"]}
                {"id": 6, "dataset": "arkitscenes", "scene_name": "41069025", "question_type": "object_rel_direction_easy", "question": "If I am standing by the stove and facing the sofa, is the tv to the left or the right of the sofa?", "ground_truth": "A", "options": ["A. left", "B. right"]}
                {"id": 7, "dataset": "scannet", "scene_name": "scene0011_00", "question_type": "object_rel_distance", "question": "Measuring from the closest point of each object, which of these objects (sofa, tv, chair, table) is the closest to the stove?", "ground_truth": "C", "options": ["A. sofa", "B. tv", "C. chair", "D. table"]}
                """, """
                {"id": 0, "answer": "4"}
                {"id": 1, "answer": "eleven"}
                {"id": 2, "answer": "0.6"}
                {"id": 3, "answer": "85"}
                {"id": 4, "answer": "20 square meters"}
                {"id": 957, "answer": "The tv is to my back-right."}
                {"id": 6, "answer": "B"}
                """);
        // MRA: 4 for 4 -> 1; 11 for 10 -> 0.8; 0.6 m for 0.5 m -> 0.6; 85 cm for 80 cm -> 0.9; 20 m2 for 25 -> 0.6.
        JsonNode table = json.get("benchmark_table");
        assertEquals("VSI-Bench", table.get("title").asText());
        JsonNode rows = table.get("rows");
        assertEquals("object_counting", rows.get(0).get("name").asText());
        assertEquals("MRA", rows.get(0).get("metric").asText());
        assertEquals(0.9, rows.get(0).get("value").asDouble(), TOL);
        assertEquals(0.6, rows.get(1).get("value").asDouble(), TOL);
        assertEquals(0.9, rows.get(2).get("value").asDouble(), TOL);
        assertEquals(0.6, rows.get(3).get("value").asDouble(), TOL);
        assertEquals("object_rel_distance", rows.get(4).get("name").asText());
        assertEquals(0.0, rows.get(4).get("value").asDouble(), TOL); // no prediction: wrong
        assertEquals("object_rel_direction", rows.get(5).get("name").asText());
        assertEquals(0.5, rows.get(5).get("value").asDouble(), TOL); // hard right, easy wrong
        assertEquals((0.9 + 0.6 + 0.9 + 0.6 + 0 + 0.5) / 6, table.get("overall").asDouble(), TOL);
        assertEquals(1, json.get("overall").get("missing").asInt());
        assertTrue(json.get("stdout").asText().contains("VSI-Bench: object_counting 90.0%"), json.get("stdout").asText());
    }

    @Test
    void blinkReadsTheSavedOutputsOfItsBaselines() throws IOException {
        JsonNode json = run("blink", """
                {"idx": "val_Relative_Depth_1", "question": "Which point is closer to the camera?", "sub_task": "Relative_Depth", "choices": ["A is closer", "B is closer"], "answer": "(B)", "prompt": "Two points are circled on the image, labeled by A and B beside each circle. Which point is closer to the camera?\\nSelect from the following choices.\\n(A) A is closer\\n(B) B is closer"}
                {"idx": "val_Relative_Depth_2", "question": "Which point is closer to the camera?", "sub_task": "Relative_Depth", "choices": ["A is closer", "B is closer"], "answer": "(A)"}
                {"idx": "val_Spatial_Relation_1", "question": "Is the car beneath the cat?", "sub_task": "Spatial_Relation", "choices": ["yes", "no"], "answer": "(B)"}
                {"idx": "val_Counting_1", "question": "How many?", "sub_task": "Counting", "choices": ["1", "2"], "answer": "(A)"}
                """, """
                {
                    "val": [
                        {"idx": "val_Relative_Depth_1", "answer": "(B)", "full_prediction": "Point B is closer to the camera.", "prediction": "(B)"},
                        {"idx": "val_Relative_Depth_2", "answer": "(A)", "full_prediction": "Point B, which is circled on the table, appears to be closer to the camera.", "prediction": "(B)"},
                        {"idx": "val_Spatial_Relation_1", "answer": "(B)", "full_prediction": "(B) no\\n\\nThe car appears to be outside, beyond the glass door.", "prediction": "(B)"}
                    ]
                }
                """);
        JsonNode rows = json.get("benchmark_table").get("rows");
        assertEquals("Relative_Depth", rows.get(0).get("name").asText());
        assertEquals(0.5, rows.get(0).get("value").asDouble(), TOL);
        assertEquals("Spatial_Relation", rows.get(1).get("name").asText());
        assertEquals(1.0, rows.get(1).get("value").asDouble(), TOL);
        assertEquals(0.75, json.get("benchmark_table").get("overall").asDouble(), TOL);
        assertTrue(json.get("stdout").asText().contains("1 benchmark records skipped, e.g. val_Counting_1: not a spatial"
                + " sub-task (Counting)"), json.get("stdout").asText());
    }

    /**
     * A file in the layout of a public SpatialRGPT-Bench run (question, ground_truth, prediction, qa_type,
     * qa_category on one line) serves as both the benchmark and the predictions.
     */
    @Test
    void spatialRgptRunFileIsBothBenchmarkAndPredictions() throws IOException {
        String run = """
                {"id": "qualitative_3TrgWgKqnf", "question": "Can you confirm if Region [0] is smaller than Region [1]?", "ground_truth": "Incorrect, Region [0] is not smaller in size than Region [1].", "prediction": "**Yes, Region [0] (the floor lamp) is smaller than Region [1] (the television).**", "qa_type": "qualitative", "qa_category": "small_predicate"}
                {"id": "qualitative_owIPR7rMKZ", "question": "Is Region [0] behind Region [1]?", "ground_truth": "No.", "prediction": "No, Region [0] is in front of Region [1].", "qa_type": "qualitative", "qa_category": "behind_predicate"}
                {"id": "quantitative_2stayVjLa3", "question": "What is the height of Region [0]?", "ground_truth": "Region [0] is 6.91 feet in height.", "prediction": "**Answer:** About 2 meters.", "qa_type": "quantitative", "qa_category": "height_data"}
                {"id": "qualitative_d", "question": "If you are at Region [0], where will you find Region [1]?", "ground_truth": "Region [1] is roughly at 2 o'clock from Region [0].", "prediction": "Region [1] is at 3 o'clock.", "qa_type": "quantitative", "qa_category": "direction"}
                """;
        JsonNode json = run("spatialrgpt", run, run);
        assertEquals(3, json.get("overall").get("qualitative").asInt());
        assertEquals(2.0 / 3, json.get("overall").get("accuracy").get("value").asDouble(), TOL);
        assertEquals(1.0, json.get("categories").get("direction").get("accuracy").get("value").asDouble(), TOL);
        // 2 m for 6.91 ft (2.106 m): within [0.75x, 1.25x], SpatialRGPT-Bench's success band.
        assertEquals(1.0, json.get("overall").get("within").get(3).get("value").asDouble(), TOL);
        assertEquals(0.75, json.get("overall").get("within").get(3).get("low").asDouble(), TOL);
    }
}
