package io.github.spatialvlm4j.datagen;

import java.nio.charset.StandardCharsets;

/**
 * The one place where seeds are derived, so that a frame's randomness depends only on the run seed and the
 * frame's id (or index), never on the runner, the thread count or the processing order. A run seed gives
 * each frame its seed ({@link #frameSeed}, {@link #indexSeed}); a frame's seed gives each random stream of
 * the frame its own seed ({@link #substream}). Nothing else in the engine combines seeds: a new random
 * stream adds a {@link Substream} here.
 */
public final class Seeds {
    private Seeds() {
    }

    /**
     * The random streams drawn from a frame's (or a synthetic scene's) seed, each seeding a
     * {@link java.util.SplittableRandom} of its own. Each constant says how its seed is derived from its
     * parent seed; the derivations other than {@link #UP_FIT}'s are those the engine has always used, so
     * that output stays the same byte for byte where they are drawn.
     */
    public enum Substream {
        /**
         * The RANSAC hypotheses of canonicalization's refinement of up: {@link #mix fmix64}(frame seed xor
         * {@code 0x75705F666974} ("up_fit")), a stream of its own. (Until issue 12 it was the frame seed
         * itself, the seed of {@link #QUESTIONS} too, so that the two drew the same numbers.)
         */
        UP_FIT,
        /** The RANSAC hypotheses of the floor plane fit: {@link #UP_FIT}'s seed plus one. */
        FLOOR_FIT,
        /** The choice of categories, objects, templates and spoken numbers of the questions: the frame seed itself. */
        QUESTIONS,
        /** The pixel each point-depth question points at: the frame seed xor {@code 0x706F696E7473} ("points"). */
        POINTS,
        /**
         * The noise a synthetic scene's sensor model adds: {@link #mix fmix64}(scene seed xor
         * {@code 0x6E6F697365} ("noise")), so that noise never changes the scene itself, which is drawn from
         * the scene seed.
         */
        SCENE_NOISE
    }

    /** The seed of stream {@code stream} of a frame or scene whose seed is {@code parent} (see {@link Substream}). */
    public static long substream(long parent, Substream stream) {
        return switch (stream) {
            case UP_FIT -> mix(parent ^ 0x75705F666974L);
            case QUESTIONS -> parent;
            case FLOOR_FIT -> parent + 1;
            case POINTS -> parent ^ 0x706F696E7473L;
            case SCENE_NOISE -> mix(parent ^ 0x6E6F697365L);
        };
    }

    /**
     * The seed of frame {@code frameId} in a run seeded with {@code runSeed}:
     * {@code fmix64(runSeed ^ fnv1a64(utf8(frameId)))}. Also the seed of any other item keyed by a string
     * (an example of a fine-tuning split).
     */
    public static long frameSeed(long runSeed, String frameId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : frameId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(runSeed ^ h);
    }

    /**
     * The seed of the {@code index}-th item of a run seeded with {@code runSeed}:
     * {@code fmix64(runSeed ^ (index * 0x9E3779B97F4A7C15))} (the odd constant is 2^64 / golden ratio,
     * which spreads consecutive indices over the seed space).
     */
    public static long indexSeed(long runSeed, long index) {
        return mix(runSeed ^ (index * 0x9E3779B97F4A7C15L));
    }

    /** MurmurHash3's 64-bit finaliser: a bijective avalanche mix. */
    public static long mix(long z) {
        z ^= z >>> 33;
        z *= 0xff51afd7ed558ccdL;
        z ^= z >>> 33;
        z *= 0xc4ceb9fe1a85ec53L;
        z ^= z >>> 33;
        return z;
    }
}
