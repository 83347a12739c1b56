package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic inputs shaped like the pipeline's: a room (floor plus a back wall) with
 * boxes standing on the floor, seen by a pinhole camera 1.5 m above the floor pitched down
 * 25 degrees, rendered by analytic ray casting (no meshes, no rasteriser).
 *
 * <p>Frames. The world (floor) frame has x right, y forward (horizontal), z up, meters, its
 * origin on the floor under the camera. The camera sits at {@code (0, 0, CAMERA_HEIGHT)} and
 * looks along {@code (0, cos p, -sin p)} with {@code p = CAMERA_PITCH}; its frame is the
 * usual camera frame (x right, y down, z forward). The ray of pixel {@code (u, v)} has the
 * camera-frame direction {@code ((u - cx) / fx, (v - cy) / fy, 1)}, so the ray parameter
 * {@code t} of a hit is directly its depth {@code Z} in meters.
 *
 * <p>Object clouds ({@link #objectCloud}) are sampled uniformly over the faces of one box that
 * face the camera, at {@link #OBJECT_DENSITY} points per square meter, with depth noise along
 * the viewing ray and a few flying pixels; the box is scaled so that {@code n} points give that
 * density. At that density a ball of radius {@link #DBSCAN_EPS} around a surface point holds
 * {@code density * pi * eps^2 = 100} points on average (fewer on the box's outer edges), which
 * is what a 640x480 depth camera sees on an object about 1.5 m away.
 *
 * <p>Not for accuracy studies: there is no lens distortion and the noise model is a plain
 * Gaussian along the ray.
 */
public final class BenchmarkScenes {
    /** Camera height above the floor, meters. */
    public static final double CAMERA_HEIGHT = 1.5;
    /** Camera pitch below the horizon, radians. */
    public static final double CAMERA_PITCH = Math.toRadians(25);
    /** Horizontal field of view of both cameras, radians. */
    public static final double HORIZONTAL_FOV = Math.toRadians(60);
    /** Distance of the back wall (the plane y = WALL_DISTANCE of the world frame), meters. */
    public static final double WALL_DISTANCE = 6.0;
    /** The DBSCAN radius the benchmarks use, meters. */
    public static final float DBSCAN_EPS = 0.02f;
    /** Mean number of neighbours within {@link #DBSCAN_EPS} of a point of an object cloud. */
    public static final double TARGET_NEIGHBOURS = 100.0;
    /** Surface density of object clouds, points per square meter: 100 / (pi * 0.02^2). */
    public static final double OBJECT_DENSITY = TARGET_NEIGHBOURS / (Math.PI * DBSCAN_EPS * DBSCAN_EPS);
    /** Standard deviation of the depth noise of object clouds, along the viewing ray, meters. */
    public static final double DEPTH_NOISE = 0.002;
    /** Share of object-cloud points that are flying pixels (moved up to 0.3 m along the ray). */
    public static final double FLYING_PIXEL_SHARE = 0.01;

    private static final double COS_P = Math.cos(CAMERA_PITCH);
    private static final double SIN_P = Math.sin(CAMERA_PITCH);

    private BenchmarkScenes() {
    }

    /**
     * A box standing on the floor, in the world frame: footprint centre {@code (cx, cy)},
     * half extents {@code halfX, halfY} along its own axes, {@code height} tall, turned by
     * {@code yaw} radians about the world z axis (counter-clockwise seen from above). Meters.
     */
    public record Box(double cx, double cy, double halfX, double halfY, double height, double yaw) {
        public Box {
            if (!(halfX > 0 && halfY > 0 && height > 0)) {
                throw new IllegalArgumentException("Invalid box size: half extents " + halfX + ", " + halfY
                        + ", height " + height + " (meters, must be > 0)");
            }
        }

        /** The same box scaled by {@code s} about its footprint centre. */
        public Box scaled(double s) {
            return new Box(cx, cy, halfX * s, halfY * s, height * s, yaw);
        }
    }

    /**
     * A rendered frame: depth (every pixel valid: the floor and wall close the room), the
     * instance labels ({@code i + 1} for {@code boxes.get(i)}, {@link LabelImage#NONE} for floor
     * and wall) and the boxes.
     */
    public record Scene(CameraIntrinsics intrinsics, DepthMap depth, LabelImage labels, List<Box> boxes) {
    }

    /** The intrinsics of the benchmark camera for a {@code width x height} image. */
    public static CameraIntrinsics intrinsics(int width, int height) {
        return CameraIntrinsics.fromHorizontalFov(HORIZONTAL_FOV, width, height);
    }

    /**
     * Renders the room with four boxes placed by {@code seed} (1.8-4.5 m ahead, up to 1.2 m to
     * either side, 0.3-1.0 m tall, any yaw) for a {@code width x height} camera. O(pixels * boxes).
     */
    public static Scene render(int width, int height, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boxes.add(new Box(rng.nextDouble(-1.2, 1.2), rng.nextDouble(1.8, 4.5), rng.nextDouble(0.15, 0.45),
                    rng.nextDouble(0.15, 0.45), rng.nextDouble(0.3, 1.0), rng.nextDouble(0, Math.PI)));
        }
        return render(intrinsics(width, height), boxes);
    }

    /** Renders the room with the given boxes. O(pixels * boxes). */
    public static Scene render(CameraIntrinsics k, List<Box> boxes) {
        int w = k.width();
        int h = k.height();
        float[] depth = new float[w * h];
        int[] labels = new int[w * h];
        int[] hitLabel = new int[1];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double z = castRay((u - k.cx()) / k.fx(), (v - k.cy()) / k.fy(), boxes, hitLabel);
                depth[v * w + u] = (float) z;
                labels[v * w + u] = hitLabel[0];
            }
        }
        return new Scene(k, new DepthMap(w, h, depth), new LabelImage(w, h, labels), List.copyOf(boxes));
    }

    /**
     * Casts the ray with camera-frame direction {@code (dx, dy, 1)} and returns the depth Z of
     * its first hit, meters; {@code hitLabel[0]} receives {@code i + 1} when box {@code i} is
     * hit first, else {@link LabelImage#NONE}. Returns {@code +Infinity} when the ray escapes
     * (it cannot for the benchmark camera, whose rays all point forward into the wall).
     */
    public static double castRay(double dx, double dy, List<Box> boxes, int[] hitLabel) {
        // World direction = dx * xCam + dy * yCam + 1 * zCam, with xCam = (1, 0, 0),
        // yCam (down) = (0, -sin p, -cos p), zCam (forward) = (0, cos p, -sin p).
        double wx = dx;
        double wy = -dy * SIN_P + COS_P;
        double wz = -dy * COS_P - SIN_P;
        double best = Double.POSITIVE_INFINITY;
        hitLabel[0] = LabelImage.NONE;
        if (wz < 0) {
            best = -CAMERA_HEIGHT / wz;
        }
        if (wy > 0) {
            best = Math.min(best, WALL_DISTANCE / wy);
        }
        for (int i = 0; i < boxes.size(); i++) {
            double t = hitBox(boxes.get(i), wx, wy, wz);
            if (t < best) {
                best = t;
                hitLabel[0] = i + 1;
            }
        }
        return best;
    }

    /** Entry parameter of the camera ray with world direction {@code w} into the box; +Infinity on a miss. */
    static double hitBox(Box b, double wx, double wy, double wz) {
        double c = Math.cos(b.yaw());
        double s = Math.sin(b.yaw());
        // Ray origin and direction in the box's own frame (rotate by -yaw about its centre).
        double ox = c * (0 - b.cx()) + s * (0 - b.cy());
        double oy = -s * (0 - b.cx()) + c * (0 - b.cy());
        double lx = c * wx + s * wy;
        double ly = -s * wx + c * wy;
        double[] range = {0.0, Double.POSITIVE_INFINITY};
        if (!slab(ox, lx, -b.halfX(), b.halfX(), range)
                || !slab(oy, ly, -b.halfY(), b.halfY(), range)
                || !slab(CAMERA_HEIGHT, wz, 0.0, b.height(), range)) {
            return Double.POSITIVE_INFINITY;
        }
        return range[0] > 0 ? range[0] : Double.POSITIVE_INFINITY;
    }

    /** Clips {@code range = [tEnter, tExit]} to the slab {@code lo <= o + t d <= hi}; false when empty. */
    private static boolean slab(double o, double d, double lo, double hi, double[] range) {
        if (d == 0) {
            return o >= lo && o <= hi;
        }
        double t0 = (lo - o) / d;
        double t1 = (hi - o) / d;
        range[0] = Math.max(range[0], Math.min(t0, t1));
        range[1] = Math.min(range[1], Math.max(t0, t1));
        return range[0] <= range[1];
    }

    /** The box the object clouds are sampled from before scaling (0.8 x 0.6 x 0.7 m, 2.5 m ahead). */
    static final Box REFERENCE_BOX = new Box(0.2, 2.5, 0.4, 0.3, 0.7, Math.toRadians(30));

    /**
     * An object cloud of exactly {@code n} points in the camera frame: the reference box,
     * scaled so that its faces visible from the camera hold {@code n} points at
     * {@link #OBJECT_DENSITY}, sampled uniformly by area with {@link #DEPTH_NOISE} along the
     * ray and {@link #FLYING_PIXEL_SHARE} flying pixels. O(n).
     */
    public static PointCloud objectCloud(int n, long seed) {
        return sampleVisibleSurface(sizedForDensity(REFERENCE_BOX, n), n, new SplittableRandom(seed));
    }

    /**
     * Two object clouds of {@code n} points each, at {@link #OBJECT_DENSITY}: the reference box
     * sized for {@code n} points, and a copy of it moved to the right so that their footprints
     * are {@code gap} meters apart along the world x axis before yaw is applied to each (the
     * closest surfaces end up a little closer than {@code gap}). O(n).
     */
    public static PointCloud[] objectPair(int n, double gap, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Box a = sizedForDensity(new Box(-0.5, 2.5, 0.4, 0.3, 0.7, 0.0), n);
        Box b = new Box(a.cx() + 2 * a.halfX() + gap, a.cy(), a.halfX(), a.halfY(), a.height(), Math.toRadians(10));
        return new PointCloud[] {sampleVisibleSurface(a, n, rng), sampleVisibleSurface(b, n, rng)};
    }

    /** {@code box} scaled about its footprint so that its visible area holds {@code n} points at OBJECT_DENSITY. */
    static Box sizedForDensity(Box box, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Invalid point count: " + n + " (must be > 0)");
        }
        double target = n / OBJECT_DENSITY;
        Box scaled = box;
        // Visibility of faces barely changes with scale, so two fixed-point steps suffice.
        for (int step = 0; step < 3; step++) {
            scaled = scaled.scaled(Math.sqrt(target / visibleArea(scaled)));
        }
        return scaled;
    }

    /** Total area of the faces of {@code box} that face the camera, square meters. */
    public static double visibleArea(Box box) {
        double area = 0;
        for (Face f : faces(box)) {
            if (f.visible()) {
                area += f.area();
            }
        }
        return area;
    }

    /** One rectangular face: corner {@code o} plus {@code a * e1 + b * e2} for a, b in [0, 1]; world frame. */
    private record Face(double[] o, double[] e1, double[] e2, double[] normal) {
        double area() {
            return len(cross(e1, e2));
        }

        /** Faces the camera: the outward normal points toward the camera centre. */
        boolean visible() {
            double[] centre = {o[0] + 0.5 * (e1[0] + e2[0]), o[1] + 0.5 * (e1[1] + e2[1]), o[2] + 0.5 * (e1[2] + e2[2])};
            return normal[0] * (0 - centre[0]) + normal[1] * (0 - centre[1]) + normal[2] * (CAMERA_HEIGHT - centre[2]) > 0;
        }
    }

    /** The five faces of a box standing on the floor (the bottom is never visible). */
    private static List<Face> faces(Box b) {
        double c = Math.cos(b.yaw());
        double s = Math.sin(b.yaw());
        double[] ax = {c * b.halfX(), s * b.halfX(), 0}; // half-extent vectors in the world frame
        double[] ay = {-s * b.halfY(), c * b.halfY(), 0};
        double[] up = {0, 0, b.height()};
        double[] base = {b.cx(), b.cy(), 0};
        List<Face> faces = new ArrayList<>();
        double[] top = add(base, up, 1);
        faces.add(new Face(add(add(top, ax, -1), ay, -1), scale(ax, 2), scale(ay, 2), new double[] {0, 0, 1}));
        for (int sign = -1; sign <= 1; sign += 2) {
            double[] nx = unit(scale(ax, sign));
            faces.add(new Face(add(add(base, ax, sign), ay, -1), scale(ay, 2), up, nx));
            double[] ny = unit(scale(ay, sign));
            faces.add(new Face(add(add(base, ay, sign), ax, -1), scale(ax, 2), up, ny));
        }
        return faces;
    }

    private static PointCloud sampleVisibleSurface(Box box, int n, SplittableRandom rng) {
        List<Face> visible = new ArrayList<>();
        for (Face f : faces(box)) {
            if (f.visible()) {
                visible.add(f);
            }
        }
        double[] cumulative = new double[visible.size()];
        double total = 0;
        for (int i = 0; i < visible.size(); i++) {
            total += visible.get(i).area();
            cumulative[i] = total;
        }
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double pick = rng.nextDouble(total);
            int fi = 0;
            while (fi < cumulative.length - 1 && pick >= cumulative[fi]) {
                fi++;
            }
            Face f = visible.get(fi);
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            double px = f.o()[0] + a * f.e1()[0] + b * f.e2()[0];
            double py = f.o()[1] + a * f.e1()[1] + b * f.e2()[1];
            double pz = f.o()[2] + a * f.e1()[2] + b * f.e2()[2] - CAMERA_HEIGHT;
            double range = Math.sqrt(px * px + py * py + pz * pz);
            double shift = rng.nextDouble() < FLYING_PIXEL_SHARE ? rng.nextDouble(-0.3, 0.3)
                    : DEPTH_NOISE * gaussian(rng);
            double k = 1 + shift / range;
            worldToCamera(px * k, py * k, pz * k, xyz, 3 * i);
        }
        return new PointCloud(xyz);
    }

    /** Stores the camera-frame coordinates of the world offset {@code (x, y, z)} from the camera centre. */
    static void worldToCamera(double x, double y, double z, float[] out, int at) {
        out[at] = (float) x;
        out[at + 1] = (float) (-SIN_P * y - COS_P * z);
        out[at + 2] = (float) (COS_P * y - SIN_P * z);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double[] add(double[] p, double[] q, double k) {
        return new double[] {p[0] + k * q[0], p[1] + k * q[1], p[2] + k * q[2]};
    }

    private static double[] scale(double[] p, double k) {
        return new double[] {k * p[0], k * p[1], k * p[2]};
    }

    private static double[] cross(double[] p, double[] q) {
        return new double[] {p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]};
    }

    private static double len(double[] p) {
        return Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    }

    private static double[] unit(double[] p) {
        return scale(p, 1 / len(p));
    }
}
