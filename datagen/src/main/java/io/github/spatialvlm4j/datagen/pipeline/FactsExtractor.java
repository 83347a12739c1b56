package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.facts.CameraSpan;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.geometry.AxisAlignedBox;
import io.github.spatialvlm4j.geometry.Boxes;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.CircleFit;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.GravityAlignedBox;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.joml.Vector3f;

/**
 * The facts of one object from its cleaned cloud (the facts stage, docs/ARCHITECTURE.md "Stages"),
 * following the definitions of {@link ObjectFacts} (gravity-aligned box in the up frame).
 *
 * <p>Floor contact: in a canonicalized scene, an object whose lowest visible point is within
 * {@link FactsOptions#floorContactMaxMeters()} of the floor and within
 * {@link FactsOptions#floorContactMaxShare()} of its visible height is taken to stand on the floor, and
 * its base is set to the floor. Objects do not float, and a single view rarely sees where they touch
 * down: a ball seen from above hides the lowest 3-10 cm under its own bulge, and the audit showed its
 * height, elevation and vertical distances off by that much without this rule.
 *
 * <p>Round footprints: a ball or an upright cylinder shows the camera only its near half, so the
 * rectangle around its visible points is about half as deep as the object and its centre sits
 * half a radius too close. The near side of the footprint outline, though, lies on the object's
 * true footprint circle. When the camera-facing hull vertices of the footprint fit a circle
 * within {@link FactsOptions#roundMaxResidual()} of its radius over at least
 * {@link FactsOptions#roundMinArcDegrees()} degrees, and the circle's diameter agrees with the measured
 * width, and no vertex of the whole outline lies beyond the circle (by {@value #ROUND_MAX_BEYOND} of its radius
 * and the noise margin), the object is
 * taken as round and its footprint is that whole circle (width = depth = diameter, centre = circle centre). A
 * box's outline is straight and fails the fit.
 *
 * <p>Thresholds: {@link FactsOptions}. Thread-safe; holds only its options.
 */
public final class FactsExtractor {
    private final FactsOptions options;

