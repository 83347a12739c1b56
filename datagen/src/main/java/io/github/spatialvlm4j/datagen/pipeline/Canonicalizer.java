package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.GravityHint;
import io.github.spatialvlm4j.datagen.Seeds;
import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.PrincipalAxes;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.ransac.RansacOptions;
import io.github.spatialvlm4j.kernels.ransac.RansacResult;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * Gravity and the floor (the canonicalize stage, docs/ARCHITECTURE.md "Stages"), done so that a frame
 * without a visible floor is never given one.
 *
 * <p><b>Up.</b> A data set's gravity ({@link GravityHint}) is used as given. Otherwise up is estimated from
 * the scene's surfaces: surface normals are taken on a grid of the depth map, and the directions in which
 * many normals agree are candidates for up, within {@link CanonicalizeOptions#maxUpAngleDegrees()} of
 * camera up. Every horizontal surface (floor, table tops, seats, the tops of boxes) points up, and every
 * vertical one (walls, cupboard fronts, the sides of furniture) is perpendicular to it. In a room a wall
 * is as well supported as the floor, so the support of each candidate, both ways, is weighed by how
 * upright it leaves the camera (the squared cosine of its angle to camera up); the best is refined by a
 * RANSAC plane fit to the largest horizontal level. Without enough horizontal surface there is no up: state {@link FloorState#NONE}.
 *
 * <p><b>Floor.</b> Given up, the heights of the horizontal surfaces form levels (histogram peaks). Only the
 * lowest level can be the floor, and only when it is plausible as one: the camera stands
 * {@link CanonicalizeOptions#minCameraHeight()} to {@link CanonicalizeOptions#maxCameraHeight()} above it,
 * nearly nothing of the scene lies below it ({@link CanonicalizeOptions#maxBelowShare()}), and it is not
 * mostly the top of a segmented object ({@link CanonicalizeOptions#maxObjectShare()} of its points at most). A desk
 * photographed from above is the lowest surface in view, but the camera is too close to it, or the desk's
 * edge, its legs and the room reach below it. The floor plane is then fitted by RANSAC to the points of
 * that level (its normal constrained near up); with up given by the data set, only its height is fitted.
 * A frame with up but no plausible floor is {@link FloorState#UP_ONLY}. A data set's camera height gives
 * the floor directly.
 *
 * <p>The result says which state and why. Deterministic for a seed; thread-safe when the kernels are.
 * O(sampled pixels) besides the plane fits.
 *
 * <p>Longer than most classes here (about 750 lines) because up and the floor are one search: up is refined
 * on the plane of the largest horizontal level, found by the same level histogram and RANSAC fit that
 * then decide the floor, over the same sampled surface ({@code Sample}); the two halves are marked by
 * banners, and every threshold is in {@link CanonicalizeOptions}.
 */
public final class Canonicalizer {
    /** Camera up in the camera frame (x right, y down, z forward). */
    private static final Vector3f CAMERA_UP = new Vector3f(0, -1, 0);

    /**
     * @param state what was found
     * @param frame the up frame: the floor frame with a floor, else an up frame with its origin at the camera
     *     (camera up when up is unknown)
     * @param floor the floor plane in the camera frame, normal up; present exactly in state FLOOR
     * @param up the up direction in the camera frame (camera up when unknown)
     * @param detail where up came from and why a floor was or was not taken
     */
    public record Result(FloorState state, FloorFrame frame, Optional<Plane> floor, Vector3fc up, String detail) {
        public Result {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(floor, "floor");
            up = new Vector3f(up);
            Objects.requireNonNull(detail, "detail");
            if ((state == FloorState.FLOOR) != floor.isPresent()) {
                throw new IllegalArgumentException("A floor plane is present exactly in state FLOOR, not " + state);
            }
        }

        /** Whether a floor was found. */
        public boolean canonicalized() {
            return state == FloorState.FLOOR;
        }
    }

    private final Kernels kernels;
    private final CanonicalizeOptions options;

    public Canonicalizer(Kernels kernels, CanonicalizeOptions options) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.options = Objects.requireNonNull(options, "options");
    }

    public CanonicalizeOptions options() {
        return options;
    }

    /**
     * Finds up and the floor of a frame.
     *
     * @param depth the frame's depth, meters, with flying pixels and speckles already removed
     * @param intrinsics the camera, pixels
     * @param groundMask horizontal support surfaces segmented in the image (floor, ground, table tops), when
     *     known: their pixels count as horizontal whatever their estimated normal
     * @param objects the frame's object masks, when known: a level that is mostly an object's top is not the
     *     floor (a table, a bed, the top of a box)
     * @param gravity what the data set says about gravity
     * @param seed the frame's seed: the RANSAC fits draw their hypotheses from its
     *     {@link Seeds.Substream#UP_FIT} and {@link Seeds.Substream#FLOOR_FIT} streams
     */
    public Result canonicalize(DepthMap depth, CameraIntrinsics intrinsics, Optional<LabelImage> groundMask,
            Optional<LabelImage> objects, GravityHint gravity, long seed) {
        Sample s = Sample.of(depth, intrinsics, groundMask, objects, options.samplePixels(),
                options.normalBaselineMeters());
        String hintNote = gravity.isInvalid() ? gravity.source() + " is invalid, so up is estimated; " : "";
        if (s.n < 3) {
            return none(hintNote + "only " + s.n + " points with depth");
        }
        Vector3d up;
        String upNote;
        boolean upGiven = gravity.up().isPresent();
        if (upGiven) {
            Vector3fc g = gravity.up().get();
            up = new Vector3d(g.x(), g.y(), g.z());
            upNote = "up given by " + gravity.source();
            if (gravity.cameraHeight().isPresent()) {
                double h = gravity.cameraHeight().getAsDouble();
                Plane floor = new Plane(up.x, up.y, up.z, h);
                return new Result(FloorState.FLOOR, FloorFrame.fromFloorPlane(floor), Optional.of(floor), toFloat(up),
                        upNote + " with the camera " + format(h) + " m above the floor");
            }
        } else {
            Optional<Vector3d> estimated = estimateUp(s, seed);
            if (estimated.isEmpty()) {
                return none(hintNote + "no direction near camera up that enough horizontal surface, or walls facing two ways, agree on");
            }
            up = estimated.get();
            upNote = hintNote + "up estimated from the horizontal surfaces";
        }
        return floor(s, up, upGiven, upNote, seed);
    }

    private static Result none(String why) {
        return new Result(FloorState.NONE, FloorFrame.cameraUp(), Optional.empty(), CAMERA_UP, "no up: " + why);
    }

    private static Result upOnly(Vector3d up, String note, String why) {
        return new Result(FloorState.UP_ONLY, FloorFrame.fromUp(up.x, up.y, up.z), Optional.empty(), toFloat(up),
                note + "; no floor: " + why);
    }

    // ---------------------------------------------------------------- up

    /** The best supported up direction, refined on the largest horizontal level; empty without enough evidence. */
    private Optional<Vector3d> estimateUp(Sample s, long seed) {
        if (s.normals == 0) {
            return Optional.empty();
        }
        double cosCone = Math.cos(Math.toRadians(options.maxUpAngleDegrees()));
        double cosTol = Math.cos(Math.toRadians(options.horizontalToleranceDegrees()));
        double sinTol = Math.sin(Math.toRadians(options.horizontalToleranceDegrees()));
        // Directions many surfaces share: the fullest cells of the normal histogram (camera-facing normals
        // pointing up or down in the image go to two maps), at least candidateSeparationDegrees apart.
        int[] hist = new int[2 * options.normalBins() * options.normalBins()];
        for (int i = 0; i < s.n; i++) {
            if (s.hasNormal(i)) {
                hist[cell(s.nx(i), s.ny(i), s.nz(i))]++;
            }
        }
        int[] smooth = smooth(hist);
        double cosSeparation = Math.cos(Math.toRadians(options.candidateSeparationDegrees()));
        java.util.List<Vector3d> peaks = new java.util.ArrayList<>();
        for (int k = 0; k < options.maxCandidates(); k++) {
            int cell = argmax(smooth, peaks, cosSeparation);
            if (cell < 0 || smooth[cell] < options.minHorizontalShare() * s.normals) {
                break;
            }
            Vector3d d = cellDirection(cell);
            peaks.add(meanNormal(s, d, cosTol).orElse(d));
        }
        // Up candidates: a shared direction near camera up (floors, table tops), the opposite of one near camera
        // down (a ceiling), camera up made perpendicular to a shared direction (a wall, with the camera
        // unrolled), and the line two perpendicular shared directions meet in (two walls).
        java.util.List<Vector3d> candidates = new java.util.ArrayList<>();
        double cosCeiling = Math.cos(Math.toRadians(options.ceilingMaxDegrees()));
        for (int a = 0; a < peaks.size(); a++) {
            Vector3d p = peaks.get(a);
            addCandidate(candidates, new Vector3d(p), cosCone);
            if (p.y >= cosCeiling) {
                addCandidate(candidates, new Vector3d(p).negate(), cosCone);
            }
            Vector3d unrolled = new Vector3d(0, -1, 0).fma(p.y, p);
            if (unrolled.length() > 0.5) {
                addCandidate(candidates, unrolled.normalize(), cosCone);
            }
            for (int b = a + 1; b < peaks.size(); b++) {
                Vector3d q = peaks.get(b);
                if (Math.abs(p.dot(q)) <= sinTol) {
                    Vector3d c = new Vector3d(p).cross(q).normalize();
                    addCandidate(candidates, c.y > 0 ? c.negate() : c, cosCone);
                }
            }
        }
        java.util.List<Candidate> scored = new java.util.ArrayList<>();
        for (Vector3d c : candidates) {
            int horizontal = 0;
            int vertical = 0;
            for (int i = 0; i < s.n; i++) {
                if (!s.hasNormal(i)) {
                    continue;
                }
                double d = Math.abs(s.nx(i) * c.x + s.ny(i) * c.y + s.nz(i) * c.z);
                if (d >= cosTol) {
                    horizontal++;
                } else if (d <= sinTol) {
                    vertical++;
                }
            }
            // Horizontal surfaces say most; walls alone (no floor, table or ceiling in view) must be plenty and
            // face two ways, or they leave the camera's roll open.
            if (horizontal < options.minHorizontalShare() * s.normals
                    && (vertical < options.wallsAloneShare() * s.normals || !twoWays(s, c, sinTol))) {
                continue;
            }
            // Photos are taken with the camera roughly upright: of the directions a room's surfaces agree on
            // (floor, walls, cupboard sides), up is the one nearest camera up. cos^2 of the angle keeps a
            // table seen 60 degrees from above (0.25) ahead of a wall at 80 degrees (0.03).
            double prior = c.y * c.y;
            scored.add(new Candidate(c, (horizontal + 0.5 * vertical) * prior));
        }
        // Best first (stable: equal scores keep the candidates' order). The first that holds when refined wins:
        // refinement that turns a candidate far, or out of the cone, shows its horizontal normals were the
        // scattered tail of a noisy wall's, not a surface (a frame of one wall and a ceiling too little to use).
        scored.sort((a, b) -> Double.compare(b.score(), a.score()));
        double cosDrift = Math.cos(Math.toRadians(options.maxRefineDriftFactor()
                * options.horizontalToleranceDegrees()));
        for (Candidate candidate : scored) {
            Vector3d refined = refined(s, candidate.direction(), cosTol, sinTol, seed);
            if (refined.dot(candidate.direction()) >= cosDrift && -refined.y >= cosCone) {
                return Optional.of(refined);
            }
        }
        return Optional.empty();
    }

    /** An up candidate: a direction (camera frame, unit) and its score. */
    private record Candidate(Vector3d direction, double score) {
    }

    /**
     * {@code candidate} refined: jointly on the horizontal and vertical normals, then on the plane of the
     * largest horizontal level when it is large.
     */
    private Vector3d refined(Sample s, Vector3d candidate, double cosTol, double sinTol, long seed) {
        Vector3d best = agreeingDirection(s, candidate, cosTol, sinTol);
        // A plane fit to thousands of points beats any combination of normals.
        if (levels(s, best, cosTol, Math.max(20, (long) (options.minFloorShare() * s.n))).length > 0) {
            Optional<Plane> plane = fitLevel(s, best, largestLevel(s, best, cosTol),
                    Seeds.substream(seed, Seeds.Substream.UP_FIT),
                    options.horizontalToleranceDegrees(), options.levelSlabMeters());
            if (plane.isPresent()) {
                Plane p = plane.get().orientedTowards(best.x, best.y, best.z);
                best = new Vector3d(p.nx(), p.ny(), p.nz());
            }
        }
        return best;
    }

    /**
     * The direction that the horizontal normals agree with and the vertical ones are perpendicular to, near
     * {@code start}: the top eigenvector of {@code sum_h n n^T - sum_v n n^T + w c c^T}, the normals classed
     * against the current estimate c and re-classed a few times ({@code w}, a twentieth of the normals, keeps
     * a scene of one wall orientation from turning up within that wall). Up from all horizontal surfaces and
     * the room's walls at once.
     */
    private static Vector3d agreeingDirection(Sample s, Vector3d start, double cosTol, double sinTol) {
        Vector3d c = new Vector3d(start);
        for (int round = 0; round < 4; round++) {
            double xx = 0;
            double xy = 0;
            double xz = 0;
            double yy = 0;
            double yz = 0;
            double zz = 0;
            int used = 0;
            for (int i = 0; i < s.n; i++) {
                if (!s.hasNormal(i)) {
                    continue;
                }
                double nx = s.nx(i);
                double ny = s.ny(i);
                double nz = s.nz(i);
                double d = Math.abs(nx * c.x + ny * c.y + nz * c.z);
                double sign = d >= cosTol ? 1 : d <= sinTol ? -1 : 0;
                if (sign == 0) {
                    continue;
                }
                xx += sign * nx * nx;
                xy += sign * nx * ny;
                xz += sign * nx * nz;
                yy += sign * ny * ny;
                yz += sign * ny * nz;
                zz += sign * nz * nz;
                used++;
            }
            double w = 0.05 * Math.max(1, used);
            Optional<PrincipalAxes.Eigen> eig = PrincipalAxes.eigen(xx + w * c.x * c.x, xy + w * c.x * c.y,
                    xz + w * c.x * c.z, yy + w * c.y * c.y, yz + w * c.y * c.z, zz + w * c.z * c.z);
            if (eig.isEmpty()) {
                break;
            }
            Vector3d next = eig.get().vectors()[0];
            if (next.dot(c) < 0) {
                next.negate();
            }
            c = next;
        }
        return c;
    }

    /** Mean of the normals within the tolerance of {@code c} (sign-aligned with it), normalised. */
    private static Optional<Vector3d> meanNormal(Sample s, Vector3d c, double cosTol) {
        Vector3d sum = new Vector3d();
        int n = 0;
        for (int i = 0; i < s.n; i++) {
            if (s.hasNormal(i) && s.nx(i) * c.x + s.ny(i) * c.y + s.nz(i) * c.z >= cosTol) {
                sum.add(s.nx(i), s.ny(i), s.nz(i));
                n++;
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(sum.normalize());
    }

    /**
     * Whether the normals perpendicular to {@code c} (vertical surfaces for that up) face more than one way:
     * the smaller in-plane eigenvalue of their scatter is at least
     * {@link CanonicalizeOptions#secondWallShare()} of the larger.
     */
    private boolean twoWays(Sample s, Vector3d c, double sinTol) {
        double xx = 0;
        double xy = 0;
        double xz = 0;
        double yy = 0;
        double yz = 0;
        double zz = 0;
        for (int i = 0; i < s.n; i++) {
            if (s.hasNormal(i) && Math.abs(s.nx(i) * c.x + s.ny(i) * c.y + s.nz(i) * c.z) <= sinTol) {
                double nx = s.nx(i);
                double ny = s.ny(i);
                double nz = s.nz(i);
                xx += nx * nx;
                xy += nx * ny;
                xz += nx * nz;
                yy += ny * ny;
                yz += ny * nz;
                zz += nz * nz;
            }
        }
        Optional<PrincipalAxes.Eigen> eig = PrincipalAxes.eigen(xx, xy, xz, yy, yz, zz);
        return eig.isPresent() && eig.get().values()[1] >= options.secondWallShare() * eig.get().values()[0];
    }

    /** {@code c} (unit, camera up side) as a candidate, unless outside the cone or within 5 degrees of one. */
    private static void addCandidate(java.util.List<Vector3d> candidates, Vector3d c, double cosCone) {
        if (-c.y < cosCone) {
            return;
        }
        for (Vector3d d : candidates) {
            if (d.dot(c) >= Math.cos(Math.toRadians(5))) {
                return;
            }
        }
        candidates.add(c);
    }

    private int bin(double v) {
        return Math.max(0, Math.min(options.normalBins() - 1, (int) ((v + 1) * 0.5 * options.normalBins())));
    }

    /** The histogram cell of a unit normal: map 0 for y <= 0, map 1 for y > 0, then (x, z) bins. */
    private int cell(double x, double y, double z) {
        return (y > 0 ? options.normalBins() * options.normalBins() : 0) + bin(x) * options.normalBins() + bin(z);
    }

    /** The unit normal at the centre of a histogram cell. */
    private Vector3d cellDirection(int cell) {
        int map = cell / (options.normalBins() * options.normalBins());
        int c = cell % (options.normalBins() * options.normalBins());
        double x = ((c / options.normalBins()) + 0.5) * 2.0 / options.normalBins() - 1;
        double z = ((c % options.normalBins()) + 0.5) * 2.0 / options.normalBins() - 1;
        double y = Math.sqrt(Math.max(0, 1 - x * x - z * z));
        return new Vector3d(x, map == 1 ? y : -y, z).normalize();
    }

    /** 5 x 5 box sums of each map of the histogram. */
    private int[] smooth(int[] hist) {
        int[] out = new int[hist.length];
        int size = options.normalBins() * options.normalBins();
        for (int map = 0; map < 2; map++) {
            for (int a = 0; a < options.normalBins(); a++) {
                for (int b = 0; b < options.normalBins(); b++) {
                    int sum = 0;
                    for (int da = -2; da <= 2; da++) {
                        for (int db = -2; db <= 2; db++) {
                            int x = a + da;
                            int y = b + db;
                            if (x >= 0 && y >= 0 && x < options.normalBins() && y < options.normalBins()) {
                                sum += hist[map * size + x * options.normalBins() + y];
                            }
                        }
                    }
                    out[map * size + a * options.normalBins() + b] = sum;
                }
            }
        }
        return out;
    }

    /** The fullest cell not within the separation of a direction already tried (first on ties); -1 if none. */
    private int argmax(int[] smooth, java.util.List<Vector3d> tried, double cosSeparation) {
        int best = -1;
        for (int cell = 0; cell < smooth.length; cell++) {
            if (smooth[cell] == 0 || best >= 0 && smooth[cell] <= smooth[best]) {
                continue;
            }
            Vector3d d = cellDirection(cell);
            boolean near = false;
            for (Vector3d t : tried) {
                near |= d.dot(t) >= cosSeparation;
            }
            if (!near) {
                best = cell;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- floor

    private Result floor(Sample s, Vector3d up, boolean upGiven, String upNote, long seed) {
        double cosTol = Math.cos(Math.toRadians(options.horizontalToleranceDegrees()));
        long minPoints = Math.max(20, (long) Math.ceil(options.minFloorShare() * s.n));
        double[] levels = levels(s, up, cosTol, minPoints);
        if (levels.length == 0) {
            return upOnly(up, upNote, "no horizontal surface below the camera holds " + minPoints + " of " + s.n
                    + " sampled points");
        }
        double level = levels[0];
        double cameraHeight = -level;
        if (cameraHeight < options.minCameraHeight() || cameraHeight > options.maxCameraHeight()) {
            return upOnly(up, upNote, String.format(Locale.ROOT, "the lowest horizontal surface is %.2f m below the"
                    + " camera, outside [%.2f, %.2f] m for a floor (a table or shelf when close)", cameraHeight,
                    options.minCameraHeight(), options.maxCameraHeight()));
        }
        // The level's own plane, from the depth: a data set's gravity can be off the floor it photographed by
        // a degree or more, which tilts the floor against up by centimetres over metres.
        Optional<Plane> fitted = fitLevel(s, up, level, Seeds.substream(seed, Seeds.Substream.FLOOR_FIT),
                upGiven ? options.givenUpSlackDegrees() : options.floorSlackDegrees(),
                upGiven ? options.givenUpSlabMeters() : options.levelSlabMeters());
        if (fitted.isEmpty()) {
            return upOnly(up, upNote, "no plane fits the lowest horizontal surface");
        }
        Plane plane = fitted.get().orientedTowards(up.x, up.y, up.z);
        double tolerance = Math.max(options.levelSlabMeters(), 2.0 * options.distanceThreshold());
        int onLevel = 0;
        int onObjects = 0;
        for (int i = 0; i < s.n; i++) {
            if (Math.abs(s.distance(i, plane)) <= options.distanceThreshold()) {
                onLevel++;
                if (s.onObject(i)) {
                    onObjects++;
                }
            }
        }
        if (onObjects > options.maxObjectShare() * onLevel) {
            return upOnly(up, upNote, String.format(Locale.ROOT, "the lowest horizontal surface (%.2f m below the"
                    + " camera) is %.0f%% object pixels: the top of a table, bed or box, not the floor", cameraHeight,
                    100.0 * onObjects / onLevel));
        }
        int below = 0;
        for (int i = 0; i < s.n; i++) {
            if (s.distance(i, plane) < -tolerance) {
                below++;
            }
        }
        if (below > options.maxBelowShare() * s.n) {
            return upOnly(up, upNote, String.format(Locale.ROOT, "%.1f%% of the scene lies below the lowest"
                    + " horizontal surface (%.2f m below the camera), so it is not the floor", 100.0 * below / s.n,
                    cameraHeight));
        }
        // With gravity given, the floor is normal to it, at the height of the level's plane below the camera.
        Plane floor = upGiven ? new Plane(up.x, up.y, up.z, plane.d()) : plane;
        return new Result(FloorState.FLOOR, FloorFrame.fromFloorPlane(floor), Optional.of(floor),
                new Vector3f((float) floor.nx(), (float) floor.ny(), (float) floor.nz()),
                upNote + String.format(Locale.ROOT, "; floor found %.2f m below the camera", floor.d()));
    }

    /**
     * Heights (along up, camera at 0) of the levels of horizontal surface holding at least {@code minPoints}
     * sampled points, ascending, below the camera: peaks of the histogram of the heights of the points whose
     * normal is horizontal (or whose pixel is in the ground mask).
     */
    private double[] levels(Sample s, Vector3d up, double cosTol, long minPoints) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.n; i++) {
            if (s.isHorizontal(i, up, cosTol)) {
                double h = s.height(i, up);
                lo = Math.min(lo, h);
                hi = Math.max(hi, h);
            }
        }
        if (!(hi >= lo) || lo >= 0) {
            return new double[0];
        }
        hi = Math.min(hi, 0);
        int bins = (int) ((hi - lo) / options.levelBinMeters()) + 1;
        int[] hist = new int[bins];
        for (int i = 0; i < s.n; i++) {
            if (s.isHorizontal(i, up, cosTol)) {
                double h = s.height(i, up);
                if (h <= hi) {
                    hist[Math.min(bins - 1, (int) ((h - lo) / options.levelBinMeters()))]++;
                }
            }
        }
        // A level is a run of bins whose 3-bin sum peaks; its points are those within the slab around it.
        double[] out = new double[bins];
        int count = 0;
        int[] sum3 = new int[bins];
        for (int b = 0; b < bins; b++) {
            sum3[b] = hist[b] + (b > 0 ? hist[b - 1] : 0) + (b < bins - 1 ? hist[b + 1] : 0);
        }
        int slab = (int) Math.ceil(options.levelSlabMeters() / options.levelBinMeters());
        for (int b = 0; b < bins; b++) {
            boolean peak = true;
            for (int d = -slab; d <= slab && peak; d++) {
                int c = b + d;
                if (d != 0 && c >= 0 && c < bins && (sum3[c] > sum3[b] || sum3[c] == sum3[b] && c < b)) {
                    peak = false;
                }
            }
            if (!peak) {
                continue;
            }
            long inSlab = 0;
            for (int d = -slab; d <= slab; d++) {
                int c = b + d;
                if (c >= 0 && c < bins) {
                    inSlab += hist[c];
                }
            }
            if (inSlab >= minPoints) {
                out[count++] = lo + (b + 0.5) * options.levelBinMeters();
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** The height of the level holding the most horizontal points (any size). */
    private double largestLevel(Sample s, Vector3d up, double cosTol) {
        double[] levels = levels(s, up, cosTol, 1);
        double best = levels[0];
        long bestCount = -1;
        for (double level : levels) {
            long c = 0;
            for (int i = 0; i < s.n; i++) {
                if (s.isHorizontal(i, up, cosTol) && Math.abs(s.height(i, up) - level) <= options.levelSlabMeters()) {
                    c++;
                }
            }
            if (c > bestCount) {
                bestCount = c;
                best = level;
            }
        }
        return best;
    }

    /** RANSAC plane of the sampled points within {@code half} of {@code level}, normal within the angle of up. */
    private Optional<Plane> fitLevel(Sample s, Vector3d up, double level, long seed, double maxAngleDegrees,
            double half) {
        PointCloud slab = s.slab(up, level, half);
        if (slab.size() < 3) {
            return Optional.empty();
        }
        RansacOptions ransac = new RansacOptions(options.distanceThreshold(), options.iterations(), seed,
                options.earlyExitProbability(), new Vector3f((float) up.x, (float) up.y, (float) up.z),
                (float) Math.toRadians(maxAngleDegrees), true);
        RansacResult found = kernels.ransacPlane(slab, ransac);
        return found.isFound() ? Optional.of(found.plane()) : Optional.empty();
    }

    private static Vector3f toFloat(Vector3d v) {
        return new Vector3f((float) v.x, (float) v.y, (float) v.z);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * The depth map sampled on a grid: points (camera frame) and unit normals facing the camera (NaN where
     * the neighbourhood is not one surface), and whether the pixel is in the ground mask.
     */
    static final class Sample {
        final int n;
        final int normals;
        private final float[] xyz;
        private final float[] normal;
        private final boolean[] ground;
        private final boolean[] object;

        private Sample(int n, int normals, float[] xyz, float[] normal, boolean[] ground, boolean[] object) {
            this.n = n;
            this.normals = normals;
            this.xyz = xyz;
            this.normal = normal;
            this.ground = ground;
            this.object = object;
        }

        static Sample of(DepthMap depth, CameraIntrinsics k, Optional<LabelImage> groundMask,
                Optional<LabelImage> objects, int samplePixels, double normalBaselineMeters) {
            int w = depth.width();
            int h = depth.height();
            float[] z = depth.meters();
            int stride = Math.max(1, (int) Math.round(Math.sqrt((double) w * h / samplePixels)));
            int cap = ((w + stride - 1) / stride) * ((h + stride - 1) / stride);
            float[] xyz = new float[3 * cap];
            float[] normal = new float[3 * cap];
            boolean[] ground = new boolean[cap];
            boolean[] object = new boolean[cap];
            int[] groundIds = groundMask.map(LabelImage::ids).orElse(null);
            int[] objectIds = objects.map(LabelImage::ids).orElse(null);
            double f = 0.5 * (k.fx() + k.fy());
            int n = 0;
            int normals = 0;
            for (int v = 0; v < h; v += stride) {
                for (int u = 0; u < w; u += stride) {
                    float zc = z[v * w + u];
                    if (!(zc > DepthMap.INVALID)) {
                        continue;
                    }
                    xyz[3 * n] = (float) ((u - k.cx()) * zc / k.fx());
                    xyz[3 * n + 1] = (float) ((v - k.cy()) * zc / k.fy());
                    xyz[3 * n + 2] = zc;
                    ground[n] = groundIds != null && groundIds[v * w + u] != LabelImage.NONE;
                    object[n] = objectIds != null && objectIds[v * w + u] != LabelImage.NONE;
                    int r = (int) Math.max(2, Math.min(12, Math.round(normalBaselineMeters * f / zc)));
                    if (normalAt(z, w, h, k, u, v, r, normal, 3 * n)) {
                        normals++;
                    }
                    n++;
                }
            }
            return new Sample(n, normals, xyz, normal, ground, object);
        }

        /** The normal at (u, v) from the neighbours r pixels away, facing the camera; false (NaN) when unusable. */
        private static boolean normalAt(float[] z, int w, int h, CameraIntrinsics k, int u, int v, int r,
                float[] out, int at) {
            out[at] = Float.NaN;
            if (u - r < 0 || u + r >= w || v - r < 0 || v + r >= h) {
                return false;
            }
            float zc = z[v * w + u];
            float zl = z[v * w + u - r];
            float zr = z[v * w + u + r];
            float zu = z[(v - r) * w + u];
            float zd = z[(v + r) * w + u];
            float tol = 0.1f * zc + 0.05f;
            if (!(zl > 0 && zr > 0 && zu > 0 && zd > 0) || Math.abs(zl - zc) > tol || Math.abs(zr - zc) > tol
                    || Math.abs(zu - zc) > tol || Math.abs(zd - zc) > tol) {
                return false;
            }
            double ax = (u + r - k.cx()) * zr / k.fx() - (u - r - k.cx()) * zl / k.fx();
            double ay = (v - k.cy()) * zr / k.fy() - (v - k.cy()) * zl / k.fy();
            double az = zr - zl;
            double bx = (u - k.cx()) * zd / k.fx() - (u - k.cx()) * zu / k.fx();
            double by = (v + r - k.cy()) * zd / k.fy() - (v - r - k.cy()) * zu / k.fy();
            double bz = zd - zu;
            double nx = ay * bz - az * by;
            double ny = az * bx - ax * bz;
            double nz = ax * by - ay * bx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (!(len > 0)) {
                return false;
            }
            // Face the camera: the normal points against the viewing ray.
            double px = (u - k.cx()) * zc / k.fx();
            double py = (v - k.cy()) * zc / k.fy();
            if (nx * px + ny * py + nz * zc > 0) {
                len = -len;
            }
            out[at] = (float) (nx / len);
            out[at + 1] = (float) (ny / len);
            out[at + 2] = (float) (nz / len);
            return true;
        }

        boolean hasNormal(int i) {
            return !Float.isNaN(normal[3 * i]);
        }

        float nx(int i) {
            return normal[3 * i];
        }

        float ny(int i) {
            return normal[3 * i + 1];
        }

        float nz(int i) {
            return normal[3 * i + 2];
        }

        /** Height of point i along {@code up}, the camera at 0, meters. */
        double height(int i, Vector3d up) {
            return xyz[3 * i] * up.x + xyz[3 * i + 1] * up.y + xyz[3 * i + 2] * up.z;
        }

        /** Whether point i lies on an object's mask. */
        boolean onObject(int i) {
            return object[i];
        }

        /** Signed distance of point i to {@code plane}, meters. */
        double distance(int i, Plane plane) {
            return plane.signedDistance(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
        }

        /** Whether point i is on a horizontal surface: its normal within the tolerance of up, or ground-masked. */
        boolean isHorizontal(int i, Vector3d up, double cosTol) {
            return ground[i] || hasNormal(i) && nx(i) * up.x + ny(i) * up.y + nz(i) * up.z >= cosTol;
        }

        /** The points within {@code half} of height {@code level} along up, camera frame. */
        PointCloud slab(Vector3d up, double level, double half) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (Math.abs(height(i, up) - level) <= half) {
                    count++;
                }
            }
            float[] out = new float[3 * count];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (Math.abs(height(i, up) - level) <= half) {
                    System.arraycopy(xyz, 3 * i, out, 3 * k, 3);
                    k++;
                }
            }
            return new PointCloud(out);
        }
    }
}
