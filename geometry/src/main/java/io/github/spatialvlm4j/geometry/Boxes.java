package io.github.spatialvlm4j.geometry;

import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix3f;
import org.joml.Matrix4fc;
import org.joml.Vector3d;
import org.joml.Vector3f;

/**
 * Bounding boxes of point clouds: PCA-oriented boxes and gravity-aligned (upright) boxes.
 * Stateless.
 *
 * <p>Which to use: for objects standing on a floor, and whenever "width", "depth" and "height"
 * are meant in the everyday sense, use {@link #gravityAligned(PointCloud, Matrix4fc)}. A PCA box
 * follows the distribution of the <em>observed</em> points, and a depth camera sees only the
 * faces turned towards it, so the principal axes of a partially seen box tilt away from its
 * true axes and the extents are wrong by centimetres to decimetres (see {@code BoxesTest}).
 * The PCA box suits complete scans of objects whose orientation is unknown in every axis.
 *
 * <p>Why one class of this size: the upright box comes from the footprint's convex hull by
 * rotating calipers, and the hull, the caliper search and the PCA box are one concern (the boxes of
 * a cloud) with shared input checks; the hull is public because the facts reuse it.
 */
public final class Boxes {
    private Boxes() {
    }

    /**
     * The PCA-oriented bounding box: axes are the eigenvectors of the points' covariance matrix
     * (EJML symmetric eigen decomposition, accumulated in double around the centroid), ordered
     * by decreasing variance; extents are the min/max projections of the points on each axis,
     * so every point lies in the box. Axis 0 and 1 are signed so that their component of
     * largest magnitude is positive; axis 2 = axis 0 x axis 1 (right-handed). Coordinates in the
     * cloud's own frame, meters. O(n).
     *
     * <p>Degenerate clouds (one point, coincident or collinear points) give a valid box with
     * zero extents along the undetermined axes.
     *
     * @throws IllegalArgumentException when the cloud is empty
     */
    public static OrientedBox pca(PointCloud cloud) {
        requireNonEmpty(cloud);
        float[] xyz = cloud.xyz();
        PrincipalAxes principal = PrincipalAxes.of(xyz, null).orElseThrow(() -> new ArithmeticException(
                "Symmetric eigen decomposition of the covariance of " + cloud.size() + " points failed"));
        Vector3d mean = principal.mean();
        Vector3d a0 = signed(new Vector3d(principal.axes()[0]));
        Vector3d a1 = new Vector3d(principal.axes()[1]);
        // Re-orthogonalise against axis 0 (exact for a symmetric matrix up to rounding).
        a1.fma(-a1.dot(a0), a0).normalize();
        signed(a1);
        Vector3d a2 = new Vector3d(a0).cross(a1).normalize();
        Vector3d[] axes = {a0, a1, a2};
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < xyz.length; i += 3) {
            double dx = xyz[i] - mean.x;
            double dy = xyz[i + 1] - mean.y;
            double dz = xyz[i + 2] - mean.z;
            for (int k = 0; k < 3; k++) {
                double p = axes[k].x * dx + axes[k].y * dy + axes[k].z * dz;
                lo[k] = Math.min(lo[k], p);
                hi[k] = Math.max(hi[k], p);
            }
        }
        Vector3d center = new Vector3d(mean);
        for (int k = 0; k < 3; k++) {
            center.fma(0.5 * (lo[k] + hi[k]), axes[k]);
        }
        Matrix3f rotation = new Matrix3f(
                (float) a0.x, (float) a0.y, (float) a0.z,
                (float) a1.x, (float) a1.y, (float) a1.z,
                (float) a2.x, (float) a2.y, (float) a2.z);
        Vector3f half = new Vector3f((float) (0.5 * (hi[0] - lo[0])), (float) (0.5 * (hi[1] - lo[1])),
                (float) (0.5 * (hi[2] - lo[2])));
        return new OrientedBox(new Vector3f((float) center.x, (float) center.y, (float) center.z), rotation, half);
    }

    /** Flips {@code v} so that its component of largest magnitude (first on ties) is positive. */
    private static Vector3d signed(Vector3d v) {
        double c = v.x;
        if (Math.abs(v.y) > Math.abs(c)) {
            c = v.y;
        }
        if (Math.abs(v.z) > Math.abs(c)) {
            c = v.z;
        }
        return c < 0 ? v.negate() : v;
    }

    /**
     * The gravity-aligned box of a cloud given in the camera (or any) frame: the cloud is mapped
     * into the up frame by {@code toUpFrame} (e.g. {@link FloorFrame#cameraToFloor()}), then
     * boxed as in {@link #gravityAligned(PointCloud)}. The result is in the up frame. O(n log n).
     *
     * @param toUpFrame rigid transform from the cloud's frame to a frame whose z axis is up
     * @throws IllegalArgumentException when the cloud is empty or {@code toUpFrame} is not rigid
     */
    public static GravityAlignedBox gravityAligned(PointCloud cloud, Matrix4fc toUpFrame) {
        OrientedBox.requireRigid(toUpFrame, "to-up-frame transform");
        requireNonEmpty(cloud);
        return gravityAligned(cloud.transformed(toUpFrame));
    }

    /**
     * The gravity-aligned box of a cloud given in an up frame (z up, meters): the footprint is
     * the minimum-area rectangle enclosing the points projected on the xy plane (convex hull by
     * Andrew's monotone chain, then rotating calipers over the hull edges: Freeman and Shapira,
     * "Determining the minimum-area encasing rectangle for an arbitrary closed curve", CACM 1975,
     * which shows an optimal rectangle has a side collinear with a hull edge); the vertical span
     * is the min/max z. O(n log n) for the sort, O(n) otherwise.
     *
     * <p>One point, coincident points or collinear footprints give zero minor (and possibly
     * major) extent; a square footprint takes its yaw from the first optimal hull edge.
     *
     * @throws IllegalArgumentException when the cloud is empty
     */
    public static GravityAlignedBox gravityAligned(PointCloud cloudInUpFrame) {
        double[] hull = footprintHull(cloudInUpFrame);
        float[] xyz = cloudInUpFrame.xyz();
        double zMin = Double.POSITIVE_INFINITY;
        double zMax = Double.NEGATIVE_INFINITY;
        for (int i = 2; i < xyz.length; i += 3) {
            zMin = Math.min(zMin, xyz[i]);
            zMax = Math.max(zMax, xyz[i]);
        }
        return gravityAligned(hull, zMin, zMax);
    }

    /**
     * The gravity-aligned box of a footprint hull already computed by {@link #footprintHull} and
     * a vertical span, for callers that need the hull too (one sort instead of two). O(h).
     *
     * @param hull interleaved hull vertices, counter-clockwise, at least one
     * @param zMin lowest point, meters
     * @param zMax highest point, meters, &gt;= zMin
     */
    public static GravityAlignedBox gravityAligned(double[] hull, double zMin, double zMax) {
        if (hull.length < 2 || hull.length % 2 != 0) {
            throw new ShapeMismatchException("Hull has " + hull.length + " coordinates: need an even number >= 2");
        }
        int h = hull.length / 2;
        double[] hx = new double[h];
        double[] hy = new double[h];
        for (int k = 0; k < h; k++) {
            hx[k] = hull[2 * k];
            hy[k] = hull[2 * k + 1];
        }
        return minAreaRectangle(hx, hy, h, zMin, zMax, null);
    }

    /**
     * Rectangles within this share of the least footprint area compete on how many points their sides
     * carry (see {@link #gravityAligned(double[], PointCloud, double, double)}).
     */
    public static final double FACE_TIE_AREA_SHARE = 0.25;
    /** Largest sample of footprint points whose distance to a rectangle's sides is counted. */
    static final int FACE_SUPPORT_SAMPLE = 2048;

    /**
     * The gravity-aligned box of a footprint hull and a vertical span, choosing, among rectangles whose
     * area is within {@value #FACE_TIE_AREA_SHARE} of the least, the one whose sides carry the most
     * footprint points of {@code cloudInUpFrame}: the one aligned with the visible faces. A box seen with
     * two side faces and no top projects to an L, whose convex hull is a right triangle; the rectangle on
     * its legs and the one on its hypotenuse have exactly the same area, and only the first is the box
     * (the diagonal one measured a 0.40 x 0.40 m box as 0.28 x 0.57 m). The faces' points lie on the
     * sides of the right rectangle and touch the diagonal one at two corners. A point supports a side
     * within {@code max(1 cm, 3% of the longer side)}. O(h + candidates x min(n, 2048)).
     *
     * @param hull interleaved hull vertices of the cloud's footprint, counter-clockwise ({@link #footprintHull})
     * @param cloudInUpFrame the points (up frame, meters) the hull was computed from
     * @param zMin lowest point, meters
     * @param zMax highest point, meters, &gt;= zMin
     */
    public static GravityAlignedBox gravityAligned(double[] hull, PointCloud cloudInUpFrame, double zMin,
            double zMax) {
        if (hull.length < 2 || hull.length % 2 != 0) {
            throw new ShapeMismatchException("Hull has " + hull.length + " coordinates: need an even number >= 2");
        }
        requireNonEmpty(cloudInUpFrame);
        int h = hull.length / 2;
        double[] hx = new double[h];
        double[] hy = new double[h];
        for (int k = 0; k < h; k++) {
            hx[k] = hull[2 * k];
            hy[k] = hull[2 * k + 1];
        }
        List<GravityAlignedBox> candidates = new ArrayList<>();
        GravityAlignedBox least = minAreaRectangle(hx, hy, h, zMin, zMax, candidates);
        double limit = (1 + FACE_TIE_AREA_SHARE) * least.majorExtent() * least.minorExtent();
        GravityAlignedBox best = least;
        int bestSupport = -1;
        int[] sample = PointCloud.strideIndices(cloudInUpFrame.size(), FACE_SUPPORT_SAMPLE);
        float[] xyz = cloudInUpFrame.xyz();
        for (GravityAlignedBox c : candidates) {
            if (c.majorExtent() * c.minorExtent() > limit) {
                continue;
            }
            int support = sideSupport(c, xyz, sample);
            if (support > bestSupport) {
                bestSupport = support;
                best = c;
            }
        }
        return best;
    }

    /** How many sampled points lie within the side tolerance of one of the rectangle's four sides. */
    private static int sideSupport(GravityAlignedBox box, float[] xyz, int[] sample) {
        double tol = Math.max(0.01, 0.03 * box.majorExtent());
        double c = Math.cos(box.yaw());
        double s = Math.sin(box.yaw());
        double hw = 0.5 * box.majorExtent();
        double hd = 0.5 * box.minorExtent();
        int count = 0;
        for (int i : sample) {
            double dx = xyz[3 * i] - box.centerX();
            double dy = xyz[3 * i + 1] - box.centerY();
            double along = Math.abs(dx * c + dy * s);
            double across = Math.abs(-dx * s + dy * c);
            if (hw - along <= tol || hd - across <= tol) {
                count++;
            }
        }
        return count;
    }

    /**
     * The convex hull of the points of a cloud given in an up frame (z up, meters), projected on
     * the xy plane: vertices counter-clockwise without collinear ones, interleaved
     * {@code x0, y0, x1, y1, ...} (one vertex for coincident points, two for collinear ones).
     * Andrew's monotone chain, O(n log n).
     *
     * @throws IllegalArgumentException when the cloud is empty
     */
    public static double[] footprintHull(PointCloud cloudInUpFrame) {
        requireNonEmpty(cloudInUpFrame);
        float[] xyz = cloudInUpFrame.xyz();
        int n = cloudInUpFrame.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // + 0f maps -0 to +0 so that equal points get equal keys.
            keys[i] = ((long) sortable(Float.floatToIntBits(xyz[3 * i] + 0f)) << 32)
                    | ((sortable(Float.floatToIntBits(xyz[3 * i + 1] + 0f)) ^ 0x80000000) & 0xffffffffL);
        }
        LongSort.sort(keys);
        double[] sx = new double[n];
        double[] sy = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && keys[i] == keys[i - 1]) {
                continue;
            }
            sx[m] = Float.intBitsToFloat(sortable((int) (keys[i] >> 32)));
            sy[m] = Float.intBitsToFloat(sortable((int) keys[i] ^ 0x80000000));
            m++;
        }
        double[] hx = new double[m + 1];
        double[] hy = new double[m + 1];
        int h = convexHull(sx, sy, m, hx, hy);
        double[] out = new double[2 * h];
        for (int k = 0; k < h; k++) {
            out[2 * k] = hx[k];
            out[2 * k + 1] = hy[k];
        }
        return out;
    }

    /**
     * Maps the bits of a finite float to an int whose signed order is the float order. An
     * involution: applied to its own result it gives the float's bits back.
     */
    private static int sortable(int bits) {
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /**
     * Andrew's monotone chain over {@code m} distinct points sorted by x then y. Writes the hull
     * counter-clockwise without collinear vertices to {@code hx, hy} (capacity m + 1) and returns
     * its vertex count (1 for a single point, 2 for collinear points).
     */
    private static int convexHull(double[] x, double[] y, int m, double[] hx, double[] hy) {
        if (m <= 2) {
            System.arraycopy(x, 0, hx, 0, m);
            System.arraycopy(y, 0, hy, 0, m);
            return m;
        }
        int k = 0;
        for (int i = 0; i < m; i++) { // lower hull
            while (k >= 2 && cross(hx[k - 2], hy[k - 2], hx[k - 1], hy[k - 1], x[i], y[i]) <= 0) {
                k--;
            }
            hx[k] = x[i];
            hy[k] = y[i];
            k++;
        }
        for (int i = m - 2, lower = k + 1; i >= 0; i--) { // upper hull
            while (k >= lower && cross(hx[k - 2], hy[k - 2], hx[k - 1], hy[k - 1], x[i], y[i]) <= 0) {
                k--;
            }
            hx[k] = x[i];
            hy[k] = y[i];
            k++;
        }
        return k - 1; // the last point repeats the first
    }

    /** z component of (b - a) x (c - a): positive when a, b, c turn counter-clockwise. */
    private static double cross(double ax, double ay, double bx, double by, double cx, double cy) {
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    }

    /**
     * Rotating calipers over the {@code h} counter-clockwise hull vertices: the least-area rectangle
     * (the first of equal ones). When {@code all} is not null, the rectangle on every hull edge is added
     * to it.
     */
    private static GravityAlignedBox minAreaRectangle(double[] hx, double[] hy, int h, double zMin, double zMax,
            List<GravityAlignedBox> all) {
        if (h == 1) {
            GravityAlignedBox point = new GravityAlignedBox(hx[0], hy[0], 0, 0, 0, zMin, zMax);
            if (all != null) {
                all.add(point);
            }
            return point;
        }
        double bestArea = Double.POSITIVE_INFINITY;
        double bestCx = 0;
        double bestCy = 0;
        double bestWidth = 0;
        double bestDepth = 0;
        double bestEx = 1;
        double bestEy = 0;
        int right = 1;
        int top = 1;
        int left = 1;
        for (int i = 0; i < h; i++) {
            int j = (i + 1) % h;
            double len = Math.hypot(hx[j] - hx[i], hy[j] - hy[i]);
            double ex = (hx[j] - hx[i]) / len;
            double ey = (hy[j] - hy[i]) / len;
            // Inward normal of a counter-clockwise polygon's edge.
            double nx = -ey;
            double ny = ex;
            if (i == 0) {
                right = j;
            }
            right = advanceWhileIncreasing(hx, hy, h, right, ex, ey);
            if (i == 0) {
                top = right;
            }
            top = advanceWhileIncreasing(hx, hy, h, top, nx, ny);
            if (i == 0) {
                left = top;
            }
            left = advanceWhileIncreasing(hx, hy, h, left, -ex, -ey);
            double maxE = (hx[right] - hx[i]) * ex + (hy[right] - hy[i]) * ey;
            double minE = (hx[left] - hx[i]) * ex + (hy[left] - hy[i]) * ey;
            double depth = (hx[top] - hx[i]) * nx + (hy[top] - hy[i]) * ny;
            double width = maxE - minE;
            double area = width * depth;
            double along = 0.5 * (minE + maxE);
            double cx = hx[i] + along * ex + 0.5 * depth * nx;
            double cy = hy[i] + along * ey + 0.5 * depth * ny;
            if (all != null) {
                all.add(rectangle(cx, cy, ex, ey, width, depth, zMin, zMax));
            }
            if (area < bestArea) {
                bestArea = area;
                bestWidth = width;
                bestDepth = depth;
                bestEx = ex;
                bestEy = ey;
                bestCx = cx;
                bestCy = cy;
            }
        }
        return rectangle(bestCx, bestCy, bestEx, bestEy, bestWidth, bestDepth, zMin, zMax);
    }

    /** The box with a side of length {@code width} along unit (ex, ey) and {@code depth} across it. */
    private static GravityAlignedBox rectangle(double cx, double cy, double ex, double ey, double width, double depth,
            double zMin, double zMax) {
        double yaw = width >= depth ? Math.atan2(ey, ex) : Math.atan2(ex, -ey);
        if (yaw < 0) {
            yaw += Math.PI;
        }
        if (yaw >= Math.PI) {
            yaw -= Math.PI;
        }
        yaw += 0.0; // -0 to +0
        return new GravityAlignedBox(cx, cy, yaw, Math.max(width, depth), Math.min(width, depth), zMin, zMax);
    }

    /** Moves {@code k} forward around the polygon while the projection on (dx, dy) grows. */
    private static int advanceWhileIncreasing(double[] hx, double[] hy, int h, int k, double dx, double dy) {
        for (int steps = 0; steps < h; steps++) {
            int next = (k + 1) % h;
            if ((hx[next] - hx[k]) * dx + (hy[next] - hy[k]) * dy > 0) {
                k = next;
            } else {
                break;
            }
        }
        return k;
    }

    private static void requireNonEmpty(PointCloud cloud) {
        if (cloud == null) {
            throw new IllegalArgumentException("Point cloud must not be null");
        }
        if (cloud.isEmpty()) {
            throw new IllegalArgumentException("Cannot box an empty point cloud (0 points, need >= 1)");
        }
    }
}
