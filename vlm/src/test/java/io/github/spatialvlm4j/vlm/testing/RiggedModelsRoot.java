package io.github.spatialvlm4j.vlm.testing;

import io.github.spatialvlm4j.geometry.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A models root of rigged ONNX models (vlm's test builders) whose outputs are known in closed form:
 *
 * <ul>
 * <li>depth (Depth Anything V2 Metric, no resize): depth = {@link #GAIN} x mean(R, G, B)/255 + {@link #OFFSET}
 *     meters, so pure red or green is {@link #OBJECT_DEPTH} and magenta or cyan {@link #BACKGROUND_DEPTH};</li>
 * <li>Florence-2: a mostly red image gives the region "cat", a mostly green one "dog", both at
 *     location bins (250, 100, 750, 900) for every task;</li>
 * <li>SAM (16 x 16 mask grid): the mask of a box prompt is the box, up to a pixel at the edges;</li>
 * <li>YOLOX (416 x 416 input, 80 classes, class 2 "cup"): one detection, "cup" at 0.9 x 0.8 = 0.72, whose box
 *     decodes to the rigged region of a 4:3 photo (input box centre (208, 156.16), size 208 x 249.6: a 40 x 30
 *     photo is scaled by 10.4, so the box is (10, 3.0154, 30, 27.0154) in photo pixels);</li>
 * <li>CLIP: image embedding = mean colour; text = sum of word vectors with "smartphone" = +z and
 *     every negative filter prompt's key word = (0, -1, -1), so the default filter keeps red/magenta
 *     and green/cyan photos; "cat" = x, "dog" = y, "kitten" = (1, 0.5, 0).</li>
 * </ul>
 */
public final class RiggedModelsRoot {
    public static final float GAIN = 6f;
    public static final float OFFSET = 1f;
    /** Depth of a pure red or pure green pixel: mean 1/3. */
    public static final double OBJECT_DEPTH = OFFSET + GAIN / 3.0;
    /** Depth of a magenta or cyan pixel: mean 2/3. */
    public static final double BACKGROUND_DEPTH = OFFSET + GAIN * 2 / 3.0;
    /** Florence-2's rigged box, as location bins x0, y0, x1, y1. */
    public static final int[] BOX_BINS = {250, 100, 750, 900};

    public static final List<String> CLIP_WORDS = List.of("[pad]", "<s>", "</s>", "[unk]", "smartphone", "macro", "catalogue",
            "artwork", "painting", "screen", "page", "pencil", "cat", "dog", "kitten");

    private RiggedModelsRoot() {
    }

    private static float[] clipVectors() {
        float[] v = new float[3 * CLIP_WORDS.size()];
        v[3 * 4 + 2] = 1; // smartphone
        for (int w = 5; w <= 11; w++) {
            v[3 * w + 1] = -1;
            v[3 * w + 2] = -1;
        }
        v[3 * 12] = 1; // cat
        v[3 * 13 + 1] = 1; // dog
        v[3 * 14] = 1; // kitten
        v[3 * 14 + 1] = 0.5f;
        return v;
    }

    public static Path depth(Path root) throws IOException {
        return ModelDirs.create(root, "depth-anything/dav2-metric", "model",
                RiggedDepth.graph("predicted_depth", GAIN, OFFSET, false),
                "{\"model_type\": \"depth_anything\", \"depth_estimation_type\": \"metric\", \"max_depth\": 20}",
                "{\"do_resize\": false, \"do_rescale\": true, \"rescale_factor\": 0.00392156862745098, \"do_normalize\": false}");
    }

    public static Path florence(Path root) throws IOException {
        return RiggedFlorence.write(root.resolve("microsoft/florence-2"));
    }

    public static Path sam(Path root) throws IOException {
        return RiggedSam.write(root.resolve("sam-vit"), false, 16);
    }

    /** Writes the rigged CLIP under {@code root/openai/clip}. */
    public static Path clip(Path root) throws IOException {
        return RiggedClip.write(root.resolve("openai/clip"), CLIP_WORDS, clipVectors(), "[unk]", "<s>", "</s>", false, 0,
                "{\"model_type\": \"clip\"}");
    }

    /** The input size of the rigged detector. */
    public static final int DETECTOR_INPUT = 416;

    /** Writes the rigged YOLOX detector under {@code root/megvii/yolox}. */
    public static Path detector(Path root) throws IOException {
        // Level 2 (stride 32), cell (6, 4), anchor 52 x 52 + 26 x 26 + 4 x 13 + 6.
        int anchor = 52 * 52 + 26 * 26 + 4 * 13 + 6;
        RiggedYolo.Anchor a = RiggedYolo.yolox(anchor, 80, 0.5f, 0.88f, (float) Math.log(6.5), (float) Math.log(7.8),
                0.9f, 2, 0.8f);
        return RiggedYolo.write(root.resolve("megvii/yolox"),
                RiggedYolo.yoloxGraph(DETECTOR_INPUT, DETECTOR_INPUT, 3549, 85, List.of(a), List.of()),
                RiggedYolo.config("yolox", DETECTOR_INPUT, DETECTOR_INPUT, 80, List.of("person", "bicycle", "cup"),
                        0.3, 0.45, 100));
    }

    public static Path qwen(Path root) throws IOException {
        return RiggedQwen2Vl.write(root.resolve("Qwen/qwen2-vl"));
    }

    public static Path smolVlm(Path root) throws IOException {
        return RiggedSmolVlm.write(root.resolve("smolvlm"), 4);
    }

    /**
     * Writes {@link #all} under the folder {@code args[0]}: a models root for trying {@code --source images}
     * (and timing the runners, benchmarks/RESULTS.md) without real models.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: RiggedModelsRoot DIR (got " + args.length + " arguments)");
        }
        all(Path.of(args[0]));
    }

    /** Depth, Florence-2, SAM and CLIP: everything {@code --source images} uses. */
    public static Path all(Path root) throws IOException {
        depth(root);
        florence(root);
        sam(root);
        clip(root);
        return root;
    }

    /**
     * A {@code w x h} photo: the rigged box region in {@code object} colour, the rest in
     * {@code background}.
     */
    public static RgbImage photo(int w, int h, int object, int background) {
        double x0 = (BOX_BINS[0] + 0.5) * w / 1000;
        double y0 = (BOX_BINS[1] + 0.5) * h / 1000;
        double x1 = (BOX_BINS[2] + 0.5) * w / 1000;
        double y1 = (BOX_BINS[3] + 0.5) * h / 1000;
        int[] px = new int[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                boolean in = u + 0.5 > x0 && u + 0.5 < x1 && v + 0.5 > y0 && v + 0.5 < y1;
                px[v * w + u] = in ? object : background;
            }
        }
        return new RgbImage(w, h, px);
    }

    public static final int RED = 0xFF0000;
    public static final int MAGENTA = 0xFF00FF;
    public static final int GREEN = 0x00FF00;
    public static final int CYAN = 0x00FFFF;
}
