package io.github.spatialvlm4j.datagen.source.rgbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.FrameBuffers;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.OrganizedPointCloud;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.geometry.io.LabelPng;
import io.github.spatialvlm4j.geometry.io.PcdEncoding;
import io.github.spatialvlm4j.geometry.io.PcdFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RgbdFolderSourceTest {
    private static final int W = 32;
    private static final int H = 24;
    private static final CameraIntrinsics K = new CameraIntrinsics(30, 31, 15.5, 11.5, W, H);

    @TempDir
    Path dir;

    private static RgbImage randomImage(Random rnd, int w, int h) {
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = rnd.nextInt(0x1000000);
        }
        return new RgbImage(w, h, rgb);
    }

    /** Depths in [0.5, 8] m with about 10% invalid pixels. */
    private static DepthMap randomDepth(Random rnd, int w, int h) {
        float[] m = new float[w * h];
        for (int i = 0; i < m.length; i++) {
            m[i] = rnd.nextInt(10) == 0 ? DepthMap.INVALID : 0.5f + 7.5f * rnd.nextFloat();
        }
        return new DepthMap(w, h, m);
    }

    /** The depth back-projected with {@link #K}, NaN where invalid: an organized cloud whose z is the depth. */
    private static OrganizedPointCloud cloudOf(DepthMap depth) {
        float[] xyz = new float[3 * W * H];
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                int i = v * W + u;
                float z = depth.get(u, v);
                if (z == DepthMap.INVALID) {
                    xyz[3 * i] = xyz[3 * i + 1] = xyz[3 * i + 2] = Float.NaN;
                } else {
                    xyz[3 * i] = (float) ((u - K.cx()) * z / K.fx());
                    xyz[3 * i + 1] = (float) ((v - K.cy()) * z / K.fy());
                    xyz[3 * i + 2] = z;
                }
            }
        }
        return new OrganizedPointCloud(W, H, xyz, null);
    }

    private static LabelImage twoObjects() {
        int[] ids = new int[W * H];
        for (int v = 2; v < 10; v++) {
            for (int u = 3; u < 12; u++) {
                ids[v * W + u] = 1;
            }
        }
        for (int v = 12; v < 20; v++) {
            for (int u = 15; u < 30; u++) {
                ids[v * W + u] = 2;
            }
        }
        return new LabelImage(W, H, ids);
    }

    private static void writeJpeg(RgbImage image, Path file) throws IOException {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, image.width(), image.height(), image.rgb(), 0, image.width());
        assertTrue(ImageIO.write(b, "jpg", file.toFile()), "no JPEG writer");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1000, 5000})
    void loadsEveryKindOfFrameWithDepthInMeters(double depthScale) throws IOException {
        Random rnd = new Random(11);
        RgbdFolders.writeIntrinsics(dir, K, depthScale);
        // Written out of id order: the source must sort.
        RgbImage colorB = randomImage(rnd, W, H);
        DepthMap depthB = randomDepth(rnd, W, H);
        ColorImages.writePng(colorB, dir.resolve("b.color.png"));
        DepthPng.write(depthB, dir.resolve("b.depth.png"), depthScale);
        LabelPng.write(twoObjects(), dir.resolve("b.labels.png"));
        RgbdFolders.writeCaptions(dir, "b", Map.of(1, "red chair", 2, "wooden table"));

        RgbImage colorC = randomImage(rnd, W, H);
        DepthMap depthC = randomDepth(rnd, W, H);
        ColorImages.writePng(colorC, dir.resolve("c.color.png"));
        DepthPng.write(depthC, dir.resolve("c.depth.png"), depthScale);

        DepthMap depthA = randomDepth(rnd, W, H);
        writeJpeg(randomImage(rnd, W, H), dir.resolve("a.color.jpg"));
        PcdFormat.write(cloudOf(depthA), dir.resolve("a.pcd"), PcdEncoding.BINARY);

        // A frame without a colour image (a counted skip when loaded), and files of no frame.
        DepthPng.write(depthC, dir.resolve("orphan.depth.png"), depthScale);
        Files.writeString(dir.resolve("notes.txt"), "hello");
        LabelPng.write(twoObjects(), dir.resolve("stray.labels.png"));

        RgbdFolderSource source = RgbdFolderSource.open(dir);
        assertEquals(List.of("a", "b", "c", "orphan"), source.ids());
        assertEquals(4, source.size());
        assertEquals(K, source.intrinsics());
        assertTrue(source.describe().contains("4 frames"), source.describe());
        assertEquals(List.of("2 files in " + dir.toRealPath() + " belong to no frame and are not read: notes.txt,"
                + " stray.labels.png"), source.warnings());
        IOException noColour = assertThrows(IOException.class, () -> source.load(3));
        assertMentions(noColour, "orphan", "no colour image", "orphan.depth.png");
        assertEquals(List.of(dir.toRealPath().resolve("orphan.depth.png"), dir.toRealPath().resolve("intrinsics.json")),
                source.inputFiles(3));

        Frame a = source.load(0);
        assertEquals("a", a.id());
        assertEquals(W, a.image().width());
        assertEquals(H, a.image().height());
        assertArrayEquals(depthA.meters(), a.depth().orElseThrow().meters(), "pcd depth is the cloud's z, exactly");
        assertTrue(a.labels().isEmpty());
        assertTrue(a.captions().isEmpty());
        assertEquals(K, a.intrinsics().orElseThrow());
        assertTrue(a.groundTruth().isEmpty());

        Frame b = source.load(1);
        assertEquals("b", b.id());
        assertArrayEquals(colorB.rgb(), b.image().rgb());
        assertDepthWithin(depthB, b.depth().orElseThrow(), 0.5 / depthScale + 1e-6);
        assertArrayEquals(twoObjects().ids(), b.labels().orElseThrow().ids());
        assertEquals(Map.of(1, "red chair", 2, "wooden table"), b.captions());

        Frame c = source.load(2);
        assertArrayEquals(colorC.rgb(), c.image().rgb());
        assertDepthWithin(depthC, c.depth().orElseThrow(), 0.5 / depthScale + 1e-6);
        assertTrue(c.labels().isEmpty());

        assertThrows(IndexOutOfBoundsException.class, () -> source.load(4));
        assertThrows(IndexOutOfBoundsException.class, () -> source.load(-1));

        // An 8-bit RGB PNG's bytes travel with the frame, to be copied into the output; a JPEG's do not.
        assertArrayEquals(Files.readAllBytes(dir.resolve("b.color.png")), b.imagePng().orElseThrow());
        assertTrue(a.imagePng().isEmpty());
    }

    @Test
    void groundTruthIsReadUnlessLeftOut() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        ColorImages.writePng(randomImage(new Random(3), W, H), dir.resolve("x.color.png"));
        DepthPng.write(randomDepth(new Random(4), W, H), dir.resolve("x.depth.png"), 1000);
        Files.writeString(dir.resolve("x.truth.json"), "{\"up\": [0, -1, 0], \"floor_visible\": false, "
                + "\"objects\": []}");
        RgbdFolderSource source = RgbdFolderSource.open(dir);
        assertTrue(source.load(0).truth().isPresent());
        Frame without = source.withoutTruth().load(0);
        assertTrue(without.truth().isEmpty());
        assertArrayEquals(source.load(0).image().rgb(), without.image().rgb());
        assertEquals(source.describe(), source.withoutTruth().describe());
    }

    @Test
    void framesLoadedIntoOneSetOfBuffersEqualFreshLoadsAndWrapItsPlanes() throws IOException {
        for (String id : new String[] {"p", "q"}) {
            Frame f = new SyntheticSceneGenerator(SyntheticSceneOptions.defaults().withSize(W, H).withObjects(2, 3)
                    .withNoise(NoiseModel.SENSOR)).generate(id, id.hashCode());
            RgbdFolders.writeFrame(dir, f, 1000);
        }
        RgbdFolderSource source = RgbdFolderSource.open(dir);
        FrameBuffers buffers = new FrameBuffers();
        for (int index : new int[] {0, 1, 0}) {
            Frame into = source.load(index, buffers);
            Frame fresh = source.load(index);
            assertSame(buffers.ints(FrameBuffers.Plane.COLOR, W * H), into.image().rgb());
            assertSame(buffers.floats(FrameBuffers.Plane.DEPTH, W * H), into.depth().orElseThrow().meters());
            assertSame(buffers.ints(FrameBuffers.Plane.LABELS, W * H), into.labels().orElseThrow().ids());
            assertArrayEquals(fresh.image().rgb(), into.image().rgb(), "frame " + index);
            assertArrayEquals(fresh.depth().orElseThrow().meters(), into.depth().orElseThrow().meters(),
                    "frame " + index);
            assertArrayEquals(fresh.labels().orElseThrow().ids(), into.labels().orElseThrow().ids(), "frame " + index);
            assertEquals(fresh.captions(), into.captions());
        }
    }

    private static void assertDepthWithin(DepthMap want, DepthMap got, double tolerance) {
        float[] w = want.meters();
        float[] g = got.meters();
        assertEquals(w.length, g.length);
        for (int i = 0; i < w.length; i++) {
            if (w[i] == DepthMap.INVALID) {
                assertEquals(DepthMap.INVALID, g[i], "pixel " + i + " must stay invalid");
            } else {
                assertEquals(w[i], g[i], tolerance, "pixel " + i);
            }
        }
    }

    @Test
    void frameWithoutDepthHasNoDepth() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        ColorImages.writePng(randomImage(new Random(1), W, H), dir.resolve("x.color.png"));
        Frame f = RgbdFolderSource.open(dir).load(0);
        assertFalse(f.depth().isPresent());
    }

    private IOException openFails() {
        return assertThrows(IOException.class, () -> RgbdFolderSource.open(dir));
    }

    private IOException loadFails() throws IOException {
        RgbdFolderSource source = RgbdFolderSource.open(dir);
        return assertThrows(IOException.class, () -> source.load(0));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message lacks '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = dir.resolve("nope");
        IOException e = assertThrows(IOException.class, () -> RgbdFolderSource.open(missing));
        assertMentions(e, missing.toString());
    }

    @Test
    void missingIntrinsicsIsNamed() throws IOException {
        ColorImages.writePng(randomImage(new Random(2), W, H), dir.resolve("x.color.png"));
        assertMentions(openFails(), dir.resolve("intrinsics.json").toString());
    }

    /** Opening a folder whose intrinsics.json holds {@code json} fails; the exception. */
    private IOException openFailsWith(String json) throws IOException {
        Files.writeString(dir.resolve("intrinsics.json"), json);
        return openFails();
    }

    @Test
    void malformedIntrinsicsJsonIsNamed() throws IOException {
        assertMentions(openFailsWith("{\"fx\": 30, \"fy\": "), "Malformed JSON", dir.resolve("intrinsics.json").toString());
    }

    @Test
    void missingOrNonNumericFieldIsNamed() throws IOException {
        assertMentions(openFailsWith("{\"fx\":30,\"fy\":31,\"cx\":15.5,\"width\":32,\"height\":24,\"depth_scale\":1000}"),
                "intrinsics.json", "\"cy\"", "missing");
        assertMentions(openFailsWith("{\"fx\":\"thirty\",\"fy\":31,\"cx\":15.5,\"cy\":11.5,\"width\":32,\"height\":24,"
                + "\"depth_scale\":1000}"), "intrinsics.json", "\"fx\"", "not a number");
    }

    @Test
    void invalidDepthScaleAndIntrinsicsAreNamed() throws IOException {
        assertMentions(openFailsWith("{\"fx\":30,\"fy\":31,\"cx\":15.5,\"cy\":11.5,\"width\":32,\"height\":24,"
                + "\"depth_scale\":0}"), "intrinsics.json", "depth_scale", "0.0");
        assertMentions(openFailsWith("{\"fx\":-30,\"fy\":31,\"cx\":15.5,\"cy\":11.5,\"width\":32,\"height\":24,"
                + "\"depth_scale\":1000}"), "intrinsics.json", "-30");
    }

    @Test
    void imageOfAnotherSizeThanTheIntrinsicsIsNamed() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        Path color = dir.resolve("x.color.png");
        ColorImages.writePng(randomImage(new Random(3), W + 8, H), color);
        assertMentions(loadFails(), color.toString(), (W + 8) + "x" + H, W + "x" + H);
    }

    @Test
    void depthOfAnotherSizeIsNamed() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        ColorImages.writePng(randomImage(new Random(4), W, H), dir.resolve("x.color.png"));
        Path depth = dir.resolve("x.depth.png");
        DepthPng.write(randomDepth(new Random(5), W / 2, H / 2), depth, 1000);
        assertMentions(loadFails(), depth.toString(), (W / 2) + "x" + (H / 2));
    }

    @Test
    void labelsWithoutObjectsJsonAreNamed() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        ColorImages.writePng(randomImage(new Random(6), W, H), dir.resolve("x.color.png"));
        LabelPng.write(twoObjects(), dir.resolve("x.labels.png"));
        assertMentions(loadFails(), dir.resolve("x.objects.json").toString());
    }

    @Test
    void badCaptionIdsAreListed() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        ColorImages.writePng(randomImage(new Random(7), W, H), dir.resolve("x.color.png"));
        LabelPng.write(twoObjects(), dir.resolve("x.labels.png"));
        Path objects = dir.resolve("x.objects.json");
        Files.writeString(objects, "{\"1\": \"red chair\", \"0\": \"floor\", \"chair\": \"blue chair\", \"2\": 7}");
        assertMentions(loadFails(), objects.toString(), "bad entries", "0", "chair", "2");
        Files.writeString(objects, "[\"red chair\"]");
        assertMentions(loadFails(), objects.toString(), "expected an object");
        Files.writeString(objects, "{\"1\": ");
        assertMentions(loadFails(), objects.toString(), "Malformed JSON");
    }

    @Test
    void twoColourImagesForOneIdAreNamed() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        RgbImage image = randomImage(new Random(8), W, H);
        ColorImages.writePng(image, dir.resolve("x.color.png"));
        writeJpeg(image, dir.resolve("x.color.jpg"));
        assertMentions(openFails(), "x.color.png", "x.color.jpg", "two colour images");
    }

    @Test
    void aPrincipalPointOutsideTheImageIsRefused() throws IOException {
        assertMentions(openFailsWith("{\"fx\":30,\"fy\":31,\"cx\":-5000,\"cy\":11.5,\"width\":32,\"height\":24,"
                + "\"depth_scale\":1000}"), "intrinsics.json", "Invalid cx: -5000.0", "principal point", "-32 to 64");
        assertMentions(openFailsWith("{\"fx\":30,\"fy\":31,\"cx\":15.5,\"cy\":90,\"width\":32,\"height\":24,"
                + "\"depth_scale\":1000}"), "Invalid cy: 90.0");
    }

    @Test
    void aCropKeepsItsCamerasPrincipalPointBelowItsBottomRow() throws IOException {
        // The top 24 rows of a 32 x 60 frame whose principal point is (15.5, 30): it lies below the crop.
        ColorImages.writePng(randomImage(new Random(3), W, H), dir.resolve("x.color.png"));
        Files.writeString(dir.resolve("intrinsics.json"), "{\"fx\":30,\"fy\":31,\"cx\":15.5,\"cy\":30,\"width\":32,"
                + "\"height\":24,\"depth_scale\":1000}");
        assertEquals(30, RgbdFolderSource.open(dir).load(0).intrinsics().orElseThrow().cy(), 1e-9);
    }

    @Test
    void aFolderWithoutFramesIsAnError() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        assertMentions(openFails(), "No frames in " + dir.toRealPath(), "only intrinsics.json");
        Files.writeString(dir.resolve("readme.md"), "frames go here");
        LabelPng.write(twoObjects(), dir.resolve("x.labels.png"));
        assertMentions(openFails(), "No frames", "found readme.md, x.labels.png");
    }

    @Test
    void aPcdWithColourNeedsNoColourImageAndOneWithoutIsAClearError() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        Random rnd = new Random(9);
        DepthMap depth = randomDepth(rnd, W, H);
        RgbImage colours = randomImage(rnd, W, H);
        OrganizedPointCloud plain = cloudOf(depth);
        PcdFormat.write(new OrganizedPointCloud(W, H, plain.xyz(), colours.rgb()), dir.resolve("coloured.pcd"),
                PcdEncoding.BINARY_COMPRESSED);
        PcdFormat.write(plain, dir.resolve("plain.pcd"), PcdEncoding.ASCII);
        RgbdFolderSource source = RgbdFolderSource.open(dir);
        assertEquals(List.of("coloured", "plain"), source.ids());
        Frame coloured = source.load(0);
        assertArrayEquals(colours.rgb(), coloured.image().rgb(), "the picture is the cloud's rgb");
        assertArrayEquals(depth.meters(), coloured.depth().orElseThrow().meters());
        IOException e = assertThrows(IOException.class, () -> source.load(1));
        assertMentions(e, "Frame plain has no colour image", dir.toRealPath().resolve("plain.pcd") + " has no rgb field");
    }

    @Test
    void imagesAboveThePixelLimitAreNotDecoded() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        Path color = dir.resolve("x.color.png");
        ColorImages.writePng(randomImage(new Random(10), W, H), color);
        RgbdFolderSource source = RgbdFolderSource.open(dir, W * H - 1);
        IOException e = assertThrows(io.github.spatialvlm4j.geometry.io.ImageTooLargeException.class,
                () -> source.load(0));
        assertMentions(e, color.toRealPath().toString(), W + "x" + H);
        assertEquals(W, RgbdFolderSource.open(dir, W * H).load(0).image().width());
    }

    @Test
    void idsKeepEveryCharacter() throws IOException {
        RgbdFolders.writeIntrinsics(dir, K, 1000);
        for (String id : List.of("日本", "中国", "café_日本")) {
            ColorImages.writePng(randomImage(new Random(id.hashCode()), W, H), dir.resolve(id + ".color.png"));
        }
        RgbdFolderSource source = RgbdFolderSource.open(dir);
        assertEquals(List.of("café_日本", "中国", "日本"), source.ids());
        assertEquals("日本", source.load(2).id());
    }
}
