package io.github.spatialvlm4j.vlm.sam;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import io.github.spatialvlm4j.vlm.image.ImagePreprocessor;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.model.Closeables;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;
import io.github.spatialvlm4j.vlm.model.SessionSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Class-agnostic masks from box prompts with Segment Anything (Kirillov et al. 2023), in the
 * two-graph Hugging Face / transformers.js layout (one mask per box; docs/ARCHITECTURE.md,
 * "Models"):
 *
 * <pre>
 * onnx/vision_encoder.onnx               pixel_values [1, 3, S, S] -> image_embeddings, image_positional_embeddings
 * onnx/prompt_encoder_mask_decoder.onnx  input_boxes [1, n, 4] and/or input_points [1, n, 2, 2] + input_labels [1, n, 2]
 *                                        (a box as its two corners, labels 2 and 3), the embeddings
 *                                        -> iou_scores [1, n, k], pred_masks [1, n, k, h, w] (mask logits)
 * </pre>
 *
 * The image is resized (longest edge) and padded to S x S as {@code preprocessor_config.json}
 * says; boxes are scaled into that frame. Of the k candidate masks per box the one with the
 * highest predicted IoU is kept; its logits are upscaled bilinearly to S x S, the padding is cut
 * off, the rest is resized to the image and thresholded at 0, as SAM's post-processing does.
 *
 * <p>Cost: one encoder pass per image ({@link #embed}), one light decoder pass per batch of boxes.
 * Thread-safe for concurrent calls; holds two sessions: close it.
 */
public final class SamMasker implements AutoCloseable {
    private final OnnxModel encoder;
    private final OnnxModel decoder;
    private final ImagePreprocessor preprocessor;
    private final String pixelInput;
    private final String embeddingsOutput;
    private final String positionalOutput;
    private final boolean boxesInput;
    private final boolean pointsInput;

    /** Loads the two graphs and {@code preprocessor_config.json} of {@code dir}. */
    public SamMasker(ModelDirectory dir, SessionSettings settings) {
        this.preprocessor = ImagePreprocessor.from(dir.preprocessorConfig());
        if (preprocessor.config().cropWidth().isPresent()) {
            throw new ModelFormatException(dir.path().resolve("preprocessor_config.json")
                    + ": do_center_crop must be false for SAM (masks are needed for the whole image)");
        }
        OnnxModel enc = OnnxModel.load(dir.onnx("vision_encoder"), settings);
        OnnxModel dec = null;
        try {
            dec = OnnxModel.load(dir.onnx("prompt_encoder_mask_decoder"), settings);
            this.pixelInput = enc.requireInput("pixel_values");
            this.embeddingsOutput = enc.requireOutput("image_embeddings");
            this.positionalOutput = enc.requireOutput("image_positional_embeddings");
            dec.requireInput("image_embeddings");
            dec.requireInput("image_positional_embeddings");
            dec.requireOutput("pred_masks");
            dec.requireOutput("iou_scores");
            this.boxesInput = dec.findInput("input_boxes").isPresent();
            this.pointsInput = dec.findInput("input_points").isPresent();
            if (!boxesInput && !pointsInput) {
                throw new ModelFormatException(dec.file() + ": expected an input input_boxes or input_points (box "
                        + "prompts) but the graph's inputs are " + dec.inputNames());
            }
            if (pointsInput) {
                dec.requireInput("input_labels");
            }
        } catch (RuntimeException e) {
            Closeables.closeAfterFailure(e, java.util.Arrays.asList(enc, dec));
            throw e;
        }
        this.encoder = enc;
        this.decoder = dec;
    }

    /**
     * The encoder's output for one image, reusable for any number of prompts. Holds no native memory.
     *
     * @param tensor where the image lies in the padded model input
     */
    public record ImageEmbedding(FloatTensor embeddings, FloatTensor positional, ImageTensor tensor) {
    }

    /** Runs the image encoder once. */
    public ImageEmbedding embed(RgbImage image) {
        ImageTensor t = preprocessor.preprocess(image);
        try (OnnxTensor x = encoder.floatTensor(t.data(), t.batchShape());
             OrtSession.Result r = encoder.run(Map.of(pixelInput, x))) {
            return new ImageEmbedding(encoder.floatOutput(r, embeddingsOutput), encoder.floatOutput(r, positionalOutput), t);
        }
    }

    /** {@link #masks(ImageEmbedding, double[])} after {@link #embed}. */
    public List<ObjectMask> masks(RgbImage image, double[] boxes) {
        return masks(embed(image), boxes);
    }

    /**
     * One mask per box, in order.
     *
     * @param boxes {@code boxes[4i .. 4i+3] = x0, y0, x1, y1} of box {@code i}, image pixels, edge
     *              coordinates (x right, y down), {@code x0 <= x1}, {@code y0 <= y1}
     * @return masks at the image's resolution; empty when there are no boxes
     */
    public List<ObjectMask> masks(ImageEmbedding embedding, double[] boxes) {
        if (boxes.length % 4 != 0) {
            throw new ShapeMismatchException("Boxes array has " + boxes.length + " values, not a multiple of 4 (x0, y0, x1, y1)");
        }
        int n = boxes.length / 4;
        if (n == 0) {
            return List.of();
        }
        ImageTensor t = embedding.tensor();
        float[] scaled = new float[boxes.length];
        for (int i = 0; i < n; i++) {
            double x0 = boxes[4 * i];
            double y0 = boxes[4 * i + 1];
            double x1 = boxes[4 * i + 2];
            double y1 = boxes[4 * i + 3];
            if (!(x0 <= x1 && y0 <= y1) || !Double.isFinite(x0 + y0 + x1 + y1)) {
                throw new IllegalArgumentException("Invalid box " + i + ": [" + x0 + ", " + y0 + ", " + x1 + ", " + y1
                        + "] (pixels, needs finite x0 <= x1, y0 <= y1)");
            }
            double sx = (double) t.resizedWidth() / t.sourceWidth();
            double sy = (double) t.resizedHeight() / t.sourceHeight();
            scaled[4 * i] = (float) (x0 * sx + t.offsetX());
            scaled[4 * i + 1] = (float) (y0 * sy + t.offsetY());
            scaled[4 * i + 2] = (float) (x1 * sx + t.offsetX());
            scaled[4 * i + 3] = (float) (y1 * sy + t.offsetY());
        }
        List<OnnxTensor> owned = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            OnnxTensor emb = decoder.floatTensor(embedding.embeddings().data(), embedding.embeddings().shape());
            owned.add(emb);
            feeds.put("image_embeddings", emb);
            OnnxTensor pos = decoder.floatTensor(embedding.positional().data(), embedding.positional().shape());
            owned.add(pos);
            feeds.put("image_positional_embeddings", pos);
            if (boxesInput) {
                OnnxTensor b = decoder.floatTensor(scaled, 1, n, 4);
                owned.add(b);
                feeds.put("input_boxes", b);
            }
            if (pointsInput) {
                long[] labels = new long[2 * n];
                for (int i = 0; i < n; i++) {
                    labels[2 * i] = 2; // top-left corner
                    labels[2 * i + 1] = 3; // bottom-right corner
                }
                OnnxTensor p = decoder.floatTensor(scaled, 1, n, 2, 2);
                OnnxTensor l = decoder.longTensor(labels, 1, n, 2);
                owned.add(p);
                owned.add(l);
                feeds.put("input_points", p);
                feeds.put("input_labels", l);
            }
            try (OrtSession.Result r = decoder.run(feeds)) {
                return postprocess(decoder.floatOutput(r, "pred_masks"), decoder.floatOutput(r, "iou_scores"), n, t);
            }
        } finally {
            owned.forEach(OnnxTensor::close);
        }
    }

    private List<ObjectMask> postprocess(FloatTensor masks, FloatTensor iou, int n, ImageTensor t) {
        if (masks.rank() != 5 || masks.dim(0) != 1 || masks.dim(1) != n) {
            throw new ModelException(decoder.file() + ": pred_masks has shape " + java.util.Arrays.toString(masks.shape())
                    + "; expected [1, " + n + ", k, h, w]");
        }
        int k = masks.dim(2);
        if (iou.data().length != n * k) {
            throw new ModelException(decoder.file() + ": iou_scores has shape " + java.util.Arrays.toString(iou.shape())
                    + "; expected [1, " + n + ", " + k + "]");
        }
        int h = masks.dim(3);
        int w = masks.dim(4);
        List<ObjectMask> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (iou.data()[i * k + c] > iou.data()[i * k + best]) {
                    best = c;
                }
            }
            float[] low = new float[h * w];
            System.arraycopy(masks.data(), (i * k + best) * h * w, low, 0, h * w);
            float[] src = t.planeToSource(low, w, h);
            boolean[] inside = new boolean[src.length];
            for (int p = 0; p < src.length; p++) {
                inside[p] = src[p] > 0f;
            }
            out.add(new ObjectMask(t.sourceWidth(), t.sourceHeight(), inside, iou.data()[i * k + best]));
        }
        return out;
    }

    @Override
    public void close() {
        Closeables.closeAll("SAM", List.of(encoder, decoder));
    }
}
