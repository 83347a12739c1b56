package io.github.spatialvlm4j.geometry.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Whole-file writes that are either complete or absent: the content goes to a temporary file in the
 * target's directory ({@code .<name>.<random>.tmp}), is forced to disk, and is then renamed over the
 * target with an atomic move. A crash leaves at most a temporary file, which {@link #deleteTemps}
 * removes on restart. The temporary file gets the default permissions (umask), as the target would.
 * Every writer of whole files in the project (geometry formats, output shards, reports, charts)
 * goes through here.
 */
public final class AtomicFiles {

    private static final String TEMP_SUFFIX = ".tmp";
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");

    private AtomicFiles() {
    }

    /** Writes a file through an output stream. */
    @FunctionalInterface
    public interface StreamBody {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file at the given path (which exists and is empty). */
    @FunctionalInterface
    public interface FileBody {
        void write(Path file) throws IOException;
    }

    /** Writes {@code content} to {@code target} atomically; the directory must exist. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** Writes {@code target} atomically through a buffered stream; the directory must exist. */
    public static void write(Path target, StreamBody body) throws IOException {
        writeFile(target, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
                body.write(out);
            }
        });
    }

    /**
     * Writes {@code target} atomically by letting {@code body} fill a temporary file beside it;
     * on a file system without atomic moves, a plain replacing move. The directory must exist.
     *
     * @throws IOException naming {@code target} and the cause ("Cannot write /out/a.jsonl: No space
     *     left on device", "Cannot write /out/a.jsonl: permission denied (/out/.a.jsonl.3f.tmp)"), the original as its cause
     */
    public static void writeFile(Path target, FileBody body) throws IOException {
        try {
            writeOrFail(target, body);
        } catch (IOException e) {
            throw FileErrors.writing(target, e);
        }
    }

    private static void writeOrFail(Path target, FileBody body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = createTemp(dir, target.getFileName().toString());
        try {
            body.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            moveOver(tmp, target);
        } catch (IOException | RuntimeException | Error e) {
            discard(List.of(tmp), e);
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * Writes each file of {@code contents} (target to content, in the map's order) atomically, as
     * {@link #write(Path, byte[])} does, with one directory sync per directory instead of one per file:
     * every file is written to its temporary file and forced to disk, then all are renamed, then their
     * directories are forced. A failure leaves every target either as it was or complete, and no
     * temporary file. The directories must exist.
     */
    public static void writeAll(Map<Path, byte[]> contents) throws IOException {
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, byte[]> e : contents.entrySet()) {
                Path target = e.getKey();
                Path tmp = createTemp(target.toAbsolutePath().getParent(), target.getFileName().toString());
                temps.put(target, tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(e.getValue());
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                    ch.force(true);
                }
            }
            for (Map.Entry<Path, Path> e : temps.entrySet()) {
                moveOver(e.getValue(), e.getKey());
            }
        } catch (IOException | RuntimeException | Error e) {
            discard(temps.values(), e);
            throw e;
        }
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path target : contents.keySet()) {
            dirs.add(target.toAbsolutePath().getParent());
        }
        for (Path dir : dirs) {
            syncDirectory(dir);
        }
    }

    /** Renames {@code tmp} over {@code target}: atomically, or replacing where the file system cannot. */
    private static void moveOver(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the temporary files left by {@code failure} (moved ones are gone), adding their own errors to it. */
    private static void discard(Collection<Path> temps, Throwable failure) {
        for (Path tmp : temps) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    /**
     * Creates an empty temporary file with the default permissions (umask), unlike
     * {@link Files#createTempFile}, which makes it owner-only: the file becomes the output.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + TEMP_SUFFIX);
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException taken) {
                // Another writer drew the same name: draw again.
            }
        }
    }

    /** Forces a directory's entries (a rename) to disk; not possible, and not needed, on Windows. */
    public static void syncDirectory(Path dir) throws IOException {
        if (!WINDOWS) {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    }

    /** True for a temporary file of this class ({@code .<name>.<random>.tmp}). */
    public static boolean isTemp(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    /** Deletes the temporary files left in {@code dir} (not recursive). @return how many. */
    public static int deleteTemps(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, AtomicFiles::isTemp)) {
            for (Path f : files) {
                Files.delete(f);
                n++;
            }
        }
        return n;
    }

    /**
     * Deletes {@code dir} and everything under it, deepest first; nothing when it does not exist. Not atomic: for
     * scratch and staging folders, never for output a reader may be reading.
     */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
