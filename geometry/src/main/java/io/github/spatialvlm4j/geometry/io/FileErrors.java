package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * I/O errors in words a user reads: the file and what went wrong, on one line. The JDK's
 * {@link FileSystemException}s carry the path as their whole message ({@code "/data/out"} for a
 * permission error), and errors such as a full disk carry no path at all; this class puts both in
 * one sentence. Stateless.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /**
     * One line for {@code e}: {@code "permission denied: /data/out"}, {@code "no such file or
     * directory: /data/in/a.png"}, otherwise the exception's message (its class name only when it has
     * none).
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return what(fs) + ": " + files(fs);
        }
        return message(e);
    }

    /**
     * The error of writing {@code target}, naming it: {@code "Cannot write /out/a.jsonl: No space left
     * on device"}, {@code "Cannot write /out/a.jsonl: permission denied (/out/.a.jsonl.3f.tmp)"}. The
     * cause is kept.
     */
    public static IOException writing(Path target, IOException e) {
        String reason;
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            reason = what(fs) + (fs.getFile().equals(target.toString()) ? "" : " (" + files(fs) + ")");
        } else {
            reason = message(e);
        }
        return new IOException("Cannot write " + target + ": " + reason, e);
    }

    private static String what(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        } else if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        } else if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        } else if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e.getReason() == null ? e.getClass().getSimpleName() : oneLine(e.getReason());
    }

    private static String files(FileSystemException e) {
        return e.getFile() + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile());
    }

    private static String message(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
