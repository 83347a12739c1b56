package io.github.spatialvlm4j.vlm.detect;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.florence.RegionBox;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.sam.ObjectMask;
import io.github.spatialvlm4j.vlm.testing.Images;
import io.github.spatialvlm4j.vlm.testing.RiggedYolo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the real detector on rigged graphs with the production tensor names and shapes; every
 * expected box and score is worked out by hand below, with the arithmetic of the YOLOX reference
 * post-processing: centre {@code ((t + grid) * stride)}, size {@code exp(t) * stride}, score =
 * objectness x class score, boxes divided by the letterbox ratio.
 */
class ObjectDetectorTest {
    private static final SessionSettings CPU = SessionSettings.cpu(1);
    private static final double EXACT = 1e-6;
    private static final double PIXEL = 1e-3;
    private static final int SIZE = 416;
    /** 52 x 52 + 26 x 26 + 13 x 13 anchors for a 416 input with strides 8, 16, 32. */
    private static final int ANCHORS = 3549;
    private static final int CLASSES = 80;
    private static final List<String> NAMES = List.of("person", "bicycle", "cup", "class 3", "class 4", "chair",
            "class 6", "dining table");
    /** 640 x 480 becomes 416 x 312 (ratio 0.65), rows 312..415 are padding. */
    private static final double RATIO = 0.65;

    @TempDir
    Path root;

    /** Anchor index of grid cell (gx, gy) at level {@code level} (strides 8, 16, 32). */
    private static int anchor(int level, int gx, int gy) {
        int[] offsets = {0, 52 * 52, 52 * 52 + 26 * 26};
        int[] side = {52, 26, 13};
        return offsets[level] + gy * side[level] + gx;
    }

    private Path yolox(String channelOrder, int max) throws IOException {
        List<RiggedYolo.Anchor> rows = List.of(
                // A: level 1 (stride 16), cell (10, 5): centre (10.5 x 16, 5.25 x 16) = (168, 84), size 64 x 32;
                // objectness from the probe: the first input channel at (0, 0) / 255.
                RiggedYolo.yolox(anchor(1, 10, 5), CLASSES, 0.5f, 0.25f, (float) Math.log(4), (float) Math.log(2),
                        0f, 2, 0.9f),
                // C: cell (11, 5) decodes to A's box, same class, score 0.7 x 0.9 = 0.63: suppressed by A.
                RiggedYolo.yolox(anchor(1, 11, 5), CLASSES, -0.5f, 0.25f, (float) Math.log(4), (float) Math.log(2),
                        0.7f, 2, 0.9f),
                // D: cell (10, 6) decodes to A's box too, but class 5, score 0.63: kept (class-aware NMS).
                RiggedYolo.yolox(anchor(1, 10, 6), CLASSES, 0.5f, -0.75f, (float) Math.log(4), (float) Math.log(2),
                        0.7f, 5, 0.9f),
                // F: level 2 (stride 32), cell (12, 6): centre (400, 208), size 32: [384, 192, 416, 224]; 0.6 x 0.9.
                RiggedYolo.yolox(anchor(2, 12, 6), CLASSES, 0.5f, 0.5f, 0f, 0f, 0.6f, 7, 0.9f),
                // B: level 0 (stride 8), cell (3, 30): centre (24, 240), size 8; objectness from the probe of a
                // padding pixel: 114 / 228 = 0.5, class 0 at 0.8: score 0.4.
                RiggedYolo.yolox(anchor(0, 3, 30), CLASSES, 0f, 0f, 0f, 0f, 0f, 0, 0.8f),
                // E: 0.5 x 0.5 = 0.25, below the 0.3 threshold.
                RiggedYolo.yolox(anchor(0, 0, 0), CLASSES, 0f, 0f, 0f, 0f, 0.5f, 1, 0.5f));
        List<RiggedYolo.Probe> probes = List.of(
                new RiggedYolo.Probe(anchor(1, 10, 5), 4, 0, 0, 0, 1f / 255),
                new RiggedYolo.Probe(anchor(0, 3, 30), 4, 2, SIZE - 1, 0, 1f / 228));
        String config = RiggedYolo.config("yolox", SIZE, SIZE, CLASSES, NAMES, 0.3, 0.45, max)
                .replace("\"model_type\"", "\"channel_order\": \"" + channelOrder + "\", \"model_type\"");
        return RiggedYolo.write(root.resolve("yolox-" + channelOrder + "-" + max),
                RiggedYolo.yoloxGraph(SIZE, SIZE, ANCHORS, 5 + CLASSES, rows, probes), config);
    }

