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
}
