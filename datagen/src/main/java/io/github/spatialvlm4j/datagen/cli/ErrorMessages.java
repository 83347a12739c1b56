package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.JsonErrors;
import io.github.spatialvlm4j.datagen.runner.FrameFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The one line a command prints for an error that ends it: what went wrong and where, without Java
 * class names or stack traces. An error that is no user's doing (a bug) says so and names its class.
 * Used by the local and the Spark command lines.
 */
public final class ErrorMessages {
    private static final Pattern CLASS_PREFIX = Pattern.compile(
            "\\b(?:java|javax|com\\.fasterxml|org\\.apache)(?:\\.\\w+)+\\.\\w*(?:Exception|Error): ");
    private static final Pattern JSON_SOURCE = Pattern.compile(
            "\\s*at \\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");

    private ErrorMessages() {
    }

    /** Whether {@code e} is the user's to fix (bad input, a file, the output folder) rather than a bug. */
    public static boolean isUserError(Throwable e) {
        return e instanceof IOException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof UsageException;
    }

    /** One line for {@code e}; {@code "internal error (...)"} for what {@link #isUserError} rejects. */
    public static String oneLine(Throwable e) {
        String text;
        if (e instanceof IOException io) {
            text = JsonErrors.describe(io);
        } else if (e instanceof UncheckedIOException u) {
            String outer = u.getMessage() == null ? "" : u.getMessage();
            String inner = JsonErrors.describe(u.getCause());
            text = outer.isEmpty() || outer.contains(inner) ? inner : outer.contains(": " + inner) ? outer
                    : outer + ": " + inner;
        } else if (e.getMessage() == null || e.getMessage().isBlank()) {
            text = e.getCause() != null ? oneLine(e.getCause()) : e.getClass().getSimpleName();
        } else {
            text = e.getMessage();
        }
        text = JSON_SOURCE.matcher(text).replaceAll(" at line $1, column $2");
        text = CLASS_PREFIX.matcher(text).replaceAll("");
        text = text.strip().replaceAll("\\s*\\R\\s*", "; ");
        return isUserError(e) ? text : "internal error (" + e.getClass().getSimpleName() + "): " + text
                + " (please report it; set " + DEBUG_ENV + "=1 for the stack trace)";
    }

    /** Set to print the stack trace of an error as well. */
    public static final String DEBUG_ENV = "SPATIALVLM4J_DEBUG";

    /**
     * Whether a command prints the stack trace of {@code e} after its line: when {@value #DEBUG_ENV} is
     * set, and always for a frame that failed in a way that is not bad input (a {@link FrameFailedException}
     * anywhere in the causes, as a Spark job failure carries it, that did not run out of memory): that is a
     * bug or a broken environment, and its stack trace is what a report needs.
     */
    public static boolean wantsStackTrace(Throwable e) {
        if (System.getenv(DEBUG_ENV) != null) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FrameFailedException) {
                return !(t.getCause() instanceof OutOfMemoryError);
            }
        }
        return false;
    }
}
