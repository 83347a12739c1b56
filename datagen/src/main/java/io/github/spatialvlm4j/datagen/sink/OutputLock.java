package io.github.spatialvlm4j.datagen.sink;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run per output directory: a lock file {@value #FILE} in the directory, holding the owner's
 * process id and host, locked with the operating system's file lock while the run lasts and deleted
 * when it ends. A second run into the same directory, from this process or another, is refused with
 * an {@link OutputLockedException} naming the owner. The operating system releases the lock when its
 * process dies, even by SIGKILL, so the file a killed run leaves behind is taken over by the next
 * run. Where the file system cannot lock (some network file systems), the owner's liveness is checked
 * by its process id when it is on this host.
 */
public final class OutputLock implements AutoCloseable {

    /** The lock file's name, in the output directory. */
    public static final String FILE = ".spatialvlm4j.lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final Pattern OWNER = Pattern.compile("pid (\\d+) on host (\\S+)");

    private final Path key;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    /** A second run found the directory locked. */
    public static final class OutputLockedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        OutputLockedException(String message) {
            super(message);
        }
    }

    private OutputLock(Path key, Path file, FileChannel channel, FileLock lock) {
        this.key = key;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} for this run, creating it when absent.
     *
     * @throws OutputLockedException when another run, in this process or another, holds it
     */
    public static OutputLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.toRealPath();
        Path file = key.resolve(FILE);
        if (!HELD.add(key)) {
            throw locked(dir, file, "this process");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            boolean locking = true;
            try {
                lock = channel.tryLock();
            } catch (IOException unsupported) {
                lock = null;
                locking = false;
            }
            if (locking && lock == null) {
                throw locked(dir, file, read(channel).orElse("another process"));
            }
            if (!locking) {
                // No file locks on this file system: fall back on the owner's process id.
                Optional<String> owner = read(channel);
                if (owner.isPresent() && alive(owner.get())) {
                    throw locked(dir, file, owner.get());
                }
            }
            byte[] me = (self() + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me), 0);
            channel.force(true);
            return new OutputLock(key, file, channel, lock);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            if (channel != null) {
                channel.close();
            }
            throw e;
        }
    }

    private static OutputLockedException locked(Path dir, Path file, String owner) {
        return new OutputLockedException("Output directory " + dir + " is in use by another run (" + owner
                + "): wait for it to end or write elsewhere; if no such run exists, delete " + file);
    }

    private static Optional<String> read(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        Matcher m = OWNER.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** Whether the owner "pid N on host H" is a live process of this host (unknown hosts count as alive). */
    private static boolean alive(String owner) {
        Matcher m = OWNER.matcher(owner);
        if (!m.matches()) {
            return false;
        }
        if (!m.group(2).equals(host())) {
            return true;
        }
        return ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String self() {
        return "pid " + ProcessHandle.current().pid() + " on host " + host();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("\\s", "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Deletes the lock file and releases the lock. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(file);
            if (lock != null) {
                lock.release();
            }
        } finally {
            channel.close();
            HELD.remove(key);
        }
    }
}
