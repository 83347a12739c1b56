package io.github.spatialvlm4j.datagen;

import java.nio.charset.StandardCharsets;

/**
 * Derivation of per-frame seeds, so that a frame's randomness depends only on the run seed and the
 * frame's id, never on the runner, the thread count or the processing order.
 */
public final class Seeds {
    private Seeds() {
    }

    /**
     * The seed of frame {@code frameId} in a run seeded with {@code runSeed}:
     * {@code fmix64(runSeed ^ fnv1a64(utf8(frameId)))}.
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
