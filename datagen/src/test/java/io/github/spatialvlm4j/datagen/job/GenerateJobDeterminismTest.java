package io.github.spatialvlm4j.datagen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.datagen.testing.FileTrees;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives the same output tree, byte for byte, whatever the worker and kernel thread counts. */
class GenerateJobDeterminismTest {
    private static final int FRAMES = 6;
    private static final long SEED = 5;

    @TempDir
    Path tmp;

    private static GenerateJob.Result run(Path out, int threads, long seed) throws IOException {
        GenerateJob.Config config = new GenerateJob.Config(
                new SyntheticSource(SyntheticSceneOptions.defaults().withSize(160, 120), seed, FRAMES), out,
                EnumSet.allOf(OutputFormat.class), seed, threads, 2, true, Map.of("test", "determinism"));
        try (Kernels kernels = Kernels.jvm(threads)) {
            return GenerateJob.run(config, new FramePipeline(kernels, PipelineOptions.defaults()), ProgressListener.NONE);
        }
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalTrees() throws IOException {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        GenerateJob.Result a = run(one, 1, SEED);
        GenerateJob.Result b = run(two, 2, SEED);
        assertTrue(a.summary().records() > 0, "no record written");
        assertTrue(a.summary().qa() > 0, "no question written");
        assertEquals(a.summary().records(), b.summary().records());
        assertEquals(a.summary().qa(), b.summary().qa());
        TreeMap<String, byte[]> files = FileTrees.tree(one);
        for (String expected : new String[] {"manifest.json", "llava.json", "dataset_info.json",
            "jsonl/part-00000.jsonl", "llava/part-00000.json", "sharegpt/part-00000.jsonl",
            "parquet/part-00000.parquet", "jsonl/part-00002.jsonl"}) {
            assertTrue(files.containsKey(expected), () -> expected + " missing from " + files.keySet());
        }
        assertTrue(files.keySet().stream().anyMatch(f -> f.startsWith(GenerateJob.OBJECTS_DIR + "/") && f.endsWith(".ply")),
                "no object cloud written");
        assertTrue(files.keySet().stream().anyMatch(f -> f.startsWith("images/") && f.endsWith(".png")));
        FileTrees.assertSameTree(one, two);
    }
}
