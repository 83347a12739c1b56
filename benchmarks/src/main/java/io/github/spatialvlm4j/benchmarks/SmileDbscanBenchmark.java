package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.benchmarks.peers.SmilePeers;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Smile's DBSCAN (KD-tree range search, single-threaded) on the object clouds of
 * {@link DbscanBenchmark}, same eps and core threshold. The 921,600-point full frame is left
 * out: one run takes several seconds there, which would not fit this suite's time budget.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SmileDbscanBenchmark {
    @Param({"5000", "20000", "100000"})
    public int points;

    private double[][] rows;

    /** Builds the seeded inputs (not timed). */
    @Setup
    public void setup() {
        rows = SmilePeers.rows(BenchmarkInputs.cloud(points));
    }

    /** Smile's DBSCAN. */
    @Benchmark
    public int[] smile() {
        return SmilePeers.dbscan(rows, BenchmarkScenes.DBSCAN_EPS, BenchmarkInputs.DBSCAN_MIN_POINTS);
    }
}
