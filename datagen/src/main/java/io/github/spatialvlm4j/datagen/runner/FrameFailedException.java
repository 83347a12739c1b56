package io.github.spatialvlm4j.datagen.runner;

/**
 * A frame whose failure ends the run (or the Spark task) instead of becoming a counted skip: its work
 * threw something that is not declared bad input (a null pointer in a stage, closed kernels, a failed
 * model: a bug or a broken environment, which a skip would hide), or it ran out of memory. The message
 * names the frame; the cause carries the original exception and its stack trace.
 */
public final class FrameFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the frame
     * @param cause the original exception or error
     */
    public FrameFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
