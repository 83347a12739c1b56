package io.github.spatialvlm4j.vlm.model;

/**
 * A model directory is missing a file or holds a malformed one. The message names the file
 * (absolute path) and what was expected in it, e.g.
 * {@code "/models/dav2/config.json: field 'max_depth' must be a number > 0, was \"abc\""}.
 */
public class ModelFormatException extends ModelException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
