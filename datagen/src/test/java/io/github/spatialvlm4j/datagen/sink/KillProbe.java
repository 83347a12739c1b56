package io.github.spatialvlm4j.datagen.sink;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A run that {@link ShardedOutputKillTest} starts in a child JVM and kills with SIGKILL part way:
 * writes {@link #SHARDS} shards of {@link #PER_SHARD} records each, in shard order, then finishes.
 */
public final class KillProbe {

    static final int SHARDS = 10;
    static final int PER_SHARD = 3;
    static final Map<String, String> OPTIONS = Map.of("seed", "99");

    private KillProbe() {
    }

    /** The records of shard {@code shard}; the same in every JVM. */
    static List<FrameRecord> shard(List<FrameRecord> all, int shard) {
        return all.subList(shard * PER_SHARD, (shard + 1) * PER_SHARD);
    }

    static List<FrameRecord> all() {
        return SinkFixtures.records(new Random(99), "kill", SHARDS * PER_SHARD);
    }

    /** Skips committed shards, writes the others, finishes: the resume loop of a runner. */
    static void run(Path dir) throws Exception {
        ShardedOutput out = new ShardedOutput(dir, EnumSet.allOf(OutputFormat.class), OPTIONS);
        List<FrameRecord> all = all();
        for (int s = 0; s < SHARDS; s++) {
            if (!out.isCommitted(s)) {
                out.writeShard(s, shard(all, s));
            }
        }
        out.finish(SHARDS);
    }

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]));
    }
}
