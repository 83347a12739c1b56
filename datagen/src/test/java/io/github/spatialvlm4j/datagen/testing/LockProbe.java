package io.github.spatialvlm4j.datagen.testing;

import io.github.spatialvlm4j.datagen.sink.OutputLock;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process that holds an output directory's lock: {@code LockProbe DIR READY} locks DIR, writes
 * the file READY and waits to be killed.
 */
public final class LockProbe {
    private LockProbe() {
    }

    public static void main(String[] args) throws Exception {
        OutputLock lock = OutputLock.acquire(Path.of(args[0]));
        Files.writeString(Path.of(args[1]), Long.toString(ProcessHandle.current().pid()));
        Thread.sleep(Long.MAX_VALUE);
        lock.close();
    }
}
