package io.github.spatialvlm4j.datagen;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.spatialvlm4j.geometry.io.FileErrors;
import java.io.IOException;

/**
 * Errors of reading JSON in words a user reads, on one line: Jackson's own message without its
 * {@code [Source: REDACTED ...]} suffix, followed by the line and column. Stateless.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    /**
     * {@code "Unexpected end-of-input: expected close marker for Object at line 1, column 12"} for a
     * parse error; for any other I/O error, {@link FileErrors#describe}.
     */
    public static String describe(IOException e) {
        if (e instanceof JsonProcessingException j) {
            String message = j.getOriginalMessage() == null ? "malformed JSON" : j.getOriginalMessage();
            message = message.strip().replaceAll("\\s*\\R\\s*", "; ");
            JsonLocation at = j.getLocation();
            return at == null || at.getLineNr() < 1 ? message
                    : message + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return FileErrors.describe(e);
    }
}
