package io.github.spatialvlm4j.datagen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.sink.OutputLock;
import io.github.spatialvlm4j.datagen.source.rgbd.RgbdFolders;
import io.github.spatialvlm4j.datagen.testing.ChildJvm;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import io.github.spatialvlm4j.datagen.testing.FileTrees;
import io.github.spatialvlm4j.datagen.testing.LockProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed run checks what it resumes: committed files against their size and SHA-256, the inputs of
 * skipped frames against what they held, the options against the directory's; the input is known by
 * its canonical path; and one run at a time holds a directory.
 */
class ResumeVerificationTest {
    private static final long WAIT_LIMIT_MS = 120_000;

    @TempDir
    Path tmp;

    private static String[] synthetic(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("generate", "--count", "12", "--shard-size", "4", "--width", "96",
                "--height", "72", "--threads", "2", "--questions", "4", "--format", "jsonl,parquet", "--out",
                out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    @Test
    void aDamagedCommittedShardIsWrittenAgainAndReported() throws IOException {
        Path reference = tmp.resolve("reference");
        ok(synthetic(reference));
        Path out = tmp.resolve("out");
        ok(synthetic(out));

        // A part cut short (a full disk, a bad copy): found by its size.
        Path part = out.resolve("jsonl/part-00001.jsonl");
        long size = Files.size(part);
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, Arrays.copyOf(bytes, bytes.length / 2));
        CliRun r = ok(synthetic(out));
        assertTrue(r.err().contains("warning: shard 1: jsonl/part-00001.jsonl is " + bytes.length / 2
                + " bytes, committed with " + size + "; written again"), r.err());
        assertTrue(r.out().contains("1 shards written, 2 resumed"), r.out());
        FileTrees.assertSameTree(reference, out);

        // An image replaced by one of the same size (found by its SHA-256), another deleted.
        Path image = out.resolve("images/synthetic-000009.png");
        byte[] png = Files.readAllBytes(image);
        png[png.length / 2] ^= 1;
        Files.write(image, png);
        Files.delete(out.resolve("images/synthetic-000000.png"));
        r = ok(synthetic(out));
        assertTrue(r.err().contains("shard 0: images/synthetic-000000.png is missing"), r.err());
        assertTrue(r.err().contains("shard 2: images/synthetic-000009.png does not hold what was committed"), r.err());
        assertTrue(r.out().contains("2 shards written, 1 resumed"), r.out());
        FileTrees.assertSameTree(reference, out);
    }

    @Test
    void aSkippedFrameWhoseFileWasFixedIsProcessedAgain() throws IOException {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 3, 96, 72, 5);
        Path depth = in.resolve("scene001.depth.png");
        byte[] good = Files.readAllBytes(depth);
        Files.write(depth, Arrays.copyOf(good, 50));
        String[] args = {"generate", "--source", "rgbd", "--input", in.toString(), "--out", tmp.resolve("out").toString(),
            "--threads", "1", "--questions", "4", "--shard-size", "2"};
        CliRun first = ok(args);
        assertTrue(first.out().contains("scene001 [load_error]"), first.out());

        Files.write(depth, good);
        CliRun second = ok(args);
        assertTrue(second.err().contains("shard 0: the input of skipped frame 1 changed since (" + depth.toRealPath()
                + "); written again"), second.err());
        assertFalse(second.out().contains("Skipped"), second.out());
        Path clean = tmp.resolve("clean");
        args[6] = clean.toString();
        ok(args);
        FileTrees.assertSameTree(clean, tmp.resolve("out"));
    }

    @Test
    void aResumeWithOtherOptionsIsRefusedNamingThem() throws IOException {
        Path out = tmp.resolve("out");
        ok(synthetic(out));
        CliRun r = CliRun.of(synthetic(out, "--seed", "8", "--exact"));
        assertEquals(1, r.code());
        assertEquals("spatialvlm4j: Output directory " + out + " was started with other options (exact: false there,"
                + " true now; seed: 7 there, 8 now; source: synthetic: 12 scenes of 96x72, seed 7, noise none there,"
                + " synthetic: 12 scenes of 96x72, seed 8, noise none now): resume with the same options, or use a new"
                + " directory\n", r.err());
    }

    @Test
    void theInputIsKnownByItsCanonicalPath() throws IOException {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 2, 96, 72, 5);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), in);
        Path relative = Path.of("").toAbsolutePath().relativize(in.toAbsolutePath());
        Path out = tmp.resolve("out");
        ok("generate", "--source", "rgbd", "--input", link.toString(), "--out", out.toString(), "--questions", "4");
        CliRun again = ok("generate", "--source", "rgbd", "--input", relative.toString(), "--out", out.toString(),
                "--questions", "4");
        assertTrue(again.out().contains("0 shards written, 1 resumed"), again.out());
    }

    @Test
    void aSecondRunIntoALockedDirectoryIsRefusedInOneLine() throws Exception {
        Path out = tmp.resolve("out");
        try (OutputLock held = OutputLock.acquire(out)) {
            CliRun r = CliRun.of(synthetic(out));
            assertEquals(1, r.code());
            assertEquals("spatialvlm4j: Output directory " + out + " is in use by another run (this process): wait for"
                    + " it to end or write elsewhere; if no such run exists, delete " + out.toRealPath()
                    .resolve(OutputLock.FILE) + "\n", r.err());
        }
        ok(synthetic(out));
        assertFalse(Files.exists(out.resolve(OutputLock.FILE)), "the lock file goes with its run");

        // Another process holds it.
        Path other = tmp.resolve("other");
        Path ready = tmp.resolve("ready");
        Path log = tmp.resolve("probe.log");
        Process child = ChildJvm.start(LockProbe.class.getName(), log, other.toString(), ready.toString());
        try {
            long deadline = System.nanoTime() + WAIT_LIMIT_MS * 1_000_000;
            while (!Files.exists(ready) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(Files.exists(ready), () -> "the probe did not lock: " + ChildJvm.read(log));
            CliRun r = CliRun.of(synthetic(other));
            assertEquals(1, r.code());
            assertTrue(r.err().contains("is in use by another run (pid " + child.pid() + " on host "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        // Killed, it leaves its lock file; the operating system released the lock, so the next run takes over.
        assertTrue(Files.exists(other.resolve(OutputLock.FILE)));
        ok(synthetic(other));
        assertFalse(Files.exists(other.resolve(OutputLock.FILE)));
    }
}
