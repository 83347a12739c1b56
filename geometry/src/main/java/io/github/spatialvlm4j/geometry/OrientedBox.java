package io.github.spatialvlm4j.geometry;

import org.joml.Matrix3f;
import org.joml.Matrix3fc;
import org.joml.Matrix4fc;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * A box with arbitrary orientation, meters, in whatever frame its producer states (camera frame:
 * x right, y down, z forward; floor frame: z up). A point {@code p} is inside when its local
 * coordinates {@code l = rotation^T (p - center)} satisfy {@code |l_i| <= halfExtents_i}.
 *
 * @param center the box centre, meters, finite
 * @param rotation columns are the box axes (unit, mutually orthogonal, right-handed:
 *     determinant +1, checked within {@value #ROTATION_TOLERANCE})
 * @param halfExtents half the side length along each box axis (column of {@code rotation}),
 *     meters, finite and {@code >= 0}
 */
public record OrientedBox(Vector3fc center, Matrix3fc rotation, Vector3fc halfExtents) {
    /** Largest deviation of {@code R^T R} from the identity (and of det R from 1) accepted as a rotation. */
    public static final float ROTATION_TOLERANCE = 1e-4f;

    public OrientedBox {
        if (center == null || rotation == null || halfExtents == null) {
            throw new IllegalArgumentException("Box center, rotation and half extents must not be null");
        }
        if (!center.isFinite()) {
            throw new IllegalArgumentException("Invalid box center: " + format(center) + " (meters, must be finite)");
        }
        if (!halfExtents.isFinite() || !(halfExtents.x() >= 0 && halfExtents.y() >= 0 && halfExtents.z() >= 0)) {
            throw new IllegalArgumentException("Invalid half extents: " + format(halfExtents)
                    + " (meters, must be finite and >= 0)");
        }
        requireRotation(rotation, "box rotation");
        center = new Vector3f(center);
        rotation = new Matrix3f(rotation);
        halfExtents = new Vector3f(halfExtents);
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code r} is a proper rotation (orthonormal,
     * determinant +1) within {@link #ROTATION_TOLERANCE}.
     */
    static void requireRotation(Matrix3fc r, String what) {
        Matrix3f rtr = new Matrix3f(r).transpose().mul(r);
        float err = Math.abs(r.determinant() - 1f);
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < 3; row++) {
                err = Math.max(err, Math.abs(rtr.get(c, row) - (c == row ? 1f : 0f)));
            }
        }
        if (!(err <= ROTATION_TOLERANCE)) {
            throw new IllegalArgumentException("Invalid " + what + ": columns "
                    + format(r.getColumn(0, new Vector3f())) + " " + format(r.getColumn(1, new Vector3f())) + " "
                    + format(r.getColumn(2, new Vector3f()))
                    + " (must be orthonormal with determinant +1; deviation " + err + ")");
        }
    }

    /**
     * Throws {@link IllegalArgumentException} unless {@code m} is rigid: affine (last row 0 0 0 1),
     * finite, and its 3x3 part a rotation within {@link #ROTATION_TOLERANCE}.
     */
    static void requireRigid(Matrix4fc m, String what) {
        if (m == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (!m.isFinite() || m.m03() != 0f || m.m13() != 0f || m.m23() != 0f || m.m33() != 1f) {
            throw new IllegalArgumentException("Invalid " + what + ": last row " + m.m03() + " " + m.m13() + " " + m.m23() + " "
                    + m.m33() + " (must be a finite rigid transform with last row 0 0 0 1)");
        }
        requireRotation(m.get3x3(new Matrix3f()), what + " (rotation part)");
    }

    /** {@code (x, y, z)} with Java's float formatting, for messages. */
    static String format(Vector3fc v) {
        return "(" + v.x() + ", " + v.y() + ", " + v.z() + ")";
    }

    /** Side lengths along the three box axes, meters, stored in {@code dest}. */
    public Vector3f extent(Vector3f dest) {
        return dest.set(halfExtents).mul(2f);
    }

    /** Box axis {@code i} (0, 1 or 2), a unit vector, stored in {@code dest}. */
    public Vector3f axis(int i, Vector3f dest) {
        if (i < 0 || i > 2) {
            throw new IndexOutOfBoundsException("Invalid axis: " + i + " (must be 0, 1 or 2)");
        }
        return rotation.getColumn(i, dest);
    }

    /** Volume, cubic meters. */
    public double volume() {
        return 8.0 * halfExtents.x() * halfExtents.y() * halfExtents.z();
    }

    /**
     * The eight corners. Corner {@code k} is {@code center + sum_i s_i * halfExtents_i * axis_i}
     * with {@code s_i = +1} when bit {@code i} of {@code k} is set and {@code -1} otherwise
     * (so corner 0 is the all-minus corner and corner 7 the all-plus one).
     */
    public Vector3f[] corners() {
        Vector3f[] out = new Vector3f[8];
        Vector3f local = new Vector3f();
        for (int k = 0; k < 8; k++) {
            local.set((k & 1) != 0 ? halfExtents.x() : -halfExtents.x(),
                    (k & 2) != 0 ? halfExtents.y() : -halfExtents.y(),
                    (k & 4) != 0 ? halfExtents.z() : -halfExtents.z());
            out[k] = rotation.transform(local, new Vector3f()).add(center);
        }
        return out;
    }

    /**
     * Whether point {@code (x, y, z)} (meters, same frame as the box) lies inside or on the box,
     * within {@code tolerance} meters along each box axis (computed in double).
     *
     * @param tolerance slack, meters, finite and {@code >= 0}
     */
    public boolean contains(float x, float y, float z, float tolerance) {
        if (!(tolerance >= 0) || !Float.isFinite(tolerance)) {
            throw new IllegalArgumentException("Invalid tolerance: " + tolerance + " (meters, must be finite and >= 0)");
        }
        double dx = (double) x - center.x();
        double dy = (double) y - center.y();
        double dz = (double) z - center.z();
        for (int i = 0; i < 3; i++) {
            double local = rotation.get(i, 0) * dx + rotation.get(i, 1) * dy + rotation.get(i, 2) * dz;
            if (Math.abs(local) > halfExtents.get(i) + (double) tolerance) {
                return false;
            }
        }
        return true;
    }

    /** {@link #contains(float, float, float, float)} with zero tolerance. */
    public boolean contains(float x, float y, float z) {
        return contains(x, y, z, 0f);
    }

    /** Distance from point {@code p} (same frame) to the box, meters: 0 inside or on it. Computed in double. */
    public double distance(Vector3fc p) {
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            double local = rotation.get(i, 0) * ((double) p.x() - center.x())
                    + rotation.get(i, 1) * ((double) p.y() - center.y())
                    + rotation.get(i, 2) * ((double) p.z() - center.z());
            double excess = Math.abs(local) - halfExtents.get(i);
            if (excess > 0) {
                sum += excess * excess;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Whether this box and {@code other} (same frame) overlap or touch, by the separating axis test over
     * the 15 candidate axes (Gottschalk, Lin and Manocha, "OBBTree", SIGGRAPH 1996).
     */
    public boolean intersects(OrientedBox other) {
        Vector3f[] a = {axis(0, new Vector3f()), axis(1, new Vector3f()), axis(2, new Vector3f())};
        Vector3f[] b = {other.axis(0, new Vector3f()), other.axis(1, new Vector3f()), other.axis(2, new Vector3f())};
        Vector3f d = new Vector3f(other.center).sub(center);
        Vector3f[] axes = new Vector3f[15];
        int n = 0;
        for (Vector3f v : a) {
            axes[n++] = v;
        }
        for (Vector3f v : b) {
            axes[n++] = v;
        }
        for (Vector3f u : a) {
            for (Vector3f v : b) {
                Vector3f c = new Vector3f(u).cross(v);
                if (c.lengthSquared() > 1e-10f) {
                    axes[n++] = c.normalize();
                }
            }
        }
        for (int k = 0; k < n; k++) {
            Vector3f l = axes[k];
            double ra = 0;
            double rb = 0;
            for (int i = 0; i < 3; i++) {
                ra += halfExtents.get(i) * Math.abs(a[i].dot(l));
                rb += other.halfExtents.get(i) * Math.abs(b[i].dot(l));
            }
            if (Math.abs(d.dot(l)) > ra + rb) {
                return false;
            }
        }
        return true;
    }

    /**
     * The distance between this box and {@code other} (same frame), meters: 0 when they overlap. For
     * disjoint convex polyhedra the closest pair is a vertex of one and the other's surface, or a point on
     * an edge of each; so it is the least of the 16 vertex-to-box distances and the 144 edge-to-edge
     * distances. Exact up to float rounding of the corners.
     */
    public double distance(OrientedBox other) {
        if (intersects(other)) {
            return 0;
        }
        Vector3f[] ca = corners();
        Vector3f[] cb = other.corners();
        double best = Double.POSITIVE_INFINITY;
        for (Vector3f v : ca) {
            best = Math.min(best, other.distance(v));
        }
        for (Vector3f v : cb) {
            best = Math.min(best, distance(v));
        }
        int[][] edges = edges();
        for (int[] e : edges) {
            for (int[] f : edges) {
                best = Math.min(best, segmentDistance(ca[e[0]], ca[e[1]], cb[f[0]], cb[f[1]]));
            }
        }
        return best;
    }

    /** The 12 edges as corner index pairs (corners differ in one bit, see {@link #corners()}). */
    private static int[][] edges() {
        int[][] out = new int[12][];
        int n = 0;
        for (int k = 0; k < 8; k++) {
            for (int bit = 1; bit < 8; bit <<= 1) {
                if ((k & bit) == 0) {
                    out[n++] = new int[] {k, k | bit};
                }
            }
        }
        return out;
    }

    /** Distance between segments p0-p1 and q0-q1 (Ericson, Real-Time Collision Detection, 5.1.9), in double. */
    static double segmentDistance(Vector3fc p0, Vector3fc p1, Vector3fc q0, Vector3fc q1) {
        double[] d1 = {p1.x() - (double) p0.x(), p1.y() - (double) p0.y(), p1.z() - (double) p0.z()};
        double[] d2 = {q1.x() - (double) q0.x(), q1.y() - (double) q0.y(), q1.z() - (double) q0.z()};
        double[] r = {p0.x() - (double) q0.x(), p0.y() - (double) q0.y(), p0.z() - (double) q0.z()};
        double a = dot(d1, d1);
        double e = dot(d2, d2);
        double f = dot(d2, r);
        double s;
        double t;
        if (a <= 1e-18 && e <= 1e-18) {
            return Math.sqrt(dot(r, r));
        }
        if (a <= 1e-18) {
            s = 0;
            t = clamp01(f / e);
        } else {
            double c = dot(d1, r);
            if (e <= 1e-18) {
                t = 0;
                s = clamp01(-c / a);
            } else {
                double b = dot(d1, d2);
                double denom = a * e - b * b;
                s = denom > 1e-18 ? clamp01((b * f - c * e) / denom) : 0;
                t = (b * s + f) / e;
                if (t < 0) {
                    t = 0;
                    s = clamp01(-c / a);
                } else if (t > 1) {
                    t = 1;
                    s = clamp01((b - c) / a);
                }
            }
        }
        double dx = r[0] + d1[0] * s - d2[0] * t;
        double dy = r[1] + d1[1] * s - d2[1] * t;
        double dz = r[2] + d1[2] * s - d2[2] * t;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
