package io.github.spatialvlm4j.vlm.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from one row of logits. Greedy selection is stateless; sampling owns a
 * seeded generator, so a seed gives one answer (one selector per generation, not shared
 * between threads).
 */
public interface TokenSelector {

    /**
     * The chosen token id among {@code logits[offset .. offset + vocab)}.
     *
     * @throws IllegalArgumentException when a logit is NaN
     */
    int select(float[] logits, int offset, int vocab);

    /** The most likely token; ties go to the lowest id. O(vocab). */
    static TokenSelector greedy() {
        return (logits, offset, vocab) -> {
            int best = 0;
            float bestV = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < vocab; i++) {
                float v = logits[offset + i];
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("Logit of token " + i + " is NaN");
                }
                if (v > bestV) {
                    best = i;
                    bestV = v;
                }
            }
            return best;
        };
    }

    /** Greedy or sampled selection as {@code settings} say, sampling seeded with {@code seed}. */
    static TokenSelector of(GenerationSettings settings, long seed) {
        return settings.doSample() ? new Sampling(settings.temperature(), settings.topK().orElse(Integer.MAX_VALUE),
                settings.topP(), seed) : greedy();
    }

    /**
     * Sampling with temperature, top-k and nucleus (top-p) truncation, in that order, as
     * transformers applies them. O(vocab log vocab) per token.
     */
    final class Sampling implements TokenSelector {
        private final double temperature;
        private final int topK;
        private final double topP;
        private final SplittableRandom random;

        /**
         * @param temperature &gt; 0
         * @param topK        &gt;= 1 ({@code Integer.MAX_VALUE} for no limit)
         * @param topP        in (0, 1]
         */
        public Sampling(double temperature, int topK, double topP, long seed) {
            if (!(temperature > 0) || !Double.isFinite(temperature)) {
                throw new IllegalArgumentException("Invalid temperature: " + temperature + " (must be finite and > 0)");
            }
            if (topK < 1) {
                throw new IllegalArgumentException("Invalid topK: " + topK + " (must be >= 1)");
            }
            if (!(topP > 0 && topP <= 1)) {
                throw new IllegalArgumentException("Invalid topP: " + topP + " (must be in (0, 1])");
            }
            this.temperature = temperature;
            this.topK = topK;
            this.topP = topP;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public int select(float[] logits, int offset, int vocab) {
            Integer[] order = new Integer[vocab];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < vocab; i++) {
                float v = logits[offset + i];
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("Logit of token " + i + " is NaN");
                }
                order[i] = i;
                max = Math.max(max, v);
            }
            Arrays.sort(order, (a, b) -> Float.compare(logits[offset + b], logits[offset + a]));
            int k = Math.min(topK, vocab);
            double[] p = new double[k];
            double sum = 0;
            for (int r = 0; r < k; r++) {
                p[r] = Math.exp((logits[offset + order[r]] - max) / temperature);
                sum += p[r];
            }
            // Nucleus: the smallest prefix whose probability reaches topP.
            int n = k;
            double cum = 0;
            for (int r = 0; r < k; r++) {
                cum += p[r] / sum;
                if (cum >= topP) {
                    n = r + 1;
                    break;
                }
            }
            double total = 0;
            for (int r = 0; r < n; r++) {
                total += p[r];
            }
            double u = random.nextDouble() * total;
            for (int r = 0; r < n; r++) {
                u -= p[r];
                if (u < 0) {
                    return order[r];
                }
            }
            return order[n - 1];
        }
    }
}
