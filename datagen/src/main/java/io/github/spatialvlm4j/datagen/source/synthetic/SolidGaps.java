package io.github.spatialvlm4j.datagen.source.synthetic;

/**
 * Exact closest distance between two {@link Solid}s, meters: the ground truth of the "gap" question.
 *
 * <p>Every case is analytic (no sampling error beyond double rounding):
 * <ul>
 *   <li>a sphere against any convex solid {@code X}: {@code max(0, dist(centre, X) - r)};</li>
 *   <li>boxes and cylinders are vertical prisms (a convex footprint times a z interval). The Minkowski
 *       difference of two such prisms is the product of the footprints' difference and the intervals'
 *       difference, so the distance is {@code hypot(d_floor, d_z)} with {@code d_floor} the 2D distance
 *       between the footprints (disc-disc, disc-rectangle, rectangle-rectangle) and {@code d_z} the gap
 *       between the z intervals.</li>
 * </ul>
 * Touching or overlapping solids (a box stacked on a box) give exactly 0: distances below
 * {@value #TOUCHING} m, which only rounding produces for a solid placed on another, count as touching.
 * Stateless; O(1) per pair.
 */
public final class SolidGaps {
    /** Distances below this many meters are rounding residue of touching solids and reported as 0. */
    public static final double TOUCHING = 1e-9;

    private SolidGaps() {
    }

    /** Closest distance between the point sets of {@code a} and {@code b}, meters; 0 when they touch or overlap. */
    public static double gap(Solid a, Solid b) {
        double g = rawGap(a, b);
        return g < TOUCHING ? 0 : g;
    }

    private static double rawGap(Solid a, Solid b) {
        if (a instanceof Solid.Sphere s) {
            return Math.max(0, b.distanceTo(s.cx(), s.cy(), s.cz()) - s.radius());
        }
        if (b instanceof Solid.Sphere s) {
            return Math.max(0, a.distanceTo(s.cx(), s.cy(), s.cz()) - s.radius());
        }
        double dz = Math.max(0, Math.max(a.bottom() - b.top(), b.bottom() - a.top()));
        double dFloor = footprintDistance(a, b);
        return Math.hypot(dFloor, dz);
    }

    /** 2D distance between the floor footprints of two prisms (boxes or cylinders), meters. */
    private static double footprintDistance(Solid a, Solid b) {
        if (a instanceof Solid.Cylinder ca && b instanceof Solid.Cylinder cb) {
            return Math.max(0, Math.hypot(ca.cx() - cb.cx(), ca.cy() - cb.cy()) - ca.radius() - cb.radius());
        }
        if (a instanceof Solid.Cylinder ca && b instanceof Solid.Box bb) {
            return Math.max(0, pointToRectangle(ca.cx(), ca.cy(), bb) - ca.radius());
        }
        if (a instanceof Solid.Box ba && b instanceof Solid.Cylinder cb) {
            return Math.max(0, pointToRectangle(cb.cx(), cb.cy(), ba) - cb.radius());
        }
        return rectangleDistance((Solid.Box) a, (Solid.Box) b);
    }

    /** 2D distance from {@code (x, y)} to the footprint rectangle of {@code box}; 0 inside. */
    static double pointToRectangle(double x, double y, Solid.Box box) {
        double c = Math.cos(box.yaw());
        double s = Math.sin(box.yaw());
        double px = x - box.cx();
        double py = y - box.cy();
        double qx = Math.max(Math.abs(c * px + s * py) - 0.5 * box.sizeX(), 0);
        double qy = Math.max(Math.abs(-s * px + c * py) - 0.5 * box.sizeY(), 0);
        return Math.hypot(qx, qy);
    }

    /**
     * 2D distance between two footprint rectangles: 0 when they overlap (separating-axis test finds no
     * separating edge normal), otherwise the least vertex-to-rectangle distance, which is where the
     * distance between disjoint convex polygons is attained.
     */
    private static double rectangleDistance(Solid.Box a, Solid.Box b) {
        double[] ca = corners(a);
        double[] cb = corners(b);
        if (!separated(ca, cb) && !separated(cb, ca)) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            best = Math.min(best, pointToRectangle(ca[2 * i], ca[2 * i + 1], b));
            best = Math.min(best, pointToRectangle(cb[2 * i], cb[2 * i + 1], a));
        }
        return best;
    }

    /** Corners of the footprint, counter-clockwise, {@code xy[2i..2i+1]}. */
    private static double[] corners(Solid.Box box) {
        double c = Math.cos(box.yaw());
        double s = Math.sin(box.yaw());
        double hx = 0.5 * box.sizeX();
        double hy = 0.5 * box.sizeY();
        double[] local = {hx, hy, -hx, hy, -hx, -hy, hx, -hy};
        double[] out = new double[8];
        for (int i = 0; i < 4; i++) {
            double lx = local[2 * i];
            double ly = local[2 * i + 1];
            out[2 * i] = box.cx() + c * lx - s * ly;
            out[2 * i + 1] = box.cy() + s * lx + c * ly;
        }
        return out;
    }

    /** Whether some edge normal of polygon {@code p} (counter-clockwise) separates {@code q} from it. */
    private static boolean separated(double[] p, double[] q) {
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4;
            double ex = p[2 * j] - p[2 * i];
            double ey = p[2 * j + 1] - p[2 * i + 1];
            // Outward normal of a counter-clockwise edge: (ey, -ex).
            double nx = ey;
            double ny = -ex;
            double edge = nx * p[2 * i] + ny * p[2 * i + 1];
            double minQ = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                minQ = Math.min(minQ, nx * q[2 * k] + ny * q[2 * k + 1]);
            }
            if (minQ > edge) {
                return true;
            }
        }
        return false;
    }
}
