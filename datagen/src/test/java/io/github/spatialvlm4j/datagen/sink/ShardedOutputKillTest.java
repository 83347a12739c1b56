package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.testing.ChildJvm;
import io.github.spatialvlm4j.datagen.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Process child = ChildJvm.start(KillProbe.class.getName(), log, dir.toString());
        boolean reached = ChildJvm.killWhen(child, () -> Files.exists(dir.resolve(KILL_AFTER)), WAIT_LIMIT_MS);
        assertTrue(reached, () -> "child did not commit 4 shards: " + ChildJvm.read(log));

        KillProbe.run(dir);
        FileTrees.assertSameTree(reference, dir);
        assertEquals(KillProbe.SHARDS * KillProbe.PER_SHARD, Json.MAPPER.readTree(
                dir.resolve(ShardedOutput.MANIFEST).toFile()).get("records").asInt());
    }
}
