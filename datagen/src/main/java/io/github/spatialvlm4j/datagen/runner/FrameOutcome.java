package io.github.spatialvlm4j.datagen.runner;

import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What processing one frame gave: a record, or a counted skip with its reason.
 *
 * @param record the record, present exactly when the frame was not skipped
 * @param skip the skip reason, present exactly when there is no record
 * @param detail a human-readable note (the skip's detail), never null
 * @param qaCount questions written for the frame
 * @param frameId the frame's id when known (reported with a skip)
 * @param inputs the frame's input files (reported with a skip, so that a resumed run can tell whether
 *     they changed); empty when the source has no files
 * @param <T> the record type
 */
public record FrameOutcome<T>(Optional<T> record, Optional<SkipReason> skip, String detail, int qaCount,
        Optional<String> frameId, List<InputFile> inputs) {
    public FrameOutcome {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(skip, "skip");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(frameId, "frameId");
        inputs = List.copyOf(inputs);
        if (record.isPresent() == skip.isPresent()) {
            throw new IllegalArgumentException("An outcome has a record or a skip reason, not both or neither");
        }
    }

    public static <T> FrameOutcome<T> of(T record, int qaCount) {
        return new FrameOutcome<>(Optional.of(record), Optional.empty(), "", qaCount, Optional.empty(), List.of());
    }

    /** A skip of a frame whose id and files are not known here. */
    public static <T> FrameOutcome<T> skipped(SkipReason reason, String detail) {
        return skipped(reason, detail, Optional.empty(), List.of());
    }

    /** A skip of frame {@code frameId} (when known), whose input files are {@code inputs}. */
    public static <T> FrameOutcome<T> skipped(SkipReason reason, String detail, Optional<String> frameId,
            List<InputFile> inputs) {
        return new FrameOutcome<>(Optional.empty(), Optional.of(reason), detail, 0, frameId, inputs);
    }

    /** The skip of frame {@code index} as a run reports it. @throws IllegalStateException for a record */
    public FrameSkip toSkip(int index) {
        return new FrameSkip(index, frameId, skip.orElseThrow(() -> new IllegalStateException(
                "Frame " + index + " was not skipped")), detail, inputs);
    }

    /**
     * What an unexpected exception of a frame says, on one line: its message, prefixed with its simple
     * class name unless it is an {@link IllegalArgumentException} (the project's "bad value" error,
     * whose message says everything).
     */
    public static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
        if (e instanceof IllegalArgumentException && !message.isEmpty()) {
            return message;
        }
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