    /** A uniform 640 x 480 image: R 10, G 20, B 204 (uniform, so resizing keeps the values exactly). */
    private static RgbImage photo() {
        return Images.solid(640, 480, 0x0A14CC);
    }

    private static void assertBox(Detection d, String label, int classId, double score, double x0, double y0,
                                  double x1, double y1) {
        RegionBox b = d.box();
        assertEquals(label, d.label());
        assertEquals(classId, d.classId());
        assertEquals(score, d.score(), EXACT, d.toString());
        assertEquals(x0, b.x0(), PIXEL, d.toString());
        assertEquals(y0, b.y0(), PIXEL, d.toString());
        assertEquals(x1, b.x1(), PIXEL, d.toString());
        assertEquals(y1, b.y1(), PIXEL, d.toString());
        assertTrue(d.mask().isEmpty());
    }

    @Test
    void yoloxDecodesGridOffsetsAndMapsBoxesBackThroughTheLetterbox() throws IOException {
        try (ObjectDetector det = new ObjectDetector(ModelDirectory.open(yolox("bgr", 100)), CPU)) {
            assertFalse(det.segments());
            List<Detection> found = det.detect(photo());
            assertEquals(4, found.size(), found.toString());
            // A: B channel first (BGR): objectness 204 / 255 = 0.8, score 0.72; box [136, 68, 200, 100] / 0.65.
            assertBox(found.get(0), "cup", 2, 0.72, 136 / RATIO, 68 / RATIO, 200 / RATIO, 100 / RATIO);
            // D survives A (another class); C does not (same class, IoU 1).
            assertBox(found.get(1), "chair", 5, 0.63, 136 / RATIO, 68 / RATIO, 200 / RATIO, 100 / RATIO);
            // F: [384, 192, 416, 224] / 0.65, the right edge exactly the image's 640.
            assertBox(found.get(2), "dining table", 7, 0.54, 384 / RATIO, 192 / RATIO, 640, 224 / RATIO);
            // B: [20, 236, 28, 244] / 0.65, objectness read from the 114 padding.
            assertBox(found.get(3), "person", 0, 0.4, 20 / RATIO, 236 / RATIO, 28 / RATIO, 244 / RATIO);
        }
    }

    @Test
    void channelOrderAndMaximumComeFromTheConfiguration() throws IOException {
        // RGB: the first channel is R = 10, so A scores 10 / 255 x 0.9 = 0.035 and is dropped; C, no longer
        // suppressed by A, is kept; C and D differ in class and tie at 0.63 (kept in anchor order), then F;
        // B, fourth, is cut by the maximum of 3.
        try (ObjectDetector det = new ObjectDetector(ModelDirectory.open(yolox("rgb", 3)), CPU)) {
            List<Detection> found = det.detect(photo());
            assertEquals(3, found.size(), found.toString());
            assertEquals(List.of(2, 5, 7), found.stream().map(Detection::classId).toList());
            assertEquals(0.63, found.get(0).score(), EXACT);
            assertEquals(0.54, found.get(2).score(), EXACT);
        }
    }