    public FactsExtractor(FactsOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /**
     * The facts of one object whose points carry depth noise of known size.
     *
     * <p>Extents are extremes over hundreds of points, so noise along the rays pushes each side of the
     * box out by about three of its standard deviations. Each point is therefore taken
     * {@link FactsOptions#noiseMarginSigmas()} of its own standard deviation inward along its viewing ray (projected
     * on the axis of the side) before the extremes are read: the largest of many noisy values, each
     * lowered by that much, estimates the true edge without the noise's bias. The footprint's
     * orientation still comes from the points as measured; without noise the extremes are exact.
     *
     * @param cleaned the object's cleaned points, camera frame, meters, not empty
     * @param pointNoise per point, the standard deviation of its depth error along its ray, meters (see
     *     {@link SurfaceSmoothing.Smoothed#pointNoise()}); null or all zero for clean points
     * @param frame the up frame (floor frame, or an up frame without a floor)
     * @param localFloor present when {@code frame} is a real floor frame: the floor under the object
     *     ({@link FloorSupport#near}), camera frame, parallel to the frame's floor. Heights are taken
     *     above it, and floor contact is inferred from the top of its band, below which the object's
     *     points were removed as floor
     * @param occludedOutline see {@link ObjectFacts#occludedOutline()}
     */
    public ObjectFacts objectFacts(int id, String caption, PointCloud cleaned, float[] pointNoise,
            FloorFrame frame, java.util.Optional<SupportSurface> localFloor, PixelBox imageBox,
            float occludedOutline) {
        return objectFacts(id, caption, cleaned, pointNoise, frame, localFloor, OptionalDouble.empty(), imageBox,
                occludedOutline);
    }

    /**
     * As {@link #objectFacts(int, String, PointCloud, float[], FloorFrame, java.util.Optional, PixelBox, float)},
     * for an object known to stand on another one whose top is {@code supportTop} high (above the floor under
     * it, meters): its base is set to that top when its lowest visible point is in contact with it (by the
     * floor-contact rule), and never to the floor.
     */
    public ObjectFacts objectFacts(int id, String caption, PointCloud cleaned, float[] pointNoise,
            FloorFrame frame, java.util.Optional<SupportSurface> localFloor, OptionalDouble supportTop,
            PixelBox imageBox, float occludedOutline) {
        return objectFacts(id, caption, cleaned, pointNoise, frame, localFloor, supportTop, false, imageBox,
                occludedOutline);
    }

    /**
     * As {@link #objectFacts(int, String, PointCloud, float[], FloorFrame, java.util.Optional, OptionalDouble,
     * PixelBox, float)}; with {@code floorUnderHidden} (no floor is seen under the object's footprint, see
     * {@link #floorSeenUnder}) the floor-contact rule drops its absolute limit
     * ({@link FactsOptions#floorContactMaxMeters()}) and keeps its share of the visible height: a base hidden by
     * a bedspread, by what stands in front, or by the image's border is no sign that the object floats.
     */
    ObjectFacts objectFacts(int id, String caption, PointCloud cleaned, float[] pointNoise,
            FloorFrame frame, java.util.Optional<SupportSurface> localFloor, OptionalDouble supportTop,
            boolean floorUnderHidden, PixelBox imageBox, float occludedOutline) {
        PointCloud up = cleaned.transformed(frame.cameraToFloor());
        double[] hull = Boxes.footprintHull(up);
        AxisAlignedBox bounds = up.bounds();
        GravityAlignedBox box = Boxes.gravityAligned(hull, up, bounds.min().z(), bounds.max().z());
        boolean noisy = pointNoise != null && anyPositive(pointNoise);
        if (noisy) {
            box = withoutNoiseBias(box, up, pointNoise, frame.cameraToFloor().transformPosition(new Vector3f()));
        }
        // Heights above the floor under the object: the frame's floor plane lies level below it.
        double level = localFloor.map(f -> floorLevel(frame, f)).orElse(0.0);
        double bottom = box.zMin() - level;
        double top = box.zMax() - level;
        if (supportTop.isPresent()) {
            double support = supportTop.getAsDouble();
            if (bottom > support && standsOnFloor(bottom - support, top - support, 0)) {
                bottom = support;
            }
        } else if (localFloor.isPresent() && (standsOnFloor(bottom, top, localFloor.get().band())
                || floorUnderHidden && standsOnHiddenFloor(bottom, top, localFloor.get().band()))) {
            bottom = 0;
        }
        Vector3f centerUp = box.center(new Vector3f());
        centerUp.z = (float) (0.5 * (bottom + top));
        double width = box.majorExtent();
        double depth = box.minorExtent();
        // The round test compares the circle with the least-area rectangle: the face-aligned choice above
        // is for boxes, and a round outline has no faces.
        java.util.Optional<CircleFit> round = roundFootprint(hull,
                Boxes.gravityAligned(hull, box.zMin(), box.zMax()).majorExtent(),
                noisy ? options.noiseMarginSigmas() * median(pointNoise) : 0);
        if (round.isPresent()) {
            CircleFit c = round.get();
            width = 2 * c.radius();
            depth = width;
            centerUp.x = (float) c.cx();
            centerUp.y = (float) c.cy();
        }
        // The centre in space is level higher in the frame than its height above the floor under it.
        Vector3f center = frame.floorToCamera().transformPosition(new Vector3f(centerUp.x, centerUp.y,
                (float) (centerUp.z + level)));
        return new ObjectFacts(id, caption, center, centerUp, (float) width, (float) depth,
                (float) (top - bottom), (float) bottom, (float) top, cleaned.size(), imageBox, occludedOutline,
                OptionalDouble.of(nearestSurface(cleaned, noisy ? pointNoise : null)),
                java.util.Optional.of(CameraSpan.of(cleaned)));
    }

    /**
     * The distance from the camera centre to the object's nearest point, meters: the least point distance,
     * each point first taken {@link FactsOptions#noiseMarginSigmas()} of its noise farther along its ray, as the
     * extents are (the least of many noisy distances is biased nearer). O(points).
     *
     * @param cleaned camera-frame points, not empty
     * @param pointNoise per point depth noise, meters, or null for clean points
     */
    double nearestSurface(PointCloud cleaned, float[] pointNoise) {
        float[] p = cleaned.xyz();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cleaned.size(); i++) {
            double d = Math.sqrt((double) p[3 * i] * p[3 * i] + (double) p[3 * i + 1] * p[3 * i + 1]
                    + (double) p[3 * i + 2] * p[3 * i + 2]);
            if (pointNoise != null) {
                d += options.noiseMarginSigmas() * pointNoise[i];
            }
            best = Math.min(best, d);
        }
        return best;
    }

