package io.github.spatialvlm4j.vlm.florence;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.generate.EmbedTokens;
import io.github.spatialvlm4j.vlm.generate.Generation;
import io.github.spatialvlm4j.vlm.generate.GenerationSettings;
import io.github.spatialvlm4j.vlm.generate.KvCacheDecoder;
import io.github.spatialvlm4j.vlm.generate.TokenSelector;
import io.github.spatialvlm4j.vlm.generate.VisionTextGraphs;
import io.github.spatialvlm4j.vlm.image.ImagePreprocessor;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.model.Closeables;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.model.TextTokenizer;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/**
 * Florence-2 (Xiao et al. 2024), a vision encoder-decoder that answers task prompts with text and
 * location tokens: captions, object detection, dense region captions and phrase grounding
 * (docs/ARCHITECTURE.md, "Models"). Four graphs in the transformers.js layout:
 *
 * <pre>
 * onnx/vision_encoder.onnx        pixel_values [1, 3, H, W]            -> image_features [1, N, D]
 * onnx/embed_tokens.onnx          input_ids [1, S]                     -> inputs_embeds [1, S, D]
 * onnx/encoder_model.onnx         inputs_embeds [1, N + S, D], attention_mask -> last_hidden_state
 * onnx/decoder_model_merged.onnx  inputs_embeds, encoder_hidden_states, encoder_attention_mask,
 *                                 past_key_values.{i}.decoder|encoder.key|value, use_cache_branch
 *                                 -> logits, present.{i}.decoder|encoder.key|value
 * </pre>
 *
 * The encoder sees the image features followed by the embedded task prompt; the decoder starts
 * from {@code decoder_start_token_id} (config.json) and decodes greedily or by sampling as the
 * {@link GenerationSettings} say, stopping at {@code eos_token_id}. The task prompts are the
 * fixed phrases the model was trained on.
 *
 * <p>Thread-safe for concurrent calls; holds four sessions and a tokenizer: close it.
 */
public final class Florence2 implements AutoCloseable {

    /** Florence-2 tasks with the prompt text the model was trained with. */
    public enum Task {
        CAPTION("<CAPTION>", "What does the image describe?"),
        DETAILED_CAPTION("<DETAILED_CAPTION>", "Describe in detail what is shown in the image."),
        OBJECT_DETECTION("<OD>", "Locate the objects with category name in the image."),
        DENSE_REGION_CAPTION("<DENSE_REGION_CAPTION>", "Locate the objects in the image, with their descriptions."),
        REGION_PROPOSAL("<REGION_PROPOSAL>", "Locate the region proposals in the image."),
        PHRASE_GROUNDING("<CAPTION_TO_PHRASE_GROUNDING>", "Locate the phrases in the caption: {input}");

        private final String token;
        private final String prompt;

        Task(String token, String prompt) {
            this.token = token;
            this.prompt = prompt;
        }

        /** The task token, e.g. {@code <OD>}. */
        public String token() {
            return token;
        }

        /** The prompt text for {@code input} (only phrase grounding takes one). */
        public String prompt(String input) {
            boolean takesInput = prompt.contains("{input}");
            if (takesInput && (input == null || input.isBlank())) {
                throw new IllegalArgumentException("Task " + token + " needs an input text, got '" + input + "'");
            }
            if (!takesInput && input != null && !input.isEmpty()) {
                throw new IllegalArgumentException("Task " + token + " takes no input text, got '" + input + "'");
            }
            return takesInput ? prompt.replace("{input}", input) : prompt;
        }
    }

    private final VisionTextGraphs graphs;
    private final OnnxModel vision;
    private final EmbedTokens embedder;
    private final OnnxModel encoder;
    private final OnnxModel decoderModel;
    private final KvCacheDecoder decoder;
    private final TextTokenizer tokenizer;
    private final ImagePreprocessor preprocessor;
    private final GenerationSettings defaults;
    private final long decoderStart;

    /** Loads the four graphs, tokenizer, configs and preprocessor config of {@code dir}. */
    public Florence2(ModelDirectory dir, SessionSettings settings) {
        JsonConfig config = dir.config();
        this.decoderStart = startToken(config);
        this.defaults = GenerationSettings.from(dir);
        this.preprocessor = ImagePreprocessor.from(dir.preprocessorConfig());
        this.graphs = VisionTextGraphs.open(dir, settings, "encoder_model");
        this.vision = graphs.vision();
        this.embedder = graphs.embedder();
        this.encoder = graphs.extra("encoder_model");
        this.decoderModel = graphs.decoderModel();
        this.decoder = graphs.decoder();
        this.tokenizer = graphs.tokenizer();
        try {
            encoder.requireInput("inputs_embeds");
            encoder.requireInput("attention_mask");
            encoder.requireOutput("last_hidden_state");
            decoderModel.requireInput("encoder_hidden_states");
            decoderModel.requireInput("encoder_attention_mask");
        } catch (RuntimeException e) {
            Closeables.closeAfterFailure(e, List.of(graphs));
            throw e;
        }
    }

