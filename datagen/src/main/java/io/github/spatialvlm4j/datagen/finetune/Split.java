package io.github.spatialvlm4j.datagen.finetune;

import io.github.spatialvlm4j.datagen.Seeds;
import java.util.Objects;

/**
 * The three parts of a fine-tuning dataset. An image belongs to exactly one split, decided by a
 * seeded hash of the image alone ({@link #of}), so no image (and none of its questions) can appear
 * in two splits, whatever the order or the number of engine outputs read.
 */
public enum Split {
    /** What the model is trained on; the only split general VQA data is mixed into. */
    TRAIN("train"),
    /** Held out for choosing checkpoints and hyper-parameters. */
    VAL("val"),
    /** Held out for the final evaluation. */
    TEST("test");

    private final String id;

    Split(String id) {
        this.id = id;
    }

    /** The split's name in file names ({@code train}, {@code val}, {@code test}); Hugging Face reads {@code val} as validation. */
    public String id() {
        return id;
    }

    /**
     * The split of an image: {@code u = unit(seed, imageKey)} uniform in [0, 1); TEST when
     * {@code u < testFraction}, VAL when {@code u < testFraction + valFraction}, TRAIN otherwise.
     * O(length of the key).
     *
     * @param imageKey the image's identity (e.g. the hex SHA-256 of its bytes)
     * @param seed the split seed
     * @param valFraction share of images for VAL, in [0, 1)
     * @param testFraction share of images for TEST, in [0, 1); {@code valFraction + testFraction < 1}
     */
    public static Split of(String imageKey, long seed, double valFraction, double testFraction) {
        Objects.requireNonNull(imageKey, "imageKey");
        FinetuneOptions.checkFractions(valFraction, testFraction);
        double u = unit(seed, imageKey);
        if (u < testFraction) {
            return TEST;
        }
        return u < testFraction + valFraction ? VAL : TRAIN;
    }

    /** A number uniform in [0, 1) drawn from {@code (seed, key)} alone. */
    static double unit(long seed, String key) {
        return (Seeds.frameSeed(seed, key) >>> 11) * 0x1.0p-53;
    }
}
