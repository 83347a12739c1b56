package io.github.spatialvlm4j.kernels.tornado;

import io.github.spatialvlm4j.kernels.KernelBackend;
import io.github.spatialvlm4j.kernels.KernelBackendProvider;
import io.github.spatialvlm4j.kernels.KernelBodies;
import io.github.spatialvlm4j.kernels.Kernels;
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
 * Kernel backend that runs the bodies of {@link KernelBodies} through TornadoVM on a GPU or any
 * OpenCL / PTX / SPIR-V device (see {@link TornadoKernels} for the loops and decompositions).
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
public final class TornadoBackend implements KernelBackend {
    /** System property selecting the device: {@code BACKEND:DEVICE} indices, e.g. {@code 0:0}. */
    public static final String DEVICE_PROPERTY = "spatialvlm4j.tornado.device";
    /** System property TornadoVM's launcher and argfile set when its runtime is loaded. */
    public static final String RUNTIME_PROPERTY = "tornado.load.runtime.implementation";
    /** TornadoVM's switch for fusing a*b+c into fma (default on); off gives the JVM backend's floats. */
    public static final String FMA_PROPERTY = "tornado.enable.fma";
    /** Most work items of a k-d tree query kernel (each owns about 3.2 KB of search scratch). */
    public static final int KD_SLOTS = 8192;

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

