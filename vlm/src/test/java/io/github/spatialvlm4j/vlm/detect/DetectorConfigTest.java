package io.github.spatialvlm4j.vlm.detect;

import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DetectorConfigTest {
    private static final Path FILE = Path.of("config.json");

    private static DetectorConfig parse(String json) {
        return DetectorConfig.from(JsonConfig.parse(FILE, json));
    }

    @Test
    void familiesBringTheirExportDefaults() {
        DetectorConfig x = parse("{\"model_type\": \"yolox\", \"input_size\": 416, \"id2label\": {\"0\": \"a\", \"1\": \"b\"}}");
        assertEquals(DetectorFamily.YOLOX, x.family());
        assertTrue(x.bgr());
        assertFalse(x.centred());
        assertEquals(1.0, x.rescaleFactor());
        assertEquals(114, x.padValue());
        assertArrayEquals(new int[] {8, 16, 32}, x.strides());
        assertEquals(3549, x.gridAnchors());
        assertEquals(List.of("a", "b"), x.classes());
        assertEquals(0.3, x.scoreThreshold());
        assertEquals(0.45, x.nmsIou());
        assertEquals(100, x.maxDetections());

        DetectorConfig u = parse("{\"model_type\": \"yolo11\", \"input_size\": {\"height\": 480, \"width\": 640},"
                + " \"id2label\": {\"0\": \"a\"}, \"score_threshold\": 0.5, \"max_detections\": 7}");
        assertEquals(DetectorFamily.ULTRALYTICS, u.family());
        assertFalse(u.bgr());
        assertTrue(u.centred());
        assertEquals(1 / 255.0, u.rescaleFactor(), 1e-15);
        assertEquals(480, u.inputHeight());
        assertEquals(640, u.inputWidth());
        assertEquals(0, u.strides().length);
        assertEquals(0.5, u.scoreThreshold());
        assertEquals(7, u.maxDetections());
    }

    @Test
    void badValuesNameTheFileAndField() {
        String[][] cases = {
            {"{\"model_type\": \"yolox\", \"id2label\": {\"0\": \"a\"}}", "input_size"},
            {"{\"model_type\": \"yolox\", \"input_size\": 416, \"id2label\": {\"0\": \"a\", \"2\": \"c\"}}", "id2label"},
            {"{\"model_type\": \"yolox\", \"input_size\": 416, \"id2label\": {}}", "id2label"},
            {"{\"model_type\": \"yolox\", \"input_size\": 416, \"id2label\": {\"0\": \"a\"}, \"channel_order\": \"gbr\"}", "channel_order"},
            {"{\"model_type\": \"yolox\", \"input_size\": 416, \"id2label\": {\"0\": \"a\"}, \"strides\": [8, 15]}", "15"},
            {"{\"model_type\": \"yolox\", \"input_size\": 416, \"id2label\": {\"0\": \"a\"}, \"nms_iou\": 0}", "0.0"},
            {"{\"model_type\": \"yolox\", \"input_size\": 416, \"id2label\": {\"0\": \"a\"}, \"pad_value\": 300}", "300"},
            {"{\"model_type\": \"yolox\", \"input_size\": {\"height\": 416}, \"id2label\": {\"0\": \"a\"}}", "input_size"},
            {"{\"model_type\": \"detr\", \"input_size\": 416, \"id2label\": {\"0\": \"a\"}}", "detr"},
        };
        for (String[] c : cases) {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void familyIsFoundOnlyForDetectors() {
        assertEquals(DetectorFamily.ULTRALYTICS,
                DetectorFamily.find(JsonConfig.parse(FILE, "{\"model_type\": \"YOLOv8\"}")).orElseThrow());
        assertTrue(DetectorFamily.find(JsonConfig.parse(FILE, "{\"model_type\": \"depth_anything\"}")).isEmpty());
        assertTrue(DetectorFamily.find(JsonConfig.parse(FILE, "{}")).isEmpty());
    }
}