    /**
     * {@code box} with its sides and vertical span re-read from the points of {@code up}, each moved
     * {@link FactsOptions#noiseMarginSigmas()} of its noise inward along its ray from {@code camera} (up frame).
     */
    private GravityAlignedBox withoutNoiseBias(GravityAlignedBox box, PointCloud up, float[] noise,
            Vector3f camera) {
        double c = Math.cos(box.yaw());
        double s = Math.sin(box.yaw());
        double minA = Double.POSITIVE_INFINITY;
        double maxA = Double.NEGATIVE_INFINITY;
        double minB = Double.POSITIVE_INFINITY;
        double maxB = Double.NEGATIVE_INFINITY;
        double minZ = Double.POSITIVE_INFINITY;
        double maxZ = Double.NEGATIVE_INFINITY;
        float[] p = up.xyz();
        for (int i = 0; i < up.size(); i++) {
            double x = p[3 * i];
            double y = p[3 * i + 1];
            double z = p[3 * i + 2];
            double rx = x - camera.x;
            double ry = y - camera.y;
            double rz = z - camera.z;
            double len = Math.sqrt(rx * rx + ry * ry + rz * rz);
            double m = len > 0 ? options.noiseMarginSigmas() * noise[i] / len : 0;
            double a = x * c + y * s;
            double b = -x * s + y * c;
            double ma = m * Math.abs(rx * c + ry * s);
            double mb = m * Math.abs(-rx * s + ry * c);
            double mz = m * Math.abs(rz);
            minA = Math.min(minA, a + ma);
            maxA = Math.max(maxA, a - ma);
            minB = Math.min(minB, b + mb);
            maxB = Math.max(maxB, b - mb);
            minZ = Math.min(minZ, z + mz);
            maxZ = Math.max(maxZ, z - mz);
        }
        // A side can only move inward; never past the middle of the measured span.
        double midA = 0.5 * (minA + maxA);
        double midB = 0.5 * (minB + maxB);
        double midZ = 0.5 * (minZ + maxZ);
        double major = Math.max(0, maxA - minA);
        double minor = Math.max(0, maxB - minB);
        double cx = midA * c - midB * s;
        double cy = midA * s + midB * c;
        double zLo = Math.min(minZ, midZ);
        double zHi = Math.max(maxZ, midZ);
        double yaw = box.yaw();
        if (minor > major) {
            double t = major;
            major = minor;
            minor = t;
            yaw = yaw + 0.5 * Math.PI;
            if (yaw >= Math.PI) {
                yaw -= Math.PI;
            }
        }
        return new GravityAlignedBox(cx, cy, yaw, major, minor, zLo, zHi);
    }

