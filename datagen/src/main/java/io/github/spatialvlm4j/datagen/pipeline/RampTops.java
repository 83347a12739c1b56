package io.github.spatialvlm4j.datagen.pipeline;

import org.joml.Matrix4fc;

/**
 * Flat tops of objects on smeared depth: the points a ramp's resolution continued above an object's measured top
 * leave it, once the up direction is known.
 *
 * <p>{@link Ramps} gives each pixel of an object's outline zone the surface continued from inside it. Where the
 * object's top (a box's lid, a cylinder's disc) is thinner in the image than the zone, seen from above at a few
 * metres, the surface continued up to the top outline is the front face's: the top outline is lifted on the front
 * face's plane, above the top, and the object comes out too tall by about
 * {@code (camera height - top height) x top depth / distance} (boxes +2.8% median in the monocular audit). The
 * lift stage cannot tell, since it knows no up. Here, after canonicalization, every point is judged by its height:
 * the object's <em>reliable</em> points (pixels deeper in the mask than the zone, whose depth is the depth as
 * given) reach up to the top or to the front face's highest reliable row just under it; a continued point more
 * than {@link #TOLERANCE_METERS} above the highest reliable one has been continued past the top, and leaves the
 * object. Re-lifting those points along their rays onto the top's level instead was tried: at a grazing view
 * a centimetre of height is decimetres of depth, and widths within 10% fell from 69 to 57%.
 *
 * <p>Only flat tops: a ball's reliable points end a zone below its crown, and its continued cap (a quadratic
 * follows the curvature) is right. The top is taken as flat when the reliable points within
 * {@code max(LEVEL_MIN_METERS, LEVEL_SHARE x their height span)} of the highest span at least {@link #FLAT_SHARE}
 * of the reliable points' width across the view: a level top or the level top row of a vertical face spans the
 * object's width, a sphere's cap within that band about a third of it (a chord {@code sqrt(2 LEVEL_SHARE)} of the
 * diameter, whatever its size). Without this test, ball heights within 10% fell from 78 to 59%.
 *
 * <p>Stateless; O(points) per object.
 */
final class RampTops {
    /** How far above the highest reliable point a continued point may lie and stay, meters. */
    static final double TOLERANCE_METERS = 0.005;
    /** The level band of a flat top, as a share of the reliable points' height span. */
    static final double LEVEL_SHARE = 0.05;
    /** The narrowest level band, meters (the depth noise left after smoothing). */
    static final double LEVEL_MIN_METERS = 0.002;
    /** Share of the reliable points' width across the view that the level band must span for a flat top. */
    static final double FLAT_SHARE = 0.6;

    private RampTops() {
    }

    /**
     * The points of an object to keep: all of them but the continued points above a flat top (see the class notes).
     *
     * @param xyz the object's points, camera frame, meters, interleaved; {@code pixels.length} of them
     * @param pixels each point's pixel, row-major index into {@code continued}
     * @param continued which pixels took their surface continued from inside ({@link Ramps#resolveAll})
     * @param cameraToUp the frame whose z is up (the floor frame, or an up frame without a floor)
     * @return the indices of the points kept, ascending; all of them when none leaves
     */
    static int[] keep(float[] xyz, int[] pixels, boolean[] continued, Matrix4fc cameraToUp) {
        int n = pixels.length;
        if (xyz.length != 3 * n) {
            throw new IllegalArgumentException("Invalid cloud of " + xyz.length + " coordinates for " + n
                    + " pixels (must be 3 per pixel)");
        }
        double top = Double.NEGATIVE_INFINITY;
        double bottom = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!continued[pixels[i]]) {
                double h = height(xyz, i, cameraToUp);
                top = Math.max(top, h);
                bottom = Math.min(bottom, h);
            }
        }
        if (top == Double.NEGATIVE_INFINITY || !flatTop(xyz, pixels, continued, cameraToUp, top, bottom)) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        int[] keep = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!continued[pixels[i]] || height(xyz, i, cameraToUp) <= top + TOLERANCE_METERS) {
                keep[k++] = i;
            }
        }
        return k == n ? keep : java.util.Arrays.copyOf(keep, k);
    }

    /**
     * Whether the reliable points within the level band under {@code top} span {@link #FLAT_SHARE} of the reliable
     * points' width across the view (the up frame's y: its x is the view direction projected).
     */
    private static boolean flatTop(float[] xyz, int[] pixels, boolean[] continued, Matrix4fc m, double top,
            double bottom) {
        double level = top - Math.max(LEVEL_MIN_METERS, LEVEL_SHARE * (top - bottom));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double levelLo = Double.POSITIVE_INFINITY;
        double levelHi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pixels.length; i++) {
            if (continued[pixels[i]]) {
                continue;
            }
            double across = m.m01() * xyz[3 * i] + m.m11() * xyz[3 * i + 1] + m.m21() * xyz[3 * i + 2];
            lo = Math.min(lo, across);
            hi = Math.max(hi, across);
            if (height(xyz, i, m) >= level) {
                levelLo = Math.min(levelLo, across);
                levelHi = Math.max(levelHi, across);
            }
        }
        return hi > lo && levelHi - levelLo >= FLAT_SHARE * (hi - lo);
    }

    /** Point {@code i}'s height in the up frame, meters. */
    private static double height(float[] xyz, int i, Matrix4fc m) {
        return m.m02() * xyz[3 * i] + m.m12() * xyz[3 * i + 1] + m.m22() * xyz[3 * i + 2] + m.m32();
    }
}