    @Test
    void configurationMustMatchTheGraph() throws IOException {
        Path dir = yolox("bgr", 100);
        Files.writeString(dir.resolve("config.json"), RiggedYolo.config("yolox", 320, 320, CLASSES, NAMES, 0.3, 0.45, 10));
        ModelFormatException size = assertThrows(ModelFormatException.class,
                () -> new ObjectDetector(ModelDirectory.open(dir), CPU));
        assertTrue(size.getMessage().contains("input_size") && size.getMessage().contains("416"), size.getMessage());

        Files.writeString(dir.resolve("config.json"), RiggedYolo.config("yolox", SIZE, SIZE, 79, NAMES, 0.3, 0.45, 10));
        try (ObjectDetector det = new ObjectDetector(ModelDirectory.open(dir), CPU)) {
            ModelException classes = assertThrows(ModelException.class, () -> det.detect(photo()));
            assertTrue(classes.getMessage().contains("[1, 3549, 85]") && classes.getMessage().contains("84"),
                    classes.getMessage());
        }

        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"yolox\", \"input_size\": 416}");
        ModelFormatException labels = assertThrows(ModelFormatException.class,
                () -> new ObjectDetector(ModelDirectory.open(dir), CPU));
        assertTrue(labels.getMessage().contains("id2label") && labels.getMessage().contains("config.json"),
                labels.getMessage());

        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\", \"input_size\": 416}");
        ModelFormatException type = assertThrows(ModelFormatException.class,
                () -> new ObjectDetector(ModelDirectory.open(dir), CPU));
        assertTrue(type.getMessage().contains("bert") && type.getMessage().contains("yolox"), type.getMessage());
    }

    /**
     * Ultralytics, 64 x 64 input, 84 anchors, classes cup/chair/bottle, 2 mask prototypes of 16 x 16. A
     * 64 x 32 image is centred: rows 16..47 hold it, scale 1, RGB / 255.
     */
    private Path ultralytics(boolean segment) throws IOException {
        int rows = 4 + 3 + (segment ? 2 : 0);
        float[] p = new float[rows];
        // P (anchor 5): box centre (32, 32), 20 x 10 in input pixels = source [22, 11, 42, 21]; class 2 at 0.2,
        // class 1 from the probe of R at input (0, 16) = image (0, 0): 230 / 255; mask coefficients (1, -1).
        p[0] = 32;
        p[1] = 32;
        p[2] = 20;
        p[3] = 10;
        p[6] = 0.2f;
        float[] q = new float[rows];
        // Q (anchor 40): [6, 36, 14, 44] input = source [6, 20, 14, 28], class 0 at 0.6, coefficients 0.
        q[0] = 10;
        q[1] = 40;
        q[2] = 8;
        q[3] = 8;
        q[4] = 0.6f;
        float[] low = new float[rows];
        low[6] = 0.1f;
        if (segment) {
            p[7] = 1;
            p[8] = -1;
        }
        float[] protos = null;
        if (segment) {
            // Prototype 0: +4 on columns 0..7, -4 on 8..15; prototype 1: 0.
            protos = new float[2 * 16 * 16];
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    protos[y * 16 + x] = x < 8 ? 4 : -4;
                }
            }
        }
        List<RiggedYolo.Anchor> columns = List.of(new RiggedYolo.Anchor(5, p), new RiggedYolo.Anchor(40, q),
                new RiggedYolo.Anchor(0, low));
        List<RiggedYolo.Probe> probes = List.of(new RiggedYolo.Probe(5, 5, 0, 16, 0, 1f));
        return RiggedYolo.write(root.resolve(segment ? "yolov8-seg" : "yolov8"),
                RiggedYolo.ultralyticsGraph(64, 64, 84, rows, columns, probes, protos, 2, 16, 16),
                RiggedYolo.config("yolov8", 64, 64, 3, List.of("cup", "chair", "bottle"), 0.3, 0.45, 100));
    }

    @Test
    void ultralyticsDetectExportsAreDecodedBoxes() throws IOException {
        try (ObjectDetector det = new ObjectDetector(ModelDirectory.open(ultralytics(false)), CPU)) {
            assertFalse(det.segments());
            List<Detection> found = det.detect(Images.solid(64, 32, 0xE6140A));
            assertEquals(2, found.size(), found.toString());
            assertBox(found.get(0), "chair", 1, 230 / 255.0, 22, 11, 42, 21);
            assertBox(found.get(1), "cup", 0, 0.6, 6, 20, 14, 28);
        }
    }

    @Test
    void ultralyticsSegmentExportsGiveMasksFromThePrototypes() throws IOException {
        try (ObjectDetector det = new ObjectDetector(ModelDirectory.open(ultralytics(true)), CPU)) {
            assertTrue(det.segments());
            List<Detection> found = det.detect(Images.solid(64, 32, 0xE6140A));
            assertEquals(2, found.size(), found.toString());
            // P's logits: +4 on prototype columns 6..7 and -4 on 8..10 of its box's prototype cells (columns
            // 5.5 .. 10.5, rows 6.75 .. 9.25), 0 outside. Upsampled by 4 (pixel centres: x = (X + 0.5) / 4 -
            // 0.5), the logit is above 0 from input column 22 (x = 5.125: 0.5) to 31 (x = 7.375: 1; column 32,
            // x = 7.625, gives -1), and on every box row; the mask is that, cut to the box: columns 22..31 of
            // rows 11..20.
            ObjectMask m = found.get(0).mask().orElseThrow();
            assertEquals(64, m.width());
            assertEquals(32, m.height());
            for (int v = 0; v < 32; v++) {
                for (int u = 0; u < 64; u++) {
                    boolean want = u >= 22 && u <= 31 && v >= 11 && v <= 20;
                    assertEquals(want, m.inside()[v * 64 + u], "pixel (" + u + ", " + v + ")");
                }
            }
            assertEquals(found.get(0).score(), m.score(), EXACT);
            // Q's coefficients are 0: logit 0 everywhere, no pixel above it.
            assertEquals(0, found.get(1).mask().orElseThrow().area());
        }
    }
}
