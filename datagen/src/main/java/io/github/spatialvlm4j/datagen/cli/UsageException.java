package io.github.spatialvlm4j.datagen.cli;

/** A command-line mistake: printed without a stack trace, exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
