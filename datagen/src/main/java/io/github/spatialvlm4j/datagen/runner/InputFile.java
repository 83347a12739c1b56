package io.github.spatialvlm4j.datagen.runner;

import io.github.spatialvlm4j.datagen.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One input file of a frame and what it held when the frame was processed, so that a resumed run can
 * tell whether the file changed since (a frame skipped for a corrupt file that was since replaced is
 * processed again).
 *
 * @param path the file, as the source names it (absolute for the folder sources)
 * @param fingerprint {@code sha256:<64 hex digits>} of its bytes, {@value #MISSING} when nothing is
 *     there, {@value #NOT_A_FILE} for a directory, named pipe or device (never opened), or
 *     {@value #UNREADABLE}
 */
public record InputFile(String path, String fingerprint) {
    /** The fingerprint of a path where no file exists. */
    public static final String MISSING = "missing";
    /** The fingerprint of a path that is not a regular file. */
    public static final String NOT_A_FILE = "not a regular file";
    /** The fingerprint of a regular file that could not be read. */
    public static final String UNREADABLE = "unreadable";

    public InputFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * The file at {@code path} now: its SHA-256 read in one pass, without opening a named pipe. A file
     * that cannot be read gets the fingerprint {@value #UNREADABLE}.
     */
    public static InputFile of(Path path) {
        if (!Files.exists(path)) {
            return new InputFile(path.toString(), MISSING);
        }
        if (!Files.isRegularFile(path)) {
            return new InputFile(path.toString(), NOT_A_FILE);
        }
        try {
            return new InputFile(path.toString(), "sha256:" + Sha256.hex(path));
        } catch (IOException e) {
            return new InputFile(path.toString(), UNREADABLE);
        }
    }
}
