package io.github.spatialvlm4j.kernels;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import io.github.spatialvlm4j.kernels.backproject.BackProjection;
import io.github.spatialvlm4j.kernels.backproject.BackProjectionKernel;
import io.github.spatialvlm4j.kernels.dbscan.DbscanKernel;
import io.github.spatialvlm4j.kernels.dbscan.DbscanLabelling;
import io.github.spatialvlm4j.kernels.dbscan.DbscanResult;
import io.github.spatialvlm4j.kernels.gap.GapKernel;
import io.github.spatialvlm4j.kernels.gap.PairwiseFacts;
import io.github.spatialvlm4j.kernels.outliers.OutlierKernel;
import io.github.spatialvlm4j.kernels.ransac.RansacKernel;
import io.github.spatialvlm4j.kernels.ransac.RansacOptions;
import io.github.spatialvlm4j.kernels.ransac.RansacResult;
import io.github.spatialvlm4j.kernels.search.CloudArrays;
import java.util.List;
import java.util.Objects;
import org.joml.Matrix4fc;

/**
 * The facade of the hot-path kernels: validates inputs (before any launch) and routes each call to
 * its family's host operation ({@code backproject}, {@code outliers}, {@code dbscan}, {@code ransac},
 * {@code gap}) on one {@link KernelBackend} chosen once at creation. The algorithms and their
 * costs are documented on those operations. Thread-safe: calls may run concurrently (they share
 * the backend's workers). Holds a thread pool or device context: use try-with-resources; after
 * {@link #close()} every operation throws {@link IllegalStateException}.
 *
 * <p>Results are identical for every backend and parallelism (see the package documentation).
 * Coordinates are meters in the cloud's own frame (usually the camera frame: x right, y down,
 * z forward). A new family adds one method here (check, then route) and its backend interface to
 * {@link KernelBackend}'s list.
 */
