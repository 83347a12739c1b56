package io.github.spatialvlm4j.kernels.tornado;

import io.github.spatialvlm4j.kernels.KernelBackend;
import io.github.spatialvlm4j.kernels.KernelBackendProvider;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.tornado.backproject.TornadoBackProjection;
import io.github.spatialvlm4j.kernels.tornado.dbscan.TornadoDbscan;
import io.github.spatialvlm4j.kernels.tornado.device.DeviceLaunches;
import io.github.spatialvlm4j.kernels.tornado.device.Launches;
import io.github.spatialvlm4j.kernels.tornado.gap.TornadoGap;
import io.github.spatialvlm4j.kernels.tornado.outliers.TornadoOutliers;
import io.github.spatialvlm4j.kernels.tornado.ransac.TornadoRansac;
import io.github.spatialvlm4j.kernels.tornado.search.TornadoSearch;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;

/**
 * Kernel backend that runs the kernel families' bodies through TornadoVM on a GPU or any
 * OpenCL / PTX / SPIR-V device. Each family's device launches are an interface of its own package
 * ({@code backproject}, {@code search}, {@code outliers}, {@code dbscan}, {@code ransac}, {@code gap},
 * mirroring the kernels module), overriding that family's JVM launches; this class adds them up
 * (one line per family in its {@code implements} list) and owns the device, the plans and
 * {@link #launch}. A family without a device interface would run its JVM launches here, on the
 * calling thread.
 *
 * <p>One task graph and execution plan per kernel and shape (array lengths plus the scalars a
 * compiled kernel specialises on), built on first use, compiled by TornadoVM on its first
 * execution and reused afterwards, together with its device buffers: every call copies its
 * arrays into the plan's own host arrays (so the device buffers stay bound to the same objects
 * across frames), executes, and copies the outputs back. A frame of a new size compiles once
 * more; {@link #compiledShapes()} counts the shapes.
 *
 * <p>The device is chosen once, by {@code -Dspatialvlm4j.tornado.device=BACKEND:DEVICE} (indices
 * as listed by {@code tornado --devices}), else TornadoVM's default device. A kernel that fails to
 * compile or run is logged (one line naming the kernel and device) and thrown as an
 * {@link IllegalStateException}; run with {@code -Dtornado.recover.bailout=False} so that TornadoVM
 * does not silently fall back to sequential Java. Calls are serialised (one device queue).
 *
 * <p>Not for: tiny inputs on a discrete GPU (transfer and launch cost dominate; the JVM backend
 * wins below a few thousand points).
 */
