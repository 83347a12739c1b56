package io.github.spatialvlm4j.vlm.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One ONNX Runtime session over one graph file, with the input and output names read from the
 * session (never hard-coded) and errors that name the file.
 *
 * <p>Thread-safety: {@link #run} may be called from several threads at once (ONNX Runtime
 * sessions are thread-safe for inference); {@link #close} must not race with a running
 * {@link #run}. Resources: holds native memory; close it (try-with-resources). Closing twice is
 * harmless; any other call after close throws {@link IllegalStateException}.
 */
public final class OnnxModel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OnnxModel.class.getName());

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final boolean gpu;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxModel(Path file, OrtEnvironment env, OrtSession session, boolean gpu) throws OrtException {
        this.file = file;
        this.env = env;
        this.session = session;
        this.gpu = gpu;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
    }

    /**
     * Loads the graph {@code file} (external {@code .onnx_data} weights are found next to it).
     *
     * @throws ModelFormatException when the file is missing or ONNX Runtime rejects it (message names the file)
     * @throws ModelException       when {@link SessionSettings.GpuPolicy#REQUIRE} is set and CUDA cannot be used
     */
    public static OnnxModel load(Path file, SessionSettings settings) {
        if (file == null || settings == null) {
            throw new IllegalArgumentException("file and settings must not be null");
        }
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new ModelFormatException(abs + ": file is missing (expected an ONNX graph)");
        }
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            // Graph-optimiser notices (e.g. unused initializers of exported graphs) are not ours to
            // act on; errors still surface as exceptions.
            opts.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            if (settings.intraOpThreads().isPresent()) {
                opts.setIntraOpNumThreads(settings.intraOpThreads().getAsInt());
            }
            boolean gpu = addGpu(opts, settings, abs);
            OrtSession session;
            try {
                session = env.createSession(abs.toString(), opts);
            } catch (OrtException e) {
                throw new ModelFormatException(abs + ": ONNX Runtime cannot load the graph (" + e.getMessage()
                        + "); expected a valid ONNX model, with its .onnx_data file next to it if it has external weights", e);
            }
            try {
                return new OnnxModel(abs, env, session, gpu);
            } catch (OrtException e) {
                closeQuietly(session, e);
                throw new ModelFormatException(abs + ": cannot read the graph's inputs and outputs (" + e.getMessage() + ")", e);
            }
        } catch (OrtException e) {
            throw new ModelException(abs + ": cannot configure the ONNX Runtime session (" + e.getMessage() + ")", e);
        }
    }

    /** Stack of the thread that creates ONNX Runtime's environment, bytes. */
    static final long ENV_STACK_BYTES = 64L << 20;
    /** The environment once {@link #environment()} created it; guarded by the class. */
    private static OrtEnvironment environment;

    /**
     * The process's ONNX Runtime environment, created on a thread with a {@value #ENV_STACK_BYTES}-byte stack.
     * ONNX Runtime 1.29 recurses while it creates the environment, deeper the longer the JVM's command line:
     * beyond about 4 KB of arguments (a {@code java -cp} with a hundred jar paths, as when Spark's jars are
     * listed) it overflows the 1 MB stack of an ordinary Java thread and the process dies with a segmentation
     * fault and no error report. Once created, sessions load and run on any thread.
     *
     * @throws ModelException when ONNX Runtime cannot start (its native library, for instance)
     */
    static synchronized OrtEnvironment environment() {
        if (environment == null) {
            environment = createEnvironment();
        }
        return environment;
    }

    private static OrtEnvironment createEnvironment() {
        Object[] result = new Object[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = OrtEnvironment.getEnvironment();
            } catch (RuntimeException | Error e) {
                result[0] = e;
            }
        }, "onnxruntime-environment", ENV_STACK_BYTES);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (result[0] instanceof OrtEnvironment env) {
            return env;
        }
        if (result[0] instanceof Error e) {
            throw e;
        }
        throw new ModelException("ONNX Runtime cannot start: " + result[0], (Throwable) result[0]);
    }

    private static boolean addGpu(OrtSession.SessionOptions opts, SessionSettings settings, Path file) {
        if (settings.gpu() == SessionSettings.GpuPolicy.CPU_ONLY) {
            return false;
        }
        boolean available = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        if (!available) {
            if (settings.gpu() == SessionSettings.GpuPolicy.REQUIRE) {
                throw new ModelException(file + ": the GPU was required but this ONNX Runtime build has no CUDA "
                        + "provider (put com.microsoft.onnxruntime:onnxruntime_gpu on the classpath); available: "
                        + OrtEnvironment.getAvailableProviders());
            }
            return false;
        }
        try {
            opts.addCUDA(settings.gpuDeviceId());
            LOG.log(System.Logger.Level.INFO, "Using the CUDA execution provider, device {0}, for {1}",
                    settings.gpuDeviceId(), file);
            return true;
        } catch (OrtException e) {
            if (settings.gpu() == SessionSettings.GpuPolicy.REQUIRE) {
                throw new ModelException(file + ": cannot add the CUDA provider on device " + settings.gpuDeviceId()
                        + " (" + e.getMessage() + ")", e);
            }
            LOG.log(System.Logger.Level.WARNING, "CUDA provider present but unusable ({0}); running {1} on the CPU",
                    e.getMessage(), file);
            return false;
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> out = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
            List<OptionalLong> dims = new ArrayList<>();
            List<Optional<String>> names = new ArrayList<>();
            String type = "NON_TENSOR";
            if (e.getValue().getInfo() instanceof TensorInfo ti) {
                type = ti.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "");
                long[] shape = ti.getShape();
                String[] dimNames = ti.getDimensionNames();
                for (int i = 0; i < shape.length; i++) {
                    dims.add(shape[i] >= 0 ? OptionalLong.of(shape[i]) : OptionalLong.empty());
                    String n = dimNames != null && i < dimNames.length ? dimNames[i] : "";
                    names.add(n == null || n.isEmpty() ? Optional.empty() : Optional.of(n));
                }
            }
            out.add(new TensorSpec(e.getKey(), type, dims, names));
        }
        return Collections.unmodifiableList(out);
    }

    /** The graph file, absolute. */
    public Path file() {
        return file;
    }

    /** Whether the session runs on the CUDA provider. */
    public boolean usesGpu() {
        return gpu;
    }

    /** The graph's inputs in declaration order. */
    public List<TensorSpec> inputs() {
        ensureOpen();
        return inputs;
    }

    /** The graph's outputs in declaration order. */
    public List<TensorSpec> outputs() {
        ensureOpen();
        return outputs;
    }

    /** Input names in declaration order. */
    public List<String> inputNames() {
        return inputs().stream().map(TensorSpec::name).toList();
    }

    /** Output names in declaration order. */
    public List<String> outputNames() {
        return outputs().stream().map(TensorSpec::name).toList();
    }

    /** The spec of input {@code name}. */
    public TensorSpec input(String name) {
        return inputs().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
                new ModelFormatException(file + ": no input named '" + name + "' (inputs: " + inputNames() + ")"));
    }

    /** The first of {@code candidates} that is an input of this graph. */
    public Optional<String> findInput(String... candidates) {
        List<String> names = inputNames();
        return Arrays.stream(candidates).filter(names::contains).findFirst();
    }

    /** The first of {@code candidates} that is an output of this graph. */
    public Optional<String> findOutput(String... candidates) {
        List<String> names = outputNames();
        return Arrays.stream(candidates).filter(names::contains).findFirst();
    }

    /**
     * The first of {@code candidates} that is an input of this graph.
     *
     * @throws ModelFormatException naming the file, the candidates and the actual inputs
     */
    public String requireInput(String... candidates) {
        return findInput(candidates).orElseThrow(() -> new ModelFormatException(file + ": expected an input named "
                + String.join(" or ", candidates) + " but the graph's inputs are " + inputNames()));
    }

    /**
     * The first of {@code candidates} that is an output of this graph.
     *
     * @throws ModelFormatException naming the file, the candidates and the actual outputs
     */
    public String requireOutput(String... candidates) {
        return findOutput(candidates).orElseThrow(() -> new ModelFormatException(file + ": expected an output named "
                + String.join(" or ", candidates) + " but the graph's outputs are " + outputNames()));
    }

    /** A float tensor over a copy of {@code data} with {@code shape}; the caller closes it. */
    public OnnxTensor floatTensor(float[] data, long... shape) {
        ensureOpen();
        checkCount(data.length, shape);
        try {
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
        } catch (OrtException e) {
            throw new ModelException("Cannot create a float tensor of shape " + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    /** An int64 tensor over a copy of {@code data} with {@code shape}; the caller closes it. */
    public OnnxTensor longTensor(long[] data, long... shape) {
        ensureOpen();
        checkCount(data.length, shape);
        try {
            return OnnxTensor.createTensor(env, LongBuffer.wrap(data), shape);
        } catch (OrtException e) {
            throw new ModelException("Cannot create an int64 tensor of shape " + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    /** A boolean scalar tensor (e.g. {@code use_cache_branch}); the caller closes it. */
    public OnnxTensor booleanTensor(boolean value) {
        ensureOpen();
        try {
            return OnnxTensor.createTensor(env, new boolean[] {value});
        } catch (OrtException e) {
            throw new ModelException("Cannot create a boolean tensor: " + e.getMessage(), e);
        }
    }

    /** A boolean tensor over a copy of {@code data} with {@code shape} (e.g. pixel masks); the caller closes it. */
    public OnnxTensor booleanTensor(boolean[] data, long... shape) {
        ensureOpen();
        checkCount(data.length, shape);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(data.length);
        for (boolean v : data) {
            b.put((byte) (v ? 1 : 0));
        }
        b.rewind();
        try {
            return OnnxTensor.createTensor(env, b, shape, OnnxJavaType.BOOL);
        } catch (OrtException e) {
            throw new ModelException("Cannot create a boolean tensor of shape " + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    private static void checkCount(int length, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Invalid tensor shape " + Arrays.toString(shape) + " (sizes must be >= 0)");
            }
            n *= d;
        }
        if (n != length) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Tensor data has " + length
                    + " values but the shape " + Arrays.toString(shape) + " holds " + n);
        }
    }

    /**
     * Runs the graph on {@code feeds} (every input of the graph, by name) and returns all outputs.
     * The caller closes the result, which frees the output tensors.
     *
     * @throws IllegalArgumentException naming unknown or missing inputs and listing the graph's inputs
     * @throws ModelException           when ONNX Runtime fails (message names the file)
     */
    public OrtSession.Result run(Map<String, ? extends OnnxTensor> feeds) {
        ensureOpen();
        Set<String> given = feeds.keySet();
        List<String> expected = inputNames();
        for (String g : given) {
            if (!expected.contains(g)) {
                throw new IllegalArgumentException(file + ": unknown input '" + g + "' (inputs: " + expected + ")");
            }
        }
        for (String e : expected) {
            if (!given.contains(e)) {
                throw new IllegalArgumentException(file + ": input '" + e + "' not given (inputs: " + expected
                        + ", given: " + given + ")");
            }
        }
        try {
            return session.run(feeds);
        } catch (OrtException e) {
            throw new ModelException(file + ": inference failed (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Copies output {@code name} of {@code result} into a {@link FloatTensor} (float16 outputs are
     * widened by ONNX Runtime).
     *
     * @throws ModelFormatException when the output is missing or not a float tensor
     */
    public FloatTensor floatOutput(OrtSession.Result result, String name) {
        OnnxValue v = result.get(name).orElseThrow(() -> new ModelFormatException(file + ": no output named '" + name
                + "' (outputs: " + outputNames() + ")"));
        if (!(v instanceof OnnxTensor t) || !(t.getInfo().type == OnnxJavaType.FLOAT
                || t.getInfo().type == OnnxJavaType.FLOAT16 || t.getInfo().type == OnnxJavaType.BFLOAT16)) {
            throw new ModelFormatException(file + ": output '" + name + "' must be a float tensor, was " + v.getInfo());
        }
        FloatBuffer fb = t.getFloatBuffer();
        float[] data = new float[fb.remaining()];
        fb.get(data);
        return new FloatTensor(data, t.getInfo().getShape());
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("ONNX model " + file + " is closed");
        }
    }

    /** Whether {@link #close} has been called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Frees the session. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new ModelException(file + ": closing the session failed (" + e.getMessage() + ")", e);
            }
        }
    }

    private static void closeQuietly(OrtSession s, Exception primary) {
        try {
            s.close();
        } catch (OrtException e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + file + ", inputs " + inputNames() + ", outputs " + outputNames() + (gpu ? ", CUDA" : "") + "]";
    }
}
