package io.github.spatialvlm4j.examples;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.dbscan.DbscanResult;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Example 4: run the geometry kernels on TornadoVM (a GPU) when it is present, and check them
 * against the plain JVM backend.
 *
 * <p>Run on the JVM: {@code java -cp ... io.github.spatialvlm4j.examples.TornadoKernels}. Run on a
 * GPU: build {@code kernels/tornado} (Maven profile, needs {@code TORNADOVM_HOME}) and start the
 * same class with the {@code tornado} launcher; {@code -Dspatialvlm4j.backend=tornadovm} makes a
 * missing TornadoVM an error instead of a fallback.
 *
 * <p>{@link Kernels#create()} chooses the backend once: TornadoVM when its runtime is loaded, else
 * the JVM. The kernel bodies are the same Java methods on both, so results agree: the
 * back-projected points within float rounding, DBSCAN clusters identical up to renumbering.
 */
public final class TornadoKernels {

    /**
     * @param backend the backend {@link Kernels#create()} chose
     * @param points back-projected points
     * @param maxPointDifference largest coordinate difference between the backends, meters
     * @param clusters DBSCAN clusters on the chosen backend
     * @param sameClusters whether the JVM found the same number of clusters and the same noise points
     */
    record Result(String backend, int points, double maxPointDifference, int clusters, boolean sameClusters) {
    }

    private TornadoKernels() {
    }

    public static void main(String[] args) {
        run(1, 640, 480, System.out);
    }

    static Result run(long seed, int width, int height, PrintStream out) {
        Frame frame = new SyntheticSceneGenerator(SyntheticSceneOptions.defaults().withSize(width, height))
                .generate("kernels-" + seed, seed);
        try (Kernels chosen = Kernels.create(); Kernels jvm = Kernels.jvm(Runtime.getRuntime().availableProcessors())) {
            out.println("backend: " + chosen.backendName() + " (" + chosen.parallelism() + " workers)");
            PointCloud a = chosen.backProject(frame.depth().orElseThrow(), frame.intrinsics().orElseThrow(), null,
                    0.05f, 20f).cloud();
            PointCloud b = jvm.backProject(frame.depth().orElseThrow(), frame.intrinsics().orElseThrow(), null,
                    0.05f, 20f).cloud();
            double diff = 0;
            for (int i = 0; i < a.xyz().length; i++) {
                diff = Math.max(diff, Math.abs(a.xyz()[i] - b.xyz()[i]));
            }
            // Cluster about 20000 points of the scene: 5 cm neighbourhoods, 10 neighbours make a core point.
            int stride = Math.max(1, a.size() / 20_000);
            int[] sample = java.util.stream.IntStream.range(0, a.size()).filter(i -> i % stride == 0).toArray();
            DbscanResult onChosen = chosen.dbscan(a.subset(sample), 0.05f, 10);
            DbscanResult onJvm = jvm.dbscan(b.subset(sample), 0.05f, 10);
            boolean same = onChosen.clusterCount() == onJvm.clusterCount()
                    && Arrays.equals(noise(onChosen), noise(onJvm));
            out.printf(Locale.ROOT, "%d points (max difference %.2g m), %d clusters, JVM agrees: %s%n", a.size(), diff,
                    onChosen.clusterCount(), same);
            return new Result(chosen.backendName(), a.size(), diff, onChosen.clusterCount(), same);
        }
    }

    private static boolean[] noise(DbscanResult r) {
        boolean[] n = new boolean[r.labels().length];
        for (int i = 0; i < n.length; i++) {
            n[i] = r.label(i) == DbscanResult.NOISE;
        }
        return n;
    }
}
