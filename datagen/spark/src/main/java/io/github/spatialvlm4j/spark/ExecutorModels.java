package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.datagen.perception.Perception;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The models of one executor JVM: one {@link Perception} (one ONNX Runtime session per model) per models root,
 * perception choices and session settings, opened by the first task that needs it and shared by every later
 * task of the JVM, whatever its stage or job; closed by a shutdown hook when the executor's JVM ends. In local
 * mode the driver and the tasks share the JVM, hence the models.
 *
 * <p>Sharing is safe: ONNX Runtime sessions may be run from several threads at once, and {@link Perception}
 * and the vlm wrappers keep no per-call state (see their Javadoc). Concurrent tasks of an executor share each
 * session's intra-op thread pool, sized by the settings ({@link #settings}). Memory: one copy of each model's
 * weights per executor, not per task.
 */
final class ExecutorModels {

    private record Key(ModelSetup setup, SessionSettings settings) {
    }

    private static final Map<Key, Perception> OPEN = new LinkedHashMap<>();
    private static int opened;
    private static boolean hooked;

    private ExecutorModels() {
    }

    /**
     * The perception of {@code setup} (its root found by {@link #resolve}) with {@code settings}: the JVM's
     * open one, else opened now (other tasks asking meanwhile wait for it).
     *
     * @throws io.github.spatialvlm4j.vlm.model.ModelFormatException when a model is missing or incomplete
     */
    static synchronized Perception get(ModelSetup setup, SessionSettings settings) {
        Key key = new Key(resolve(setup), settings);
        Perception p = OPEN.get(key);
        if (p == null) {
            p = key.setup().open(settings);
            OPEN.put(key, p);
            opened++;
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "spatialvlm4j-models"));
                hooked = true;
            }
        }
        return p;
    }

    /** How many perceptions this JVM has opened so far (each one session per model). */
    static synchronized int opened() {
        return opened;
    }

    /** Closes every open perception; called at JVM exit (must not race with a running task). */
    static synchronized void closeAll() {
        List<Perception> all = new ArrayList<>(OPEN.values());
        OPEN.clear();
        all.forEach(Perception::close);
    }

    /**
     * {@code setup} with its root found on this machine: the folder it names when that exists (a path every
     * machine sees, or, relative, an archive that YARN unpacked into the container's working directory with
     * {@code --archives models.tgz#models}), else, for a relative name, the copy Spark shipped with
     * {@code --archives}/{@code spark.archives} or {@code --files}/{@code spark.files}
     * ({@link SparkFiles#get}).
     *
     * @throws IllegalArgumentException naming the root and the places looked at when neither is a folder
     */
    static ModelSetup resolve(ModelSetup setup) {
        Path given = Path.of(setup.root());
        if (Files.isDirectory(given)) {
            return setup.at(given.toAbsolutePath().normalize());
        }
        if (given.isAbsolute()) {
            throw new IllegalArgumentException("Models root " + given + " is not a folder on this machine ("
                    + hostName() + "): give a path that every executor sees, or ship the models with --archives");
        }
        Path shipped;
        try {
            shipped = Path.of(SparkFiles.get(setup.root()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Models root " + setup.root() + " is neither a folder under "
                    + given.toAbsolutePath() + " nor a shipped file (no Spark context here: " + e.getMessage() + ")", e);
        }
        if (!Files.isDirectory(shipped)) {
            throw new IllegalArgumentException("Models root " + setup.root() + " is neither a folder under "
                    + given.toAbsolutePath() + " nor a shipped archive or folder at " + shipped + " on " + hostName()
                    + " (ship it with --archives models.tgz#" + setup.root() + ")");
        }
        return setup.at(shipped);
    }

    /**
     * The ONNX Runtime settings of a task: {@code intraOpThreads} threads per operator (the task's cores,
     * {@code --kernel-threads}, matching {@code spark.task.cpus}), the GPU policy, and the CUDA device of the
     * GPU Spark assigned to the task ({@code spark.task.resource.gpu.amount}), device 0 when none was.
     *
     * @throws IllegalArgumentException naming the address when Spark's GPU address is not a device number
     */
    static SessionSettings settings(int intraOpThreads, SessionSettings.GpuPolicy gpu) {
        int device = 0;
        TaskContext context = TaskContext.get();
        if (context != null && gpu != SessionSettings.GpuPolicy.CPU_ONLY) {
            ResourceInformation r = context.resourcesJMap().get("gpu");
            if (r != null && r.addresses().length > 0) {
                try {
                    device = Integer.parseInt(r.addresses()[0].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("GPU address " + r.addresses()[0] + " assigned by Spark is not"
                            + " a CUDA device number (check the GPU discovery script)", e);
                }
            }
        }
        return new SessionSettings(OptionalInt.of(intraOpThreads), gpu, device);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "this host";
        }
    }
}
