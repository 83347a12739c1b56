package io.github.spatialvlm4j.vlm.generate;

import io.github.spatialvlm4j.vlm.model.Closeables;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.model.TextTokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graphs every split vision-language export shares: {@code onnx/vision_encoder.onnx}
 * (input {@code pixel_values}, output {@code image_features}), {@code onnx/embed_tokens.onnx},
 * {@code onnx/decoder_model_merged.onnx} taking {@code inputs_embeds}, and
 * {@code tokenizer.json}, plus any extra graphs a family needs (Florence-2's
 * {@code encoder_model}). Loading validates the names and closes what was opened when a later
 * part fails. Thread-safe; close it once.
 */
public final class VisionTextGraphs implements AutoCloseable {
    private final OnnxModel vision;
    private final OnnxModel embedModel;
    private final EmbedTokens embedder;
    private final OnnxModel decoderModel;
    private final KvCacheDecoder decoder;
    private final TextTokenizer tokenizer;
    private final Map<String, OnnxModel> extras;

    private VisionTextGraphs(OnnxModel vision, OnnxModel embedModel, OnnxModel decoderModel, TextTokenizer tokenizer,
                             Map<String, OnnxModel> extras) {
        this.vision = vision;
        this.embedModel = embedModel;
        this.decoderModel = decoderModel;
        this.tokenizer = tokenizer;
        this.extras = extras;
        vision.requireInput("pixel_values");
        vision.requireOutput("image_features");
        this.embedder = new EmbedTokens(embedModel);
        this.decoder = new KvCacheDecoder(decoderModel);
        if (!decoder.takesEmbeddings()) {
            throw new ModelFormatException(decoderModel.file() + ": expected an inputs_embeds input (inputs: "
                    + decoderModel.inputNames() + ")");
        }
    }

    /**
     * Loads the shared graphs of {@code dir} and the graphs of {@code extraRoles}.
     *
     * @throws ModelFormatException naming the file when one is missing or lacks an expected tensor
     */
    public static VisionTextGraphs open(ModelDirectory dir, SessionSettings settings, String... extraRoles) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            OnnxModel vision = Closeables.track(opened, OnnxModel.load(dir.onnx("vision_encoder"), settings));
            OnnxModel embed = Closeables.track(opened, OnnxModel.load(dir.onnx("embed_tokens"), settings));
            OnnxModel decoder = Closeables.track(opened, OnnxModel.load(dir.onnx("decoder_model_merged"), settings));
            Map<String, OnnxModel> extras = new LinkedHashMap<>();
            for (String role : extraRoles) {
                extras.put(role, Closeables.track(opened, OnnxModel.load(dir.onnx(role), settings)));
            }
            TextTokenizer tokenizer = Closeables.track(opened, TextTokenizer.open(dir));
            return new VisionTextGraphs(vision, embed, decoder, tokenizer, Map.copyOf(extras));
        } catch (RuntimeException e) {
            Closeables.closeAfterFailure(e, opened);
            throw e;
        }
    }

    public OnnxModel vision() {
        return vision;
    }

    public EmbedTokens embedder() {
        return embedder;
    }

    public OnnxModel decoderModel() {
        return decoderModel;
    }

    public KvCacheDecoder decoder() {
        return decoder;
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** The extra graph loaded for {@code role}. */
    public OnnxModel extra(String role) {
        OnnxModel m = extras.get(role);
        if (m == null) {
            throw new IllegalArgumentException("No extra graph '" + role + "' was loaded (loaded: " + extras.keySet() + ")");
        }
        return m;
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(List.of(vision, embedModel, decoderModel));
        all.addAll(extras.values());
        all.add(tokenizer);
        Closeables.closeAll("the vision-language graphs", all);
    }
}
