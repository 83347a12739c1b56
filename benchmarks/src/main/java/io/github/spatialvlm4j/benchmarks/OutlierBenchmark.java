package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.benchmarks.naive.NaiveOutlierRemoval;
import io.github.spatialvlm4j.benchmarks.peers.SmilePeers;
import io.github.spatialvlm4j.geometry.PointCloud;
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
 * Statistical outlier removal (the clean stage, docs/ARCHITECTURE.md, "Stages"), k = 20, std ratio
 * 2, on object clouds of 5k, 20k and 100k points: our kernel against the naive grid kNN and Smile's
 * KD-tree kNN (single-threaded; tree build included in both peers, as in ours).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OutlierBenchmark {
    @Param({"5000", "20000", "100000"})
    public int points;

    private PointCloud cloud;
    private double[][] rows;
    private Kernels kernels;

    /** Builds the seeded inputs (not timed). */
    @Setup
    public void setup() {
        cloud = BenchmarkInputs.cloud(points);
        rows = SmilePeers.rows(cloud);
        kernels = Kernels.jvm(Runtime.getRuntime().availableProcessors());
    }

    /** Releases the kernels' worker threads. */
    @TearDown
    public void tearDown() {
        kernels.close();
    }

    /** Our statistical outlier removal on every core. */
    @Benchmark
    public int[] ours() {
        return kernels.statisticalOutlierInliers(cloud, BenchmarkInputs.SOR_K, BenchmarkInputs.SOR_STD_RATIO);
    }

    /** The naive grid-kNN outlier removal, single-threaded. */
    @Benchmark
    public int[] naive() {
        return NaiveOutlierRemoval.inliers(cloud, BenchmarkInputs.SOR_K, BenchmarkInputs.SOR_STD_RATIO);
    }

    /** Outlier removal on Smile KD-tree kNN, single-threaded. */
    @Benchmark
    public int[] smileKdTree() {
        return SmilePeers.outlierInliers(rows, BenchmarkInputs.SOR_K, BenchmarkInputs.SOR_STD_RATIO);
    }
}