    /** True: the device has no union-find; DBSCAN labels propagate by min-label steps. */
    @Override
    public boolean prefersLabelPropagation() {
        return true;
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
    private synchronized void launch(String kernel, String baked, Object[] args, int[] outputs, int[] scratch,
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

    private static int[] idx(int... i) {
        return i;
    }

    // ---------------------------------------------------------------- back-projection

    @Override
    public void backProjectCount(float[] depth, int width, int height, float minDepth, float maxDepth,
            int[] rowCounts) {
        if (height == 0) {
            return;
        }
        launch("backProjectCount", width + "x" + height, new Object[] {depth, new float[] {minDepth, maxDepth},
            rowCounts}, idx(2), idx(), (g, b) -> g.task("t", TornadoKernels::backProjectCount, (float[]) b[0], width,
                height, (float[]) b[1], (int[]) b[2]));
    }

    @Override
    public void backProject(float[] depth, int[] labels, int hasLabels, int width, int height, float fx, float fy,
            float cx, float cy, float minDepth, float maxDepth, int[] rowStart, float[] xyz, int[] pixelIndex,
            int[] pointLabel) {
        if (height == 0 || pixelIndex.length == 0) {
            return;
        }
        Object[] args = {depth, labels, new float[] {fx, fy, cx, cy, minDepth, maxDepth}, new int[] {hasLabels},
            rowStart, xyz, pixelIndex, pointLabel};
        launch("backProject", width + "x" + height, args, idx(5, 6, 7), idx(), (g, b) -> g.task("t",
                TornadoKernels::backProject, (float[]) b[0], (int[]) b[1], width, height, (float[]) b[2],
                (int[]) b[3], (int[]) b[4], (float[]) b[5], (int[]) b[6], (int[]) b[7]));
    }

    // ---------------------------------------------------------------- grid and DBSCAN

    @Override
    public void gridCellKeys(float[] xyz, int n, double minX, double minY, double minZ, double invCell, long nx,
            long ny, long[] keys) {
        if (n == 0) {
            return;
        }
        launch("gridCellKeys", "n" + n, new Object[] {xyz, new double[] {minX, minY, minZ, invCell},
            new long[] {nx, ny}, keys}, idx(3), idx(), (g, b) -> g.task("t", TornadoKernels::gridCellKeys,
                (float[]) b[0], n, (double[]) b[1], (long[]) b[2], (long[]) b[3]));
    }

    @Override
    public void gridRowFirst(long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        if (m == 0) {
            return;
        }
        launch("gridRowFirst", "m" + m, new Object[] {cellKey, rowDelta, rowFirst}, idx(2), idx(),
                (g, b) -> g.task("t", TornadoKernels::gridRowFirst, (long[]) b[0], m, (long[]) b[1], (int[]) b[2]));
    }

    @Override
    public void dbscanCore(float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m, long[] rowDelta,
            int[] rowFirst, float eps2, int minPoints, int[] core) {
        if (m == 0) {
            return;
        }
        Object[] args = {x, y, z, cellStart, cellKey, rowDelta, rowFirst, new float[] {eps2}, new int[] {minPoints},
            core};
        launch("dbscanCore", "m" + m, args, idx(9), idx(), (g, b) -> g.task("t", TornadoKernels::dbscanCore,
                (float[]) b[0], (float[]) b[1], (float[]) b[2], (int[]) b[3], (long[]) b[4], m, (long[]) b[5],
                (int[]) b[6], (float[]) b[7], (int[]) b[8], (int[]) b[9]));
    }

    @Override
    public void dbscanCellLinks(float[] x, float[] y, float[] z, int[] core, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, float eps2, int upperOnly, int phase, int[] label, int useLabel,
            int[] links) {
        if (m == 0) {
            return;
        }
        Object[] args = {x, y, z, core, cellStart, cellKey, rowDelta, rowFirst, new float[] {eps2},
            new int[] {upperOnly, phase, useLabel}, label, links};
        launch("dbscanCellLinks", "m" + m, args, idx(11), idx(), (g, b) -> g.task("t",
                TornadoKernels::dbscanCellLinks, (float[]) b[0], (float[]) b[1], (float[]) b[2], (int[]) b[3],
                (int[]) b[4], (long[]) b[5], m, (long[]) b[6], (int[]) b[7], (float[]) b[8], (int[]) b[9],
                (int[]) b[10], (int[]) b[11]));
    }

    @Override
    public void dbscanPropagate(long[] cellKey, int m, long[] rowDelta, int[] rowFirst, int[] links, int[] labelIn,
            int[] labelOut, int[] changed) {
        if (m == 0) {
            return;
        }
        Object[] args = {cellKey, rowDelta, rowFirst, links, labelIn, labelOut, changed};
        launch("dbscanPropagate", "m" + m, args, idx(5, 6), idx(), (g, b) -> g.task("t",
                TornadoKernels::dbscanPropagate, (long[]) b[0], m, (long[]) b[1], (int[]) b[2], (int[]) b[3],
                (int[]) b[4], (int[]) b[5], (int[]) b[6]));
    }

    @Override
    public void dbscanBorder(float[] x, float[] y, float[] z, int[] core, int[] order, int n, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float eps2, int[] borderCore) {
        if (m == 0) {
            return;
        }
        Object[] args = {x, y, z, core, order, cellStart, cellKey, rowDelta, rowFirst, new float[] {eps2},
            borderCore};
        launch("dbscanBorder", "n" + n + "m" + m, args, idx(10), idx(), (g, b) -> g.task("t",
                TornadoKernels::dbscanBorder, (float[]) b[0], (float[]) b[1], (float[]) b[2], (int[]) b[3],
                (int[]) b[4], n, (int[]) b[5], (long[]) b[6], m, (long[]) b[7], (int[]) b[8], (float[]) b[9],
                (int[]) b[10]));
    }

    // ---------------------------------------------------------------- RANSAC

    @Override
    public void ransacHypotheses(float[] xyz, int[] samples, int hypotheses, int hasPrior, float ax, float ay,
            float az, float priorCos, float[] planes, int[] status) {
        if (hypotheses == 0) {
            return;
        }
        Object[] args = {xyz, samples, new int[] {hasPrior}, new float[] {ax, ay, az, priorCos}, planes, status};
        launch("ransacHypotheses", "h" + hypotheses, args, idx(4, 5), idx(), (g, b) -> g.task("t",
                TornadoKernels::ransacHypotheses, (float[]) b[0], (int[]) b[1], hypotheses, (int[]) b[2],
                (float[]) b[3], (float[]) b[4], (int[]) b[5]));
    }

    @Override
    public void ransacCount(int hypothesisFrom, int hypothesisTo, int blockFrom, int blockTo, int blockSize, int n,
            float[] x, float[] y, float[] z, float[] bounds, float[] planes, int[] status, float threshold,
            int hypotheses, float[] scratch, int[] partial) {
        // Every point of the range is read (uniform work items): the box test is a shortcut of the
        // JVM backend that gives the same counts.
        if (hypothesisFrom >= hypothesisTo || blockFrom >= blockTo || n == 0) {
            return;
        }
        int blocks = (n + blockSize - 1) / blockSize;
        Object[] args = {x, y, z, planes, status, new float[] {threshold},
            new int[] {hypothesisFrom, hypothesisTo, blockFrom, blockTo}, partial};
        launch("ransacCount", "b" + blockSize + "n" + n + "h" + hypotheses, args, idx(7), idx(), (g, b) -> g.task(
                "t", TornadoKernels::ransacCount, blocks, blockSize, n, (float[]) b[0], (float[]) b[1],
                (float[]) b[2], (float[]) b[3], (int[]) b[4], hypotheses, (float[]) b[5], (int[]) b[6],
                (int[]) b[7]));
    }

    @Override
    public void planeInlierFlags(float[] xyz, int n, float nx, float ny, float nz, float d, float threshold,
            int[] flags) {
        if (n == 0) {
            return;
        }
        launch("planeInlierFlags", "n" + n, new Object[] {xyz, new float[] {nx, ny, nz, d, threshold}, flags},
                idx(2), idx(), (g, b) -> g.task("t", TornadoKernels::planeInlierFlags, (float[]) b[0], n,
                        (float[]) b[1], (int[]) b[2]));
    }

    // ---------------------------------------------------------------- k-d tree queries

    private static Object[] kdScratch(int slots, int k) {
        return new Object[] {new float[slots * k], new int[slots * k], new int[2 * KernelBodies.KD_STACK * slots],
            new float[3 * KernelBodies.KD_STACK * slots]};
    }

    /** Positions and outputs should have n entries whatever the count: the shape is keyed on n, the count is data. */
    @Override
    public void kdMeanKnnDistance(int k, int[] positions, int count, float[] tx, float[] ty, float[] tz, int[] split,
            int n, int leafSize, float[] meanDistance) {
        if (count == 0) {
            return;
        }
        int slots = Math.min(n, KD_SLOTS);
        Object[] s = kdScratch(slots, k);
        Object[] args = {positions, new int[] {count, n, leafSize, k}, tx, ty, tz, split, s[0], s[1], s[2], s[3],
            meanDistance};
        launch("kdMeanKnnDistance", "k" + k + "n" + n + "l" + leafSize, args, idx(10), idx(6, 7, 8, 9),
                (g, b) -> g.task("t", TornadoKernels::kdMeanKnnDistance, k, (int[]) b[0], (int[]) b[1],
                        (float[]) b[2], (float[]) b[3], (float[]) b[4], (int[]) b[5], slots, (float[]) b[6],
                        (int[]) b[7], (int[]) b[8], (float[]) b[9], (float[]) b[10]));
    }

    @Override
    public void gridMeanKnnDistance(int k, float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey, int m,
            long[] rowDelta, int[] rowFirst, double minX, double minY, double minZ, double invCell,
            float[] meanDistance, int[] resolved) {
        if (m == 0) {
            return;
        }
        int slots = Math.min(m, KD_SLOTS);
        float[] scratch = new float[slots * KernelBodies.gridKnnScratch(k)];
        Object[] args = {x, y, z, cellStart, cellKey, rowDelta, rowFirst, new double[] {minX, minY, minZ, invCell},
            scratch, meanDistance, resolved};
        launch("gridMeanKnnDistance", "k" + k + "m" + m, args, idx(9, 10), idx(8), (g, b) -> g.task("t",
                TornadoKernels::gridMeanKnnDistance, k, (float[]) b[0], (float[]) b[1], (float[]) b[2], (int[]) b[3],
                (long[]) b[4], m, (long[]) b[5], (int[]) b[6], (double[]) b[7], slots, (float[]) b[8],
                (float[]) b[9], (int[]) b[10]));
    }

    @Override
    public void kdNearestDistance(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize, float[] nearest) {
        if (queries == 0) {
            return;
        }
        int slots = Math.min(queries, KD_SLOTS);
        Object[] s = kdScratch(slots, 1);
        Object[] args = {qx, qy, qz, tx, ty, tz, split, bounds, new int[] {-1, 1}, s[0], s[1], s[2], s[3], nearest};
        launch("kdNearestDistance", "q" + queries + "n" + n + "l" + leafSize, args, idx(13), idx(9, 10, 11, 12),
                (g, b) -> g.task("t", TornadoKernels::kdNearestDistance, (float[]) b[0], (float[]) b[1],
                        (float[]) b[2], queries, (float[]) b[3], (float[]) b[4], (float[]) b[5], (int[]) b[6],
                        (float[]) b[7], n, leafSize, slots, (int[]) b[8], (float[]) b[9], (int[]) b[10],
                        (int[]) b[11], (float[]) b[12], (float[]) b[13]));
    }

    @Override
    public float kdMinDistanceSquared(float[] qx, float[] qy, float[] qz, int queries, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize) {
        if (queries == 0) {
            return Float.POSITIVE_INFINITY;
        }
        int slots = Math.min(queries, KD_SLOTS);
        Object[] s = kdScratch(slots, 1);
        float[] slotMin = new float[slots];
        Object[] args = {qx, qy, qz, tx, ty, tz, split, bounds, new int[] {-1, 1}, s[0], s[1], s[2], s[3], slotMin};
        launch("kdMinDistanceSquared", "q" + queries + "n" + n + "l" + leafSize, args, idx(13), idx(9, 10, 11, 12),
                (g, b) -> g.task("t", TornadoKernels::kdMinDistanceSquared, (float[]) b[0], (float[]) b[1],
                        (float[]) b[2], queries, (float[]) b[3], (float[]) b[4], (float[]) b[5], (int[]) b[6],
                        (float[]) b[7], n, leafSize, slots, (int[]) b[8], (float[]) b[9], (int[]) b[10],
                        (int[]) b[11], (float[]) b[12], (float[]) b[13]));
        return minimum(slotMin);
    }

    @Override
    public float sweepMinDistanceSquared(float[] qx, float[] qy, float[] qz, float[] qk, int queries, float[] tx,
            float[] ty, float[] tz, float[] tk, int n, float slack) {
        if (queries == 0) {
            return Float.POSITIVE_INFINITY;
        }
        int slots = Math.min(queries, KD_SLOTS);
        float[] slotMin = new float[slots];
        Object[] args = {qx, qy, qz, qk, tx, ty, tz, tk, new float[] {slack}, slotMin};
        launch("sweepMinDistanceSquared", "q" + queries + "n" + n, args, idx(9), idx(),
                (g, b) -> g.task("t", TornadoKernels::sweepMinDistanceSquared, (float[]) b[0], (float[]) b[1],
                        (float[]) b[2], (float[]) b[3], queries, (float[]) b[4], (float[]) b[5], (float[]) b[6],
                        (float[]) b[7], n, slots, (float[]) b[8], (float[]) b[9]));
        return minimum(slotMin);
    }

    /** The smallest of the slots' minima (the host's reduction of the min-distance kernels). */
    private static float minimum(float[] slotMin) {
        float min = Float.POSITIVE_INFINITY;
        for (float m : slotMin) {
            min = Math.min(min, m);
        }
        return min;
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
