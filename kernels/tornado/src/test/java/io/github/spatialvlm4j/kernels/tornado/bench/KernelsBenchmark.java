package io.github.spatialvlm4j.kernels.tornado.bench;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JVM vs TornadoVM backend on the same seeded inputs, warm (plans compiled in setup: see
 * {@link FirstRun} for the first-run compile time). Points: a floor, two boxes and clutter;
 * back-projection: a 640 x 480 depth map. Run inside the TornadoVM runtime (JMH forks inherit the
 * parent's JVM arguments, argfile included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelsBenchmark {
    @Param({"jvm", "tornadovm"})
    public String backend;
    @Param({"20000", "100000"})
    public int points;
    @Param({"dbscan", "ransac", "sor", "backproject"})
    public String workload;

    private Kernels kernels;
    private PointCloud cloud;
    private DepthMap depth;
    private CameraIntrinsics intrinsics;

    /** Builds the inputs and runs the workload once (compiles the device plans). */
    @Setup(Level.Trial)
    public void setUp() {
        kernels = Kernels.create(backend, Runtime.getRuntime().availableProcessors());
        cloud = Workloads.scene(points, 7);
        depth = Workloads.depth(640, 480, 8);
        intrinsics = Workloads.intrinsics(640, 480);
        Workloads.run(kernels, workload, cloud, depth, intrinsics);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernels.close();
    }

    @Benchmark
    public long kernel() {
        return Workloads.run(kernels, workload, cloud, depth, intrinsics);
    }
}
