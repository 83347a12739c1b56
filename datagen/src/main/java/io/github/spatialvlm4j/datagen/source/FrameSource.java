package io.github.spatialvlm4j.datagen.source;

import io.github.spatialvlm4j.datagen.Frame;
import java.io.IOException;

/**
 * A finite, indexable collection of input frames. Implementations are thread-safe: runners call
 * {@link #load(int)} from several threads, each index once per run. Loading is lazy so that a run
 * over millions of frames holds only the frames in flight.
 */
public interface FrameSource {

    /** Number of frames, {@code >= 0}. */
    int size();

    /**
     * The frame at {@code index} in {@code [0, size())}.
     *
     * @throws IOException when the frame's files cannot be read or are malformed; the message names
     *     the file and the problem (a runner counts it as a skipped frame and goes on)
     */
    Frame load(int index) throws IOException;

    /** A one-line description for logs and manifests, e.g. "synthetic: 200 scenes, seed 7". */
    String describe();
}
