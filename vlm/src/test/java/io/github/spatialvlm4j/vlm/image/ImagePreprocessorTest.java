package io.github.spatialvlm4j.vlm.image;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ImagePreprocessorTest {
    private static final float F32 = 1e-6f;
    private static final Path FILE = Path.of("preprocessor_config.json");

    private static ImagePreprocessor pre(String json) {
        return ImagePreprocessor.from(JsonConfig.parse(FILE, json));
    }

    private static int rgb(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }

    @Test
    void resizeRescaleNormaliseByHand() {
        ImagePreprocessor p = pre("""
                {"do_resize": true, "size": {"height": 2, "width": 4}, "resample": 2,
                 "do_rescale": true, "rescale_factor": 0.00392156862745098,
                 "do_normalize": true, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.25, 0.5]}""");
        // 2x2 image: R ramps left to right, G constant 51, B differs per row.
        RgbImage img = new RgbImage(2, 2, new int[] {rgb(0, 51, 255), rgb(100, 51, 255), rgb(0, 51, 0), rgb(100, 51, 0)});
        ImageTensor t = p.preprocess(img);
        assertEquals(2, t.height());
        assertEquals(4, t.width());
        assertArrayEquals(new long[] {1, 3, 2, 4}, t.batchShape());
        float[] r = {0, 25, 75, 100}; // bilinear 2 -> 4, see ResamplerTest
        for (int x = 0; x < 4; x++) {
            assertEquals((r[x] / 255f - 0.5f) / 0.5f, t.get(0, x, 0), F32);
            assertEquals((r[x] / 255f - 0.5f) / 0.5f, t.get(0, x, 1), F32);
            assertEquals((51 / 255f - 0.5f) / 0.25f, t.get(1, x, 0), F32);
            assertEquals(1f, t.get(2, x, 0), F32);
            assertEquals(-1f, t.get(2, x, 1), F32);
        }
        assertEquals(2.0, t.toSourceX(4.0), 1e-12);
        assertEquals(1.0, t.toSourceY(1.0), 1e-12);
    }

    @Test
    void sizeRulesFollowTheHuggingFaceProcessors() {
        ImagePreprocessor dpt = pre("""
                {"size": {"height": 518, "width": 518}, "keep_aspect_ratio": true, "ensure_multiple_of": 14}""");
        // Height scale 518/480 changes the image least; width 640 * 1.079 = 690.7 -> 49 * 14.
        assertArrayEquals(new int[] {518, 686}, dpt.resizedSize(640, 480));
        ImagePreprocessor clip = pre("{\"size\": {\"shortest_edge\": 224}}");
        assertArrayEquals(new int[] {224, 298}, clip.resizedSize(640, 480));
        assertArrayEquals(new int[] {298, 224}, clip.resizedSize(480, 640));
        ImagePreprocessor sam = pre("{\"size\": {\"longest_edge\": 1024}}");
        assertArrayEquals(new int[] {768, 1024}, sam.resizedSize(640, 480));
        ImagePreprocessor detr = pre("{\"size\": {\"shortest_edge\": 800, \"longest_edge\": 1333}}");
        assertArrayEquals(new int[] {266, 1333}, detr.resizedSize(1000, 200));
        ImagePreprocessor square = pre("{\"size\": 384}");
        assertArrayEquals(new int[] {384, 384}, square.resizedSize(640, 480));
        ImagePreprocessor none = pre("{\"do_resize\": false, \"size\": 384}");
        assertArrayEquals(new int[] {480, 640}, none.resizedSize(640, 480));
    }

    @Test
    void centreCropKeepsTheMiddleAndMapsBack() {
        ImagePreprocessor p = pre("""
                {"size": {"shortest_edge": 4}, "resample": 0, "do_center_crop": true, "crop_size": 2,
                 "do_rescale": false}""");
        int[] px = new int[6 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = rgb(i, 0, 0);
        }
        ImageTensor t = p.preprocess(new RgbImage(6, 4, px));
        assertEquals(2, t.width());
        assertEquals(2, t.height());
        // The 2x2 window starts at column (6-2)/2 = 2, row (4-2)/2 = 1.
        assertEquals(1 * 6 + 2, t.get(0, 0, 0), F32);
        assertEquals(2 * 6 + 3, t.get(0, 1, 1), F32);
        assertEquals(-2, t.offsetX());
        assertFalse(t.containsWholeSource());
        assertEquals(2.0, t.toSourceX(0.0), 1e-12);
    }

    @Test
    void cropLargerThanImageFillsWithNormalisedBlack() {
        ImagePreprocessor p = pre("""
                {"do_resize": false, "do_center_crop": true, "crop_size": {"height": 3, "width": 3},
                 "do_rescale": false, "image_mean": [10, 10, 10], "image_std": [2, 2, 2]}""");
        ImageTensor t = p.preprocess(new RgbImage(1, 1, new int[] {rgb(30, 30, 30)}));
        assertEquals(10f, t.get(0, 1, 1), F32);
        assertEquals(-5f, t.get(0, 0, 0), F32);
        assertEquals(1, t.offsetX());
    }

    @Test
    void padAddsZerosBottomRight() {
        ImagePreprocessor p = pre("""
                {"do_resize": false, "do_rescale": true, "do_pad": true, "pad_size": {"height": 4, "width": 4}}""");
        ImageTensor t = p.preprocess(new RgbImage(3, 2, new int[] {
            rgb(255, 255, 255), rgb(255, 255, 255), rgb(255, 255, 255),
            rgb(255, 255, 255), rgb(255, 255, 255), rgb(255, 255, 255)}));
        assertEquals(4, t.width());
        assertEquals(4, t.height());
        assertEquals(1f, t.get(1, 2, 1), F32);
        assertEquals(0f, t.get(1, 3, 1), F32);
        assertEquals(0f, t.get(1, 0, 2), F32);
        assertEquals(3, t.contentX1());
        assertEquals(2, t.contentY1());
        assertTrue(t.containsWholeSource());

        ImagePreprocessor div = pre("{\"do_resize\": false, \"do_pad\": true, \"size_divisor\": 4}");
        ImageTensor d = div.preprocess(new RgbImage(5, 3, new int[15]));
        assertEquals(8, d.width());
        assertEquals(4, d.height());
    }

    @Test
    void malformedConfigsNameTheFieldAndFile() {
        ModelFormatException std = assertThrows(ModelFormatException.class,
                () -> pre("{\"do_normalize\": true, \"image_mean\": [0.5, 0.5, 0.5]}"));
        assertTrue(std.getMessage().contains("image_std") && std.getMessage().contains("preprocessor_config.json"),
                std.getMessage());
        ModelFormatException resample = assertThrows(ModelFormatException.class, () -> pre("{\"resample\": 9}"));
        assertTrue(resample.getMessage().contains("resample"), resample.getMessage());
        ModelFormatException size = assertThrows(ModelFormatException.class, () -> pre("{\"size\": {\"foo\": 1}}"));
        assertTrue(size.getMessage().contains("'size'") && size.getMessage().contains("shortest_edge"), size.getMessage());
        ModelFormatException neg = assertThrows(ModelFormatException.class, () -> pre("{\"size\": {\"height\": 0, \"width\": 4}}"));
        assertTrue(neg.getMessage().contains("size"), neg.getMessage());
        ModelFormatException meanLen = assertThrows(ModelFormatException.class,
                () -> pre("{\"image_mean\": [0.5, 0.5], \"image_std\": [0.5, 0.5, 0.5]}"));
        assertTrue(meanLen.getMessage().contains("image_mean"), meanLen.getMessage());
        ModelFormatException crop = assertThrows(ModelFormatException.class, () -> pre("{\"do_center_crop\": true}"));
        assertTrue(crop.getMessage().contains("crop_size"), crop.getMessage());
    }

    @Test
    void oneByOneImageAndNoOpConfig() {
        ImageTensor t = pre("{}").preprocess(new RgbImage(1, 1, new int[] {rgb(255, 0, 51)}));
        assertEquals(1f, t.get(0, 0, 0), F32);
        assertEquals(0f, t.get(1, 0, 0), F32);
        assertEquals(0.2f, t.get(2, 0, 0), F32);
    }
}
