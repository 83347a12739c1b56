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
 *          any extra inputs the caller feeds at every step (encoder_hidden_states, encoder_attention_mask)
 * outputs: logits [B, S, vocab]
 *          present.{i}.key / .value [B, kv_heads, past + S, head_dim]
 * </pre>
 *
 * Encoder-decoder exports (Florence-2) name their caches {@code past_key_values.{i}.decoder.key}
 * (self-attention, grows every step) and {@code past_key_values.{i}.encoder.key}
 * (cross-attention, computed at the first step and then reused).
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
    private static final Pattern PAST = Pattern.compile("past_key_values\\.(\\d+)\\.((?:decoder\\.|encoder\\.)?(?:key|value))");

    private final OnnxModel decoder;
    private final boolean embedsInput;
    private final String tokenInput;
    private final boolean hasMask;
    private final OptionalInt positionRank;
    private final boolean hasCacheBranch;
    /** One cache input and the output that feeds it at the next step. */
    private record CacheEntry(String past, String present, boolean encoderSide, long heads, long headDim) {
    }

    private final List<CacheEntry> cache;
    private final int layerCount;
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
        TreeMap<Integer, List<CacheEntry>> byLayer = new TreeMap<>();
        for (String name : decoder.inputNames()) {
            Matcher m = PAST.matcher(name);
            if (m.matches()) {
                int layer = Integer.parseInt(m.group(1));
                TensorSpec spec = decoder.input(name);
                if (spec.rank() != 4 || spec.isDynamic(1) || spec.isDynamic(3)) {
                    throw new ModelFormatException(decoder.file() + ": cache input " + name + " has shape "
                            + spec.dims() + "; expected [batch, kv_heads, past, head_dim] with fixed kv_heads and head_dim");
                }
                String present = decoder.requireOutput("present." + layer + "." + m.group(2));
                byLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(new CacheEntry(name, present,
                        m.group(2).startsWith("encoder."), spec.dims().get(1).getAsLong(), spec.dims().get(3).getAsLong()));
            }
        }
        if (byLayer.isEmpty()) {
            throw new ModelFormatException(decoder.file() + ": no past_key_values.{i}.key/value inputs; expected a "
                    + "decoder with a key/value cache (inputs: " + decoder.inputNames() + ")");
        }
        List<CacheEntry> entries = new ArrayList<>();
        int expected = 0;
        int perLayer = byLayer.firstEntry().getValue().size();
        for (Map.Entry<Integer, List<CacheEntry>> e : byLayer.entrySet()) {
            if (e.getKey() != expected++ || e.getValue().size() != perLayer || perLayer % 2 != 0) {
                throw new ModelFormatException(decoder.file() + ": cache inputs are incomplete at layer " + e.getKey()
                        + " (expected past_key_values.{0.." + (byLayer.size() - 1) + "}.[decoder.|encoder.]key and value)");
            }
            entries.addAll(e.getValue());
        }
        this.cache = List.copyOf(entries);
        this.layerCount = byLayer.size();
    }

    /** Number of decoder layers. */
    public int layerCount() {
        return layerCount;
    }

    /** Whether the cache has encoder (cross-attention) entries, as in encoder-decoder models like Florence-2. */
    public boolean hasCrossAttentionCache() {
        return cache.stream().anyMatch(CacheEntry::encoderSide);
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
     * @param onToken called with each generated token id as soon as it is chosen (not with the stop token); may be null
     */
    public Generation generate(long[] promptIds, GenerationSettings settings, TokenSelector selector, IntConsumer onToken) {
        if (embedsInput) {
            throw new IllegalStateException(decoder.file() + " takes inputs_embeds: use the embeddings overload");
        }
        if (promptIds.length == 0) {
            throw new IllegalArgumentException("Prompt is empty (need at least one token)");
        }
        return loop(promptIds.length, promptIds, null, 0, null, Map.of(), settings, selector, onToken);
    }

    /**
     * Generates from prompt embeddings {@code [promptLength * hidden]} (decoders taking
     * {@code inputs_embeds}); each generated token is embedded with {@code embedder}.
     */
    public Generation generate(float[] promptEmbeds, int hidden, TokenEmbedder embedder, GenerationSettings settings,
                               TokenSelector selector, IntConsumer onToken) {
        return generate(promptEmbeds, hidden, embedder, Map.of(), settings, selector, onToken);
    }

    /**
     * Generates from prompt embeddings with extra inputs fed unchanged at every step, e.g.
     * {@code encoder_hidden_states} and {@code encoder_attention_mask} of an encoder-decoder
     * model. The caller owns (and closes) the extra tensors. Cross-attention cache entries
     * ({@code past_key_values.{i}.encoder.*}) are taken from the first step's outputs and reused,
     * as the merged exports only compute them when {@code use_cache_branch} is false.
     */
    public Generation generate(float[] promptEmbeds, int hidden, TokenEmbedder embedder, Map<String, OnnxTensor> extraFeeds,
                               GenerationSettings settings, TokenSelector selector, IntConsumer onToken) {
        if (!embedsInput) {
            throw new IllegalStateException(decoder.file() + " takes input_ids: use the token-id overload");
        }
        if (hidden < 1 || promptEmbeds.length == 0 || promptEmbeds.length % hidden != 0) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Prompt embeddings have " + promptEmbeds.length
                    + " values, not a non-zero multiple of hidden size " + hidden);
        }
        return loop(promptEmbeds.length / hidden, null, promptEmbeds, hidden, embedder, extraFeeds, settings, selector,
                onToken);
    }

    /**
     * Explicit position ids for models whose positions are not simply 0, 1, 2, ... (Qwen2-VL's
     * M-RoPE gives image tokens 2-D positions).
     *
     * @param prompt position ids of the prompt, {@code rows x S} row-major ({@code rows} = 3 for
     *               {@code [3, B, S]} graphs, 1 for {@code [B, S]})
     * @param delta  added to the cache length to get the position of each generated token
     *               (Qwen2-VL's {@code rope_deltas}: max prompt position + 1 - S)
     */
    public record PositionIds(long[] prompt, long delta) {
    }

    /** As {@link #generate(float[], int, TokenEmbedder, Map, GenerationSettings, TokenSelector, IntConsumer)} with explicit positions. */
    public Generation generate(float[] promptEmbeds, int hidden, TokenEmbedder embedder, Map<String, OnnxTensor> extraFeeds,
                               PositionIds positions, GenerationSettings settings, TokenSelector selector,
                               IntConsumer onToken) {
        if (!embedsInput) {
            throw new IllegalStateException(decoder.file() + " takes input_ids: use the token-id overload");
        }
        if (positionRank.isEmpty()) {
            throw new IllegalStateException(decoder.file() + " has no position_ids input");
        }
        if (hidden < 1 || promptEmbeds.length == 0 || promptEmbeds.length % hidden != 0) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Prompt embeddings have " + promptEmbeds.length
                    + " values, not a non-zero multiple of hidden size " + hidden);
        }
        int rows = positionRank.getAsInt() == 3 ? 3 : 1;
        int length = promptEmbeds.length / hidden;
        if (positions.prompt().length != rows * length) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Prompt positions have "
                    + positions.prompt().length + " values; expected " + rows + " x " + length);
        }
        return loop(length, null, promptEmbeds, hidden, embedder, extraFeeds, positions, settings, selector, onToken);
    }

    private Generation loop(int promptLength, long[] ids, float[] embeds, int hidden, TokenEmbedder embedder,
                            Map<String, OnnxTensor> extraFeeds, GenerationSettings settings, TokenSelector selector,
                            IntConsumer onToken) {
        return loop(promptLength, ids, embeds, hidden, embedder, extraFeeds, null, settings, selector, onToken);
    }

    private Generation loop(int promptLength, long[] ids, float[] embeds, int hidden, TokenEmbedder embedder,
                            Map<String, OnnxTensor> extraFeeds, PositionIds positions, GenerationSettings settings,
                            TokenSelector selector, IntConsumer onToken) {
        List<OnnxTensor> emptyCache = new ArrayList<>();
        OrtSession.Result first = null;
        OrtSession.Result previous = null;
        long[] out = new long[settings.maxNewTokens()];
        int produced = 0;
        try {
            Map<String, OnnxTensor> past = new HashMap<>();
            for (CacheEntry e : cache) {
                OnnxTensor t = decoder.floatTensor(new float[0], 1, e.heads(), 0, e.headDim());
                emptyCache.add(t);
                past.put(e.past(), t);
            }
            int pastLength = 0;
            int stepLength = promptLength;
            long[] stepIds = ids;
            float[] stepEmbeds = embeds;
            while (true) {
                OrtSession.Result result = step(pastLength, stepLength, stepIds, stepEmbeds, hidden, past, extraFeeds,
                        positions);
                if (first == null) {
                    first = result; // kept open: its cross-attention cache is reused at every step
                } else if (previous != first && previous != null) {
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
                pastLength += stepLength;
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
                past = nextPast(result, first);
            }
        } finally {
            if (previous != null && previous != first) {
                previous.close();
            }
            if (first != null) {
                first.close();
            }
            for (OnnxTensor t : emptyCache) {
                t.close();
            }
        }
    }

    /** Self-attention entries from the latest result, cross-attention entries from the first. */
    private Map<String, OnnxTensor> nextPast(OrtSession.Result latest, OrtSession.Result first) {
        Map<String, OnnxTensor> next = new HashMap<>();
        for (CacheEntry e : cache) {
            OrtSession.Result from = e.encoderSide() ? first : latest;
            OnnxValue v = from.get(e.present()).orElseThrow(() -> new ModelException(decoder.file()
                    + ": output " + e.present() + " missing from the result"));
            if (!(v instanceof OnnxTensor t)) {
                throw new ModelException(decoder.file() + ": output " + e.present() + " is not a tensor");
            }
            next.put(e.past(), t);
        }
        return next;
    }

    private OrtSession.Result step(int past, int length, long[] ids, float[] embeds, int hidden,
                                   Map<String, OnnxTensor> cacheFeeds, Map<String, OnnxTensor> extraFeeds,
                                   PositionIds positions) {
        List<OnnxTensor> owned = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feeds = new HashMap<>(cacheFeeds);
            feeds.putAll(extraFeeds);
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
                long[] pos;
                if (positions != null && past == 0) {
                    pos = positions.prompt();
                } else {
                    long delta = positions == null ? 0 : positions.delta();
                    pos = new long[rows * length];
                    for (int r = 0; r < rows; r++) {
                        for (int i = 0; i < length; i++) {
                            pos[r * length + i] = past + i + delta;
                        }
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
