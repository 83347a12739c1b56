package io.github.spatialvlm4j.datagen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.cli.SpatialVlm4jCli;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.testing.ChildJvm;
import io.github.spatialvlm4j.datagen.testing.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill of the command line: {@code generate} in a child JVM is killed with SIGKILL once a
 * shard is committed, wherever it happens to be, then the same command is run again (in this JVM).
 * The final tree must equal an uninterrupted run's, byte for byte, every file included: nothing
 * in the output depends on timing, threads or the process that wrote it.
 */
class GenerateJobKillTest {
    /** Upper bound on waiting for the child's first shard (a hung child fails the test). */
    private static final long WAIT_LIMIT_MS = 120_000;

    @TempDir
    Path tmp;

    private static String[] command(Path out) {
        return new String[] {"generate", "--source", "synthetic", "--count", "12", "--shard-size", "2", "--width", "160",
            "--height", "120", "--threads", "2", "--out", out.toString(), "--format", "jsonl,parquet,llava,sharegpt"};
    }

    /** Runs the CLI in this JVM; returns its standard output, fails on a non-zero exit. */
    private static String runInProcess(Path out) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = SpatialVlm4jCli.run(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), command(out));
        assertEquals(0, code, () -> stderr.toString(StandardCharsets.UTF_8));
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private static boolean anyShardDone(Path out) {
        Path shards = out.resolve(ShardedOutput.SHARDS_DIR);
        if (!Files.isDirectory(shards)) {
            return false;
        }
        try (Stream<Path> files = Files.list(shards)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".done"));
        } catch (IOException e) {
            return false; // listing raced with the child's writes: poll again
        }
    }

    @Test
    void killedGenerateResumesToTheBytesOfAnUninterruptedRun() throws Exception {
        Path reference = tmp.resolve("reference");
        runInProcess(reference);

        Path killed = tmp.resolve("killed");
        Path log = tmp.resolve("child.log");
        List<String> args = new ArrayList<>(List.of(command(killed)));
        Process child = ChildJvm.start(SpatialVlm4jCli.class.getName(), log, args.toArray(String[]::new));
        boolean reached = ChildJvm.killWhen(child, () -> anyShardDone(killed), WAIT_LIMIT_MS);
        assertTrue(reached, () -> "child committed no shard: " + ChildJvm.read(log));

        String summary = runInProcess(killed);
        Matcher m = Pattern.compile("(\\d+) shards written, (\\d+) resumed").matcher(summary);
        assertTrue(m.find(), summary);
        assertTrue(Integer.parseInt(m.group(2)) >= 1, "the restart resumed no shard: " + summary);
        assertEquals(6, Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)), summary);
        FileTrees.assertSameTree(reference, killed);
    }

}
