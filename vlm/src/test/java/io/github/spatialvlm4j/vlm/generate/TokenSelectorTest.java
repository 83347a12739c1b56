package io.github.spatialvlm4j.vlm.generate;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class TokenSelectorTest {
    /** Allowed deviation of an empirical frequency over 20 000 draws (about 6 standard deviations). */
    private static final double FREQ = 0.02;
    private static final int DRAWS = 20_000;

    @Test
    void greedyTakesArgmaxLowestIdOnTiesAndReadsAtOffset() {
        float[] logits = {9, 9, 1, 3, 5, 5};
        assertEquals(0, TokenSelector.greedy().select(logits, 0, 2));
        assertEquals(2, TokenSelector.greedy().select(logits, 2, 4));
        float[] nan = {1, Float.NaN};
        assertThrows(IllegalArgumentException.class, () -> TokenSelector.greedy().select(nan, 0, 2));
    }

    @Test
    void samplingFollowsTheSoftmax() {
        float[] logits = {(float) Math.log(0.25), (float) Math.log(0.75)};
        TokenSelector s = new TokenSelector.Sampling(1.0, Integer.MAX_VALUE, 1.0, 42);
        int ones = 0;
        for (int i = 0; i < DRAWS; i++) {
            ones += s.select(logits, 0, 2);
        }
        assertEquals(0.75, (double) ones / DRAWS, FREQ);
    }

    @Test
    void temperatureSharpensAndSeedsRepeat() {
        // Temperature 0.5 squares the odds: 1:3 becomes 1:9.
        float[] logits = {(float) Math.log(0.25), (float) Math.log(0.75)};
        TokenSelector a = new TokenSelector.Sampling(0.5, Integer.MAX_VALUE, 1.0, 7);
        TokenSelector b = new TokenSelector.Sampling(0.5, Integer.MAX_VALUE, 1.0, 7);
        int ones = 0;
        for (int i = 0; i < DRAWS; i++) {
            int x = a.select(logits, 0, 2);
            assertEquals(x, b.select(logits, 0, 2));
            ones += x;
        }
        assertEquals(0.9, (double) ones / DRAWS, FREQ);
    }

    @Test
    void topKAndTopPTruncate() {
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
        TokenSelector k1 = new TokenSelector.Sampling(1.0, 1, 1.0, 3);
        TokenSelector p = new TokenSelector.Sampling(1.0, Integer.MAX_VALUE, 0.6, 3);
        int[] counts = new int[3];
        for (int i = 0; i < DRAWS; i++) {
            assertEquals(0, k1.select(logits, 0, 3));
            counts[p.select(logits, 0, 3)]++;
        }
        // Nucleus 0.6 keeps tokens 0 and 1 (0.5 + 0.3 >= 0.6), renormalised to 5:3.
        assertEquals(0, counts[2]);
        assertEquals(0.625, (double) counts[0] / DRAWS, FREQ);
    }

    @Test
    void settingsValidateAndPickTheSelector() {
        assertThrows(IllegalArgumentException.class, () -> GenerationSettings.greedy(0, Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new GenerationSettings(5, Set.of(), true, 0.0, OptionalInt.empty(), 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> new GenerationSettings(5, Set.of(), true, 1.0, OptionalInt.of(0), 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> new GenerationSettings(5, Set.of(), true, 1.0, OptionalInt.empty(), 1.5));
        GenerationSettings s = GenerationSettings.greedy(5, Set.of(2));
        assertFalse(TokenSelector.of(s, 1) instanceof TokenSelector.Sampling);
        assertTrue(TokenSelector.of(s.withSampling(true), 1) instanceof TokenSelector.Sampling);
        assertEquals(9, s.withMaxNewTokens(9).maxNewTokens());
    }
}
