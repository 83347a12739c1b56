package io.github.spatialvlm4j.datagen.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.catalog.ModelCatalog;
import io.github.spatialvlm4j.vlm.clip.FilterPrompts;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.sam.ObjectMask;
import io.github.spatialvlm4j.vlm.sam.SamMasker;
import io.github.spatialvlm4j.vlm.testing.ModelDirs;
import io.github.spatialvlm4j.vlm.testing.RiggedDepth;
import io.github.spatialvlm4j.vlm.testing.RiggedModelsRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerceptionTest {
    private static final SessionSettings CPU = SessionSettings.cpu(1);
    private static final double DEPTH_TOL = 1e-4;
    private static final int W = 40;
    private static final int H = 30;

    @TempDir
    Path root;

    private static Frame photoFrame(String id, RgbImage image) {
        return new Frame(id, image, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
    }

    private Perception open(PerceptionOptions options) throws IOException {
        RiggedModelsRoot.all(root);
        return Perception.open(ModelCatalog.scan(ModelRoot.of(root)), SourceKinds.IMAGES, options, CPU);
    }

    /** The kinds a test asks for: the paper's pipeline. */
    static final class SourceKinds {
        static final Set<ModelCatalog.Kind> IMAGES = EnumSet.of(ModelCatalog.Kind.DEPTH, ModelCatalog.Kind.REGIONS,
                ModelCatalog.Kind.MASKS);
    }

    @Test
    void photoGetsKnownDepthDefaultIntrinsicsAndBoxMaskWithCaption() throws IOException {
        RgbImage image = RiggedModelsRoot.photo(W, H, RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA);
        try (Perception p = open(PerceptionOptions.defaults().withGroundMask(false))) {
            Perception.Result r = p.perceive(photoFrame("a", image));
            assertTrue(r.skip().isEmpty(), r.detail());
            Frame f = r.frame().orElseThrow();
            DepthMap d = f.depth().orElseThrow();
            for (int v = 0; v < H; v++) {
                for (int u = 0; u < W; u++) {
                    double want = image.get(u, v) == RiggedModelsRoot.RED ? RiggedModelsRoot.OBJECT_DEPTH
                            : RiggedModelsRoot.BACKGROUND_DEPTH;
                    assertEquals(want, d.get(u, v), DEPTH_TOL, "u=" + u + " v=" + v);
                }
            }
            CameraIntrinsics k = f.intrinsics().orElseThrow();
            assertEquals(CameraIntrinsics.fromHorizontalFov(Math.toRadians(60), W, H), k);
            assertEquals(Map.of(1, "cat"), f.captions());
            // Reference: SAM on the parsed Florence box alone.
            double[] box = {(250 + 0.5) * W / 1000, (100 + 0.5) * H / 1000, (750 + 0.5) * W / 1000,
                (900 + 0.5) * H / 1000};
            ObjectMask ref;
            try (SamMasker sam = new SamMasker(ModelDirectory.open(root.resolve("sam-vit")), CPU)) {
                ref = sam.masks(image, box).get(0);
            }
            LabelImage labels = f.labels().orElseThrow();
            int area = 0;
            for (int i = 0; i < labels.ids().length; i++) {
                assertEquals(ref.inside()[i] ? 1 : LabelImage.NONE, labels.ids()[i], "pixel " + i);
                area += ref.inside()[i] ? 1 : 0;
            }
            assertTrue(area > W * H / 4, "mask area " + area);
            assertTrue(f.groundMask().isEmpty());
            assertTrue(p.captionSimilarity().isPresent());
        }
    }

    @Test
    void aDepthFamilyThatEstimatesTheFocalLengthIsGivenNoDefaultIntrinsics() throws IOException {
        RiggedModelsRoot.all(root);
        // Depth Pro is preferred over the rigged Depth Anything; its focal length, 25 px at the unresized input.
        ModelDirs.create(root, "apple/depth-pro", "model", RiggedDepth.graph("predicted_depth", RiggedModelsRoot.GAIN,
                RiggedModelsRoot.OFFSET, false, "focallength_px", 25f), "{\"model_type\": \"depth_pro\"}",
                "{\"do_resize\": false, \"do_rescale\": true, \"rescale_factor\": 0.00392156862745098, \"do_normalize\": false}");
        RgbImage image = RiggedModelsRoot.photo(W, H, RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA);
        try (Perception p = Perception.open(ModelCatalog.scan(ModelRoot.of(root)), SourceKinds.IMAGES,
                PerceptionOptions.defaults().withGroundMask(false), CPU)) {
            assertTrue(p.describe().contains("depth: apple/depth-pro (depth_pro)"), p.describe());
            Perception.Result r = p.perceive(photoFrame("f", image));
            assertTrue(r.detail().contains("depth: depth_pro, focal estimated"), r.detail());
            CameraIntrinsics k = r.frame().orElseThrow().intrinsics().orElseThrow();
            assertEquals(25.0, k.fx(), 1e-9);
            assertFalse(k.equals(p.defaultIntrinsics(image)));
        }
    }

    @Test
    void groundMaskIsTheGroundedBoxMaskWhenItsShareIsLargeEnough() throws IOException {
        RgbImage image = RiggedModelsRoot.photo(W, H, RiggedModelsRoot.GREEN, RiggedModelsRoot.CYAN);
        try (Perception p = open(PerceptionOptions.defaults())) {
            Frame f = p.perceive(photoFrame("g", image)).frame().orElseThrow();
            assertEquals(Map.of(1, "dog"), f.captions());
            // The rigged grounding answers every phrase with the object's box: same pixels as the object mask.
            int[] g = f.groundMask().orElseThrow().ids();
            int[] o = f.labels().orElseThrow().ids();
            int ground = 0;
            for (int i = 0; i < g.length; i++) {
                assertEquals(o[i], g[i], "pixel " + i);
                ground += g[i] == 1 ? 1 : 0;
            }
            assertTrue(ground >= 0.05 * W * H, "ground pixels " + ground);
        }
    }

    @Test
    void filterRejectsWhenANegativePromptIsClosest() throws IOException {
        // The photo's mean colour (1, 0, 0.6) is closer to "cat" = x (cosine 0.86) than to "smartphone" = z (0.51).
        FilterPrompts prompts = new FilterPrompts(List.of("a smartphone photo"), List.of("a cat on canvas"));
        RgbImage image = RiggedModelsRoot.photo(W, H, RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA);
        try (Perception p = open(PerceptionOptions.defaults().withFilterPrompts(prompts))) {
            Perception.Result r = p.perceive(photoFrame("x", image));
            assertEquals(Optional.of(SkipReason.FILTERED_OUT), r.skip());
            assertTrue(r.detail().contains("a cat on canvas"), r.detail());
            // A frame with depth is not a plain photo: not filtered.
            DepthMap given = new DepthMap(W, H, filled(W * H, 2f));
            Frame rgbd = new Frame("y", image, Optional.of(given), Optional.empty(), Optional.empty(), Map.of(),
                    Optional.empty());
            Perception.Result kept = p.perceive(rgbd);
            assertTrue(kept.skip().isEmpty(), kept.detail());
            // ... and its depth is kept as given, with the default intrinsics added.
            assertSame(given, kept.frame().orElseThrow().depth().orElseThrow());
            assertEquals(p.defaultIntrinsics(image), kept.frame().orElseThrow().intrinsics().orElseThrow());
        }
    }

    @Test
    void framesWithLabelsKeepThemAndImagesWithoutRegionsAreSkipped() throws IOException {
        RgbImage image = RiggedModelsRoot.photo(W, H, RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA);
        int[] ids = new int[W * H];
        ids[5] = 7;
        LabelImage labels = new LabelImage(W, H, ids);
        try (Perception p = open(PerceptionOptions.defaults().withGroundMask(false))) {
            Frame labelled = new Frame("l", image, Optional.empty(), Optional.empty(), Optional.of(labels),
                    Map.of(7, "lamp"), Optional.empty());
            Frame out = p.perceive(labelled).frame().orElseThrow();
            assertSame(labels, out.labels().orElseThrow());
            assertEquals(Map.of(7, "lamp"), out.captions());
            assertTrue(out.depth().isPresent());
            // Blue has no rigged label: Florence-2 generates no region.
            Perception.Result none = p.perceive(photoFrame("b", RiggedModelsRoot.photo(W, H, 0x0000FF, 0x0000C0)));
            assertEquals(Optional.of(SkipReason.NO_OBJECTS), none.skip());
            assertTrue(none.detail().contains("no named region"), none.detail());
        }
    }

    @Test
    void missingRequiredModelsAreListed() throws IOException {
        RiggedModelsRoot.florence(root);
        ModelCatalog catalog = ModelCatalog.scan(ModelRoot.of(root));
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Perception.open(catalog, SourceKinds.IMAGES, PerceptionOptions.defaults(), CPU));
        assertTrue(e.getMessage().contains("metric depth model"), e.getMessage());
        assertTrue(e.getMessage().contains("SAM"), e.getMessage());
        assertFalse(e.getMessage().contains("Florence-2): onnx"), e.getMessage());
    }

    /**
     * An RGB-D frame of the rigged photo with the rigged depth model's depth (object 3 m, background 5 m)
     * and intrinsics, no labels: what an unlabelled RGB-D folder gives.
     */
    private static Frame unlabelled(String id, int object, int background, double objectDepth, double backgroundDepth) {
        RgbImage image = RiggedModelsRoot.photo(W, H, object, background);
        float[] z = new float[W * H];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (image.rgb()[i] == object ? objectDepth : backgroundDepth);
        }
        return new Frame(id, image, Optional.of(new DepthMap(W, H, z)),
                Optional.of(CameraIntrinsics.fromHorizontalFov(Math.toRadians(60), W, H)), Optional.empty(), Map.of(),
                Optional.empty());
    }

    @Test
    void detectorBoxesGetMasksFromDepthAndColourWordedClassNames() throws IOException {
        RiggedModelsRoot.detector(root);
        ModelCatalog catalog = ModelCatalog.scan(ModelRoot.of(root));
        try (Perception p = Perception.open(catalog, Set.of(), PerceptionOptions.defaults(), CPU)) {
            assertTrue(p.describe().contains("detector: megvii/yolox (yolox)"), p.describe());
            assertTrue(p.describe().contains("box masks: depth rule"), p.describe());
            Frame f = p.perceive(unlabelled("d", RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA, 3, 5)).frame()
                    .orElseThrow();
            // The detector's box is the red region (columns 10..29, rows 3..26); the nearer surface in it is
            // the object, exactly, and its pixels are red.
            assertEquals(Map.of(1, "red cup"), f.captions());
            assertEquals(Map.of(1, MaskSource.DEPTH), f.maskSources());
            int[] ids = f.labels().orElseThrow().ids();
            for (int v = 0; v < H; v++) {
                for (int u = 0; u < W; u++) {
                    boolean object = u >= 10 && u <= 29 && v >= 3 && v <= 26;
                    assertEquals(object ? 1 : LabelImage.NONE, ids[v * W + u], "pixel (" + u + ", " + v + ")");
                }
            }
        }
        try (Perception p = Perception.open(catalog, Set.of(), PerceptionOptions.defaults().withColorWords(false), CPU)) {
            Frame f = p.perceive(unlabelled("e", RiggedModelsRoot.GREEN, RiggedModelsRoot.CYAN, 2, 6)).frame()
                    .orElseThrow();
            assertEquals(Map.of(1, "cup"), f.captions());
            // Frames without depth get no box masks: the measuring stage reports the missing depth.
            Frame photo = p.perceive(photoFrame("f", RiggedModelsRoot.photo(W, H, RiggedModelsRoot.RED,
                    RiggedModelsRoot.MAGENTA))).frame().orElseThrow();
            assertTrue(photo.labels().isEmpty());
        }
    }

    @Test
    void samStillWinsOverTheDepthRuleAndLabelsAreRecorded() throws IOException {
        RiggedModelsRoot.all(root);
        RiggedModelsRoot.detector(root);
        try (Perception p = open(PerceptionOptions.defaults().withGroundMask(false))) {
            Frame f = p.perceive(unlabelled("s", RiggedModelsRoot.RED, RiggedModelsRoot.MAGENTA, 3, 5)).frame()
                    .orElseThrow();
            // Florence-2 is preferred to the detector (free-form captions), SAM to the depth rule.
            assertEquals(Map.of(1, "cat"), f.captions());
            assertEquals(Map.of(1, MaskSource.SAM), f.maskSources());
            int[] ids = new int[W * H];
            ids[0] = 4;
            Frame labelled = new Frame("l", f.image(), f.depth(), f.intrinsics(),
                    Optional.of(new LabelImage(W, H, ids)), Map.of(4, "lamp"), Optional.empty());
            assertEquals(Map.of(4, MaskSource.LABELS), p.perceive(labelled).frame().orElseThrow().maskSources());
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
