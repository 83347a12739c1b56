package io.github.spatialvlm4j.datagen.source;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.FrameBuffers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A finite, indexable collection of input frames. Implementations are thread-safe: runners call
 * {@link #load(int)} from several threads, each index once per run. Loading is lazy so that a run
 * over millions of frames holds only the frames in flight.
 */
public interface FrameSource {

    /** Number of frames, {@code >= 0}. */
    int size();

    /**
     * {@code index} when it lies in {@code [0, size)}: every source's bounds check of a frame index.
     *
     * @throws IndexOutOfBoundsException naming the index and the size otherwise
     */
    static int checkIndex(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Frame index " + index + " outside [0, " + size + ")");
        }
        return index;
    }

    /**
     * The frame at {@code index} in {@code [0, size())}.
     *
     * @throws IOException when the frame's files cannot be read or are malformed; the message names
     *     the file and the problem (a runner counts it as a {@code load_error} skip and goes on)
     * @throws IllegalArgumentException when a value read is invalid, as the value types reject it when
     *     the frame is built (NaN depth, sizes that disagree): a runner counts it as an
     *     {@code invalid_input} skip. Any other exception is taken as a bug and ends the run.
     */
    Frame load(int index) throws IOException;

    /**
     * As {@link #load(int)}, a source that decodes images may decode the frame's planes (colour, depth,
     * labels) into {@code buffers}' {@link FrameBuffers.Plane#COLOR}, {@link FrameBuffers.Plane#DEPTH} and
     * {@link FrameBuffers.Plane#LABELS} planes instead of new arrays: the frame returned is then valid only
     * until those planes are next used, which the caller that owns {@code buffers} decides (a frame task,
     * once the frame's record is made). The default loads as {@link #load(int)}.
     *
     * @throws IOException as {@link #load(int)}
     */
    default Frame load(int index, FrameBuffers buffers) throws IOException {
        return load(index);
    }

    /** A one-line description for logs and manifests, e.g. "synthetic: 200 scenes, seed 7". */
    String describe();

    /**
     * The id of frame {@code index}, when the source knows it without loading the frame (so that a frame
     * that cannot be loaded is still named); empty otherwise.
     */
    default Optional<String> idOf(int index) {
        return Optional.empty();
    }

    /**
     * The files frame {@code index} is read from, as they are now (a file added since the source was
     * opened is included), for reports of skipped frames and for checking on resume whether they
     * changed; empty for sources without files of their own.
     */
    default List<Path> inputFiles(int index) {
        return List.of();
    }

    /**
     * The input file that holds frame {@code index} together with other frames (a Parquet file, a
     * WebDataset {@code .tar} shard), for the per-file counters of the run summary; empty for sources
     * whose frames have files of their own (folders) or none (synthetic).
     */
    default Optional<String> containerOf(int index) {
        return Optional.empty();
    }

    /**
     * What the source noticed when it was opened and the user should hear about, one line each (files
     * that belong to no frame, ...); empty when nothing.
     */
    default List<String> warnings() {
        return List.of();
    }
}