    private static boolean anyPositive(float[] values) {
        for (float v : values) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    private static double median(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return io.github.spatialvlm4j.geometry.RobustStats.median(d, d.length);
    }

    /**
     * The footprint circle of a round object (see the class notes), from its footprint hull in the
     * up frame, whose origin lies below the camera; empty when the outline is not round.
     *
     * @param hull interleaved hull vertices, counter-clockwise ({@link Boxes#footprintHull})
     * @param measuredWidth the major side of the footprint rectangle, meters
     * @param noiseMargin extra RMS residual allowed for the points' noise, meters (0 for clean points)
     */
    java.util.Optional<CircleFit> roundFootprint(double[] hull, double measuredWidth, double noiseMargin) {
        int h = hull.length / 2;
        if (h < options.roundMinVertices()) {
            return java.util.Optional.empty();
        }
        double mx = 0;
        double my = 0;
        for (int k = 0; k < h; k++) {
            mx += hull[2 * k];
            my += hull[2 * k + 1];
        }
        mx /= h;
        my /= h;
        // The camera stands above the origin: the near side faces it.
        double len = Math.hypot(mx, my);
        if (len == 0) {
            return java.util.Optional.empty();
        }
        double ux = mx / len;
        double uy = my / len;
        double[] near = new double[hull.length];
        int n = 0;
        for (int k = 0; k < h; k++) {
            double x = hull[2 * k];
            double y = hull[2 * k + 1];
            if ((x - mx) * ux + (y - my) * uy <= 0) {
                near[2 * n] = x;
                near[2 * n + 1] = y;
                n++;
            }
        }
        if (n < options.roundMinVertices()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<CircleFit> fit = CircleFit.fit(java.util.Arrays.copyOf(near, 2 * n));
        if (fit.isEmpty()) {
            return fit;
        }
        CircleFit c = fit.get();
        double diameter = 2 * c.radius();
        if (c.rms() > options.roundMaxResidual() * c.radius() + noiseMargin
                || diameter < options.roundMinDiameterShare() * measuredWidth
                || diameter > options.roundMaxDiameterShare() * measuredWidth) {
            return java.util.Optional.empty();
        }
        // Span of the near vertices' directions from the circle centre, as seen around the circle.
        double minA = Double.POSITIVE_INFINITY;
        double maxA = Double.NEGATIVE_INFINITY;
        double refA = Math.atan2(-uy, -ux);
        for (int k = 0; k < n; k++) {
            double a = Math.atan2(near[2 * k + 1] - c.cy(), near[2 * k] - c.cx()) - refA;
            a = Math.atan2(Math.sin(a), Math.cos(a));
            minA = Math.min(minA, a);
            maxA = Math.max(maxA, a);
        }
        if (Math.toDegrees(maxA - minA) < options.roundMinArcDegrees()) {
            return java.util.Optional.empty();
        }
        // The circle holds the whole footprint: a round thing shows its near half, whose far edge is the circle's
        // chord. Far corners beyond it (a bed's headboard behind a footboard whose corners and sides fit an arc)
        // are no round thing.
        double beyond = (1 + ROUND_MAX_BEYOND) * c.radius() + noiseMargin;
        for (int k = 0; k < h; k++) {
            if (Math.hypot(hull[2 * k] - c.cx(), hull[2 * k + 1] - c.cy()) > beyond) {
                return java.util.Optional.empty();
            }
        }
        return fit;
    }

    /**
     * Whether an object whose lowest visible point is {@code bottom} and highest {@code top} above the floor
     * (meters) stands on it although no floor is seen under it: the gap above the floor's band is at most
     * {@link FactsOptions#floorContactMaxShare()} of its visible height.
     */
    boolean standsOnHiddenFloor(double bottom, double top, double band) {
        return bottom > 0 && Math.max(0, bottom - band) <= options.floorContactMaxShare() * (top - bottom);
    }

    /**
     * How far beyond a round footprint's circle, as a share of its radius, a vertex of the footprint's outline may
     * lie. A round thing's far rim lies on the circle fitted to its near side, give or take what noise and a
     * smeared top add (at a quarter of the radius a tenth of the synthetic cylinders lost their circle); a bed seen
     * from its foot, whose footboard corners and sides fitted an arc, reached 0.6 of the radius beyond it.
     */
    static final double ROUND_MAX_BEYOND = 0.5;

    /**
     * The height of {@code localFloor} (the floor under one object, parallel to the frame's floor) in the up frame
     * of {@code frame}, meters: heights above it are heights above the floor under the object.
     */
    static double floorLevel(FloorFrame frame, SupportSurface localFloor) {
        return frame.floorInCamera().d() - localFloor.plane().d();
    }

    /** Samples of an object's footprint that {@link #floorSeenUnder} projects. */
    static final int FLOOR_UNDER_SAMPLES = 512;

    /**
     * The share of the floor under an object's footprint that the depth map shows, in [0, 1]: each of up to
     * {@value #FLOOR_UNDER_SAMPLES} of its points (a stride sample) is moved halfway towards its centroid across
     * the floor (so that it lies under the object's body, not at its rim) and dropped onto the floor under it;
     * the floor point is seen when the pixel it projects to has a valid depth within {@code max(2 cm, 1%)} of
     * its own, or farther. It is not seen when the pixel is nearer (something in front: the object itself, what
     * stands before it), has no depth, or lies outside the image. An object that floats shows the floor under
     * it, one that stands on it hides it. O(samples).
     *
     * @param cleaned the object's points, camera frame, meters, not empty
     * @param floorLevel the height of the floor under the object in the up frame of {@code frame}, meters
     *     ({@link #floorLevel})
     */
    static double floorSeenUnder(PointCloud cleaned, FloorFrame frame, double floorLevel, DepthMap depth,
            CameraIntrinsics intrinsics) {
        PointCloud up = cleaned.transformed(frame.cameraToFloor());
        int n = up.size();
        Vector3f centroid = up.centroid(new Vector3f());
        double cx = centroid.x;
        double cy = centroid.y;
        int stride = Math.max(1, n / FLOOR_UNDER_SAMPLES);
        int samples = 0;
        int seen = 0;
        Vector3f q = new Vector3f();
        for (int i = 0; i < n; i += stride) {
            q.set((float) (0.5 * (cx + up.x(i))), (float) (0.5 * (cy + up.y(i))), (float) floorLevel);
            frame.floorToCamera().transformPosition(q);
            samples++;
            if (!(q.z > 0)) {
                continue;
            }
            long u = Math.round(intrinsics.fx() * q.x / q.z + intrinsics.cx());
            long v = Math.round(intrinsics.fy() * q.y / q.z + intrinsics.cy());
            if (u < 0 || v < 0 || u >= depth.width() || v >= depth.height()) {
                continue;
            }
            float d = depth.meters()[(int) v * depth.width() + (int) u];
            if (d > DepthMap.INVALID && d >= q.z - Math.max(0.02, 0.01 * q.z)) {
                seen++;
            }
        }
        return samples == 0 ? 0 : (double) seen / samples;
    }

    /**
     * The floor-contact rule (see the class notes), heights in the floor frame, meters: the gap is
     * counted from the top of the band whose points were removed as floor.
     */
    boolean standsOnFloor(double bottom, double top, double band) {
        return standsOnHiddenFloor(bottom, top, band) && Math.max(0, bottom - band) <= options.floorContactMaxMeters();
    }

    /** The pixel extent of every non-zero id of {@code labels}, in id order. One pass over the pixels. */
    public static Map<Integer, PixelBox> pixelBoxes(LabelImage labels) {
        int w = labels.width();
        int[] ids = labels.ids();
        int[] distinct = labels.distinctIds();
        Map<Integer, PixelBox> out = new TreeMap<>();
        if (distinct.length == 0) {
            return out;
        }
        // Dense slots by id rank: ranks via binary search only when ids are sparse and large.
        int maxId = distinct[distinct.length - 1];
        boolean dense = maxId <= 4 * distinct.length + 1024;
        int[] slotOfId = dense ? new int[maxId + 1] : null;
        if (dense) {
            for (int s = 0; s < distinct.length; s++) {
                slotOfId[distinct[s]] = s;
            }
        }
        int[] ext = new int[4 * distinct.length];
        for (int s = 0; s < distinct.length; s++) {
            ext[4 * s] = Integer.MAX_VALUE;
            ext[4 * s + 1] = Integer.MAX_VALUE;
        }
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id == LabelImage.NONE) {
                continue;
            }
            int s = dense ? slotOfId[id] : java.util.Arrays.binarySearch(distinct, id);
            int u = i % w;
            int v = i / w;
            int b = 4 * s;
            ext[b] = Math.min(ext[b], u);
            ext[b + 1] = Math.min(ext[b + 1], v);
            ext[b + 2] = Math.max(ext[b + 2], u + 1);
            ext[b + 3] = Math.max(ext[b + 3], v + 1);
        }
        for (int s = 0; s < distinct.length; s++) {
            out.put(distinct[s], new PixelBox(ext[4 * s], ext[4 * s + 1], ext[4 * s + 2], ext[4 * s + 3]));
        }
        return out;
    }
}
