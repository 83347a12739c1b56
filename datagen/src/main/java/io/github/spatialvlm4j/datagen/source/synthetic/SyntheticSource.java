package io.github.spatialvlm4j.datagen.source.synthetic;

import io.github.spatialvlm4j.datagen.Frame;
import java.util.Objects;

/**
 * A fixed-size, random-access source of synthetic frames: frame {@code i} has id {@code synthetic-%06d} and
 * scene seed {@link #frameSeed(long, int) frameSeed(runSeed, i)}, so any frame can be produced alone, on any
 * thread or machine, and is always the same. Thread-safe; each {@link #load} costs one
 * {@link SyntheticSceneGenerator#generate}.
 */
public final class SyntheticSource {
    /** Odd 64-bit constant (2^64 / golden ratio) that spreads consecutive indices over the seed space. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SyntheticSceneGenerator generator;
    private final long runSeed;
    private final int count;

    /**
     * @param options scene options
     * @param runSeed the run's seed
     * @param count number of frames, &gt;= 0
     */
    public SyntheticSource(SyntheticSceneOptions options, long runSeed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Invalid frame count: " + count + " (must be >= 0)");
        }
        this.generator = new SyntheticSceneGenerator(Objects.requireNonNull(options, "options"));
        this.runSeed = runSeed;
        this.count = count;
    }

    /** Number of frames. */
    public int size() {
        return count;
    }

    /** Frame {@code index}, in [0, size()). */
    public Frame load(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("Invalid frame index: " + index + " (must be in [0, " + count + "))");
        }
        return generator.generate(frameId(index), frameSeed(runSeed, index));
    }

    /** The id of frame {@code index}: {@code "synthetic-"} and the index in six or more digits. */
    public static String frameId(int index) {
        return String.format(java.util.Locale.ROOT, "synthetic-%06d", index);
    }

    /** The scene seed of frame {@code index}: {@code mix64(runSeed ^ (index * 0x9E3779B97F4A7C15L))}. */
    public static long frameSeed(long runSeed, int index) {
        return mix64(runSeed ^ (index * GOLDEN_GAMMA));
    }

    /** MurmurHash3's 64-bit finaliser (fmix64): a bijection of the 64-bit integers with full avalanche. */
    static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB93FE185EC53L;
        return z ^ (z >>> 33);
    }
}
