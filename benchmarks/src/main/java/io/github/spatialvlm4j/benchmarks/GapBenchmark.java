package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.benchmarks.naive.NaiveGap;
import io.github.spatialvlm4j.benchmarks.peers.SmilePeers;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.joml.Matrix4f;
import org.joml.Matrix4fc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Gap (closest surfaces, a pair fact of the facts stage, docs/ARCHITECTURE.md, "Stages") between
 * two 20k-point object clouds about 0.3 m apart: our gap kernel (here a k-d tree query per point
 * bounded by the best distance so far: objects this close and large defeat its axis sweep, see
 * {@code Kernels.gap}) and our full pairwise facts, against brute force over all 4e8 pairs and a
 * Smile KD-tree over one cloud queried with every point of the other (tree builds included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GapBenchmark {
    /** Points per object. */
    public static final int POINTS = 20_000;

    private List<PointCloud> objects;
    private double[][] rowsA;
    private double[][] rowsB;
    private final Matrix4fc identity = new Matrix4f();
    private Kernels kernels;

    /** Builds the seeded inputs (not timed). */
    @Setup
    public void setup() {
        PointCloud[] pair = BenchmarkScenes.objectPair(POINTS, BenchmarkInputs.PAIR_GAP, BenchmarkInputs.SEED);
        objects = List.of(pair[0], pair[1]);
        rowsA = SmilePeers.rows(pair[0]);
        rowsB = SmilePeers.rows(pair[1]);
        kernels = Kernels.jvm(Runtime.getRuntime().availableProcessors());
    }

    /** Releases the kernels' worker threads. */
    @TearDown
    public void tearDown() {
        kernels.close();
    }

    /** Our closest-surface gap alone. */
    @Benchmark
    public float ours() {
        return kernels.gap(objects.get(0), objects.get(1));
    }

    /** Our pairwise facts of the two objects (gap, centroid distance, mean nearest neighbour, both directions). */
    @Benchmark
    public double oursAllPairwiseFacts() {
        return kernels.pairwise(objects, identity).gap(0, 1);
    }

    /** The gap by brute force over all pairs, single-threaded. */
    @Benchmark
    public double bruteForce() {
        return NaiveGap.gap(objects.get(0), objects.get(1));
    }

    /** The gap by a Smile KD-tree nearest query per point, single-threaded. */
    @Benchmark
    public double smileKdTree() {
        return SmilePeers.gap(rowsA, rowsB);
    }
}
