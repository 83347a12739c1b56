package io.github.spatialvlm4j.datagen.finetune;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How a fine-tuning dataset is cut from engine outputs. Every choice is seeded by {@code seed} and
 * depends on each item alone (hash ranks, not shuffles), so the result does not depend on the order
 * in which engine outputs or records are read.
 *
 * @param seed seeds the split, the balancing and the mixing
 * @param valFraction share of images held out for validation, in [0, 1)
 * @param testFraction share of images held out for testing, in [0, 1); {@code val + test < 1}
 * @param maxPerCategory at most this many questions per category (over all splits), &gt;= 1; empty:
 *     no cap
 * @param qualitativeShare target share of qualitative questions among the spatial questions, in
 *     (0, 1), reached by dropping questions of the over-represented kind; empty: keep the ratio as is
 * @param generalVqa a general visual question answering set mixed into the training split; empty:
 *     none
 * @param allowPartial accept an engine output whose run did not finish (no {@code manifest.json}): its
 *     committed shards are used and the summary says how many of how many
 */
public record FinetuneOptions(long seed, double valFraction, double testFraction, OptionalInt maxPerCategory,
        OptionalDouble qualitativeShare, Optional<GeneralVqaMix> generalVqa, boolean allowPartial) {

    /** Default validation share of images. */
    public static final double DEFAULT_VAL_FRACTION = 0.05;
    /** Default test share of images. */
    public static final double DEFAULT_TEST_FRACTION = 0.05;

    public FinetuneOptions {
        checkFractions(valFraction, testFraction);
        Objects.requireNonNull(maxPerCategory, "maxPerCategory");
        Objects.requireNonNull(qualitativeShare, "qualitativeShare");
        Objects.requireNonNull(generalVqa, "generalVqa");
        if (maxPerCategory.isPresent() && maxPerCategory.getAsInt() < 1) {
            throw new IllegalArgumentException("Invalid max per category: " + maxPerCategory.getAsInt()
                    + " (questions, must be >= 1)");
        }
        if (qualitativeShare.isPresent()) {
            double q = qualitativeShare.getAsDouble();
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("Invalid qualitative share: " + q + " (must be in (0, 1))");
            }
        }
    }

    /** Options that refuse partial engine outputs. */
    public FinetuneOptions(long seed, double valFraction, double testFraction, OptionalInt maxPerCategory,
            OptionalDouble qualitativeShare, Optional<GeneralVqaMix> generalVqa) {
        this(seed, valFraction, testFraction, maxPerCategory, qualitativeShare, generalVqa, false);
    }

    /** 5% validation, 5% test, no cap, ratio kept, no mixing. */
    public static FinetuneOptions defaults(long seed) {
        return new FinetuneOptions(seed, DEFAULT_VAL_FRACTION, DEFAULT_TEST_FRACTION, OptionalInt.empty(),
                OptionalDouble.empty(), Optional.empty());
    }

    /** These options with other split shares. */
    public FinetuneOptions withSplits(double newVal, double newTest) {
        return new FinetuneOptions(seed, newVal, newTest, maxPerCategory, qualitativeShare, generalVqa, allowPartial);
    }

    /** These options with a per-category cap. */
    public FinetuneOptions withMaxPerCategory(int cap) {
        return new FinetuneOptions(seed, valFraction, testFraction, OptionalInt.of(cap), qualitativeShare, generalVqa,
                allowPartial);
    }

    /** These options with a qualitative share target. */
    public FinetuneOptions withQualitativeShare(double share) {
        return new FinetuneOptions(seed, valFraction, testFraction, maxPerCategory, OptionalDouble.of(share),
                generalVqa, allowPartial);
    }

    /** These options with general VQA mixing. */
    public FinetuneOptions withGeneralVqa(GeneralVqaMix mix) {
        return new FinetuneOptions(seed, valFraction, testFraction, maxPerCategory, qualitativeShare,
                Optional.of(mix), allowPartial);
    }

    /** These options, accepting unfinished engine outputs or not. */
    public FinetuneOptions withAllowPartial(boolean allow) {
        return new FinetuneOptions(seed, valFraction, testFraction, maxPerCategory, qualitativeShare, generalVqa,
                allow);
    }

    static void checkFractions(double val, double test) {
        if (!(val >= 0 && val < 1)) {
            throw new IllegalArgumentException("Invalid validation fraction: " + val + " (must be in [0, 1))");
        }
        if (!(test >= 0 && test < 1)) {
            throw new IllegalArgumentException("Invalid test fraction: " + test + " (must be in [0, 1))");
        }
        if (!(val + test < 1)) {
            throw new IllegalArgumentException("Invalid split fractions: val " + val + " + test " + test
                    + " = " + (val + test) + " (must be < 1, something must be left to train on)");
        }
    }

    /**
     * A general VQA dataset in LLaVA JSON ({@code [{"id", "image", "conversations": [{"from":
     * "human"|"gpt", "value"}]}]}), mixed into the training split so that general conversations make
     * up {@code share} of its conversations, as the paper mixed its spatial data into general VQA.
     * When the file has fewer usable entries than needed, all are used (the summary says how many).
     *
     * @param file the LLaVA JSON file
     * @param imageDir the folder the entries' {@code image} paths are relative to
     * @param share target share of general conversations in the training split, in [0, 1)
     */
    public record GeneralVqaMix(Path file, Path imageDir, double share) {
        public GeneralVqaMix {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(imageDir, "imageDir");
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException("Invalid general VQA share: " + share + " (must be in [0, 1))");
            }
        }
    }
}
