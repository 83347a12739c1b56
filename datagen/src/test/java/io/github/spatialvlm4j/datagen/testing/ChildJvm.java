package io.github.spatialvlm4j.datagen.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A child JVM on the test classpath, for tests that kill a real process: its standard output and
 * error go to a log file (tests print nothing).
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code mainClass.main(args)} in a new JVM with this JVM's classpath; output to {@code log}. */
    public static Process start(String mainClass, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Polls {@code ready} every 2 ms until it holds, the child exits, or {@code limitMillis} pass;
     * then kills the child with SIGKILL ({@link Process#destroyForcibly()}) and waits for it.
     *
     * @return whether {@code ready} held when the child was killed
     */
    public static boolean killWhen(Process child, BooleanSupplier ready, long limitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + limitMillis * 1_000_000;
        while (!ready.getAsBoolean() && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        child.destroyForcibly();
        child.waitFor();
        return ready.getAsBoolean();
    }

    /** The log's text, or a note why it could not be read (for failure messages). */
    public static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
