package io.github.spatialvlm4j.datagen.source.synthetic;

/**
 * A solid of a synthetic scene, in the <b>world frame</b>: right-handed, z up, the floor is the plane
 * {@code z = 0}, meters. Every solid is convex and gravity-aligned (boxes turn only about the vertical),
 * so its gravity-aligned bounding box, as {@link io.github.spatialvlm4j.datagen.facts.ObjectFacts} defines
 * it, is known exactly: {@link #footprintWidth()} x {@link #footprintDepth()} x {@link #height()}, centred
 * on the solid's centre.
 *
 * <p>Ray casting ({@link #intersect}) takes a ray {@code o + t d} with any non-zero {@code d} (not
 * necessarily unit length) and returns the parameter {@code t} at which the ray enters the solid; a ray
 * that starts inside the solid sees nothing of it. Each call is O(1).
 */
public sealed interface Solid permits Solid.Box, Solid.Cylinder, Solid.Sphere {

    /** Centre x, world frame, meters. */
    double cx();

    /** Centre y, world frame, meters. */
    double cy();

    /** Centre z (height of the centre above the floor), meters. */
    double cz();

    /** Vertical size, meters. */
    double height();

    /** Lowest z of the solid, meters. */
    default double bottom() {
        return cz() - 0.5 * height();
    }

    /** Highest z of the solid, meters. */
    default double top() {
        return cz() + 0.5 * height();
    }

    /**
     * The longer side of the minimum-area rectangle around the solid's floor projection, meters. The default is
     * for a round footprint (a disc of radius {@link #footprintRadius()}): its diameter.
     */
    default double footprintWidth() {
        return 2 * footprintRadius();
    }

    /**
     * The shorter side of the minimum-area rectangle around the solid's floor projection, meters. The default is
     * for a round footprint: its diameter.
     */
    default double footprintDepth() {
        return footprintWidth();
    }

    /** Radius of a sphere about the centre that encloses the solid, meters. */
    double boundingRadius();

    /** Radius of a vertical cylinder about the centre that encloses the solid's footprint, meters. */
    double footprintRadius();

    /** Euclidean distance from point {@code (x, y, z)} (world frame, meters) to the solid; 0 inside. */
    double distanceTo(double x, double y, double z);

