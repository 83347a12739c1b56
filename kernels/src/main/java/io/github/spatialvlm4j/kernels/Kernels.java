package io.github.spatialvlm4j.kernels;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PlaneFit;
import io.github.spatialvlm4j.geometry.Planes;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.joml.Matrix4fc;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * The facade of the hot-path kernels: validates inputs (before any launch), allocates outputs,
 * and runs the {@link KernelBodies} on one {@link KernelBackend} chosen once at creation.
 * Thread-safe: calls may run concurrently (they share the backend's workers). Holds a thread
 * pool or device context: use try-with-resources; after {@link #close()} every operation
 * throws {@link IllegalStateException}.
 *
 * <p>Results are identical for every backend and parallelism (see the package documentation).
 * Coordinates are meters in the cloud's own frame (usually the camera frame: x right, y down,
 * z forward).
 */
public final class Kernels implements AutoCloseable {
    /** System property selecting the backend: {@code auto} (default), {@code jvm}, {@code tornadovm}. */
    public static final String BACKEND_PROPERTY = "spatialvlm4j.backend";
    /** System property with the worker count (default: available processors). */
    public static final String PARALLELISM_PROPERTY = "spatialvlm4j.parallelism";
    /** The name of the TornadoVM backend, preferred by {@code auto} when its runtime is present. */
    public static final String TORNADOVM = "tornadovm";

    /**
     * Points per block in RANSAC scoring (3 floats each: 6 KiB, stays in L1 for all hypotheses);
     * small so that a block's box is tight and many (hypothesis, block) pairs need no point read.
     */
    private static final int RANSAC_BLOCK = 512;
    /** Fewest hypotheses (without early exit) for which RANSAC scores the points in spatial order. */
    private static final int RANSAC_SORT_MIN_HYPOTHESES = 200;
    /** Fewest point tests (points x hypotheses of a batch) per RANSAC bail-out round. */
    private static final long RANSAC_MIN_ROUND_TESTS = 4_000_000L;
    /** Most rounds of point blocks in RANSAC scoring, between which hypotheses that cannot win are dropped. */
    private static final int RANSAC_ROUNDS = 8;
    /** Grid k-nearest-neighbour search: points per occupied cell aimed at, per neighbour sought (plus one). */
    static final double KNN_POINTS_PER_CELL_PER_NEIGHBOUR = 0.16;
    /** Smallest cloud searched on the grid, in multiples of k + 1 points (the k-d tree alone below). */
    static final int KNN_GRID_MIN_POINTS_PER_NEIGHBOUR = 8;

    /** The DBSCAN grid cell is eps / sqrt(3) shrunk by this margin, so a cell's points are surely within eps. */
    private static final double CELL_MARGIN = 1e-5;

    private final KernelBackend backend;
    private volatile boolean closed;

    private Kernels(KernelBackend backend) {
        this.backend = backend;
    }

    /**
     * Kernels on the backend named by {@code -Dspatialvlm4j.backend} ({@code auto|jvm|tornadovm},
     * default auto: TornadoVM when its runtime is present, else the JVM) with
     * {@code -Dspatialvlm4j.parallelism} workers (default: available processors).
     *
     * @throws IllegalArgumentException when a property is malformed
     * @throws IllegalStateException when the named backend is not present
     */
    public static Kernels create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /**
     * As {@link #create()}, with {@code defaultParallelism} workers unless {@code -Dspatialvlm4j.parallelism}
     * says otherwise: for callers that run several frames at once and give the kernels their share of the
     * cores.
     *
     * @param defaultParallelism worker threads when the property is not set, &gt;= 1
     * @throws IllegalArgumentException when a property is malformed
     * @throws IllegalStateException when the named backend is not present
     */
    public static Kernels create(int defaultParallelism) {
        String backend = System.getProperty(BACKEND_PROPERTY, "auto");
        String value = System.getProperty(PARALLELISM_PROPERTY);
        int parallelism = defaultParallelism;
        if (value != null) {
            try {
                parallelism = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid -D" + PARALLELISM_PROPERTY + ": '" + value
                        + "' (must be an integer >= 1)", e);
            }
        }
        return create(backend, parallelism);
    }

    /**
     * Kernels on the named backend.
     *
     * @param backend {@code auto}, {@code jvm}, {@code tornadovm} or the name of another registered
     *     {@link KernelBackendProvider} (case-insensitive)
     * @param parallelism worker threads, &gt;= 1
     * @throws IllegalStateException when the named backend is not present or cannot run here
     */
    public static Kernels create(String backend, int parallelism) {
        Objects.requireNonNull(backend, "backend");
        if (parallelism < 1) {
            throw new IllegalArgumentException("Invalid parallelism: " + parallelism + " (threads, must be >= 1)");
        }
        String name = backend.trim().toLowerCase(Locale.ROOT);
        List<KernelBackendProvider> providers = providers();
        if (name.equals("auto")) {
            for (KernelBackendProvider p : providers) {
                if (p.name().equals(TORNADOVM) && p.isAvailable()) {
                    return new Kernels(p.create(parallelism));
                }
            }
            return jvm(parallelism);
        }
        if (name.equals(JvmBackend.NAME)) {
            return jvm(parallelism);
        }
        for (KernelBackendProvider p : providers) {
            if (p.name().equals(name)) {
                if (!p.isAvailable()) {
                    throw new IllegalStateException("Kernel backend '" + name + "' is installed but cannot run here"
                            + (name.equals(TORNADOVM) ? " (is the TornadoVM runtime loaded?)" : ""));
                }
                return new Kernels(p.create(parallelism));
            }
        }
        throw new IllegalStateException("Unknown kernel backend: '" + backend + "' (present: "
                + providers.stream().map(KernelBackendProvider::name).toList() + ", or auto)");
    }

    /** Kernels on the multithreaded JVM backend with {@code parallelism} workers (&gt;= 1). */
    public static Kernels jvm(int parallelism) {
        return new Kernels(new JvmBackend(parallelism));
    }

    /** Kernels on a backend the caller made; closing the kernels closes it. */
    public static Kernels on(KernelBackend backend) {
        return new Kernels(Objects.requireNonNull(backend, "backend"));
    }

    /** Every registered backend provider (the JVM's first), whether or not it can run here. */
    public static List<KernelBackendProvider> providers() {
        List<KernelBackendProvider> out = new ArrayList<>();
        ClassLoader loader = Kernels.class.getClassLoader();
        for (KernelBackendProvider p : ServiceLoader.load(KernelBackendProvider.class, loader)) {
            if (p.name().equals(JvmBackend.NAME)) {
                out.add(0, p);
            } else {
                out.add(p);
            }
        }
        if (out.isEmpty() || !out.get(0).name().equals(JvmBackend.NAME)) {
            out.add(0, new JvmBackend.Provider());
        }
        return out;
    }

    /** The backend's name, e.g. {@code "jvm"}. */
    public String backendName() {
        return backend.name();
    }

    /** The backend's worker count. */
    public int parallelism() {
        return backend.parallelism();
    }

    // ================================================================ back-projection

    /**
     * Back-projects every pixel with depth in {@code (minDepth, maxDepth]} to a point in the camera
     * frame (x right, y down, z forward, meters): {@code X = (u - cx) Z / fx}, {@code Y = (v - cy) Z / fy},
     * {@code Z = depth}. Invalid pixels (depth 0) and out-of-range depths are skipped. In the same
     * pass, each point keeps its pixel index {@code v * width + u} and, with a label image, its
     * label, so every object's points come out without a second pass over the image. O(pixels).
     *
     * <p>{@link DepthMap} rejects NaN when built; a NaN written into its shared array afterwards
     * fails the range test and is skipped like an invalid pixel.
     *
     * @param depth metric depth, meters
     * @param intrinsics pinhole intrinsics, pixels, for the depth map's size
     * @param labelsOrNull instance labels of the same size (0 = none), or null
     * @param minDepth exclusive lower bound, meters, finite and &gt;= 0
     * @param maxDepth inclusive upper bound, meters, &gt; minDepth (may be infinite)
     * @throws ShapeMismatchException when the sizes of depth, intrinsics and labels differ
     */
    public BackProjection backProject(DepthMap depth, CameraIntrinsics intrinsics, LabelImage labelsOrNull,
            float minDepth, float maxDepth) {
        requireOpen();
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(intrinsics, "intrinsics");
        intrinsics.requireImageSize(depth.width(), depth.height(), "Depth map");
        if (labelsOrNull != null
                && (labelsOrNull.width() != depth.width() || labelsOrNull.height() != depth.height())) {
            throw new ShapeMismatchException("Label image is " + labelsOrNull.width() + "x" + labelsOrNull.height()
                    + " but the depth map is " + depth.width() + "x" + depth.height());
        }
        requireDepthRange(minDepth, maxDepth);
        int[] rowStart = countRows(depth, minDepth, maxDepth);
        int total = rowStart[depth.height()];
        boolean hasLabels = labelsOrNull != null;
        float[] xyz = new float[3 * total];
        int[] pixelIndex = new int[total];
        int[] pointLabel = hasLabels ? new int[total] : new int[0];
        backend.backProject(depth.meters(), hasLabels ? labelsOrNull.ids() : new int[0], hasLabels ? 1 : 0,
                depth.width(), depth.height(), (float) intrinsics.fx(), (float) intrinsics.fy(),
                (float) intrinsics.cx(), (float) intrinsics.cy(), minDepth, maxDepth, rowStart, xyz, pixelIndex,
                pointLabel);
        PointCloud cloud = new PointCloud(xyz);
        if (!hasLabels) {
            return new BackProjection(cloud, pixelIndex, new int[0], new int[] {0}, new int[0]);
        }
        return groupByLabel(cloud, pixelIndex, pointLabel);
    }

    /**
     * The points of the given pixels of {@code depth}, camera frame, meters, in the order given: bit for bit
     * the points {@link #backProject} gives those pixels ({@link KernelBodies#liftX},
     * {@link KernelBodies#rowScale}). For a caller that needs some of a frame's points, not all of them
     * (the objects' pixels and a sample of the rest): lifting only those saves lifting, allocating and
     * grouping the whole frame. Runs on the calling thread, O(pixels given).
     *
     * @param pixels row-major pixel indices {@code v * width + u}, each with a depth &gt; 0
     * @throws IndexOutOfBoundsException naming the first pixel outside the map
     * @throws IllegalArgumentException naming the first pixel without a depth
     */
    public PointCloud backProjectPixels(DepthMap depth, CameraIntrinsics intrinsics, int[] pixels) {
        requireOpen();
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(intrinsics, "intrinsics");
        Objects.requireNonNull(pixels, "pixels");
        intrinsics.requireImageSize(depth.width(), depth.height(), "Depth map");
        int width = depth.width();
        int size = width * depth.height();
        float[] z = depth.meters();
        float fx = (float) intrinsics.fx();
        float fy = (float) intrinsics.fy();
        float cx = (float) intrinsics.cx();
        float cy = (float) intrinsics.cy();
        float invFx = 1f / fx;
        float[] xyz = new float[3 * pixels.length];
        for (int k = 0; k < pixels.length; k++) {
            int p = pixels[k];
            if (p < 0 || p >= size) {
                throw new IndexOutOfBoundsException("Pixel " + p + " at position " + k + " outside the "
                        + width + "x" + depth.height() + " depth map");
            }
            float zp = z[p];
            if (!(zp > DepthMap.INVALID)) {
                throw new IllegalArgumentException("Pixel " + p + " (u=" + p % width + ", v=" + p / width
                        + ") at position " + k + " has no depth");
            }
            xyz[3 * k] = KernelBodies.liftX(p % width, cx, invFx, zp);
            xyz[3 * k + 1] = KernelBodies.rowScale(p / width, cy, fy) * zp;
            xyz[3 * k + 2] = zp;
        }
        return new PointCloud(xyz);
    }

    /**
     * {@link #backProject} without a label image into caller-owned arrays, for hot loops that
     * reuse their buffers: writes the points (camera frame, meters, row-major pixel order) to
     * {@code xyz[0 .. 3 * count)} and their pixels {@code v * width + u} to
     * {@code pixelIndex[0 .. count)}, and returns {@code count}. Arrays must hold a point per
     * pixel ({@code 3 * width * height} and {@code width * height}); the rest is left as it was.
     *
     * @throws ShapeMismatchException when sizes differ or an array is too small
     */
    public int backProjectInto(DepthMap depth, CameraIntrinsics intrinsics, float minDepth, float maxDepth,
            float[] xyz, int[] pixelIndex) {
        requireOpen();
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(intrinsics, "intrinsics");
        Objects.requireNonNull(xyz, "xyz");
        Objects.requireNonNull(pixelIndex, "pixelIndex");
        intrinsics.requireImageSize(depth.width(), depth.height(), "Depth map");
        requireDepthRange(minDepth, maxDepth);
        int pixels = depth.width() * depth.height();
        if (xyz.length < 3 * pixels || pixelIndex.length < pixels) {
            throw new ShapeMismatchException("Output arrays hold " + xyz.length + " coordinates and "
                    + pixelIndex.length + " indices but the " + depth.width() + "x" + depth.height() + " map needs "
                    + 3 * pixels
                    + " and " + pixels);
        }
        int[] rowStart = countRows(depth, minDepth, maxDepth);
        backend.backProject(depth.meters(), new int[0], 0, depth.width(), depth.height(), (float) intrinsics.fx(),
                (float) intrinsics.fy(), (float) intrinsics.cx(), (float) intrinsics.cy(), minDepth, maxDepth, rowStart,
                xyz, pixelIndex, new int[0]);
        return rowStart[depth.height()];
    }

    private static void requireDepthRange(float minDepth, float maxDepth) {
        if (!(minDepth >= 0) || !Float.isFinite(minDepth)) {
            throw new IllegalArgumentException("Invalid minDepth: " + minDepth + " (meters, must be finite and >= 0)");
        }
        if (!(maxDepth > minDepth)) {
            throw new IllegalArgumentException("Invalid maxDepth: " + maxDepth + " (meters, must be > minDepth "
                    + minDepth + ")");
        }
    }

    /** Exclusive prefix sum of kept pixels per row: row v's first point, then the total at {@code [height]}. */
    private int[] countRows(DepthMap depth, float minDepth, float maxDepth) {
        int height = depth.height();
        int[] rowStart = new int[height + 1];
        backend.backProjectCount(depth.meters(), depth.width(), height, minDepth, maxDepth, rowStart);
        int total = 0;
        for (int v = 0; v < height; v++) {
            int c = rowStart[v];
            rowStart[v] = total;
            total += c;
        }
        rowStart[height] = total;
        return rowStart;
    }

    /** Counting sort of points by label (stable: ascending point indices within a label). O(n + max id). */
    private static BackProjection groupByLabel(PointCloud cloud, int[] pixelIndex, int[] pointLabel) {
        int n = pointLabel.length;
        int maxId = 0;
        for (int id : pointLabel) {
            maxId = Math.max(maxId, id);
        }
        // Dense slot per id when ids are small (the usual case), else ranks among the sorted distinct ids.
        int[] ids;
        int[] slotOf = new int[n];
        if (maxId <= Math.max(1 << 16, 4 * n)) {
            int[] slotOfId = new int[maxId + 1];
            for (int id : pointLabel) {
                slotOfId[id] = 1;
            }
            slotOfId[LabelImage.NONE] = 0;
            int count = 0;
            for (int id = 1; id <= maxId; id++) {
                if (slotOfId[id] != 0) {
                    count++;
                }
            }
            ids = new int[count];
            int k = 0;
            for (int id = 1; id <= maxId; id++) {
                if (slotOfId[id] != 0) {
                    ids[k] = id;
                    slotOfId[id] = k++;
                }
            }
            for (int p = 0; p < n; p++) {
                slotOf[p] = slotOfId[pointLabel[p]];
            }
        } else {
            ids = Arrays.stream(pointLabel).filter(id -> id != LabelImage.NONE).distinct().sorted().toArray();
            for (int p = 0; p < n; p++) {
                slotOf[p] = pointLabel[p] == LabelImage.NONE ? 0 : Arrays.binarySearch(ids, pointLabel[p]);
            }
        }
        int[] slotStart = new int[ids.length + 1];
        for (int p = 0; p < n; p++) {
            if (pointLabel[p] != LabelImage.NONE) {
                slotStart[slotOf[p] + 1]++;
            }
        }
        for (int k = 0; k < ids.length; k++) {
            slotStart[k + 1] += slotStart[k];
        }
        int[] fill = Arrays.copyOf(slotStart, ids.length);
        int[] points = new int[slotStart[ids.length]];
        for (int p = 0; p < n; p++) {
            if (pointLabel[p] != LabelImage.NONE) {
                points[fill[slotOf[p]]++] = p;
            }
        }
        return new BackProjection(cloud, pixelIndex, ids, slotStart, points);
    }

    // ================================================================ statistical outlier removal

    /**
     * Statistical outlier removal (PCL / Open3D semantics): for each point the mean distance to
     * its {@code k} nearest other points (fewer when the cloud has at most k points); a point is
     * kept when that mean is &lt;= {@code global mean + stdRatio * global std} (sample standard
     * deviation, n - 1). Exact k-nearest neighbours: on a uniform grid of about (k + 1) / 4 points
     * per occupied cell, where the 27 (else 125) cells around a point prove its neighbours, O(n)
     * for surface-like clouds; on a k-d tree for the other points (isolated ones, dense clumps)
     * and for clouds of fewer than {@value #KNN_GRID_MIN_POINTS_PER_NEIGHBOUR} (k + 1) points,
     * O(n log n) expected. A cloud of one point is kept (it has no neighbour to judge it by).
     *
     * @param k neighbours, &gt;= 1
     * @param stdRatio multiple of the standard deviation, finite and &gt; 0
     * @return ascending indices of the kept points
     */
    public int[] statisticalOutlierInliers(PointCloud cloud, int k, float stdRatio) {
        requireOpen();
        requireCloud(cloud, "cloud");
        if (k < 1) {
            throw new IllegalArgumentException("Invalid k: " + k + " (neighbours, must be >= 1)");
        }
        if (!(stdRatio > 0) || !Float.isFinite(stdRatio)) {
            throw new IllegalArgumentException("Invalid stdRatio: " + stdRatio + " (must be finite and > 0)");
        }
        int n = cloud.size();
        if (n <= 1) {
            return n == 0 ? new int[0] : new int[] {0};
        }
        float[] mean = meanKnnDistances(cloud.xyz(), Math.min(k, n - 1));
        double sum = 0;
        double sq = 0;
        for (float d : mean) {
            sum += d;
            sq += (double) d * d;
        }
        double mu = sum / n;
        double std = Math.sqrt(Math.max(0.0, (sq - sum * mu) / (n - 1)));
        double threshold = mu + stdRatio * std;
        int kept = 0;
        for (float d : mean) {
            kept += d <= threshold ? 1 : 0;
        }
        int[] out = new int[kept];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (mean[i] <= threshold) {
                out[j++] = i;
            }
        }
        return out;
    }

    /**
     * Mean distance of every point (input order) to its k nearest other points; k &lt; n. On a
     * uniform grid ({@link KernelBodies#gridMeanKnnCell}) where the grid proves the answer, on
     * the k-d tree for the rest (isolated points, overfull cells) and for small clouds: the
     * same values either way.
     */
    private float[] meanKnnDistances(float[] xyz, int k) {
        int n = xyz.length / 3;
        float[] bounds = bounds(xyz);
        double side = n >= KNN_GRID_MIN_POINTS_PER_NEIGHBOUR * (k + 1) ? knnCellSide(xyz, bounds, k) : 0;
        return meanKnnDistances(xyz, k, bounds, side);
    }

    /** {@link #meanKnnDistances(float[], int)} with a given grid cell side (meters; 0: k-d tree only). */
    float[] meanKnnDistances(float[] xyz, int k, float[] bounds, double side) {
        int n = xyz.length / 3;
        float[] mean = new float[n];
        int[] pending;
        int count = 0;
        if (side > 0) {
            CellGrid g = CellGrid.build(backend, xyz, side, bounds);
            float[] gridMean = new float[n];
            int[] resolved = new int[n];
            backend.gridMeanKnnDistance(k, g.x, g.y, g.z, g.cellStart, g.cellKey, g.m, g.rowDelta, g.rowFirst,
                    bounds[0], bounds[1], bounds[2], 1.0 / side, gridMean, resolved);
            pending = new int[n];
            for (int p = 0; p < n; p++) {
                if (resolved[p] != 0) {
                    mean[g.order[p]] = gridMean[p];
                } else {
                    pending[count++] = g.order[p];
                }
            }
        } else {
            pending = new int[n];
            for (int i = 0; i < n; i++) {
                pending[i] = i;
            }
            count = n;
        }
        if (count > 0) {
            KdTree tree = KdTree.build(xyz);
            int[] position = new int[n];
            for (int i = 0; i < n; i++) {
                position[tree.perm[i]] = i;
            }
            // n entries whatever the count: a device backend keys its compiled shapes on array lengths.
            int[] positions = new int[n];
            for (int j = 0; j < count; j++) {
                positions[j] = position[pending[j]];
            }
            float[] treeMean = new float[n];
            backend.kdMeanKnnDistance(k, positions, count, tree.x, tree.y, tree.z, tree.split, tree.n,
                    KdTree.LEAF_SIZE, treeMean);
            for (int j = 0; j < count; j++) {
                mean[pending[j]] = treeMean[j];
            }
        }
        return mean;
    }

    /**
     * Cell side (meters) of the grid k-nearest-neighbour search: about (k + 1) / 4 points per
     * occupied cell, so that the 27 cells around a point of a surface (9 to 13 of them occupied)
     * hold a few times k + 1 points, and a volume more. Estimated from the occupancy of a coarse
     * grid whose cells would hold {@value #KNN_POINTS_PER_CELL_PER_NEIGHBOUR} (k + 1) points if
     * the cloud filled its bounding cube, then scaled as for a surface (points per cell grow
     * with the side squared; on the benchmark's object clouds this lands at about (k + 1) / 4):
     * depth-camera clouds are surfaces; any other shape only costs time, never exactness.
     * Returns 0 (no grid) when the points span no extent or the cells would be too many. O(n).
     */
    static double knnCellSide(float[] xyz, float[] bounds, int k) {
        int n = xyz.length / 3;
        double extent = 0;
        for (int a = 0; a < 3; a++) {
            extent = Math.max(extent, (double) bounds[a + 3] - bounds[a]);
        }
        if (!(extent > 0)) {
            return 0;
        }
        double target = (k + 1) * KNN_POINTS_PER_CELL_PER_NEIGHBOUR;
        double coarse = extent * Math.cbrt(target / n);
        long[] cells = new long[3];
        for (int a = 0; a < 3; a++) {
            cells[a] = (long) (((double) bounds[a + 3] - bounds[a]) / coarse) + 1;
        }
        // At most (cbrt(n / target) + 1)^3 cells: a few bits per point.
        long[] occupiedBits = new long[(int) ((cells[0] * cells[1] * cells[2] + 63) >>> 6)];
        int occupied = 0;
        for (int i = 0; i < n; i++) {
            long ix = Math.min(cells[0] - 1, (long) ((xyz[3 * i] - bounds[0]) / coarse));
            long iy = Math.min(cells[1] - 1, (long) ((xyz[3 * i + 1] - bounds[1]) / coarse));
            long iz = Math.min(cells[2] - 1, (long) ((xyz[3 * i + 2] - bounds[2]) / coarse));
            long key = (iz * cells[1] + iy) * cells[0] + ix;
            long bit = 1L << (key & 63);
            int word = (int) (key >>> 6);
            occupied += (occupiedBits[word] & bit) == 0 ? 1 : 0;
            occupiedBits[word] |= bit;
        }
        double side = coarse * Math.sqrt(target * occupied / n);
        for (int a = 0; a < 3; a++) {
            if (CellGrid.cellsAlong((double) bounds[a + 3] - bounds[a], 1.0 / side) > CellGrid.MAX_CELLS_PER_AXIS) {
                return 0;
            }
        }
        return side;
    }

    // ================================================================ DBSCAN

    /**
     * Exact DBSCAN (Ester et al. 1996) with the backend's preferred labelling. A point is core when
     * at least {@code minPoints} points (itself included) lie within {@code eps} (squared distance
     * in float &lt;= eps * eps); clusters are the connected components of core points (core
     * pairs within eps) plus their border points; a border point joins the cluster of its
     * lowest-index core neighbour; everything else is {@link DbscanResult#NOISE}. Clusters are
     * numbered by their smallest point index.
     *
     * <p>Uniform grid with cells of side eps / sqrt(3) (all points of a cell are within eps of
     * each other, so a cell with minPoints points is all core and core points of a cell share a
     * cluster), points sorted by cell (radix sort), neighbours among the 125 surrounding cells.
     * O(n) expected for bounded density, plus O(n * density) worst case. Memory O(n + 25 cells).
     *
     * @param eps neighbourhood radius, meters, finite and &gt; 0 (at most 2^20 grid cells per axis:
     *     eps must exceed about 1.7e-6 times the cloud's extent)
     * @param minPoints points within eps, itself included, for a core point, &gt;= 1
     */
    public DbscanResult dbscan(PointCloud cloud, float eps, int minPoints) {
        return dbscan(cloud, eps, minPoints, DbscanLabelling.BACKEND_DEFAULT);
    }

    /**
     * {@link #dbscan(PointCloud, float, int)} with an explicit labelling strategy (both strategies
     * give identical results; this exists to prove it and to tune).
     */
    public DbscanResult dbscan(PointCloud cloud, float eps, int minPoints, DbscanLabelling labelling) {
        requireOpen();
        requireCloud(cloud, "cloud");
        Objects.requireNonNull(labelling, "labelling");
        if (!(eps > 0) || !Float.isFinite(eps)) {
            throw new IllegalArgumentException("Invalid eps: " + eps + " (meters, must be finite and > 0)");
        }
        if (minPoints < 1) {
            throw new IllegalArgumentException("Invalid minPoints: " + minPoints + " (must be >= 1)");
        }
        int n = cloud.size();
        if (n == 0) {
            return new DbscanResult(new int[0], new int[0]);
        }
        float[] xyz = cloud.xyz();
        float[] bounds = bounds(xyz);
        double cellSide = eps / Math.sqrt(3.0) * (1 - CELL_MARGIN);
        for (int axis = 0; axis < 3; axis++) {
            long cells = CellGrid.cellsAlong((double) bounds[axis + 3] - bounds[axis], 1.0 / cellSide);
            if (cells > CellGrid.MAX_CELLS_PER_AXIS) {
                throw new IllegalArgumentException("Invalid eps: " + eps + " (meters, too small for the cloud's extent "
                        + (bounds[axis + 3] - bounds[axis]) + " m along " + "xyz".charAt(axis) + ": at most "
                        + CellGrid.MAX_CELLS_PER_AXIS + " grid cells of eps/sqrt(3) per axis)");
            }
        }
        CellGrid g = CellGrid.build(backend, xyz, cellSide, bounds);
        float eps2 = eps * eps;
        int m = g.m;
        int[] core = new int[n];
        backend.dbscanCore(g.x, g.y, g.z, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2, minPoints, core);
        boolean propagate = labelling == DbscanLabelling.LABEL_PROPAGATION
                || (labelling == DbscanLabelling.BACKEND_DEFAULT && backend.prefersLabelPropagation());
        int[] links = new int[KernelBodies.LINK_WORDS * m];
        int[] cellLabel;
        if (propagate) {
            backend.dbscanCellLinks(g.x, g.y, g.z, core, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2, 0,
                    KernelBodies.LINKS_ALL, new int[0], 0, links);
            cellLabel = propagateLabels(g, links);
        } else {
            // Inner neighbours first; outer neighbours are then tested only across different
            // components (in a dense cloud nearly all are already connected, and a failed test
            // of two cells scans every pair).
            int[] parent = new int[m];
            for (int c = 0; c < m; c++) {
                parent[c] = c;
            }
            backend.dbscanCellLinks(g.x, g.y, g.z, core, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2, 1,
                    KernelBodies.LINKS_INNER, parent, 0, links);
            unionLinks(g, links, parent);
            backend.dbscanCellLinks(g.x, g.y, g.z, core, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2, 1,
                    KernelBodies.LINKS_OUTER, parent, 1, links);
            unionLinks(g, links, parent);
            cellLabel = parent;
        }
        int[] borderCore = new int[n];
        backend.dbscanBorder(g.x, g.y, g.z, core, g.order, n, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2,
                borderCore);
        return numberClusters(g, cellLabel, borderCore);
    }

    /**
     * Unites linked cells (union by smaller index), then flattens: {@code parent[c]} becomes the
     * smallest cell index of c's component so far.
     */
    private static void unionLinks(CellGrid g, int[] links, int[] parent) {
        int m = g.m;
        for (int c = 0; c < m; c++) {
            for (int w = 0; w < KernelBodies.LINK_WORDS; w++) {
                int bits = links[c * KernelBodies.LINK_WORDS + w];
                while (bits != 0) {
                    int bit = 32 * w + Integer.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    int d = linkedCell(g, c, bit);
                    int a = find(parent, c);
                    int b = find(parent, d);
                    if (a != b) {
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
        }
        for (int c = 0; c < m; c++) {
            parent[c] = find(parent, c);
        }
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }

    /** The cell at link bit {@code bit} (row {@code bit / 5}, x offset {@code bit % 5 - 2}) of cell c. */
    private static int linkedCell(CellGrid g, int c, int bit) {
        int r = bit / KernelBodies.GRID_ROW_CELLS;
        long key = g.cellKey[c] + g.rowDelta[r] - 2 + bit % KernelBodies.GRID_ROW_CELLS;
        int d = g.rowFirst[r * g.m + c];
        while (g.cellKey[d] != key) {
            d++;
        }
        return d;
    }

    /** Cell labels by Jacobi min-label propagation until nothing changes (the device path). */
    private int[] propagateLabels(CellGrid g, int[] links) {
        int m = g.m;
        int[] in = new int[m];
        int[] out = new int[m];
        for (int c = 0; c < m; c++) {
            in[c] = c;
        }
        int[] changed = new int[1];
        do {
            changed[0] = 0;
            backend.dbscanPropagate(g.cellKey, m, g.rowDelta, g.rowFirst, links, in, out, changed);
            int[] t = in;
            in = out;
            out = t;
        } while (changed[0] != 0);
        return in;
    }

    /** Final labels in input order, clusters numbered by their smallest point index. */
    private static DbscanResult numberClusters(CellGrid g, int[] cellLabel, int[] borderCore) {
        int n = g.n;
        int[] cellOf = new int[n];
        for (int c = 0; c < g.m; c++) {
            Arrays.fill(cellOf, g.cellStart[c], g.cellStart[c + 1], c);
        }
        int[] root = new int[n];
        for (int p = 0; p < n; p++) {
            int q = borderCore[p];
            root[g.order[p]] = q == n ? g.m : cellLabel[cellOf[q]];
        }
        int[] number = new int[g.m + 1];
        Arrays.fill(number, Integer.MIN_VALUE);
        number[g.m] = DbscanResult.NOISE;
        int clusters = 0;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int r = root[i];
            if (number[r] == Integer.MIN_VALUE) {
                number[r] = clusters++;
            }
            labels[i] = number[r];
        }
        int[] sizes = new int[clusters];
        for (int l : labels) {
            if (l != DbscanResult.NOISE) {
                sizes[l]++;
            }
        }
        return new DbscanResult(labels, sizes);
    }

    // ================================================================ RANSAC

    /**
     * RANSAC plane fit: every 3-point hypothesis is drawn from {@code SplittableRandom(seed)} before
     * any parallel work (distinct indices), planes are built and scored in parallel (points in
     * cache-sized blocks), and the best hypothesis is the one with the most inliers, ties to the
     * lowest hypothesis index, so a seed gives the same plane on every backend and thread count.
     * Hypotheses whose samples are collinear are skipped; with a normal prior, hypotheses whose
     * normal is farther than the max angle from the axis (either sign) are skipped. With
     * refinement, the plane is refit by least squares on the inliers ({@link Planes#fitLeastSquares})
     * and the inliers recomputed. O(iterations * n).
     *
     * <p>Exact shortcuts, which change no result (plane, inliers, {@code hypothesesEvaluated}) and
     * no tie: (1) the points are scored in a spatial order (Morton order of a 32^3 grid over the
     * cloud) in blocks of 512, and a block whose bounding box lies wholly outside or inside the
     * threshold slab of a plane, with a margin for float rounding
     * ({@link KernelBodies#ransacBoxSide}), is counted without reading its points; (2) bail-out:
     * the blocks are scored in up to eight rounds (each round a spread of blocks over the whole
     * cloud, at least four million point tests each, so small fits run in one),
     * and between rounds the host drops every hypothesis that can no longer win: one whose inliers
     * so far plus the points not yet scored are fewer than the most inliers another hypothesis
     * already has (or not more than the best count of an earlier early-exit batch). A dropped
     * hypothesis is strictly worse than the winner, and the decisions use complete round counts
     * only, so they are the same on every backend and thread count. On a 640x480 room frame with
     * 1000 hypotheses they skip most of the point tests (the box test alone about 70%). The
     * spatial order costs O(n) time and two more int arrays of n; it is used without early exit
     * and from 200 hypotheses on (the floor search's early exit stops after a few dozen, where the
     * sort would cost more than it saves).
     *
     * @return FOUND with the plane and ascending inlier indices, or a status: TOO_FEW_POINTS below
     *     3 points, DEGENERATE when every evaluated hypothesis was collinear, NOT_FOUND when the
     *     prior rejected every usable one
     */
    public RansacResult ransacPlane(PointCloud cloud, RansacOptions options) {
        return ransacPlane(cloud, options, RansacShortcuts.BY_SIZE, null);
    }

    /** Which exact RANSAC shortcuts run (package-private: the tests compare them with none). */
    enum RansacShortcuts {
        /** Every point tested against every hypothesis, in input order: the reference. */
        NONE,
        /** Block boxes always; bail-out rounds and the spatial order where the fit is large enough to pay. */
        BY_SIZE,
        /** Every shortcut whatever the size (up to eight rounds, spatial order): the tests' fast path. */
        ALL
    }

    /**
     * {@link #ransacPlane(PointCloud, RansacOptions)} with the given {@code shortcutsUsed}. Adds the
     * number of hypotheses the bail-out dropped to {@code pruned[0]} when {@code pruned} is not null.
     */
    RansacResult ransacPlane(PointCloud cloud, RansacOptions options, RansacShortcuts shortcutsUsed, int[] pruned) {
        requireOpen();
        requireCloud(cloud, "cloud");
        Objects.requireNonNull(options, "options");
        int n = cloud.size();
        if (n < 3) {
            return new RansacResult(PlaneFit.Status.TOO_FEW_POINTS, null, new int[0], 0);
        }
        float[] xyz = cloud.xyz();
        int hyps = options.iterations();
        int[] samples = drawSamples(n, hyps, options.seed());
        Vector3fc prior = options.normalPriorAxis();
        Vector3f axis = prior == null ? new Vector3f() : new Vector3f(prior).normalize();
        float priorCos = prior == null ? 0f : (float) Math.cos(options.normalPriorMaxAngleRadians());
        float[] planes = new float[4 * hyps];
        int[] status = new int[hyps];
        backend.ransacHypotheses(xyz, samples, hyps, prior == null ? 0 : 1, axis.x, axis.y, axis.z, priorCos, planes,
                status);
        int blocks = (n + RANSAC_BLOCK - 1) / RANSAC_BLOCK;
        double p = options.earlyExitProbability();
        int batch = p > 0 ? RansacOptions.EARLY_EXIT_BATCH : hyps;
        boolean shortcuts = shortcutsUsed != RansacShortcuts.NONE;
        boolean all = shortcutsUsed == RansacShortcuts.ALL;
        // Each round is one launch on the backend: enough point tests per round to pay for it.
        long testsPerBatch = (long) n * Math.min(batch, hyps);
        int rounds = !shortcuts ? 1 : (int) Math.max(1, Math.min(Math.min(RANSAC_ROUNDS, blocks),
                all ? Long.MAX_VALUE : testsPerBatch / RANSAC_MIN_ROUND_TESTS));
        // The spatial sort pays for itself only over many hypotheses: not with early exit, which
        // typically stops after a few dozen.
        boolean spatialOrder = all || shortcuts && p == 0 && hyps >= RANSAC_SORT_MIN_HYPOTHESES;
        float[][] soa = ransacPoints(xyz, n, rounds, shortcuts, spatialOrder);
        float[] x = soa[0];
        float[] y = soa[1];
        float[] z = soa[2];
        float[] boxes = soa[3];
        int[] partial = new int[blocks * hyps];
        int[] counts = new int[hyps];
        float[] scratch = new float[n];
        float t = options.distanceThreshold();
        int best = -1;
        int bestCount = -1;
        int evaluated = 0;
        int dropped = 0;
        while (evaluated < hyps) {
            int from = evaluated;
            int to = Math.min(hyps, from + batch);
            // Inliers a hypothesis of this batch must reach to win: more than an earlier batch's
            // best, and at least as many as any hypothesis of this batch has so far.
            int lead = bestCount + 1;
            for (int r = 0; r < rounds; r++) {
                int blockFrom = (int) ((long) blocks * r / rounds);
                int blockTo = (int) ((long) blocks * (r + 1) / rounds);
                backend.ransacCount(from, to, blockFrom, blockTo, RANSAC_BLOCK, n, x, y, z, boxes, planes, status, t,
                        hyps, scratch, partial);
                // Skipped hypotheses have 0 in their partial slots.
                for (int b = blockFrom; b < blockTo; b++) {
                    for (int h = from; h < to; h++) {
                        counts[h] += partial[b * hyps + h];
                    }
                }
                int live = 0;
                for (int h = from; h < to; h++) {
                    if (status[h] == 0) {
                        lead = Math.max(lead, counts[h]);
                        live++;
                    }
                }
                int unscored = n - Math.min(n, blockTo * RANSAC_BLOCK);
                if (unscored == 0 || live == 0) {
                    break;
                }
                for (int h = from; h < to; h++) {
                    if (status[h] == 0 && counts[h] + unscored < lead) {
                        status[h] = KernelBodies.RANSAC_PRUNED;
                        dropped++;
                    }
                }
            }
            for (int h = from; h < to; h++) {
                if (status[h] == 0 && counts[h] > bestCount) {
                    bestCount = counts[h];
                    best = h;
                }
            }
            evaluated = to;
            if (p > 0 && best >= 0) {
                double w = (double) bestCount / n;
                double needed = w >= 1 ? 0 : Math.log(1 - p) / Math.log(1 - w * w * w);
                if (evaluated >= needed) {
                    break;
                }
            }
        }
        if (pruned != null) {
            pruned[0] += dropped;
        }
        if (best < 0) {
            boolean anyRejected = false;
            for (int h = 0; h < evaluated; h++) {
                anyRejected |= status[h] == 2;
            }
            return new RansacResult(anyRejected ? PlaneFit.Status.NOT_FOUND : PlaneFit.Status.DEGENERATE, null,
                    new int[0], evaluated);
        }
        // Inliers of the float plane that was scored, so their count is the hypothesis's score.
        int[] flags = new int[n];
        int[] inliers = planeInliers(xyz, planes[4 * best], planes[4 * best + 1], planes[4 * best + 2],
                planes[4 * best + 3], t, flags);
        Plane plane = new Plane(planes[4 * best], planes[4 * best + 1], planes[4 * best + 2], planes[4 * best + 3]);
        if (options.refine()) {
            PlaneFit fit = Planes.fitLeastSquares(xyz, inliers);
            if (fit.isFound()) {
                plane = fit.plane();
                inliers = planeInliers(xyz, (float) plane.nx(), (float) plane.ny(), (float) plane.nz(),
                        (float) plane.d(), t, flags);
            }
        }
        if (prior != null) {
            plane = plane.orientedTowards(axis.x, axis.y, axis.z);
        }
        return new RansacResult(PlaneFit.Status.FOUND, plane, inliers, evaluated);
    }

    /**
     * The points in RANSAC scoring order as structure of arrays {x, y, z} and the bounding box of
     * every block of {@link #RANSAC_BLOCK} points ({minX, minY, minZ, maxX, maxY, maxZ} per block).
     * With {@code spatialOrder}: points sorted by the Morton order of a 32^3 grid over the cloud's box
     * (stable, so deterministic), so a block is a compact patch of the scene whose box a plane
     * often clears (without it, the input order: pixel rows of a lifted frame are compact too, less
     * so). With {@code shortcuts}: whole blocks interleaved over the {@code rounds} rounds (block j of the
     * sorted points in the turn (j mod rounds, j / rounds); the partial last block stays last), so
     * each round of contiguous blocks samples the whole scene and the bail-out can judge early.
     * Without: the input order and boxes of +-{@code Float.MAX_VALUE} (every block read). Inlier
     * counts do not depend on the order of the points.
     */
    private static float[][] ransacPoints(float[] xyz, int n, int rounds, boolean shortcuts, boolean spatialOrder) {
        int[] order = spatialOrder ? mortonOrder(xyz, n) : null;
        float[] x = new float[n];
        float[] y = new float[n];
        float[] z = new float[n];
        int blocks = (n + RANSAC_BLOCK - 1) / RANSAC_BLOCK;
        float[] boxes = new float[6 * blocks];
        int full = n / RANSAC_BLOCK;
        int to = 0;
        for (int r = 0; r < rounds; r++) {
            for (int j = r; j < full; j += rounds) {
                copyBlock(xyz, order, j * RANSAC_BLOCK, RANSAC_BLOCK, to, x, y, z, boxes, shortcuts);
                to += RANSAC_BLOCK;
            }
        }
        if (to < n) {
            copyBlock(xyz, order, to, n - to, to, x, y, z, boxes, shortcuts);
        }
        return new float[][] {x, y, z, boxes};
    }

    /** Copies {@code count} points from sorted place {@code from} to {@code to}, and the box of that block. */
    private static void copyBlock(float[] xyz, int[] order, int from, int count, int to, float[] x, float[] y,
            float[] z, float[] boxes, boolean shortcuts) {
        // A block is never empty: its box starts at its first point.
        int first = order == null ? from : order[from];
        float lx = xyz[3 * first];
        float ly = xyz[3 * first + 1];
        float lz = xyz[3 * first + 2];
        float ux = lx;
        float uy = ly;
        float uz = lz;
        for (int i = 0; i < count; i++) {
            int src = order == null ? from + i : order[from + i];
            float px = xyz[3 * src];
            float py = xyz[3 * src + 1];
            float pz = xyz[3 * src + 2];
            x[to + i] = px;
            y[to + i] = py;
            z[to + i] = pz;
            lx = Math.min(lx, px);
            ly = Math.min(ly, py);
            lz = Math.min(lz, pz);
            ux = Math.max(ux, px);
            uy = Math.max(uy, py);
            uz = Math.max(uz, pz);
        }
        int b = 6 * (to / RANSAC_BLOCK);
        if (!shortcuts) {
            lx = ly = lz = -Float.MAX_VALUE;
            ux = uy = uz = Float.MAX_VALUE;
        }
        boxes[b] = lx;
        boxes[b + 1] = ly;
        boxes[b + 2] = lz;
        boxes[b + 3] = ux;
        boxes[b + 4] = uy;
        boxes[b + 5] = uz;
    }

    /**
     * Point indices sorted (stably, by counting sort) by the Morton code of their cell in a 32^3
     * grid over the cloud's box. Any order gives the same counts; this one makes blocks compact.
     */
    private static int[] mortonOrder(float[] xyz, int n) {
        float[] box = bounds(xyz);
        float lx = box[0];
        float ly = box[1];
        float lz = box[2];
        float ux = box[3];
        float uy = box[4];
        float uz = box[5];
        int side = 32;
        int[] spread = new int[side];
        for (int q = 0; q < side; q++) {
            for (int bit = 0; bit < 5; bit++) {
                spread[q] |= ((q >> bit) & 1) << (3 * bit);
            }
        }
        // Cells per meter; (int) of a non-negative float truncates, min() keeps the top edge in.
        float sx = ux > lx ? side / (ux - lx) : 0f;
        float sy = uy > ly ? side / (uy - ly) : 0f;
        float sz = uz > lz ? side / (uz - lz) : 0f;
        int[] code = new int[n];
        int[] start = new int[side * side * side + 1];
        for (int i = 0; i < n; i++) {
            int c = spread[Math.min(side - 1, (int) ((xyz[3 * i] - lx) * sx))]
                    | spread[Math.min(side - 1, (int) ((xyz[3 * i + 1] - ly) * sy))] << 1
                    | spread[Math.min(side - 1, (int) ((xyz[3 * i + 2] - lz) * sz))] << 2;
            code[i] = c;
            start[c + 1]++;
        }
        for (int c = 0; c < side * side * side; c++) {
            start[c + 1] += start[c];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[start[code[i]]++] = i;
        }
        return order;
    }

    /**
     * The hypothesis samples: for each hypothesis three distinct point indices drawn uniformly
     * from {@code SplittableRandom(seed)}, {@code samples[3h..3h+2]}. Public so that another
     * backend or a benchmark can reproduce them.
     */
    public static int[] drawSamples(int n, int hypotheses, long seed) {
        if (n < 3) {
            throw new IllegalArgumentException("Invalid point count: " + n + " (a plane hypothesis needs >= 3 points)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] samples = new int[3 * hypotheses];
        for (int h = 0; h < hypotheses; h++) {
            int a = rng.nextInt(n);
            int b = rng.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            int c = rng.nextInt(n - 2);
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            if (c >= lo) {
                c++;
            }
            if (c >= hi) {
                c++;
            }
            samples[3 * h] = a;
            samples[3 * h + 1] = b;
            samples[3 * h + 2] = c;
        }
        return samples;
    }

    private int[] planeInliers(float[] xyz, float nx, float ny, float nz, float d, float threshold, int[] flags) {
        int n = flags.length;
        backend.planeInlierFlags(xyz, n, nx, ny, nz, d, threshold, flags);
        int count = 0;
        for (int f : flags) {
            count += f;
        }
        int[] out = new int[count];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (flags[i] != 0) {
                out[j++] = i;
            }
        }
        return out;
    }

    // ================================================================ pairwise facts

    /**
     * Pairwise facts of k object clouds (same frame, meters): centroid distances, closest-surface
     * gaps (exact minimum point-to-point distance, by exact nearest-neighbour queries on a k-d
     * tree of each object), mean nearest-neighbour distances in both directions, and the
     * per-axis centroid differences {@code centroid_j - centroid_i} after transforming the
     * centroids by {@code frame} (e.g. camera to floor frame). O(sum over pairs of n_i log n_j).
     *
     * @param objects k non-empty clouds
     * @param frame affine transform applied to the centroids before the per-axis differences
     */
    public PairwiseFacts pairwise(List<PointCloud> objects, Matrix4fc frame) {
        requireOpen();
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(frame, "frame");
        int k = objects.size();
        for (int i = 0; i < k; i++) {
            PointCloud c = objects.get(i);
            requireCloud(c, "object " + i);
            if (c.isEmpty()) {
                throw new IllegalArgumentException("Invalid object " + i + ": empty point cloud (needs >= 1 point)");
            }
        }
        Vector3f[] centroid = new Vector3f[k];
        Vector3f[] inFrame = new Vector3f[k];
        KdTree[] trees = new KdTree[k];
        for (int i = 0; i < k; i++) {
            centroid[i] = objects.get(i).centroid(new Vector3f());
            inFrame[i] = frame.transformPosition(centroid[i], new Vector3f());
            trees[i] = KdTree.build(objects.get(i).xyz());
        }
        float[] dist = new float[k * k];
        float[] gap = new float[k * k];
        float[] mean = new float[k * k];
        float[] dx = new float[k * k];
        float[] dy = new float[k * k];
        float[] dz = new float[k * k];
        for (int i = 0; i < k; i++) {
            // Queries in tree order are spatially coherent: each one's answer hints the next.
            KdTree qi = trees[i];
            float[] nearest = new float[qi.n];
            for (int j = 0; j < k; j++) {
                int ij = i * k + j;
                dist[ij] = centroid[i].distance(centroid[j]);
                dx[ij] = inFrame[j].x - inFrame[i].x;
                dy[ij] = inFrame[j].y - inFrame[i].y;
                dz[ij] = inFrame[j].z - inFrame[i].z;
                if (i == j) {
                    continue;
                }
                KdTree t = trees[j];
                backend.kdNearestDistance(qi.x, qi.y, qi.z, qi.n, t.x, t.y, t.z, t.split, t.bounds, t.n,
                        KdTree.LEAF_SIZE, nearest);
                float min = Float.POSITIVE_INFINITY;
                double sum = 0;
                for (float d : nearest) {
                    min = Math.min(min, d);
                    sum += d;
                }
                gap[ij] = min;
                mean[ij] = (float) (sum / nearest.length);
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                float g = Math.min(gap[i * k + j], gap[j * k + i]);
                gap[i * k + j] = g;
                gap[j * k + i] = g;
            }
        }
        return new PairwiseFacts(k, dist, gap, mean, dx, dy, dz);
    }

    /**
     * The closest-surface gap of two clouds (same frame, meters): the exact minimum
     * point-to-point distance, as {@link PairwiseFacts#gap} but without the other pairwise facts.
     * Two exact strategies, chosen by a bound on their work computed first: for clouds that lie
     * apart along the axis between their centroids (two objects), a sweep along that axis that
     * compares only the pairs in the slab between them ({@link KernelBodies#sweepNearestWithin});
     * otherwise a k-d tree of the larger cloud, queried by the smaller one's points, each query
     * bounded by the best distance so far. Both return the minimum of the same float expression
     * over all pairs, so the choice never changes the result. O((n + m) log(n + m)) plus the
     * compared pairs.
     *
     * @throws IllegalArgumentException when a cloud is empty or holds a non-finite coordinate
     */
    public float gap(PointCloud a, PointCloud b) {
        requireOpen();
        requireCloud(a, "cloud a");
        requireCloud(b, "cloud b");
        if (a.isEmpty() || b.isEmpty()) {
            throw new IllegalArgumentException("Invalid cloud " + (a.isEmpty() ? "a" : "b")
                    + ": empty point cloud (the gap needs >= 1 point on each side)");
        }
        PointCloud small = a.size() <= b.size() ? a : b;
        PointCloud large = small == a ? b : a;
        Optional<AxisSweep> sweepIfCheap = AxisSweep.whenItPaysOff(small, large);
        if (sweepIfCheap.isPresent()) {
            AxisSweep sweep = sweepIfCheap.get();
            float d2 = backend.sweepMinDistanceSquared(sweep.qx, sweep.qy, sweep.qz, sweep.qk, small.size(),
                    sweep.tx, sweep.ty, sweep.tz, sweep.tk, large.size(), sweep.slack);
            return (float) Math.sqrt(d2);
        }
        KdTree tree = KdTree.build(large.xyz());
        float[] q = small.xyz();
        float d2 = backend.kdMinDistanceSquared(axis(q, 0), axis(q, 1), axis(q, 2), small.size(), tree.x, tree.y,
                tree.z, tree.split, tree.bounds, tree.n, KdTree.LEAF_SIZE);
        return (float) Math.sqrt(d2);
    }

    // ================================================================ shared

    private static void requireCloud(PointCloud cloud, String what) {
        if (cloud == null) {
            throw new IllegalArgumentException("Invalid " + what + ": null point cloud");
        }
        // The cloud was checked when built, but its arrays are shared: check again before launch.
        PointCloud.requireFinite(cloud.xyz());
    }

    /** One coordinate (0 = x, 1 = y, 2 = z) of every point: structure of arrays for the bodies. */
    private static float[] axis(float[] xyz, int axis) {
        float[] out = new float[xyz.length / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = xyz[3 * i + axis];
        }
        return out;
    }

    /** {minX, minY, minZ, maxX, maxY, maxZ} of a non-empty cloud. */
    static float[] bounds(float[] xyz) {
        float[] b = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < xyz.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                b[a] = Math.min(b[a], xyz[i + a]);
                b[a + 3] = Math.max(b[a + 3], xyz[i + a]);
            }
        }
        return b;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("Kernels (" + backend.name() + ") are closed");
        }
    }

    /** Closes the backend; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "Kernels[" + backend.name() + ", parallelism " + backend.parallelism() + "]";
    }
}
