package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        Path absolute = requirePath(target).toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        boolean moved = false;
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
