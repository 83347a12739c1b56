package io.github.spatialvlm4j.datagen.runner;

import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A frame that produced no record, as a run reports it: which frame, which files, why.
 *
 * @param index the frame's index in its source
 * @param frameId the frame's id, when the source knows it (a frame that cannot be loaded may have none)
 * @param reason the reason
 * @param message what was wrong, naming the file where one was
 * @param inputs the frame's input files and their fingerprints when it was skipped
 */
public record FrameSkip(int index, Optional<String> frameId, SkipReason reason, String message,
        List<InputFile> inputs) {
    public FrameSkip {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        inputs = List.copyOf(inputs);
        if (index < 0) {
            throw new IllegalArgumentException("Invalid frame index: " + index + " (must be >= 0)");
        }
    }

    /** The reason as written in files and summaries: {@code load_error}, {@code no_objects}, ... */
    public String reasonCode() {
        return code(reason);
    }

    /** {@code reason} as written in files and summaries: its name in lower case. */
    public static String code(SkipReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
