package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The whole per-frame path of the data engine without models: a 640x480 RGB-D frame with 6
 * labelled objects through lifting, cleaning, floor finding, facts, ambiguity removal and
 * question synthesis ({@link FramePipeline#process}). Frames are rendered once in the setup
 * (rendering and output writing are not part of the path). Throughput in frames per second:
 * {@code oneThread} is one frame at a time, {@code twoThreads} two frames at once on the 2-core
 * machine, as the local runner processes them. Target: at least 50 frames/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FramePathBenchmark {
    /** Distinct frames cycled through, so no single scene dominates. */
    private static final int FRAMES = 16;

    private Frame[] frames;
    private Kernels kernels;
    private FramePipeline pipeline;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setup() {
        SyntheticSource source = new SyntheticSource(SyntheticSceneOptions.defaults().withObjects(6, 6),
                BenchmarkInputs.SEED, FRAMES);
        frames = new Frame[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = source.load(i);
        }
        // One kernel thread per call: frame-level parallelism comes from the benchmark threads.
        kernels = Kernels.jvm(1);
        pipeline = new FramePipeline(kernels, PipelineOptions.defaults());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernels.close();
    }

    private FramePipeline.Result processNext() {
        Frame frame = frames[Math.floorMod(next.getAndIncrement(), FRAMES)];
        return pipeline.process(frame, BenchmarkInputs.SEED);
    }

    /** One frame at a time on one thread. */
    @Benchmark
    @Threads(1)
    public FramePipeline.Result oneThread() {
        return processNext();
    }

    /** Two frames at once, one per core. */
    @Benchmark
    @Threads(2)
    public FramePipeline.Result twoThreads() {
        return processNext();
    }
}
