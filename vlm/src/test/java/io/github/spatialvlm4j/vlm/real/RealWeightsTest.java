package io.github.spatialvlm4j.vlm.real;

import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.chat.Answer;
import io.github.spatialvlm4j.vlm.chat.SmolVlm;
import io.github.spatialvlm4j.vlm.clip.ClipModel;
import io.github.spatialvlm4j.vlm.depth.DepthEstimate;
import io.github.spatialvlm4j.vlm.depth.MetricDepthModel;
import io.github.spatialvlm4j.vlm.depth.MetricDepthModels;
import io.github.spatialvlm4j.vlm.detect.Detection;
import io.github.spatialvlm4j.vlm.detect.ObjectDetector;
import io.github.spatialvlm4j.vlm.florence.Florence2;
import io.github.spatialvlm4j.vlm.florence.RegionBox;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.Images;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the adapters on real weights. Enabled only when {@value ModelRoot#ENV} names a local
 * models root; each test is skipped when its model directory (Hugging Face repository id as a
 * relative path) is not under the root. Nothing is downloaded.
 */
@EnabledIfEnvironmentVariable(named = ModelRoot.ENV, matches = ".+")
class RealWeightsTest {
    private static final SessionSettings SETTINGS = SessionSettings.defaults().withIntraOpThreads(2);

    private static ModelDirectory model(String name) {
        ModelRoot root = ModelRoot.fromEnvironment().orElseThrow();
        Assumptions.assumeTrue(Files.isDirectory(root.path().resolve(name)), name + " is not under " + root.path());
        return root.model(name);
    }

    /** A floor-and-wall picture: top half light gray, bottom half brown, 320x240. */
    private static RgbImage room() {
        int[] px = new int[320 * 240];
        for (int i = 0; i < px.length; i++) {
            px[i] = i / 320 < 120 ? 0xD0D0D0 : 0x8B5A2B;
        }
        return new RgbImage(320, 240, px);
    }

    @Test
    void depthAnythingV2MetricIndoor() {
        try (MetricDepthModel m = MetricDepthModels.open(model("onnx-community/depth-anything-v2-metric-indoor-small"), SETTINGS)) {
            DepthEstimate e = m.estimate(room(), Optional.empty());
            DepthMap d = e.depth();
            assertEquals(320, d.width());
            assertEquals(240, d.height());
            assertTrue(d.validCount() > d.width() * d.height() / 2);
            for (float z : d.meters()) {
                assertTrue(z >= 0 && z <= 20, "depth " + z + " m outside the indoor model's [0, 20] m");
            }
        }
    }

    @Test
    void depthProEstimatesFocalLength() {
        try (MetricDepthModel m = MetricDepthModels.open(model("onnx-community/DepthPro-ONNX").withVariant("q4"), SETTINGS)) {
            DepthEstimate e = m.estimate(room(), Optional.empty());
            double fx = e.intrinsics().orElseThrow().fx();
            assertTrue(fx > 50 && fx < 5000, "focal length " + fx + " px implausible for a 320-px-wide image");
        }
    }

    @Test
    void clipPrefersTheMatchingColour() {
        try (ClipModel clip = new ClipModel(model("Xenova/clip-vit-base-patch32"), SETTINGS)) {
            float[] image = clip.embedImage(Images.solid(224, 224, 0xFF0000));
            float[][] texts = clip.embedTexts(List.of("a plain red square", "a plain blue square"));
            assertTrue(ClipModel.cosine(image, texts[0]) > ClipModel.cosine(image, texts[1]));
        }
    }

    @Test
    void florenceCaptionsAndDetects() {
        try (Florence2 f = new Florence2(model("onnx-community/Florence-2-base-ft"), SETTINGS)) {
            assertFalse(f.caption(room()).isBlank());
            assertEquals(0, f.regions(room(), Florence2.Task.OBJECT_DETECTION, null).skippedRuns());
        }
    }

    @Test
    void smolVlmAnswers() {
        try (SmolVlm vlm = new SmolVlm(model("HuggingFaceTB/SmolVLM-256M-Instruct"), SETTINGS)) {
            Answer a = vlm.answer(Images.solid(256, 256, 0xFF0000), "What colour is this image? Answer in one word.");
            assertTrue(a.text().toLowerCase(java.util.Locale.ROOT).contains("red"), a.text());
        }
    }

    /**
     * A stop sign drawn as a traffic sign is: a red octagon with a white rim on a post, sky above and
     * road below, 320 x 240. The octagon's circumradius is 70 px around (160, 90), so its box is
     * [95.3, 25.3, 224.7, 154.7].
     */
    private static RgbImage stopSign() {
        int w = 320;
        int h = 240;
        int[] px = new int[w * h];
        double cx = 160;
        double cy = 90;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double x = u + 0.5 - cx;
                double y = v + 0.5 - cy;
                // An octagon with vertices at 22.5 + 45k degrees: its apothem is r cos(22.5 deg).
                double reach = 0;
                for (int k = 0; k < 8; k++) {
                    double a = Math.toRadians(45 * k);
                    reach = Math.max(reach, x * Math.cos(a) + y * Math.sin(a));
                }
                double apothem = 70 * Math.cos(Math.toRadians(22.5));
                int sky = v < h / 2 ? 0x87CEEB : 0x707070;
                int post = Math.abs(u + 0.5 - cx) < 4 && v > 120 ? 0x606060 : sky;
                px[v * w + u] = reach <= apothem - 6 ? 0xC8102E : reach <= apothem ? 0xFFFFFF : post;
            }
        }
        return new RgbImage(w, h, px);
    }

    @Test
    void yoloxNanoFindsAStopSignAndNothingOnAPlainWall() {
        try (ObjectDetector d = new ObjectDetector(model("Kazuhito00/yolox-nano"), SETTINGS)) {
            assertEquals(80, d.config().classCount());
            java.util.List<Detection> found = d.detect(stopSign());
            assertFalse(found.isEmpty(), "no detection");
            Detection best = found.get(0);
            assertEquals("stop sign", best.label(), found.toString());
            assertTrue(best.score() > 0.5, found.toString());
            RegionBox truth = new RegionBox("stop sign", 95.3, 25.3, 224.7, 154.7);
            assertTrue(best.box().iou(truth) > 0.75, best + " vs " + truth);
            assertTrue(d.detect(Images.solid(320, 240, 0xD0D0D0)).isEmpty());
        }
    }
}
