package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.geometry.AxisAlignedBox;
import io.github.spatialvlm4j.geometry.Boxes;
import io.github.spatialvlm4j.geometry.CircleFit;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.GravityAlignedBox;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.Map;
import java.util.TreeMap;
import org.joml.Vector3f;

/**
 * SPEC stage 7: the facts of one object from its cleaned cloud, following the definitions of
 * {@link ObjectFacts} (gravity-aligned box in the up frame). Stateless.
 *
 * <p>Floor contact: in a canonicalized scene, an object whose lowest visible point is within
 * {@link #FLOOR_CONTACT_MAX_METERS} of the floor and within {@link #FLOOR_CONTACT_MAX_SHARE} of its
 * visible height is taken to stand on the floor, and its base is set to the floor. Objects do not
 * float, and a single view rarely sees where they touch down: a ball seen from above hides the
 * lowest 3-10 cm under its own bulge, and the audit showed its height, elevation and vertical
 * distances off by that much without this rule.
 *
 * <p>Round footprints: a ball or an upright cylinder shows the camera only its near half, so the
 * rectangle around its visible points is about half as deep as the object and its centre sits
 * half a radius too close. The near side of the footprint outline, though, lies on the object's
 * true footprint circle. When the camera-facing hull vertices of the footprint fit a circle
 * within {@link #ROUND_MAX_RESIDUAL} of its radius over at least {@link #ROUND_MIN_ARC_DEGREES}
 * degrees, and the circle's diameter agrees with the measured width, the object is taken as round
 * and its footprint is that whole circle (width = depth = diameter, centre = circle centre). A box's
 * outline is straight and fails the fit.
 */
public final class FactsExtractor {
    /** Largest gap between an object's lowest visible point and the floor taken as contact, meters. */
    public static final double FLOOR_CONTACT_MAX_METERS = 0.12;
    /** ... and at most this share of the object's visible height. */
    public static final double FLOOR_CONTACT_MAX_SHARE = 0.35;

    /** Largest RMS residual of a round footprint's circle fit, as a share of its radius. */
    public static final double ROUND_MAX_RESIDUAL = 0.03;
    /** Smallest arc, degrees, that the fitted near-side outline must span. */
    public static final double ROUND_MIN_ARC_DEGREES = 60;
    /** Fewest near-side hull vertices for a circle fit. */
    static final int ROUND_MIN_VERTICES = 8;

    private FactsExtractor() {
    }

    /**
     * @param cleaned the object's cleaned points, camera frame, meters, not empty
     * @param frame the up frame (floor frame, or camera-up frame when no floor was found)
     * @param onFloorFrame whether {@code frame} is a real floor frame (the scene is canonicalized), so
     *     that floor contact can be inferred
     * @param occludedOutline see {@link ObjectFacts#occludedOutline()}
     */
    public static ObjectFacts objectFacts(int id, String caption, PointCloud cleaned, FloorFrame frame,
            boolean onFloorFrame, PixelBox imageBox, float occludedOutline) {
        PointCloud up = cleaned.transformed(frame.cameraToFloor());
        double[] hull = Boxes.footprintHull(up);
        AxisAlignedBox bounds = up.bounds();
        GravityAlignedBox box = Boxes.gravityAligned(hull, bounds.min().z(), bounds.max().z());
        double bottom = box.zMin();
        double top = box.zMax();
        if (onFloorFrame && standsOnFloor(bottom, top)) {
            bottom = 0;
        }
        Vector3f centerUp = box.center(new Vector3f());
        centerUp.z = (float) (0.5 * (bottom + top));
        double width = box.majorExtent();
        double depth = box.minorExtent();
        java.util.Optional<CircleFit> round = roundFootprint(hull, width);
        if (round.isPresent()) {
            CircleFit c = round.get();
            width = 2 * c.radius();
            depth = width;
            centerUp.x = (float) c.cx();
            centerUp.y = (float) c.cy();
        }
        Vector3f center = frame.floorToCamera().transformPosition(new Vector3f(centerUp));
        return new ObjectFacts(id, caption, center, centerUp, (float) width, (float) depth,
                (float) (top - bottom), (float) bottom, (float) top, cleaned.size(), imageBox, occludedOutline);
    }

    /**
     * The footprint circle of a round object (see the class notes), from its footprint hull in the
     * up frame, whose origin lies below the camera; empty when the outline is not round.
     *
     * @param hull interleaved hull vertices, counter-clockwise ({@link Boxes#footprintHull})
     * @param measuredWidth the major side of the footprint rectangle, meters
     */
    static java.util.Optional<CircleFit> roundFootprint(double[] hull, double measuredWidth) {
        int h = hull.length / 2;
        if (h < ROUND_MIN_VERTICES) {
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
        if (n < ROUND_MIN_VERTICES) {
            return java.util.Optional.empty();
        }
        java.util.Optional<CircleFit> fit = CircleFit.fit(java.util.Arrays.copyOf(near, 2 * n));
        if (fit.isEmpty()) {
            return fit;
        }
        CircleFit c = fit.get();
        double diameter = 2 * c.radius();
        if (c.rms() > ROUND_MAX_RESIDUAL * c.radius() || diameter < 0.85 * measuredWidth
                || diameter > 1.2 * measuredWidth) {
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
        return Math.toDegrees(maxA - minA) >= ROUND_MIN_ARC_DEGREES ? fit : java.util.Optional.empty();
    }

    /** The floor-contact rule (see the class notes), heights in the floor frame, meters. */
    static boolean standsOnFloor(double bottom, double top) {
        double gap = bottom;
        return gap > 0 && gap <= FLOOR_CONTACT_MAX_METERS && gap <= FLOOR_CONTACT_MAX_SHARE * (top - bottom);
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
