package io.github.spatialvlm4j.vlm.clip;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.image.ImagePreprocessor;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.model.Closeables;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.model.TextTokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A contrastive image-text model, CLIP (Radford et al. 2021) or SigLIP (Zhai et al. 2023), as
 * two ONNX towers: {@code onnx/vision_model.onnx} ({@code pixel_values} to
 * {@code image_embeds} or {@code pooler_output}) and {@code onnx/text_model.onnx}
 * ({@code input_ids}, optional {@code attention_mask}, to {@code text_embeds} or
 * {@code pooler_output}). Embeddings are returned L2-normalised, so a dot product is the
 * cosine similarity.
 *
 * <p>Text batching follows the family: CLIP pads to the longest text of the batch (with an
 * attention mask), SigLIP pads every text to {@code text_config.max_position_embeddings}
 * (64), as it was trained. Texts longer than that limit are truncated (the last token kept).
 * Pad id: {@code text_config.pad_token_id}, else 0.
 *
 * <p>Thread-safe for concurrent calls; holds two sessions and a tokenizer: close it.
 */
public final class ClipModel implements AutoCloseable {
    private final OnnxModel vision;
    private final OnnxModel text;
    private final TextTokenizer tokenizer;
    private final ImagePreprocessor preprocessor;
    private final boolean siglip;
    private final int maxTokens;
    private final long padId;
    private final String pixelInput;
    private final String imageOutput;
    private final String idsInput;
    private final String textOutput;
    private final boolean hasMask;

    /**
     * Loads the towers, {@code tokenizer.json}, {@code config.json} and {@code preprocessor_config.json} of {@code dir}.
     *
     * @throws io.github.spatialvlm4j.vlm.model.ModelFormatException naming the file when one is missing or malformed
     */
    public ClipModel(ModelDirectory dir, SessionSettings settings) {
        JsonConfig config = dir.config();
        this.siglip = config.string("model_type").orElse("clip").toLowerCase(Locale.ROOT).contains("siglip");
        var textConfig = config.node("text_config");
        this.maxTokens = textConfig.map(n -> n.path("max_position_embeddings").asInt(siglip ? 64 : 77)).orElse(siglip ? 64 : 77);
        this.padId = textConfig.map(n -> n.path("pad_token_id").asLong(0)).orElse(0L);
        if (maxTokens < 2) {
            throw config.bad("text_config.max_position_embeddings", "an integer >= 2", textConfig.get());
        }
        this.preprocessor = ImagePreprocessor.from(dir.preprocessorConfig());
        OnnxModel v = null;
        OnnxModel t = null;
        TextTokenizer tok = null;
        try {
            v = OnnxModel.load(dir.onnx("vision_model"), settings);
            t = OnnxModel.load(dir.onnx("text_model"), settings);
            tok = TextTokenizer.open(dir);
            this.pixelInput = v.requireInput("pixel_values");
            this.imageOutput = v.requireOutput("image_embeds", "pooler_output");
            this.idsInput = t.requireInput("input_ids");
            this.textOutput = t.requireOutput("text_embeds", "pooler_output");
            this.hasMask = t.findInput("attention_mask").isPresent();
        } catch (RuntimeException e) {
            Closeables.closeAfterFailure(e, java.util.Arrays.asList(v, t, tok));
            throw e;
        }
        this.vision = v;
        this.text = t;
        this.tokenizer = tok;
    }

    /** Whether this is a SigLIP model (fixed-length text, sigmoid training). */
    public boolean isSiglip() {
        return siglip;
    }

    /** The L2-normalised embedding of {@code image}. */
    public float[] embedImage(RgbImage image) {
        ImageTensor t = preprocessor.preprocess(image);
        try (OnnxTensor x = vision.floatTensor(t.data(), t.batchShape());
             OrtSession.Result r = vision.run(Map.of(pixelInput, x))) {
            return normalizedRows(vision.floatOutput(r, imageOutput), 1, vision)[0];
        }
    }

    /** L2-normalised embeddings of {@code texts}, one row per text, in order. Empty list gives no rows. */
    public float[][] embedTexts(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        long[][] ids = new long[texts.size()][];
        int longest = 1;
        for (int i = 0; i < ids.length; i++) {
            long[] e = tokenizer.encode(texts.get(i));
            if (e.length > maxTokens) {
                long last = e[e.length - 1];
                e = java.util.Arrays.copyOf(e, maxTokens);
                e[maxTokens - 1] = last;
            }
            ids[i] = e;
            longest = Math.max(longest, e.length);
        }
        int len = siglip ? maxTokens : longest;
        long[] flat = new long[ids.length * len];
        long[] mask = new long[ids.length * len];
        java.util.Arrays.fill(flat, padId);
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < ids[i].length; j++) {
                flat[i * len + j] = ids[i][j];
                mask[i * len + j] = 1;
            }
        }
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try (OnnxTensor idT = text.longTensor(flat, ids.length, len);
             OnnxTensor maskT = text.longTensor(mask, ids.length, len)) {
            feeds.put(idsInput, idT);
            if (hasMask) {
                feeds.put("attention_mask", maskT);
            }
            try (OrtSession.Result r = text.run(feeds)) {
                return normalizedRows(text.floatOutput(r, textOutput), ids.length, text);
            }
        }
    }

    private static float[][] normalizedRows(FloatTensor t, int rows, OnnxModel m) {
        if (t.rank() != 2 || t.dim(0) != rows) {
            throw new ModelException(m.file() + ": embedding output has shape " + java.util.Arrays.toString(t.shape())
                    + "; expected [" + rows + ", dim]");
        }
        int d = t.dim(1);
        float[][] out = new float[rows][d];
        for (int i = 0; i < rows; i++) {
            double n = 0;
            for (int j = 0; j < d; j++) {
                float v = t.data()[i * d + j];
                out[i][j] = v;
                n += (double) v * v;
            }
            if (!(n > 0) || !Double.isFinite(n)) {
                throw new ModelException(m.file() + ": embedding " + i + " has norm " + Math.sqrt(n)
                        + " (must be finite and > 0 to normalise)");
            }
            float inv = (float) (1.0 / Math.sqrt(n));
            for (int j = 0; j < d; j++) {
                out[i][j] *= inv;
            }
        }
        return out;
    }

    /** Cosine similarity of two embeddings of equal length, in [-1, 1]. O(d). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Embeddings have lengths " + a.length
                    + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            throw new IllegalArgumentException("Cosine similarity of a zero vector is undefined");
        }
        return dot / Math.sqrt(na * nb);
    }

    /**
     * The symmetric cosine-similarity matrix of {@code rows} ({@code sim[i * n + j]}, row-major,
     * ones on the diagonal), e.g. of caption embeddings for ambiguity removal (the disambiguate
     * stage, docs/ARCHITECTURE.md, "Stages"). O(n^2 d).
     */
    public static double[] similarityMatrix(float[][] rows) {
        int n = rows.length;
        double[] sim = new double[n * n];
        for (int i = 0; i < n; i++) {
            sim[i * n + i] = 1.0;
            for (int j = i + 1; j < n; j++) {
                double c = cosine(rows[i], rows[j]);
                sim[i * n + j] = c;
                sim[j * n + i] = c;
            }
        }
        return sim;
    }

    @Override
    public void close() {
        Closeables.closeAll("the CLIP model", List.of(vision, text, tokenizer));
    }
}
