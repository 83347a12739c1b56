package io.github.spatialvlm4j.datagen.job;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.FrameBuffers;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.Stage;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.runner.FrameFailedException;
import io.github.spatialvlm4j.datagen.runner.FrameOutcome;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.io.FileErrors;
import io.github.spatialvlm4j.geometry.io.ImageTooLargeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One frame's work and its failure policy, the same on every runner: the local runner, each Spark
 * task and the audit call {@link #apply} for each frame index. It loads the frame, times the load
 * ({@link Stage#LOAD}), hands the frame to its {@link Work}, and decides what becomes a counted skip
 * and what ends the run.
 *
 * <p>Declared bad input, a counted skip naming the frame and its files:
 * <ul>
 *   <li>an {@link IOException} from {@link FrameSource#load}: a file is missing, unreadable, malformed,
 *       too large or of the wrong size ({@link SkipReason#LOAD_ERROR}, the message naming the file);</li>
 *   <li>an {@link IllegalArgumentException} from {@link FrameSource#load}: a value read is invalid,
 *       rejected by the value types when the frame is built (NaN depth, sizes that disagree)
 *       ({@link SkipReason#INVALID_INPUT});</li>
 *   <li>a skip the work returns: no depth, no intrinsics, no object masks, no object left, filtered out,
 *       no ground truth.</li>
 * </ul>
 * Anything else ends the run: an {@link UncheckedIOException} from the work is a failure of the
 * output and is thrown as it is; any other exception (a null pointer in a stage, closed kernels, a
 * failed model, an unchecked exception while loading) is a bug or a broken environment, which a skip
 * would hide, and is thrown as a {@link FrameFailedException} naming the frame, with the exception as
 * its cause. Running out of memory is the runner's to report ({@code LocalRunner} names the frame).
 *
 * <p>The frame is loaded into, and the work given, a {@link FrameBuffers} of the task's own that no other
 * frame uses meanwhile: the task keeps one per frame in flight, so that the frame-sized planes of a run are
 * allocated once per worker thread, not once per frame.
 *
 * <p>Thread-safe when the source and the work are.
 *
 * @param <T> the record type
 */
public final class FrameTask<T> implements IntFunction<FrameOutcome<T>> {

    /** What a loaded frame becomes. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * The frame's record, or a skip ({@link FrameOutcome#skipped(SkipReason, String)}: the task adds
         * the frame's id and files). Throws only for what is not bad input.
         *
         * @param buffers the scratch planes of this frame, which the frame may have been loaded into: the
         *     work may use the planes the source does not ({@link FrameBuffers}), and its record must not
         *     hold any plane
         */
        FrameOutcome<T> process(Frame frame, FrameBuffers buffers);
    }

    private final FrameSource source;
    private final StageTimes times;
    private final Work<T> work;
    /** One set of planes per frame in flight, kept from frame to frame. */
    private final FrameBuffers.Pool buffers = new FrameBuffers.Pool();

    /**
     * @param source the frames
     * @param times receives the load time of every frame (the work adds its own stages)
     * @param work what a loaded frame becomes
     */
    public FrameTask(FrameSource source, StageTimes times, Work<T> work) {
        this.source = Objects.requireNonNull(source, "source");
        this.times = Objects.requireNonNull(times, "times");
        this.work = Objects.requireNonNull(work, "work");
    }

    /**
     * Frame {@code index} of the source through the work.
     *
     * @throws FrameFailedException when the frame fails in a way that is not bad input (see the class
     *     description)
     * @throws UncheckedIOException when the work could not write its output
     */
    @Override
    public FrameOutcome<T> apply(int index) {
        FrameBuffers b = buffers.acquire();
        try {
            return apply(index, b);
        } finally {
            buffers.release(b);
        }
    }

    private FrameOutcome<T> apply(int index, FrameBuffers b) {
        long t0 = System.nanoTime();
        Frame frame;
        try {
            frame = source.load(index, b);
        } catch (IOException e) {
            String message = FileErrors.describe(e) + (e instanceof ImageTooLargeException
                    ? " (raise the pixel limit, --max-pixels, to read it)" : "");
            return skipped(index, source.idOf(index), SkipReason.LOAD_ERROR, message);
        } catch (IllegalArgumentException e) {
            return skipped(index, source.idOf(index), SkipReason.INVALID_INPUT, FrameOutcome.describe(e));
        } catch (RuntimeException e) {
            throw failed(index, source.idOf(index), "loading", e);
        }
        times.add(Stage.LOAD, System.nanoTime() - t0);
        FrameOutcome<T> outcome;
        try {
            outcome = work.process(frame, b);
        } catch (UncheckedIOException e) {
            throw e; // the output failed, not the frame
        } catch (RuntimeException e) {
            throw failed(index, Optional.of(frame.id()), "processing", e);
        }
        if (outcome.skip().isPresent() && outcome.frameId().isEmpty()) {
            return skipped(index, Optional.of(frame.id()), outcome.skip().get(), outcome.detail());
        }
        return outcome;
    }

    private FrameOutcome<T> skipped(int index, Optional<String> frameId, SkipReason reason, String detail) {
        return FrameOutcome.skipped(reason, detail, frameId, GenerateJob.inputsOf(source, index));
    }

    private static FrameFailedException failed(int index, Optional<String> frameId, String step,
            RuntimeException e) {
        return new FrameFailedException("Frame " + index + frameId.map(id -> " (" + id + ")").orElse("") + " failed "
                + step + ", which is not bad input but a bug or a broken environment: " + FrameOutcome.describe(e),
                e);
    }
}
