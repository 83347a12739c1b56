package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill: a child JVM writing shards is killed with SIGKILL (destroyForcibly) once a few shards
 * are committed, wherever it happens to be; the restarted run must end with exactly the files of an
 * uninterrupted run. The kill point varies from run to run; the asserted outcome does not.
 */
class ShardedOutputKillTest {

    /** Marker that must exist before the kill: the child has done real work. */
    private static final String KILL_AFTER = "_shards/part-00003.done";
    /** Upper bound on waiting for the child to reach that point (a hung child fails the test). */
    private static final long WAIT_LIMIT_MS = 120_000;

    @TempDir
    Path tmp;

    @Test
    void killedRunResumesToTheSameBytes() throws Exception {
        Path reference = tmp.resolve("reference");
        KillProbe.run(reference);

        Path dir = tmp.resolve("killed");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillProbe.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + WAIT_LIMIT_MS * 1_000_000;
        while (!Files.exists(dir.resolve(KILL_AFTER)) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        child.destroyForcibly();
        child.waitFor();
        assertTrue(Files.exists(dir.resolve(KILL_AFTER)), () -> "child did not commit 4 shards: " + read(log));

        KillProbe.run(dir);
        TreeMap<String, byte[]> want = tree(reference);
        TreeMap<String, byte[]> got = tree(dir);
        assertEquals(want.keySet(), got.keySet());
        for (String name : want.keySet()) {
            assertArrayEquals(want.get(name), got.get(name), name);
        }
        assertEquals(KillProbe.SHARDS * KillProbe.PER_SHARD, Json.MAPPER.readTree(
                dir.resolve(ShardedOutput.MANIFEST).toFile()).get("records").asInt());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static TreeMap<String, byte[]> tree(Path dir) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString().replace(File.separatorChar, '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
