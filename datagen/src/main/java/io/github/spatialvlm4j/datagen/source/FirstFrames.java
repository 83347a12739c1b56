package io.github.spatialvlm4j.datagen.source;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.FrameBuffers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first {@code limit} frames of a source ({@code --count} on a folder): described as
 * {@code "<source>, first N"} by every runner, so that their manifests agree. Thread-safe when the
 * source is.
 */
public final class FirstFrames implements FrameSource {
    private final FrameSource all;
    private final int size;

    /** @param limit at most this many frames, &gt;= 0 */
    public FirstFrames(FrameSource all, int limit) {
        this.all = Objects.requireNonNull(all, "all");
        if (limit < 0) {
            throw new IllegalArgumentException("Invalid frame limit: " + limit + " (must be >= 0)");
        }
        this.size = Math.min(limit, all.size());
    }

    @Override
    public int size() {
        return size;
    }

    private int check(int index) {
        return FrameSource.checkIndex(index, size);
    }

    @Override
    public Frame load(int index) throws IOException {
        return all.load(check(index));
    }

    @Override
    public Frame load(int index, FrameBuffers buffers) throws IOException {
        return all.load(check(index), buffers);
    }

    @Override
    public String describe() {
        return all.describe() + ", first " + size;
    }

    @Override
    public Optional<String> idOf(int index) {
        return all.idOf(check(index));
    }

    @Override
    public List<Path> inputFiles(int index) {
        return all.inputFiles(check(index));
    }

    @Override
    public Optional<String> containerOf(int index) {
        return all.containerOf(check(index));
    }

    @Override
    public List<String> warnings() {
        return all.warnings();
    }
}
