package io.github.spatialvlm4j.datagen.source.synthetic;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.Seeds;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed-size, random-access source of synthetic frames: frame {@code i} has id {@code synthetic-%06d} and
 * scene seed {@link #frameSeed(long, int) frameSeed(runSeed, i)}, so any frame can be produced alone, on any
 * thread or machine, and is always the same. Thread-safe; each {@link #load} costs one
 * {@link SyntheticSceneGenerator#generate}.
 */
public final class SyntheticSource implements FrameSource {
    private final SyntheticSceneOptions options;
    private final SyntheticSceneGenerator generator;
    private final long runSeed;
    private final int count;

    /** Scenes a run renders when the user gives no count (the command lines' default). */
    public static final int DEFAULT_COUNT = 100;

    /**
     * @param options scene options
     * @param runSeed the run's seed
     * @param count number of frames, &gt;= 0
     */
    public SyntheticSource(SyntheticSceneOptions options, long runSeed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Invalid frame count: " + count + " (must be >= 0)");
        }
        this.options = Objects.requireNonNull(options, "options");
        this.generator = new SyntheticSceneGenerator(options);
        this.runSeed = runSeed;
        this.count = count;
    }

    /** Number of frames. */
    @Override
    public int size() {
        return count;
    }

    /** Frame {@code index}, in [0, size()). */
    @Override
    public Frame load(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("Invalid frame index: " + index + " (must be in [0, " + count + "))");
        }
        return generator.generate(frameId(index), frameSeed(runSeed, index));
    }

    @Override
    public Optional<String> idOf(int index) {
        return Optional.of(frameId(index));
    }

    /** The id of frame {@code index}: {@code "synthetic-"} and the index in six or more digits. */
    public static String frameId(int index) {
        return String.format(java.util.Locale.ROOT, "synthetic-%06d", index);
    }

    /** The scene seed of frame {@code index}: {@link Seeds#indexSeed(long, long) Seeds.indexSeed(runSeed, index)}. */
    public static long frameSeed(long runSeed, int index) {
        return Seeds.indexSeed(runSeed, index);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "synthetic: %d scenes of %dx%d, seed %d, noise %s", count, options.width(),
                options.height(), runSeed, options.noise().name());
    }
}