public final class TornadoBackend implements KernelBackend, DeviceLaunches, TornadoBackProjection, TornadoSearch,
        TornadoOutliers, TornadoDbscan, TornadoRansac, TornadoGap {
    /** System property selecting the device: {@code BACKEND:DEVICE} indices, e.g. {@code 0:0}. */
    public static final String DEVICE_PROPERTY = "spatialvlm4j.tornado.device";
    /** System property TornadoVM's launcher and argfile set when its runtime is loaded. */
    public static final String RUNTIME_PROPERTY = "tornado.load.runtime.implementation";
    /** TornadoVM's switch for fusing a*b+c into fma (default on); off gives the JVM backend's floats. */
    public static final String FMA_PROPERTY = "tornado.enable.fma";
    /** Most work items of a k-d tree query kernel (each owns about 3.2 KB of search scratch). */
    public static final int KD_SLOTS = Launches.KD_SLOTS;

    /** OpenCL build options of every kernel: IEEE-exact float math, no fused or relaxed operations. */
    public static final String OPENCL_FLAGS = "-cl-fp32-correctly-rounded-divide-sqrt -w";

    private static final System.Logger LOG = System.getLogger(TornadoBackend.class.getName());

    private final TornadoDevice device;
    private final Map<String, Launch> plans = new HashMap<>();
    private int graphs;
    private long compileNanos;
    private volatile boolean closed;

    /**
     * Backend on the device named by {@value #DEVICE_PROPERTY}, else TornadoVM's default device.
     *
     * @throws IllegalStateException when the TornadoVM runtime is not loaded or the device is unknown
     */
    public TornadoBackend() {
        this.device = selectDevice(System.getProperty(DEVICE_PROPERTY));
    }

    /** Registers the backend for {@link Kernels#create(String, int)} under {@value Kernels#TORNADOVM}. */
    public static final class Provider implements KernelBackendProvider {
        /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
        public Provider() {
        }

        @Override
        public String name() {
            return Kernels.TORNADOVM;
        }

        /**
         * True when the TornadoVM runtime is loaded in this JVM (its launcher or argfile sets
         * {@value #RUNTIME_PROPERTY}) and has a device; otherwise logs one line saying why not.
         */
        @Override
        public boolean isAvailable() {
            return Availability.CHECKED.available;
        }

        /** A new backend; {@code parallelism} is ignored (the device decides). */
        @Override
        public KernelBackend create(int parallelism) {
            return new TornadoBackend();
        }
    }

    /** Checked once per JVM, so "absent" is logged once. */
    private enum Availability {
        CHECKED;

        final boolean available;

        Availability() {
            boolean ok = false;
            if (System.getProperty(RUNTIME_PROPERTY) == null) {
                LOG.log(System.Logger.Level.INFO, "TornadoVM backend absent: the TornadoVM runtime is not loaded (-D"
                        + RUNTIME_PROPERTY + " unset; run with the tornado launcher or @$TORNADOVM_HOME/tornado-argfile)");
            } else {
                try {
                    TornadoDevice d = selectDevice(System.getProperty(DEVICE_PROPERTY));
                    LOG.log(System.Logger.Level.INFO, "TornadoVM backend available on " + describe(d));
                    if (!"false".equalsIgnoreCase(System.getProperty(FMA_PROPERTY))) {
                        LOG.log(System.Logger.Level.WARNING, "TornadoVM fuses a*b+c into fma: floats may differ from"
                                + " the JVM backend in the last bit (run with -D" + FMA_PROPERTY + "=False)");
                    }
                    ok = true;
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(System.Logger.Level.WARNING, "TornadoVM backend absent: the runtime is loaded but has no"
                            + " usable device (" + e + ")");
                }
            }
            available = ok;
        }
    }

    private static TornadoDevice selectDevice(String spec) {
        if (System.getProperty(RUNTIME_PROPERTY) == null) {
            throw new IllegalStateException("The TornadoVM runtime is not loaded (-D" + RUNTIME_PROPERTY
                    + " unset): run with the tornado launcher or @$TORNADOVM_HOME/tornado-argfile");
        }
        if (spec == null || spec.isBlank()) {
            return TornadoExecutionPlan.DEFAULT_DEVICE;
        }
        String[] parts = spec.trim().split(":");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException(spec);
            }
            return TornadoExecutionPlan.getDevice(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid -D" + DEVICE_PROPERTY + ": '" + spec
                    + "' (must be BACKEND:DEVICE indices as listed by tornado --devices, e.g. 0:0)", e);
        }
    }

    private static String describe(TornadoDevice d) {
        return d.getDeviceName() + " = " + d.getDescription() + " [" + d.getPlatformName() + "]";
    }

    /**
     * The device the kernels run on, e.g. {@code "opencl-0-0 = pthread-skylake-avx512 CPU (available)
     * [Portable Computing Language]"}.
     */
    public String deviceName() {
        return describe(device);
    }

    /** Number of task graphs built so far (one per kernel and shape). */
    public synchronized int compiledShapes() {
        return plans.size();
    }

    /**
     * Wall time, in nanoseconds, of the first execution of every task graph so far: TornadoVM
     * compiles a kernel on its first execution, so this is compile time plus one run.
     */
    public synchronized long firstRunNanos() {
        return compileNanos;
    }

    @Override
    public String name() {
        return Kernels.TORNADOVM;
    }

    /** Always 1: the device runs the work items; host threads are not used. */
    @Override
    public int parallelism() {
        return 1;
    }

    /**
     * On the calling thread: the loops under the JVM launches, used only by a launch that no
     * family's device interface overrides.
     */
    @Override
    public void parallelFor(int count, int grain, RangeBody body) {
        if (closed) {
            throw new IllegalStateException("The TornadoVM kernel backend is closed");
        }
        if (count > 0) {
            body.run(0, count);
        }
    }

    // ---------------------------------------------------------------- plans

    /** One task graph and plan, with the host arrays its device buffers are bound to. */
    private static final class Launch {
        final Object[] owned;
        final boolean[] output;
        final TornadoExecutionPlan plan;
        boolean ran;

        Launch(Object[] owned, boolean[] output, TornadoExecutionPlan plan) {
            this.owned = owned;
            this.output = output;
            this.plan = plan;
        }
    }

    /**
     * Runs one kernel: {@code args} are the caller's arrays (in the order {@code task} expects),
     * {@code outputs} / {@code scratch} name the indices copied back / never copied. The plan is
     * found by kernel, array lengths and the {@code baked} scalars.
     */
    @Override
    public synchronized void launch(String kernel, String baked, Object[] args, int[] outputs, int[] scratch,
            BiConsumer<TaskGraph, Object[]> task) {
        if (closed) {
            throw new IllegalStateException("The TornadoVM kernel backend is closed");
        }
        StringBuilder key = new StringBuilder(kernel).append('|').append(baked);
        for (Object a : args) {
            key.append('|').append(Array.getLength(a));
        }
        Launch l = plans.get(key.toString());
        if (l == null) {
            l = build(kernel, args, outputs, scratch, task);
            plans.put(key.toString(), l);
        }
        boolean[] isScratch = new boolean[args.length];
        for (int s : scratch) {
            isScratch[s] = true;
        }
        for (int i = 0; i < args.length; i++) {
            if (!isScratch[i]) {
                System.arraycopy(args[i], 0, l.owned[i], 0, Array.getLength(args[i]));
            }
        }
        long t0 = System.nanoTime();
        try {
            l.plan.execute();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "TornadoVM kernel '" + kernel + "' failed to compile or run on "
                    + deviceName() + ": " + rootCause(e) + (rootCause(e).contains("cannot be inlined") ? HINT : ""));
            throw new IllegalStateException("TornadoVM kernel '" + kernel + "' failed on " + deviceName(), e);
        }
        if (!l.ran) {
            l.ran = true;
            compileNanos += System.nanoTime() - t0;
        }
        for (int i = 0; i < args.length; i++) {
            if (l.output[i]) {
                System.arraycopy(l.owned[i], 0, args[i], 0, Array.getLength(args[i]));
            }
        }
    }

    private Launch build(String kernel, Object[] args, int[] outputs, int[] scratch,
            BiConsumer<TaskGraph, Object[]> task) {
        Object[] owned = new Object[args.length];
        boolean[] output = new boolean[args.length];
        boolean[] isScratch = new boolean[args.length];
        for (int o : outputs) {
            output[o] = true;
        }
        for (int s : scratch) {
            isScratch[s] = true;
        }
        List<Object> every = new ArrayList<>();
        List<Object> once = new ArrayList<>();
        List<Object> back = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            // A device buffer cannot be empty: an absent optional array gets one unused element.
            owned[i] = Array.newInstance(args[i].getClass().getComponentType(),
                    Math.max(1, Array.getLength(args[i])));
            (isScratch[i] ? once : every).add(owned[i]);
            if (output[i]) {
                back.add(owned[i]);
            }
        }
        TaskGraph g = new TaskGraph("svlm" + (graphs++) + kernel);
        g.transferToDevice(DataTransferMode.EVERY_EXECUTION, every.toArray());
        if (!once.isEmpty()) {
            g.transferToDevice(DataTransferMode.FIRST_EXECUTION, once.toArray());
        }
        task.accept(g, owned);
        g.transferToHost(DataTransferMode.EVERY_EXECUTION, back.toArray());
        ImmutableTaskGraph snapshot = g.snapshot();
        TornadoExecutionPlan plan = new TornadoExecutionPlan(snapshot);
        plan.withDevice(device);
        // TornadoVM's default OpenCL flags (-cl-mad-enable -cl-fast-relaxed-math) change float
        // results; the JVM backend's answers need IEEE division and square root.
        plan.withCompilerFlags(TornadoVMBackendType.OPENCL, OPENCL_FLAGS);
        return new Launch(owned, output, plan);
    }

    private static final String HINT = " (the k-d tree kernels need -Dtornado.compiler.fullInlining=True)";

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** Frees every plan's device memory; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            RuntimeException first = null;
            for (Launch l : plans.values()) {
                try {
                    l.plan.freeDeviceMemory();
                    l.plan.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = new IllegalStateException("Freeing TornadoVM device memory failed on "
                                + deviceName(), e);
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            plans.clear();
            if (first != null) {
                throw first;
            }
        }
    }

    @Override
    public String toString() {
        return "TornadoBackend[" + deviceName() + ", " + plans.size() + " compiled shapes]";
    }
}
