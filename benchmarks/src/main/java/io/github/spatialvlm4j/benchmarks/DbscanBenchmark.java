package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.benchmarks.naive.NaiveDbscan;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.DbscanResult;
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
 * DBSCAN (the clean stage, docs/ARCHITECTURE.md, "Stages") with eps 0.02 m and 10 points, on object
 * clouds of 5k, 20k and 100k points (about 100 neighbours per point, see {@link BenchmarkScenes})
 * and on the whole 1280x720 frame (921,600 points): our kernel against the naive textbook DBSCAN.
 * Smile's DBSCAN is in {@link SmileDbscanBenchmark}, without the full frame.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DbscanBenchmark {
    @Param({"5000", "20000", "100000", "921600"})
    public int points;

    private PointCloud cloud;
    private Kernels kernels;

    /** Builds the seeded inputs (not timed). */
    @Setup
    public void setup() {
        cloud = BenchmarkInputs.cloud(points);
        kernels = Kernels.jvm(Runtime.getRuntime().availableProcessors());
    }

    /** Releases the kernels' worker threads. */
    @TearDown
    public void tearDown() {
        kernels.close();
    }

    /** Our DBSCAN on every core. */
    @Benchmark
    public DbscanResult ours() {
        return kernels.dbscan(cloud, BenchmarkScenes.DBSCAN_EPS, BenchmarkInputs.DBSCAN_MIN_POINTS);
    }

    /** The naive textbook DBSCAN, single-threaded. */
    @Benchmark
    public NaiveDbscan.Result naive() {
        return NaiveDbscan.cluster(cloud, BenchmarkScenes.DBSCAN_EPS, BenchmarkInputs.DBSCAN_MIN_POINTS);
    }
}
