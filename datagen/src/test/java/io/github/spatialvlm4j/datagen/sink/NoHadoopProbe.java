package io.github.spatialvlm4j.datagen.sink;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a small run with every format. {@link NoHadoopTest} loads this class in a class loader that
 * has no Hadoop classes and calls {@link #run(String)} by reflection, with JDK types only.
 */
public final class NoHadoopProbe {

    private NoHadoopProbe() {
    }

    /** Writes two shards and finishes, under {@code dir}; returns the number of frames written. */
    public static int run(String dir) throws Exception {
        ShardedOutput out = new ShardedOutput(Path.of(dir), EnumSet.allOf(OutputFormat.class), Map.of("seed", "5"));
        List<FrameRecord> records = SinkFixtures.records(new Random(5), "nohadoop", 8);
        out.writeShard(0, records.subList(0, 4));
        out.writeShard(1, records.subList(4, 8));
        out.finish(2);
        return records.size();
    }
}
