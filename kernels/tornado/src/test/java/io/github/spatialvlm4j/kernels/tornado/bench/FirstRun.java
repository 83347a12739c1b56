package io.github.spatialvlm4j.kernels.tornado.bench;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.tornado.TornadoBackend;
import java.util.Arrays;
import java.util.Locale;

/**
 * First-run vs warm time of each workload on the TornadoVM backend: the first call builds and
 * compiles every plan it uses (TornadoVM JIT + OpenCL build), later calls reuse them. A tool, not
 * a test: prints one line per workload. Arguments: point counts (default 20000 100000).
 */
public final class FirstRun {
    private FirstRun() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {20000, 100000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        DepthMap depth = Workloads.depth(640, 480, 8);
        CameraIntrinsics k = Workloads.intrinsics(640, 480);
        for (int n : sizes) {
            PointCloud cloud = Workloads.scene(n, 7);
            for (String w : new String[] {"dbscan", "ransac", "sor", "backproject"}) {
                TornadoBackend backend = new TornadoBackend();
                try (Kernels kernels = Kernels.on(backend)) {
                    long t0 = System.nanoTime();
                    Workloads.run(kernels, w, cloud, depth, k);
                    long first = System.nanoTime() - t0;
                    long[] warm = new long[5];
                    for (int r = 0; r < warm.length; r++) {
                        long t = System.nanoTime();
                        Workloads.run(kernels, w, cloud, depth, k);
                        warm[r] = System.nanoTime() - t;
                    }
                    Arrays.sort(warm);
                    System.out.println(String.format(Locale.ROOT,
                            "%-12s n=%-7d first run %8.1f ms (plans compiled: %d, their first executions %8.1f ms)"
                                    + "  warm median %8.2f ms  on %s",
                            w, w.equals("backproject") ? 640 * 480 : n, first / 1e6, backend.compiledShapes(),
                            backend.firstRunNanos() / 1e6, warm[2] / 1e6, backend.deviceName()));
                }
            }
        }
    }
}
