package io.github.spatialvlm4j.datagen.runner;

import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import java.util.Objects;
import java.util.Optional;

/**
 * What processing one frame gave: a record, or a counted skip with its reason.
 *
 * @param record the record, present exactly when the frame was not skipped
 * @param skip the skip reason, present exactly when there is no record
 * @param detail a human-readable note (the skip's detail), never null
 * @param qaCount questions written for the frame
 * @param <T> the record type
 */
public record FrameOutcome<T>(Optional<T> record, Optional<SkipReason> skip, String detail, int qaCount) {
    public FrameOutcome {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(skip, "skip");
        Objects.requireNonNull(detail, "detail");
        if (record.isPresent() == skip.isPresent()) {
            throw new IllegalArgumentException("An outcome has a record or a skip reason, not both or neither");
        }
    }

    public static <T> FrameOutcome<T> of(T record, int qaCount) {
        return new FrameOutcome<>(Optional.of(record), Optional.empty(), "", qaCount);
    }

    public static <T> FrameOutcome<T> skipped(SkipReason reason, String detail) {
        return new FrameOutcome<>(Optional.empty(), Optional.of(reason), detail, 0);
    }
}
