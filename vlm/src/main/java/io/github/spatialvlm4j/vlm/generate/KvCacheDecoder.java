package io.github.spatialvlm4j.vlm.generate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;
import io.github.spatialvlm4j.vlm.model.TensorSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Autoregressive decoding over a decoder-only graph with a key/value cache, in the layout of
 * Hugging Face's merged decoder exports ({@code decoder_model_merged.onnx}):
 *
 * <pre>
 * inputs:  input_ids [B, S] (int64) or inputs_embeds [B, S, hidden] (float)
 *          attention_mask [B, past + S] (int64, optional)
 *          position_ids [B, S] or [3, B, S] (int64, optional; the 3 rows of Qwen2-VL's M-RoPE are equal for text)
 *          past_key_values.{i}.key / .value [B, kv_heads, past, head_dim] (float)
 *          use_cache_branch [1] (bool, optional)
 * outputs: logits [B, S, vocab]
 *          present.{i}.key / .value [B, kv_heads, past + S, head_dim]
 * </pre>
 *
 * Names, layer count and cache head sizes are read from the session. The first step feeds the
 * whole prompt with empty caches; each later step feeds the last token and the previous step's
 * {@code present.*} tensors (the previous result stays open until the step that consumes them
 * has run). Batch size is 1.
 *
 * <p>Thread-safety: {@link #generate} may run concurrently (each call owns its cache). Does not
 * own the {@link OnnxModel}s it is given; the caller closes them.
 */
public final class KvCacheDecoder {
    private static final Pattern PAST = Pattern.compile("past_key_values\\.(\\d+)\\.(key|value)");

    private final OnnxModel decoder;
    private final boolean embedsInput;
    private final String tokenInput;
    private final boolean hasMask;
    private final OptionalInt positionRank;
    private final boolean hasCacheBranch;
    private final List<String[]> layers; // {pastKey, pastValue, presentKey, presentValue}
    private final long[][] cacheShape; // per past input: {kvHeads, headDim}
    private final String logitsOutput;

    /**
     * @throws ModelFormatException naming the graph when its inputs or outputs do not follow the layout above
     */
    public KvCacheDecoder(OnnxModel decoder) {
        this.decoder = decoder;
        this.embedsInput = decoder.findInput("inputs_embeds").isPresent();
        this.tokenInput = decoder.requireInput("inputs_embeds", "input_ids");
        this.hasMask = decoder.findInput("attention_mask").isPresent();
        this.positionRank = decoder.findInput("position_ids").isPresent()
                ? OptionalInt.of(decoder.input("position_ids").rank()) : OptionalInt.empty();
        if (positionRank.isPresent() && positionRank.getAsInt() != 2 && positionRank.getAsInt() != 3) {
            throw new ModelFormatException(decoder.file() + ": position_ids has rank " + positionRank.getAsInt()
                    + "; expected [B, S] or [3, B, S]");
        }
        this.hasCacheBranch = decoder.findInput("use_cache_branch").isPresent();
        this.logitsOutput = decoder.requireOutput("logits");
        TreeMap<Integer, String[]> byLayer = new TreeMap<>();
        for (String name : decoder.inputNames()) {
            Matcher m = PAST.matcher(name);
            if (m.matches()) {
                int layer = Integer.parseInt(m.group(1));
                String[] l = byLayer.computeIfAbsent(layer, k -> new String[4]);
                boolean key = m.group(2).equals("key");
                l[key ? 0 : 1] = name;
                l[key ? 2 : 3] = decoder.requireOutput("present." + layer + "." + m.group(2));
            }
        }
        if (byLayer.isEmpty()) {
            throw new ModelFormatException(decoder.file() + ": no past_key_values.{i}.key/value inputs; expected a "
                    + "decoder with a key/value cache (inputs: " + decoder.inputNames() + ")");
        }
        this.layers = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        int expected = 0;
        for (Map.Entry<Integer, String[]> e : byLayer.entrySet()) {
            if (e.getKey() != expected++ || e.getValue()[0] == null || e.getValue()[1] == null) {
                throw new ModelFormatException(decoder.file() + ": cache inputs are incomplete at layer " + e.getKey()
                        + " (expected past_key_values.{0.." + (byLayer.size() - 1) + "}.key and .value)");
            }
            layers.add(e.getValue());
            for (int k = 0; k < 2; k++) {
                TensorSpec spec = decoder.input(e.getValue()[k]);
                if (spec.rank() != 4 || spec.isDynamic(1) || spec.isDynamic(3)) {
                    throw new ModelFormatException(decoder.file() + ": cache input " + spec.name() + " has shape "
                            + spec.dims() + "; expected [batch, kv_heads, past, head_dim] with fixed kv_heads and head_dim");
                }
                shapes.add(new long[] {spec.dims().get(1).getAsLong(), spec.dims().get(3).getAsLong()});
            }
        }
        this.cacheShape = shapes.toArray(new long[0][]);
    }

    /** Number of decoder layers (cache pairs). */
    public int layerCount() {
        return layers.size();
    }

    /** Whether the graph takes {@code inputs_embeds} (vision-language models) rather than {@code input_ids}. */
    public boolean takesEmbeddings() {
        return embedsInput;
    }

    /** Turns token ids into input embeddings ({@code [n * hidden]} row-major) for decoders that take {@code inputs_embeds}. */
    @FunctionalInterface
    public interface TokenEmbedder {
        /** Embeddings of {@code ids}, {@code ids.length * hidden} floats, row-major. */
        float[] embed(long[] ids);
    }

    /**
     * Generates from a prompt of token ids (decoders taking {@code input_ids}).
     *
     * @param onToken called with each generated token id as soon as it is chosen (not with the stop token)
     */
    public Generation generate(long[] promptIds, GenerationSettings settings, TokenSelector selector, IntConsumer onToken) {
        if (embedsInput) {
            throw new IllegalStateException(decoder.file() + " takes inputs_embeds: use the embeddings overload");
        }
        if (promptIds.length == 0) {
            throw new IllegalArgumentException("Prompt is empty (need at least one token)");
        }
        return loop(promptIds.length, promptIds, null, 0, null, settings, selector, onToken);
    }

    /**
     * Generates from prompt embeddings {@code [promptLength * hidden]} (decoders taking
     * {@code inputs_embeds}); each generated token is embedded with {@code embedder}.
     */
    public Generation generate(float[] promptEmbeds, int hidden, TokenEmbedder embedder, GenerationSettings settings,
                               TokenSelector selector, IntConsumer onToken) {
        if (!embedsInput) {
            throw new IllegalStateException(decoder.file() + " takes input_ids: use the token-id overload");
        }
        if (hidden < 1 || promptEmbeds.length == 0 || promptEmbeds.length % hidden != 0) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Prompt embeddings have " + promptEmbeds.length
                    + " values, not a non-zero multiple of hidden size " + hidden);
        }
        return loop(promptEmbeds.length / hidden, null, promptEmbeds, hidden, embedder, settings, selector, onToken);
    }

    private Generation loop(int promptLength, long[] ids, float[] embeds, int hidden, TokenEmbedder embedder,
                            GenerationSettings settings, TokenSelector selector, IntConsumer onToken) {
        List<OnnxTensor> emptyCache = new ArrayList<>();
        OrtSession.Result previous = null;
        long[] out = new long[settings.maxNewTokens()];
        int produced = 0;
        try {
            Map<String, OnnxTensor> cache = new HashMap<>();
            for (int l = 0; l < layers.size(); l++) {
                for (int k = 0; k < 2; k++) {
                    long[] hs = cacheShape[2 * l + k];
                    OnnxTensor t = decoder.floatTensor(new float[0], 1, hs[0], 0, hs[1]);
                    emptyCache.add(t);
                    cache.put(layers.get(l)[k], t);
                }
            }
            int past = 0;
            int stepLength = promptLength;
            long[] stepIds = ids;
            float[] stepEmbeds = embeds;
            while (true) {
                OrtSession.Result result = step(past, stepLength, stepIds, stepEmbeds, hidden, cache);
                if (previous != null) {
                    previous.close();
                }
                previous = result;
                FloatTensor logits = decoder.floatOutput(result, logitsOutput);
                if (logits.rank() != 3 || logits.dim(0) != 1 || logits.dim(1) != stepLength) {
                    throw new ModelException(decoder.file() + ": logits have shape " + java.util.Arrays.toString(logits.shape())
                            + "; expected [1, " + stepLength + ", vocab]");
                }
                int vocab = logits.dim(2);
                int next = selector.select(logits.data(), (stepLength - 1) * vocab, vocab);
                if (settings.stopTokenIds().contains(next)) {
                    return new Generation(java.util.Arrays.copyOf(out, produced), Generation.StopReason.STOP_TOKEN,
                            OptionalInt.of(next));
                }
                out[produced++] = next;
                if (onToken != null) {
                    onToken.accept(next);
                }
                if (produced == settings.maxNewTokens()) {
                    return new Generation(out, Generation.StopReason.MAX_NEW_TOKENS, OptionalInt.empty());
                }
                past += stepLength;
                stepLength = 1;
                if (embedsInput) {
                    stepEmbeds = embedder.embed(new long[] {next});
                    if (stepEmbeds.length != hidden) {
                        throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Token embedding has "
                                + stepEmbeds.length + " values; expected hidden size " + hidden);
                    }
                } else {
                    stepIds = new long[] {next};
                }
                cache = presentAsPast(result);
            }
        } finally {
            if (previous != null) {
                previous.close();
            }
            for (OnnxTensor t : emptyCache) {
                t.close();
            }
        }
    }

    private Map<String, OnnxTensor> presentAsPast(OrtSession.Result result) {
        Map<String, OnnxTensor> cache = new HashMap<>();
        for (String[] l : layers) {
            for (int k = 0; k < 2; k++) {
                String name = l[2 + k];
                OnnxValue v = result.get(name).orElseThrow(() -> new ModelException(decoder.file()
                        + ": output " + name + " missing from the result"));
                if (!(v instanceof OnnxTensor t)) {
                    throw new ModelException(decoder.file() + ": output " + l[2 + k] + " is not a tensor");
                }
                cache.put(l[k], t);
            }
        }
        return cache;
    }

    private OrtSession.Result step(int past, int length, long[] ids, float[] embeds, int hidden,
                                   Map<String, OnnxTensor> cache) {
        List<OnnxTensor> owned = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feeds = new HashMap<>(cache);
            OnnxTensor tokens = embedsInput ? decoder.floatTensor(embeds, 1, length, hidden)
                    : decoder.longTensor(ids, 1, length);
            owned.add(tokens);
            feeds.put(tokenInput, tokens);
            if (hasMask) {
                long[] mask = new long[past + length];
                java.util.Arrays.fill(mask, 1L);
                OnnxTensor m = decoder.longTensor(mask, 1, past + length);
                owned.add(m);
                feeds.put("attention_mask", m);
            }
            if (positionRank.isPresent()) {
                int rows = positionRank.getAsInt() == 3 ? 3 : 1;
                long[] pos = new long[rows * length];
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < length; i++) {
                        pos[r * length + i] = past + i;
                    }
                }
                OnnxTensor p = rows == 3 ? decoder.longTensor(pos, 3, 1, length) : decoder.longTensor(pos, 1, length);
                owned.add(p);
                feeds.put("position_ids", p);
            }
            if (hasCacheBranch) {
                OnnxTensor b = decoder.booleanTensor(past > 0);
                owned.add(b);
                feeds.put("use_cache_branch", b);
            }
            return decoder.run(feeds);
        } finally {
            for (OnnxTensor t : owned) {
                t.close();
            }
        }
    }
}