    /**
     * The smallest {@code t > tMin} at which the ray {@code o + t d} enters the solid, or
     * {@link Double#POSITIVE_INFINITY} when it misses (or starts inside). On a hit, the outward unit normal
     * of the entered face (world frame) is written to {@code normal[0..2]}; otherwise {@code normal} is
     * left unchanged.
     */
    double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin,
            double[] normal);

    /** Below this, a ray direction component counts as zero. */
    double PARALLEL_EPS = 1e-15;

    private static void requireSize(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("Invalid " + what + ": " + value + " (meters, must be finite and > 0)");
        }
    }

    private static void requireFinite(double x, double y, double z) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("Invalid centre (" + x + ", " + y + ", " + z
                    + ") (meters, must be finite)");
        }
    }

    /**
     * A box turned by {@code yaw} about the vertical through its centre.
     *
     * @param sizeX side along the box's own x axis (world x turned by yaw), meters
     * @param sizeY side along the box's own y axis, meters
     * @param sizeZ vertical side, meters
     * @param yaw rotation about world +z, radians, counter-clockwise seen from above
     */
    record Box(double cx, double cy, double cz, double sizeX, double sizeY, double sizeZ, double yaw)
            implements Solid {
        public Box {
            requireFinite(cx, cy, cz);
            requireSize("box sizeX", sizeX);
            requireSize("box sizeY", sizeY);
            requireSize("box sizeZ", sizeZ);
            if (!Double.isFinite(yaw)) {
                throw new IllegalArgumentException("Invalid box yaw: " + yaw + " (radians, must be finite)");
            }
        }

        @Override
        public double height() {
            return sizeZ;
        }

        @Override
        public double footprintWidth() {
            return Math.max(sizeX, sizeY);
        }

        @Override
        public double footprintDepth() {
            return Math.min(sizeX, sizeY);
        }

        @Override
        public double boundingRadius() {
            return 0.5 * Math.sqrt(sizeX * sizeX + sizeY * sizeY + sizeZ * sizeZ);
        }

        @Override
        public double footprintRadius() {
            return 0.5 * Math.hypot(sizeX, sizeY);
        }

        @Override
        public double distanceTo(double x, double y, double z) {
            double c = Math.cos(yaw);
            double s = Math.sin(yaw);
            double px = x - cx;
            double py = y - cy;
            double lx = c * px + s * py;
            double ly = -s * px + c * py;
            double qx = Math.max(Math.abs(lx) - 0.5 * sizeX, 0);
            double qy = Math.max(Math.abs(ly) - 0.5 * sizeY, 0);
            double qz = Math.max(Math.abs(z - cz) - 0.5 * sizeZ, 0);
            return Math.sqrt(qx * qx + qy * qy + qz * qz);
        }

        @Override
        public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin,
                double[] normal) {
            // Slab test in the box frame (Kay & Kajiya 1986).
            double c = Math.cos(yaw);
            double s = Math.sin(yaw);
            double px = ox - cx;
            double py = oy - cy;
            double[] o = {c * px + s * py, -s * px + c * py, oz - cz};
            double[] d = {c * dx + s * dy, -s * dx + c * dy, dz};
            double[] h = {0.5 * sizeX, 0.5 * sizeY, 0.5 * sizeZ};
            double tEnter = Double.NEGATIVE_INFINITY;
            double tExit = Double.POSITIVE_INFINITY;
            int axis = -1;
            double sign = 0;
            for (int i = 0; i < 3; i++) {
                if (Math.abs(d[i]) < PARALLEL_EPS) {
                    if (Math.abs(o[i]) > h[i]) {
                        return Double.POSITIVE_INFINITY;
                    }
                    continue;
                }
                double t1 = (-h[i] - o[i]) / d[i];
                double t2 = (h[i] - o[i]) / d[i];
                double lo = Math.min(t1, t2);
                double hi = Math.max(t1, t2);
                if (lo > tEnter) {
                    tEnter = lo;
                    axis = i;
                    sign = d[i] > 0 ? -1 : 1;
                }
                tExit = Math.min(tExit, hi);
            }
            if (axis < 0 || tEnter > tExit || !(tEnter > tMin)) {
                return Double.POSITIVE_INFINITY;
            }
            double nx = axis == 0 ? sign : 0;
            double ny = axis == 1 ? sign : 0;
            normal[0] = c * nx - s * ny;
            normal[1] = s * nx + c * ny;
            normal[2] = axis == 2 ? sign : 0;
            return tEnter;
        }
    }

    /**
     * A vertical circular cylinder with flat caps.
     *
     * @param radius meters
     * @param length vertical size, meters
     */
    record Cylinder(double cx, double cy, double cz, double radius, double length) implements Solid {
        public Cylinder {
            requireFinite(cx, cy, cz);
            requireSize("cylinder radius", radius);
            requireSize("cylinder length", length);
        }

        @Override
        public double height() {
            return length;
        }

        @Override
        public double boundingRadius() {
            return Math.hypot(radius, 0.5 * length);
        }

        @Override
        public double footprintRadius() {
            return radius;
        }

        @Override
        public double distanceTo(double x, double y, double z) {
            double dr = Math.max(Math.hypot(x - cx, y - cy) - radius, 0);
            double dzz = Math.max(Math.abs(z - cz) - 0.5 * length, 0);
            return Math.hypot(dr, dzz);
        }

        @Override
        public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin,
                double[] normal) {
            double px = ox - cx;
            double py = oy - cy;
            double z0 = bottom();
            double z1 = top();
            double best = Double.POSITIVE_INFINITY;
            double nx = 0;
            double ny = 0;
            double nz = 0;
            double a = dx * dx + dy * dy;
            if (a > PARALLEL_EPS) {
                double b = px * dx + py * dy;
                double c = px * px + py * py - radius * radius;
                double disc = b * b - a * c;
                if (disc >= 0) {
                    double t = (-b - Math.sqrt(disc)) / a;
                    double z = oz + t * dz;
                    if (t > tMin && z >= z0 && z <= z1) {
                        best = t;
                        nx = (px + t * dx) / radius;
                        ny = (py + t * dy) / radius;
                    }
                }
            }
            if (Math.abs(dz) > PARALLEL_EPS) {
                // A ray enters through the top cap going down, through the bottom cap going up.
                double capZ = dz < 0 ? z1 : z0;
                double t = (capZ - oz) / dz;
                double qx = px + t * dx;
                double qy = py + t * dy;
                if (t > tMin && t < best && qx * qx + qy * qy <= radius * radius) {
                    best = t;
                    nx = 0;
                    ny = 0;
                    nz = dz < 0 ? 1 : -1;
                }
            }
            if (best < Double.POSITIVE_INFINITY) {
                normal[0] = nx;
                normal[1] = ny;
                normal[2] = nz;
            }
            return best;
        }
    }

    /** A ball. */
    record Sphere(double cx, double cy, double cz, double radius) implements Solid {
        public Sphere {
            requireFinite(cx, cy, cz);
            requireSize("sphere radius", radius);
        }

        @Override
        public double height() {
            return 2 * radius;
        }

        @Override
        public double boundingRadius() {
            return radius;
        }

        @Override
        public double footprintRadius() {
            return radius;
        }

        @Override
        public double distanceTo(double x, double y, double z) {
            double dx = x - cx;
            double dy = y - cy;
            double dz = z - cz;
            return Math.max(Math.sqrt(dx * dx + dy * dy + dz * dz) - radius, 0);
        }

        @Override
        public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin,
                double[] normal) {
            double px = ox - cx;
            double py = oy - cy;
            double pz = oz - cz;
            double a = dx * dx + dy * dy + dz * dz;
            double b = px * dx + py * dy + pz * dz;
            double c = px * px + py * py + pz * pz - radius * radius;
            double disc = b * b - a * c;
            if (disc < 0) {
                return Double.POSITIVE_INFINITY;
            }
            double t = (-b - Math.sqrt(disc)) / a;
            if (!(t > tMin)) {
                return Double.POSITIVE_INFINITY;
            }
            normal[0] = (px + t * dx) / radius;
            normal[1] = (py + t * dy) / radius;
            normal[2] = (pz + t * dz) / radius;
            return t;
        }
    }
}
