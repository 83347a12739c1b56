package io.github.spatialvlm4j.datagen.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** finetune checks its input: an unfinished engine run is refused (or, asked for, used and reported), damage fails. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinetuneInputCheckTest {
    private Path engine;

    @TempDir
    Path tmp;

    @BeforeAll
    void generate(@TempDir Path shared) {
        engine = shared.resolve("engine");
        CliRun r = CliRun.of("generate", "--count", "6", "--shard-size", "3", "--width", "96", "--height", "72",
                "--questions", "6", "--threads", "2", "--out", engine.toString());
        assertEquals(0, r.code(), r.err());
    }

    /** A copy of the engine output, to damage. */
    private Path copy(String name) throws IOException {
        Path to = tmp.resolve(name);
        try (var walk = Files.walk(engine)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(engine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private CliRun finetune(Path in, String... more) {
        String[] args = {"finetune", "--engine-out", in.toString(), "--out", tmp.resolve("ft-" + in.getFileName())
                .toString(), "--val", "0", "--test", "0", "--trainer-path", tmp.toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void anUnfinishedRunIsRefusedUnlessAllowedAndThenReported() throws IOException {
        Path killed = copy("killed");
        // As a run killed while writing shard 1: no manifest, shard 1 not committed.
        Files.delete(killed.resolve(ShardedOutput.MANIFEST));
        Files.delete(killed.resolve(ShardedOutput.SHARDS_DIR).resolve(ShardedOutput.shardName(1) + ".done"));
        CliRun refused = finetune(killed);
        assertEquals(1, refused.code());
        assertEquals("spatialvlm4j: " + killed + " has no manifest.json: its generate run did not finish (1 of 2 shards"
                + " committed); run the same generate command again to finish it, or pass --allow-partial to use the"
                + " committed shards\n", refused.err());
        assertFalse(Files.exists(tmp.resolve("ft-killed")), "nothing is written");

        CliRun partial = finetune(killed, "--allow-partial");
        assertEquals(0, partial.code(), partial.err());
        assertTrue(partial.out().contains("partial input: " + killed + ": unfinished run, 1 of 2 shards committed; only"
                + " those are used"), partial.out());
        long shard0 = Files.readAllLines(killed.resolve("jsonl/part-00000.jsonl")).size();
        var summary = new ObjectMapper().readTree(tmp.resolve("ft-killed/finetune.json").toFile());
        assertEquals(shard0, summary.get("records_read").asLong(), "only the committed shard is read");
        assertEquals(1, summary.get("input_notes").size());
    }

    @Test
    void missingImagesFail() throws IOException {
        Path damaged = copy("no-image");
        String image = new ObjectMapper().readTree(Files.readAllLines(damaged.resolve("jsonl/part-00001.jsonl")).get(0))
                .get("image").asText();
        Files.delete(damaged.resolve(image));
        CliRun r = finetune(damaged);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("records of " + damaged + " show images that are missing (" + image + "): the engine"
                + " output is damaged"), r.err());
        assertFalse(Files.exists(tmp.resolve("ft-no-image")));
    }

    @Test
    void aCutPartFails() throws IOException {
        Path damaged = copy("cut");
        Path part = damaged.resolve("jsonl/part-00000.jsonl");
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, Arrays.copyOf(bytes, bytes.length - 1));
        CliRun r = finetune(damaged);
        assertEquals(1, r.code());
        assertTrue(r.err().contains(damaged + " is damaged: jsonl/part-00000.jsonl is " + (bytes.length - 1)
                + " bytes, manifest.json lists " + bytes.length), r.err());
    }

    @Test
    void anOutputWithoutQuestionsFails() throws IOException {
        // A finished run whose every frame was skipped.
        Path empty = tmp.resolve("empty");
        ShardedOutput out = new ShardedOutput(empty, Set.of(OutputFormat.JSONL), Map.of());
        out.writeShard(0, List.of());
        out.finish(1);
        CliRun r = finetune(empty);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("No questions in [" + empty + "] (0 records read): nothing to fine-tune on"), r.err());
    }
}
