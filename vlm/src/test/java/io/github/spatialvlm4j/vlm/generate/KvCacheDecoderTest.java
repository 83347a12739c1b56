package io.github.spatialvlm4j.vlm.generate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.OnnxModel;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.testing.OnnxGraph;
import io.github.spatialvlm4j.vlm.testing.RiggedDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class KvCacheDecoderTest {
    private static final SessionSettings CPU = SessionSettings.cpu(1);
    private static final int EOS = 2;
    /** 5 -> 7 -> 3 -> 6 -> EOS; every other token -> 8 -> 8 ... */
    private static final int[] NEXT = {8, 8, 8, 6, 8, 7, EOS, 3, 8, 8};

    @TempDir
    Path tmp;

    private OnnxModel load(OnnxGraph g, String name) throws IOException {
        return OnnxModel.load(g.write(tmp.resolve("onnx/" + name + ".onnx")), CPU);
    }

    @Test
    void greedyLoopEmitsTheRiggedSequenceThenStopsAtEos() throws IOException {
        try (OnnxModel m = load(RiggedDecoder.build(NEXT, false, false), "decoder_model_merged")) {
            KvCacheDecoder d = new KvCacheDecoder(m);
            assertEquals(RiggedDecoder.LAYERS, d.layerCount());
            assertFalse(d.takesEmbeddings());
            List<Integer> streamed = new ArrayList<>();
            Generation g = d.generate(new long[] {1, 4, 5}, GenerationSettings.greedy(20, Set.of(EOS)),
                    TokenSelector.greedy(), streamed::add);
            assertArrayEquals(new long[] {7, 3, 6}, g.tokens());
            assertEquals(Generation.StopReason.STOP_TOKEN, g.reason());
            assertEquals(OptionalInt.of(EOS), g.stopToken());
            assertEquals(List.of(7, 3, 6), streamed);
        }
    }

    @Test
    void tokenBudgetEndsGeneration() throws IOException {
        try (OnnxModel m = load(RiggedDecoder.build(NEXT, false, false), "decoder_model_merged")) {
            Generation g = new KvCacheDecoder(m).generate(new long[] {5}, GenerationSettings.greedy(2, Set.of(EOS)),
                    TokenSelector.greedy(), null);
            assertArrayEquals(new long[] {7, 3}, g.tokens());
            assertEquals(Generation.StopReason.MAX_NEW_TOKENS, g.reason());
            // Without stop tokens the chain 0 -> 8 -> 8 runs to the budget.
            Generation h = new KvCacheDecoder(m).generate(new long[] {0}, GenerationSettings.greedy(5, Set.of()),
                    TokenSelector.greedy(), null);
            assertArrayEquals(new long[] {8, 8, 8, 8, 8}, h.tokens());
        }
    }

    @Test
    void riggedGraphDetectsWrongBookkeeping() throws IOException {
        // The self-check is live: feed positions that disagree with the cache and WRONG wins.
        try (OnnxModel m = load(RiggedDecoder.build(NEXT, false, false), "decoder_model_merged")) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            List<OnnxTensor> all = new ArrayList<>();
            all.add(m.longTensor(new long[] {5}, 1, 1));
            feeds.put("input_ids", all.get(0));
            all.add(m.longTensor(new long[] {1}, 1, 1));
            feeds.put("attention_mask", all.get(1));
            all.add(m.longTensor(new long[] {3}, 1, 1)); // should be 0: no past
            feeds.put("position_ids", all.get(2));
            for (int l = 0; l < RiggedDecoder.LAYERS; l++) {
                for (String kv : new String[] {"key", "value"}) {
                    OnnxTensor t = m.floatTensor(new float[0], 1, 1, 0, 2);
                    all.add(t);
                    feeds.put("past_key_values." + l + "." + kv, t);
                }
            }
            all.add(m.booleanTensor(false));
            feeds.put("use_cache_branch", all.get(all.size() - 1));
            try (OrtSession.Result r = m.run(feeds)) {
                FloatTensor logits = m.floatOutput(r, "logits");
                assertEquals(RiggedDecoder.WRONG, TokenSelector.greedy().select(logits.data(), 0, RiggedDecoder.VOCAB));
            } finally {
                all.forEach(OnnxTensor::close);
            }
        }
    }

    @Test
    void embeddingsPathWithMropePositions() throws IOException {
        try (OnnxModel m = load(RiggedDecoder.build(NEXT, true, true), "decoder_model_merged");
             OnnxModel embed = load(RiggedDecoder.embedTokens(), "embed_tokens")) {
            KvCacheDecoder d = new KvCacheDecoder(m);
            assertTrue(d.takesEmbeddings());
            KvCacheDecoder.TokenEmbedder embedder = ids -> {
                try (OnnxTensor t = embed.longTensor(ids, 1, ids.length);
                     OrtSession.Result r = embed.run(Map.of("input_ids", t))) {
                    return embed.floatOutput(r, "inputs_embeds").data();
                }
            };
            float[] prompt = embedder.embed(new long[] {4, 3});
            Generation g = d.generate(prompt, RiggedDecoder.VOCAB, embedder, GenerationSettings.greedy(10, Set.of(EOS)),
                    TokenSelector.greedy(), null);
            assertArrayEquals(new long[] {6}, g.tokens());
            assertEquals(Generation.StopReason.STOP_TOKEN, g.reason());
            assertThrows(IllegalStateException.class, () -> d.generate(new long[] {1}, GenerationSettings.greedy(1, Set.of()),
                    TokenSelector.greedy(), null));
            assertThrows(io.github.spatialvlm4j.geometry.ShapeMismatchException.class, () -> d.generate(new float[7],
                    RiggedDecoder.VOCAB, embedder, GenerationSettings.greedy(1, Set.of()), TokenSelector.greedy(), null));
        }
    }

    @Test
    void graphWithoutCacheIsRejectedByName() throws IOException {
        OnnxGraph g = new OnnxGraph("nocache")
                .input("input_ids", OnnxGraph.INT64, "batch_size", "sequence_length")
                .output("logits", OnnxGraph.INT64, "batch_size", "sequence_length");
        g.node("Identity", "input_ids", "logits");
        try (OnnxModel m = load(g, "decoder_model_merged")) {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> new KvCacheDecoder(m));
            assertTrue(e.getMessage().contains("past_key_values"), e.getMessage());
        }
    }

    @Test
    void emptyPromptIsRejected() throws IOException {
        try (OnnxModel m = load(RiggedDecoder.build(NEXT, false, false), "decoder_model_merged")) {
            assertThrows(IllegalArgumentException.class, () -> new KvCacheDecoder(m).generate(new long[0],
                    GenerationSettings.greedy(1, Set.of()), TokenSelector.greedy(), null));
        }
    }
}
