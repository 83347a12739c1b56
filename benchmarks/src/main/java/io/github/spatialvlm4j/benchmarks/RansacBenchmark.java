package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.benchmarks.naive.NaiveRansac;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.RansacOptions;
import io.github.spatialvlm4j.kernels.RansacResult;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * RANSAC floor plane (the canonicalize stage, docs/ARCHITECTURE.md, "Stages") on the whole 640x480
 * frame (307,200 points: floor, wall and boxes), 1000 hypotheses, 0.05 m, no early exit: our kernel
 * against the naive loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RansacBenchmark {
    private PointCloud cloud;
    private RansacOptions options;
    private Kernels kernels;

    /** Builds the seeded inputs (not timed). */
    @Setup
    public void setup() {
        cloud = BenchmarkInputs.fullFrame(640, 480);
        options = RansacOptions.defaults(BenchmarkInputs.SEED);
        kernels = Kernels.jvm(Runtime.getRuntime().availableProcessors());
    }

    /** Releases the kernels' worker threads. */
    @TearDown
    public void tearDown() {
        kernels.close();
    }

    /** Our RANSAC on every core. */
    @Benchmark
    public RansacResult ours() {
        return kernels.ransacPlane(cloud, options);
    }

    /** The naive RANSAC loop, single-threaded, same hypotheses. */
    @Benchmark
    public NaiveRansac.Result naive() {
        return NaiveRansac.fit(cloud, options.distanceThreshold(), options.iterations(), options.seed());
    }
}