public final class Kernels implements AutoCloseable {
    /** System property selecting the backend: {@code auto} (default), {@code jvm}, {@code tornadovm}. */
    public static final String BACKEND_PROPERTY = "spatialvlm4j.backend";
    /** System property with the worker count (default: available processors). */
    public static final String PARALLELISM_PROPERTY = "spatialvlm4j.parallelism";
    /** The name of the TornadoVM backend, preferred by {@code auto} when its runtime is present. */
    public static final String TORNADOVM = "tornadovm";

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
        return new Kernels(Backends.fromProperties(defaultParallelism));
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
        return new Kernels(Backends.named(backend, parallelism));
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
        return Backends.providers();
    }

    /** The backend's name, e.g. {@code "jvm"}. */
    public String backendName() {
        return backend.name();
    }

    /** The backend, for the family operations' own tests (package-private). */
    KernelBackend backend() {
        return backend;
    }

    /** The backend's worker count. */
    public int parallelism() {
        return backend.parallelism();
    }

    /**
     * Back-projects every pixel with depth in {@code (minDepth, maxDepth]} to a point in the camera
     * frame (x right, y down, z forward, meters), keeping its pixel index {@code v * width + u} and,
     * with a label image, grouping the points by label ({@link BackProjectionKernel#backProject}).
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
        requireImage(depth, intrinsics, minDepth, maxDepth);
        if (labelsOrNull != null
                && (labelsOrNull.width() != depth.width() || labelsOrNull.height() != depth.height())) {
            throw new ShapeMismatchException("Label image is " + labelsOrNull.width() + "x" + labelsOrNull.height()
                    + " but the depth map is " + depth.width() + "x" + depth.height());
        }
        return BackProjectionKernel.backProject(backend, depth, intrinsics, labelsOrNull, minDepth, maxDepth);
    }

    /**
     * The points of the given pixels of {@code depth}, camera frame, meters, in the order given: bit for bit
     * the points {@link #backProject} gives those pixels. For a caller that needs some of a frame's points,
     * not all of them (the objects' pixels and a sample of the rest): lifting only those saves lifting,
     * allocating and grouping the whole frame. Runs on the calling thread, O(pixels given).
     *
     * @param pixels row-major pixel indices {@code v * width + u}, each with a depth &gt; 0
     * @throws ShapeMismatchException when the sizes of depth and intrinsics differ
     * @throws IndexOutOfBoundsException naming the first pixel outside the map
     * @throws IllegalArgumentException naming the first pixel without a depth
     */
    public PointCloud backProjectPixels(DepthMap depth, CameraIntrinsics intrinsics, int[] pixels) {
        requireOpen();
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(intrinsics, "intrinsics");
        Objects.requireNonNull(pixels, "pixels");
        intrinsics.requireImageSize(depth.width(), depth.height(), "Depth map");
        return BackProjectionKernel.liftPixels(depth, intrinsics, pixels);
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
        Objects.requireNonNull(xyz, "xyz");
        Objects.requireNonNull(pixelIndex, "pixelIndex");
        requireImage(depth, intrinsics, minDepth, maxDepth);
        int pixels = depth.width() * depth.height();
        if (xyz.length < 3 * pixels || pixelIndex.length < pixels) {
            throw new ShapeMismatchException("Output arrays hold " + xyz.length + " coordinates and "
                    + pixelIndex.length + " indices but the " + depth.width() + "x" + depth.height() + " map needs "
                    + 3 * pixels + " and " + pixels);
        }
        return BackProjectionKernel.backProjectInto(backend, depth, intrinsics, minDepth, maxDepth, xyz, pixelIndex);
    }

    /**
     * Statistical outlier removal (PCL / Open3D semantics): for each point the mean distance to
     * its {@code k} nearest other points (fewer when the cloud has at most k points); a point is
     * kept when that mean is &lt;= {@code global mean + stdRatio * global std} (sample standard
     * deviation, n - 1). Exact neighbours (grid and k-d tree, {@link OutlierKernel}). A cloud of
     * one point is kept (it has no neighbour to judge it by).
     *
     * @param k neighbours, &gt;= 1
     * @param stdRatio multiple of the standard deviation, finite and &gt; 0
     * @return ascending indices of the kept points
     */
    public int[] statisticalOutlierInliers(PointCloud cloud, int k, float stdRatio) {
        requireCloud(cloud, "cloud");
        if (k < 1) {
            throw new IllegalArgumentException("Invalid k: " + k + " (neighbours, must be >= 1)");
        }
        if (!(stdRatio > 0) || !Float.isFinite(stdRatio)) {
            throw new IllegalArgumentException("Invalid stdRatio: " + stdRatio + " (must be finite and > 0)");
        }
        return OutlierKernel.statisticalInliers(backend, cloud.xyz(), k, stdRatio);
    }

    /**
     * Exact DBSCAN (Ester et al. 1996) with the backend's preferred labelling. A point is core when
     * at least {@code minPoints} points (itself included) lie within {@code eps} (squared distance
     * in float &lt;= eps * eps); clusters are the connected components of core points (core
     * pairs within eps) plus their border points; a border point joins the cluster of its
     * lowest-index core neighbour; everything else is {@link DbscanResult#NOISE}. Clusters are
     * numbered by their smallest point index. On a uniform grid ({@link DbscanKernel}): O(n)
     * expected for bounded density.
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
        requireCloud(cloud, "cloud");
        Objects.requireNonNull(labelling, "labelling");
        if (!(eps > 0) || !Float.isFinite(eps)) {
            throw new IllegalArgumentException("Invalid eps: " + eps + " (meters, must be finite and > 0)");
        }
        if (minPoints < 1) {
            throw new IllegalArgumentException("Invalid minPoints: " + minPoints + " (must be >= 1)");
        }
        return DbscanKernel.dbscan(backend, cloud.xyz(), eps, minPoints, labelling);
    }

    /**
     * RANSAC plane fit with exact shortcuts ({@link RansacKernel#fit}): hypotheses drawn from
     * {@code SplittableRandom(seed)} before any parallel work, the most inliers wins (ties to the
     * lowest hypothesis index), so a seed gives the same plane on every backend and thread count.
     *
     * @return FOUND with the plane and ascending inlier indices, or a status: TOO_FEW_POINTS below
     *     3 points, DEGENERATE when every evaluated hypothesis was collinear, NOT_FOUND when the
     *     prior rejected every usable one
     */
    public RansacResult ransacPlane(PointCloud cloud, RansacOptions options) {
        requireCloud(cloud, "cloud");
        Objects.requireNonNull(options, "options");
        return RansacKernel.fit(backend, cloud.xyz(), options, RansacKernel.Shortcuts.BY_SIZE, null);
    }

    /** The RANSAC hypothesis samples of {@link RansacKernel#drawSamples}, for other backends and benchmarks. */
    public static int[] drawSamples(int n, int hypotheses, long seed) {
        return RansacKernel.drawSamples(n, hypotheses, seed);
    }

    /**
     * Pairwise facts of k object clouds (same frame, meters): centroid distances, exact
     * closest-surface gaps, mean nearest-neighbour distances in both directions, and the per-axis
     * centroid differences after transforming the centroids by {@code frame}; see
     * {@link GapKernel#pairwise}.
     *
     * @param objects k non-empty clouds
     * @param frame affine transform applied to the centroids before the per-axis differences
     */
    public PairwiseFacts pairwise(List<PointCloud> objects, Matrix4fc frame) {
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(frame, "frame");
        for (int i = 0; i < objects.size(); i++) {
            requireCloud(objects.get(i), "object " + i);
            requireNonEmpty(objects.get(i), "object " + i, "(needs >= 1 point)");
        }
        return GapKernel.pairwise(backend, objects, frame);
    }

    /**
     * The closest-surface gap of two clouds (same frame, meters): the exact minimum point-to-point
     * distance, by an axis sweep or a k-d tree ({@link GapKernel#gap}; the choice never changes
     * the result).
     *
     * @throws IllegalArgumentException when a cloud is empty or holds a non-finite coordinate
     */
    public float gap(PointCloud a, PointCloud b) {
        requireCloud(a, "cloud a");
        requireCloud(b, "cloud b");
        requireNonEmpty(a, "cloud a", "(the gap needs >= 1 point on each side)");
        requireNonEmpty(b, "cloud b", "(the gap needs >= 1 point on each side)");
        return GapKernel.gap(backend, a, b);
    }

    private void requireImage(DepthMap depth, CameraIntrinsics intrinsics, float minDepth, float maxDepth) {
        requireOpen();
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(intrinsics, "intrinsics");
        intrinsics.requireImageSize(depth.width(), depth.height(), "Depth map");
        if (!(minDepth >= 0) || !Float.isFinite(minDepth)) {
            throw new IllegalArgumentException("Invalid minDepth: " + minDepth + " (meters, must be finite and >= 0)");
        }
        if (!(maxDepth > minDepth)) {
            throw new IllegalArgumentException("Invalid maxDepth: " + maxDepth + " (meters, must be > minDepth "
                    + minDepth + ")");
        }
    }

    private void requireCloud(PointCloud cloud, String what) {
        requireOpen();
        CloudArrays.requireCloud(cloud, what);
    }

    private static void requireNonEmpty(PointCloud cloud, String what, String why) {
        if (cloud.isEmpty()) {
            throw new IllegalArgumentException("Invalid " + what + ": empty point cloud " + why);
        }
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