    private static long startToken(JsonConfig config) {
        OptionalInt top = config.integer("decoder_start_token_id");
        if (top.isPresent()) {
            return top.getAsInt();
        }
        var text = config.node("text_config").map(n -> n.get("decoder_start_token_id"));
        if (text.isPresent() && text.get() != null && text.get().isIntegralNumber()) {
            return text.get().longValue();
        }
        throw new ModelFormatException(config.file().toAbsolutePath() + ": missing field 'decoder_start_token_id' "
                + "(expected an integer at the top level or in text_config)");
    }

    /** The generation settings read from the model directory. */
    public GenerationSettings defaultSettings() {
        return defaults;
    }

    /**
     * Runs {@code task} on {@code image} and returns the generated text with special and
     * location tokens kept (what {@link LocationTokens#parse} reads).
     *
     * @param input    the task's input text (phrase grounding), else null or empty
     * @param seed     seed of the sampler when {@code settings} sample
     * @param onToken  called with each generated token id; may be null
     */
    public String generate(RgbImage image, Task task, String input, GenerationSettings settings, long seed,
                           IntConsumer onToken) {
        long[] promptIds = tokenizer.encode(task.prompt(input));
        ImageTensor t = preprocessor.preprocess(image);
        FloatTensor features;
        try (OnnxTensor x = vision.floatTensor(t.data(), t.batchShape());
             OrtSession.Result r = vision.run(Map.of("pixel_values", x))) {
            features = vision.floatOutput(r, "image_features");
        }
        FloatTensor prompt = embedder.tensor(promptIds);
        if (features.rank() != 3 || features.dim(0) != 1 || features.dim(2) != prompt.dim(2)) {
            throw new ModelException(vision.file() + ": image_features has shape "
                    + java.util.Arrays.toString(features.shape()) + "; expected [1, N, " + prompt.dim(2) + "]");
        }
        int hidden = prompt.dim(2);
        int n = features.dim(1) + prompt.dim(1);
        float[] joined = new float[n * hidden];
        System.arraycopy(features.data(), 0, joined, 0, features.data().length);
        System.arraycopy(prompt.data(), 0, joined, features.data().length, prompt.data().length);
        long[] mask = new long[n];
        java.util.Arrays.fill(mask, 1L);
        FloatTensor encoded;
        try (OnnxTensor e = encoder.floatTensor(joined, 1, n, hidden);
             OnnxTensor m = encoder.longTensor(mask, 1, n);
             OrtSession.Result r = encoder.run(Map.of("inputs_embeds", e, "attention_mask", m))) {
            encoded = encoder.floatOutput(r, "last_hidden_state");
        }
        Generation g;
        try (OnnxTensor states = decoderModel.floatTensor(encoded.data(), encoded.shape());
             OnnxTensor encMask = decoderModel.longTensor(mask, 1, n)) {
            float[] start = embedder.embed(new long[] {decoderStart});
            g = decoder.generate(start, hidden, embedder,
                    Map.of("encoder_hidden_states", states, "encoder_attention_mask", encMask),
                    settings, TokenSelector.of(settings, seed), onToken);
        }
        return tokenizer.decode(g.tokens(), false);
    }

    /** Boxes and labels for a region task (detection, dense captions, proposals, grounding), greedy, default settings. */
    public LocationTokens.Parsed regions(RgbImage image, Task task, String input) {
        if (task == Task.CAPTION || task == Task.DETAILED_CAPTION) {
            throw new IllegalArgumentException("Task " + task.token() + " produces no regions; use caption()");
        }
        String text = generate(image, task, input, defaults.withSampling(false), 0L, null);
        return LocationTokens.parse(text, image.width(), image.height());
    }

    /** A short caption of the whole image, greedy, without special tokens. */
    public String caption(RgbImage image) {
        String text = generate(image, Task.CAPTION, null, defaults.withSampling(false), 0L, null);
        return text.replaceAll("</?s>|<pad>", "").trim();
    }

    @Override
    public void close() {
        graphs.close();
    }
}
