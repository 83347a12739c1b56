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

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SmolVLM (Idefics3 architecture; Marafioti et al. 2025) over three graphs in the
 * transformers.js layout:
 *
 * <pre>
 * onnx/vision_encoder.onnx        pixel_values [1, N, 3, M, M], pixel_attention_mask [1, N, M, M] (bool)
 *                                 -> image_features [N, T, hidden]
 * onnx/embed_tokens.onnx          input_ids [1, S] -> inputs_embeds [1, S, hidden]
 * onnx/decoder_model_merged.onnx  see {@link KvCacheDecoder}
 * </pre>
 *
 * The image becomes N frames ({@link Idefics3Images}); the prompt holds T image tokens per
 * frame, framed by the tile markers the model was trained with; the embedded prompt gets the
 * frames' features spliced in at the image-token positions, in order; the decoder then runs with
 * a key/value cache until {@code eos_token_id} ({@code <end_of_utterance>}).
 * T = (image_size / patch_size)^2 / scale_factor^2 from config.json (64 for 512-px tiles).
 *
 * <p>Thread-safe for concurrent calls; holds three sessions and a tokenizer: close it.
 */
public final class SmolVlm implements VisionLanguageModel {
    static final String IMAGE = "<image>";
    static final String FAKE = "<fake_token_around_image>";
    static final String GLOBAL = "<global-img>";

    private final VisionTextGraphs graphs;
    private final OnnxModel vision;
    private final EmbedTokens embedder;
    private final KvCacheDecoder decoder;
    private final TextTokenizer tokenizer;
    private final Idefics3Images images;
    private final GenerationSettings defaults;
    private final long imageTokenId;
    private final int tokensPerFrame;

    /** Loads the graphs, tokenizer, config.json, generation_config.json and preprocessor_config.json of {@code dir}. */
    public SmolVlm(ModelDirectory dir, SessionSettings settings) {
        JsonConfig config = dir.config();
        this.imageTokenId = config.integer("image_token_id").orElseThrow(() -> new ModelFormatException(
                config.file().toAbsolutePath() + ": missing field 'image_token_id' (expected the id of " + IMAGE + ")"));
        int scale = config.integer("scale_factor").orElse(1);
        var vc = config.node("vision_config").orElseThrow(() -> new ModelFormatException(config.file().toAbsolutePath()
                + ": missing field 'vision_config' (expected image_size and patch_size)"));
        int imageSize = vc.path("image_size").asInt(0);
        int patch = vc.path("patch_size").asInt(0);
        if (imageSize < 1 || patch < 1 || scale < 1 || imageSize % patch != 0 || (imageSize / patch) % scale != 0) {
            throw config.bad("vision_config", "image_size and patch_size >= 1 with image_size / patch_size divisible by "
                    + "scale_factor " + scale, vc);
        }
        int side = imageSize / patch / scale;
        this.tokensPerFrame = side * side;
        this.images = new Idefics3Images(dir.preprocessorConfig());
        if (images.tileSize() != imageSize) {
            throw new ModelFormatException(dir.path().resolve("preprocessor_config.json") + ": max_image_size.longest_edge "
                    + images.tileSize() + " differs from vision_config.image_size " + imageSize + " in config.json");
        }
        this.defaults = GenerationSettings.from(dir);
        this.graphs = VisionTextGraphs.open(dir, settings);
        this.vision = graphs.vision();
        this.embedder = graphs.embedder();
        this.decoder = graphs.decoder();
        this.tokenizer = graphs.tokenizer();
    }

    /** Image tokens per frame (T). */
    public int tokensPerFrame() {
        return tokensPerFrame;
    }

    @Override
    public GenerationSettings defaultSettings() {
        return defaults;
    }

    /**
     * The image part of the prompt for a {@code rows x cols} tile grid ({@code 0 x 0}: global view only),
     * as Idefics3's processor writes it.
     */
    public static String imagePrompt(int rows, int cols, int tokensPerFrame) {
        if (rows < 0 || cols < 0 || (rows == 0) != (cols == 0) || tokensPerFrame < 1) {
            throw new IllegalArgumentException("Invalid image grid " + rows + "x" + cols + " with " + tokensPerFrame
                    + " tokens per frame (rows and cols both 0 or both >= 1; tokens >= 1)");
        }
        String tokens = IMAGE.repeat(tokensPerFrame);
        StringBuilder sb = new StringBuilder();
        if (rows > 0) {
            for (int r = 1; r <= rows; r++) {
                for (int c = 1; c <= cols; c++) {
                    sb.append(FAKE).append("<row_").append(r).append("_col_").append(c).append('>').append(tokens);
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        return sb.append(FAKE).append(GLOBAL).append(tokens).append(FAKE).toString();
    }

    /** One user turn with the image before the question, then the assistant's cue (SmolVLM's chat format). */
    public static String chatPrompt(String imagePrompt, String question) {
        return "<|im_start|>User:" + imagePrompt + question + "<end_of_utterance>\nAssistant:";
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
        Idefics3Images.Frames frames = images.frames(image);
        int n = frames.pixels().size();
        int m = images.tileSize();
        float[] pixels = new float[n * 3 * m * m];
        for (int f = 0; f < n; f++) {
            System.arraycopy(frames.pixels().get(f), 0, pixels, f * 3 * m * m, 3 * m * m);
        }
        FloatTensor features;
        try (OnnxTensor pv = vision.floatTensor(pixels, 1, n, 3, m, m)) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            feeds.put("pixel_values", pv);
            OnnxTensor mask = null;
            if (vision.findInput("pixel_attention_mask").isPresent()) {
                boolean[] all = new boolean[n * m * m];
                java.util.Arrays.fill(all, true);
                mask = vision.booleanTensor(all, 1, n, m, m);
                feeds.put("pixel_attention_mask", mask);
            }
            try (OrtSession.Result r = vision.run(feeds)) {
                features = vision.floatOutput(r, "image_features");
            } finally {
                if (mask != null) {
                    mask.close();
                }
            }
        }
        long[] ids = tokenizer.encode(chatPrompt(imagePrompt(frames.rows(), frames.cols(), tokensPerFrame), question));
        float[] embeds = embedder.embed(ids);
        int hidden = embeds.length / ids.length;
        splice(ids, embeds, hidden, features);
        TextStreamer streamer = onText == null ? null : new TextStreamer(tokenizer, onText);
        Generation g = decoder.generate(embeds, hidden, embedder, settings, TokenSelector.of(settings, seed), streamer);
        return new Answer(tokenizer.decode(g.tokens(), true).trim(), g);
    }

    private void splice(long[] ids, float[] embeds, int hidden, FloatTensor features) {
        if (features.rank() != 3 || features.dim(2) != hidden) {
            throw new ModelException(vision.file() + ": image_features has shape " + java.util.Arrays.toString(features.shape())
                    + "; expected [frames, tokens, " + hidden + "]");
        }
        FeatureSplice.splice(ids, imageTokenId, IMAGE, embeds, hidden, features.data());
    }

    @Override
    public void close() {
        graphs.close();
    }
}
