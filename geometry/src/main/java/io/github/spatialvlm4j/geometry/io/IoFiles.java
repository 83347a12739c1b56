package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File helpers shared by the readers and writers of this package. */
final class IoFiles {
    private IoFiles() {
    }

    /** Rejects a null path with a clear message. */
    static Path requirePath(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("Path is null");
        }
        return path;
    }

    /**
     * Reads a whole regular file. Anything else is refused before it is opened: opening a named pipe
     * without a writer would block forever, and a device or directory is no input file.
     *
     * @throws NoSuchFileException when nothing exists at {@code path}
     * @throws IOException naming the path when it is not a regular file, or cannot be read
     */
    static byte[] readRegularFile(Path path) throws IOException {
        requireRegularFile(path);
        return Files.readAllBytes(path);
    }

    /** As {@link #readRegularFile}, without reading. */
    static void requireRegularFile(Path path) throws IOException {
        requirePath(path);
        if (!Files.isRegularFile(path)) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString(), null, "no such file");
            }
            throw new IOException(path + " is not a regular file (a directory, named pipe or device): not read");
        }
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code target}, then moves it over
     * {@code target} (atomically where the file system can), so a reader never sees a half-written
     * file. The temporary file is removed when anything fails.
     */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(requirePath(target).toAbsolutePath(), bytes);
    }
}
