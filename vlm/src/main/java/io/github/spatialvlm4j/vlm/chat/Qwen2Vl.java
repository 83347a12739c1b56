package io.github.spatialvlm4j.vlm.chat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.generate.EmbedTokens;
import io.github.spatialvlm4j.vlm.generate.Generation;
import io.github.spatialvlm4j.vlm.generate.GenerationSettings;
import io.github.spatialvlm4j.vlm.generate.KvCacheDecoder;
import io.github.spatialvlm4j.vlm.generate.TokenSelector;
import io.github.spatialvlm4j.vlm.generate.VisionTextGraphs;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.model.TextTokenizer;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Qwen2-VL (Wang et al. 2024) over three graphs in the transformers.js layout:
 *
 * <pre>
 * onnx/vision_encoder.onnx        pixel_values [patches, 3 x T x P x P], grid_thw [1, 3] (int64)
 *                                 -> image_features [patches / merge^2, hidden]
 * onnx/embed_tokens.onnx          input_ids [1, S] -> inputs_embeds [1, S, hidden]
 * onnx/decoder_model_merged.onnx  see {@link KvCacheDecoder}; position_ids [3, 1, S]
 * </pre>
 *
 * The image becomes patches ({@link Qwen2VlImages}); the prompt holds one
 * {@code <|image_pad|>} per merged patch between {@code <|vision_start|>} and
 * {@code <|vision_end|>}; features are spliced at those tokens; positions follow M-RoPE
 * ({@link #ropeIndex}): text tokens count up on all three axes, image tokens get (time, row,
 * column) of their merged patch, and generated tokens continue after the largest position.
 *
 * <p>Thread-safe for concurrent calls; holds three sessions and a tokenizer: close it.
 */
public final class Qwen2Vl implements VisionLanguageModel {
    static final String IMAGE_PAD = "<|image_pad|>";

    private final VisionTextGraphs graphs;
    private final OnnxModel vision;
    private final EmbedTokens embedder;
    private final KvCacheDecoder decoder;
    private final TextTokenizer tokenizer;
    private final Qwen2VlImages images;
    private final GenerationSettings defaults;
    private final long imageTokenId;

    /** Loads the graphs, tokenizer, config.json, generation_config.json and preprocessor_config.json of {@code dir}. */
    public Qwen2Vl(ModelDirectory dir, SessionSettings settings) {
        JsonConfig config = dir.config();
        this.imageTokenId = config.integer("image_token_id").orElseThrow(() -> new ModelFormatException(
                config.file().toAbsolutePath() + ": missing field 'image_token_id' (expected the id of " + IMAGE_PAD + ")"));
        this.images = new Qwen2VlImages(dir.preprocessorConfig());
        this.defaults = GenerationSettings.from(dir);
        this.graphs = VisionTextGraphs.open(dir, settings);
        this.vision = graphs.vision();
        this.embedder = graphs.embedder();
        this.decoder = graphs.decoder();
        this.tokenizer = graphs.tokenizer();
    }

    @Override
    public GenerationSettings defaultSettings() {
        return defaults;
    }

    /** One user turn with the image before the question, then the assistant's cue (Qwen2-VL's chat format). */
    public static String chatPrompt(int imageTokens, String question) {
        if (imageTokens < 1) {
            throw new IllegalArgumentException("Invalid image token count: " + imageTokens + " (must be >= 1)");
        }
        return "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n<|vision_start|>"
                + IMAGE_PAD.repeat(imageTokens) + "<|vision_end|>" + question + "<|im_end|>\n<|im_start|>assistant\n";
    }

    /**
     * M-RoPE position ids of a prompt with one image: {@code [3][S]} flattened row-major (rows:
     * time, height, width), plus the delta for generated tokens ({@code max + 1 - S}). The image
     * tokens are the consecutive run of {@code imageTokenId}; the image is one frame of
     * {@code llmGridH x llmGridW} merged patches.
     *
     * @throws IllegalArgumentException when the run of image tokens does not hold llmGridH x llmGridW tokens
     */
    public static KvCacheDecoder.PositionIds ropeIndex(long[] ids, long imageTokenId, int llmGridH, int llmGridW) {
        int s = ids.length;
        int first = -1;
        int count = 0;
        for (int i = 0; i < s; i++) {
            if (ids[i] == imageTokenId) {
                if (first < 0) {
                    first = i;
                } else if (ids[i - 1] != imageTokenId) {
                    throw new IllegalArgumentException("Image tokens are not one consecutive run (second run at " + i + ")");
                }
                count++;
            }
        }
        if (count != llmGridH * llmGridW) {
            throw new IllegalArgumentException("Prompt has " + count + " image tokens but the image grid is "
                    + llmGridH + " x " + llmGridW);
        }
        long[] pos = new long[3 * s];
        long next = 0;
        for (int i = 0; i < s; ) {
            if (i == first) {
                long base = next;
                long max = base;
                for (int k = 0; k < count; k++) {
                    int r = k / llmGridW;
                    int c = k % llmGridW;
                    pos[i + k] = base;
                    pos[s + i + k] = base + r;
                    pos[2 * s + i + k] = base + c;
                    max = Math.max(max, Math.max(base + r, base + c));
                }
                next = max + 1;
                i += count;
            } else {
                pos[i] = next;
                pos[s + i] = next;
                pos[2 * s + i] = next;
                next++;
                i++;
            }
        }
        return new KvCacheDecoder.PositionIds(pos, next - s);
    }

    @Override
    public Answer answer(RgbImage image, String question) {
        return answer(image, question, defaults.withSampling(false), 0L, null);
    }

    @Override
    public Answer answer(RgbImage image, String question, GenerationSettings settings, long seed, Consumer<String> onText) {
        if (image == null || question == null || question.isBlank()) {
            throw new IllegalArgumentException("Image and a non-blank question are required, got question '" + question + "'");
        }
        Qwen2VlImages.Patches p = images.patches(image);
        int m = images.mergeSize();
        int tokens = p.gridH() * p.gridW() / (m * m);
        FloatTensor features;
        try (OnnxTensor pv = vision.floatTensor(p.pixels(), (long) p.gridH() * p.gridW(), images.patchDim());
             OnnxTensor grid = vision.longTensor(new long[] {1, p.gridH(), p.gridW()}, 1, 3);
             OrtSession.Result r = vision.run(Map.of("pixel_values", pv, vision.requireInput("grid_thw", "image_grid_thw"), grid))) {
            features = vision.floatOutput(r, "image_features");
        }
        long[] ids = tokenizer.encode(chatPrompt(tokens, question));
        float[] embeds = embedder.embed(ids);
        int hidden = embeds.length / ids.length;
        if (features.data().length != tokens * hidden) {
            throw new ModelException(vision.file() + ": image_features has shape " + java.util.Arrays.toString(features.shape())
                    + "; expected [" + tokens + ", " + hidden + "]");
        }
        FeatureSplice.splice(ids, imageTokenId, IMAGE_PAD, embeds, hidden, features.data());
        KvCacheDecoder.PositionIds positions = ropeIndex(ids, imageTokenId, p.gridH() / m, p.gridW() / m);
        TextStreamer streamer = onText == null ? null : new TextStreamer(tokenizer, onText);
        Generation g = decoder.generate(embeds, hidden, embedder, Map.of(), positions, settings,
                TokenSelector.of(settings, seed), streamer);
        return new Answer(tokenizer.decode(g.tokens(), true).trim(), g);
    }

    @Override
    public void close() {
        graphs.close();
    }
}
