package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.benchmarks.naive.NaiveBackProjection;
import io.github.spatialvlm4j.kernels.BackProjection;
import io.github.spatialvlm4j.kernels.Kernels;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Back-projection of a full depth frame with its instance labels (the lift stage,
 * docs/ARCHITECTURE.md, "Stages"): our kernel on one thread and on every core, against the naive
 * row-major loop (both allocate their outputs and group the points by label).
 * {@code oursIntoBuffers} is the kernel's allocation-free variant without labels, writing into
 * arrays owned by the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BackProjectionBenchmark {
    @Param({"640x480", "1280x720"})
    public String resolution;

    private BenchmarkScenes.Scene scene;
    private Kernels single;
    private Kernels all;
    private float[] xyzBuffer;
    private int[] pixelBuffer;

    /** Builds the seeded inputs (not timed). */
    @Setup
    public void setup() {
        int[] wh = BenchmarkInputs.resolution(resolution);
        scene = BenchmarkInputs.scene(wh[0], wh[1]);
        single = Kernels.jvm(1);
        all = Kernels.jvm(Runtime.getRuntime().availableProcessors());
        xyzBuffer = new float[3 * wh[0] * wh[1]];
        pixelBuffer = new int[wh[0] * wh[1]];
    }

    /** Releases the kernels' worker threads. */
    @TearDown
    public void tearDown() {
        single.close();
        all.close();
    }

    /** Our kernel on one worker thread, with labels. */
    @Benchmark
    public BackProjection oursOneThread() {
        return single.backProject(scene.depth(), scene.intrinsics(), scene.labels(), BenchmarkInputs.MIN_DEPTH,
                BenchmarkInputs.MAX_DEPTH);
    }

    /** Our kernel on every core, with labels. */
    @Benchmark
    public BackProjection ours() {
        return all.backProject(scene.depth(), scene.intrinsics(), scene.labels(), BenchmarkInputs.MIN_DEPTH,
                BenchmarkInputs.MAX_DEPTH);
    }

    /** Our kernel on every core, no labels, into preallocated arrays; returns the point count. */
    @Benchmark
    public int oursIntoBuffers() {
        return all.backProjectInto(scene.depth(), scene.intrinsics(), BenchmarkInputs.MIN_DEPTH,
                BenchmarkInputs.MAX_DEPTH, xyzBuffer, pixelBuffer);
    }

    /** The naive single-threaded loop, with labels. */
    @Benchmark
    public NaiveBackProjection.Result naive() {
        return NaiveBackProjection.backProject(scene.depth(), scene.intrinsics(), scene.labels(),
                BenchmarkInputs.MIN_DEPTH, BenchmarkInputs.MAX_DEPTH);
    }
}
