package io.github.spatialvlm4j.geometry;

import org.joml.Vector3d;

/**
 * A plane {@code n . p + d = 0} with unit normal {@code n = (nx, ny, nz)}; {@code d} in
 * meters. The signed distance of a point is {@code n . p + d}: positive on the side the normal
 * points to. The constructor normalises the normal (and scales {@code d} with it).
 */
public record Plane(double nx, double ny, double nz, double d) {

    public Plane {
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(len > 1e-12) || !Double.isFinite(len) || !Double.isFinite(d)) {
            throw new IllegalArgumentException("Invalid plane: normal (" + nx + ", " + ny + ", " + nz + "), d " + d
                    + " (normal must be finite and non-zero, d finite)");
        }
        nx /= len;
        ny /= len;
        nz /= len;
        d /= len;
    }

    /** The plane through {@code point} with the given (not necessarily unit) normal. */
    public static Plane fromPointAndNormal(double px, double py, double pz, double nx, double ny, double nz) {
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(len > 1e-12)) {
            throw new IllegalArgumentException("Invalid plane normal: (" + nx + ", " + ny + ", " + nz + ")");
        }
        return new Plane(nx, ny, nz, -(nx * px + ny * py + nz * pz));
    }

    /** The unit normal, stored in {@code dest}. */
    public Vector3d normal(Vector3d dest) {
        return dest.set(nx, ny, nz);
    }

    /** Signed distance of point {@code (x, y, z)} to the plane, meters. */
    public double signedDistance(double x, double y, double z) {
        return nx * x + ny * y + nz * z + d;
    }

    /** Unsigned distance of point {@code (x, y, z)} to the plane, meters. */
    public double distance(double x, double y, double z) {
        return Math.abs(signedDistance(x, y, z));
    }

    /** The same plane with the normal pointing the other way. */
    public Plane flipped() {
        return new Plane(-nx, -ny, -nz, -d);
    }

    /**
     * This plane with its normal turned to have a non-negative dot product with {@code (ax, ay, az)}
     * (e.g. "up" in the camera frame is {@code (0, -1, 0)}).
     */
    public Plane orientedTowards(double ax, double ay, double az) {
        return nx * ax + ny * ay + nz * az < 0 ? flipped() : this;
    }

    /** Angle between this plane's normal and the direction {@code (ax, ay, az)}, radians in [0, pi]. */
    public double angleTo(double ax, double ay, double az) {
        double len = Math.sqrt(ax * ax + ay * ay + az * az);
        double c = (nx * ax + ny * ay + nz * az) / len;
        return Math.acos(Math.max(-1.0, Math.min(1.0, c)));
    }
}
