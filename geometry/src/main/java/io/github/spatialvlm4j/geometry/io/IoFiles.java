package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
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
     * Writes {@code bytes} to a temporary file beside {@code target}, then moves it over
     * {@code target} (atomically where the file system can), so a reader never sees a half-written
     * file. The temporary file is removed when anything fails.
     */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(requirePath(target).toAbsolutePath(), bytes);
    }
}
