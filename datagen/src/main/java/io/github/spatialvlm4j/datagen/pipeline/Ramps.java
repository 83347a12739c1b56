package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;

/**
 * Depth edges smeared into ramps, resolved along an object's outline.
 *
 * <p>A monocular depth network does not give a step where an object ends: its depth slides from the
 * object to the wall behind over several pixels, and so do the mixed returns of sensors at edges. Lifted,
 * the outline pixels of a mask trail away from the camera along their rays, towards the background: a
 * 15 cm cylinder in front of a wall grows two half-metre arms behind it, and nothing in 3D tells them
 * from the object, since they join it continuously.
 *
 * <p>In the image they are plain: walking from the inside of the mask out, the depth jumps away from
 * the surface by more than a surface can, seen from here, between neighbouring pixels. A step of more
 * than {@code max(tan(rampMaxSurfaceAngleDegrees) z / f, rampNoiseSteps x noise)} between a pixel and the pixels one
 * step further inside (closer to the mask's interior) is a ramp: the surface at that pixel is the one
 * inside. So the outline zone ({@code rampZonePixels} deep) is resolved from the inside out: a ramp pixel
 * takes the depth inside it; and where the ramp leads to a background (the depth around the outline
 * outside the mask, farther or nearer than the object), a pixel whose depth lies past the midpoint between
 * the object and that background is the background's side of the smear and leaves the object. The midpoint
 * of a smeared step is where the step was, so the outline comes back where it was, even when the mask
 * itself bleeds a pixel or two onto the background. Only frames whose edges are smeared ({@link #smeared}) are
 * resolved: on sharp depth (a sensor's, or rendered) a face seen at a grazing angle steps as steeply, and is
 * no ramp. A gentle ramp (a low object against the floor behind it) stays, within what a surface could be.
 * Thresholds: {@link LiftOptions}. Package-private; thread-safe, holds only its thresholds; O(zone pixels x window).
 */
final class Ramps {
    private final LiftOptions options;
    /** Tangent of the steepest surface angle. */
    private final double tanMax;

    Ramps(LiftOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
        this.tanMax = Math.tan(Math.toRadians(options.rampMaxSurfaceAngleDegrees()));
    }

    /**
     * Whether the depth map's edges are smeared into ramps (a monocular network's depth) rather than
     * sharp (a sensor's, or rendered): along every row, runs of consecutive pixels whose neighbours on
     * either side differ by more than {@code max(5 cm, 3% z)} are measured where the whole run spans a
     * step of more than {@code max(10 cm, 6% z)} (defaults of {@link LiftOptions}); a sharp edge gives runs
     * of one or two pixels (two with a
     * flying pixel between), a ramp runs of about its width. The frame is smeared when the median run is
     * at least {@link LiftOptions#smearedRunPixels()} pixels. O(pixels).
     */
    boolean smeared(DepthMap depth) {
        float edgeMin = options.smearedEdgeMinMeters();
        float edgeRelative = options.smearedEdgeRelative();
        float stepMin = options.smearedStepMinMeters();
        float stepRelative = options.smearedStepRelative();
        int w = depth.width();
        int h = depth.height();
        float[] z = depth.meters();
        int[] lengths = new int[64];
        int runs = 0;
        for (int v = 0; v < h; v++) {
            int start = -1;
            for (int u = 1; u < w; u++) {
                boolean edge = false;
                if (u < w - 1) {
                    float a = z[v * w + u - 1];
                    float b = z[v * w + u + 1];
                    float c = z[v * w + u];
                    edge = a > 0 && b > 0 && c > 0 && Math.abs(b - a) > Math.max(edgeMin, edgeRelative * c);
                }
                if (edge && start < 0) {
                    start = u;
                } else if (!edge && start >= 0) {
                    float first = z[v * w + start - 1];
                    float last = z[v * w + u];
                    if (first > 0 && last > 0
                            && Math.abs(last - first) > Math.max(stepMin, stepRelative * Math.min(first, last))) {
                        lengths[Math.min(63, u - start)]++;
                        runs++;
                    }
                    start = -1;
                }
            }
        }
        if (runs < options.smearedMinRuns()) {
            return false;
        }
        int seen = 0;
        for (int len = 0; len < lengths.length; len++) {
            seen += lengths[len];
            if (2 * seen >= runs) {
                return len >= options.smearedRunPixels();
            }
        }
        return true;
    }

    /**
     * {@code depth} with the ramps along every labelled object's outline resolved (see the class notes):
     * ramp pixels of an object take the depth inside them, and pixels on the background's side of a ramp
     * become invalid. Objects' masks are resolved one by one from their own pixels; other pixels keep their
     * depth. The same instance when nothing changes.
     */
    DepthMap resolveAll(DepthMap depth, LabelImage labels, CameraIntrinsics intrinsics) {
        int w = depth.width();
        float[] z = depth.meters();
        int[] ids = labels.ids();
        float[] out = null;
        for (int id : labels.distinctIds()) {
            int u0 = Integer.MAX_VALUE;
            int v0 = Integer.MAX_VALUE;
            int u1 = -1;
            int v1 = -1;
            for (int p = 0; p < ids.length; p++) {
                if (ids[p] == id && z[p] > DepthMap.INVALID) {
                    u0 = Math.min(u0, p % w);
                    u1 = Math.max(u1, p % w);
                    v0 = Math.min(v0, p / w);
                    v1 = Math.max(v1, p / w);
                }
            }
            if (u1 < 0) {
                continue;
            }
            int bw = u1 - u0 + 1;
            int bh = v1 - v0 + 1;
            float[] box = new float[bw * bh];
            for (int v = v0; v <= v1; v++) {
                for (int u = u0; u <= u1; u++) {
                    int p = v * w + u;
                    if (ids[p] == id && z[p] > DepthMap.INVALID) {
                        box[(v - v0) * bw + (u - u0)] = z[p];
                    }
                }
            }
            if (resolve(box, bw, bh, u0, v0, depth, ids, id, intrinsics, 0) == 0) {
                continue;
            }
            if (out == null) {
                out = z.clone();
            }
            for (int v = v0; v <= v1; v++) {
                for (int u = u0; u <= u1; u++) {
                    int p = v * w + u;
                    if (ids[p] == id && z[p] > DepthMap.INVALID) {
                        out[p] = box[(v - v0) * bw + (u - u0)];
                    }
                }
            }
        }
        return out == null ? depth : new DepthMap(w, depth.height(), out);
    }

    /**
     * Resolves the ramps of one object in place.
     *
     * @param box the object's pixels in its bounding box, row-major {@code bw x bh}: depth in meters, 0 where
     *     the pixel is not the object's; ramp pixels get the depth inside them, and pixels on the
     *     background's side of a ramp become 0 (they leave the object)
     * @param u0 column of the box's first pixel in the image
     * @param v0 row of the box's first pixel in the image
     * @param depth the full depth map (the background around the object), meters
     * @param labels the label image's ids, row-major over the image
     * @param id the object's label: its pixels, even those cleaning dropped, are not background
     * @param noise the object's depth noise, meters (0 for clean depth)
     * @return how many pixels changed depth or left the object
     */
    int resolve(float[] box, int bw, int bh, int u0, int v0, DepthMap depth, int[] labels, int id,
            CameraIntrinsics intrinsics, double noise) {
        int[] dist = insideDistance(box, bw, bh);
        double f = 0.5 * (intrinsics.fx() + intrinsics.fy());
        float[] z = depth.meters();
        int w = depth.width();
        int h = depth.height();
        int changed = 0;
        float[] fixed = box.clone();
        // From the inside out: every pixel of the zone is compared with its neighbours one step further in,
        // which are already resolved.
        for (int d = options.rampZonePixels(); d >= 1; d--) {
            for (int bv = 0; bv < bh; bv++) {
                for (int bu = 0; bu < bw; bu++) {
                    int b = bv * bw + bu;
                    if (dist[b] != d || box[b] <= 0) {
                        continue;
                    }
                    float inner = innerDepth(fixed, dist, bw, bh, bu, bv, d, 1);
                    if (!(inner > 0)) {
                        continue;
                    }
                    float zp = box[b];
                    double step = Math.max(tanMax * inner / f, options.rampNoiseSteps() * noise);
                    if (Math.abs(zp - inner) <= step) {
                        continue;
                    }
                    float background = background(z, w, h, labels, id, u0 + bu, v0 + bv, zp > inner);
                    boolean pastMidpoint = background > 0 && Math.abs(zp - inner) > 0.5 * Math.abs(background - inner);
                    fixed[b] = pastMidpoint ? 0f : continued(fixed, dist, bw, bh, bu, bv, d, inner);
                    changed++;
                }
            }
        }
        System.arraycopy(fixed, 0, box, 0, box.length);
        return changed;
    }

    /**
     * The depth a ramp pixel takes: the surface inside continued to it. On a top or bottom outline (the
     * pixels further in lie more above or below it than beside it) the column's two pixels inside
     * are continued linearly in inverse depth (exact for a plane seen by a pinhole camera), so that a table
     * top or a box top receding from the camera keeps receding; elsewhere, the median depth one step inside
     * ({@code inner}): the sides of upright things turn away from the camera at their rims, and continuing a
     * rim would grow its tail back.
     */
    private static float continued(float[] fixed, int[] dist, int bw, int bh, int bu, int bv, int d, float inner) {
        // The way inside: the mean offset of the neighbours further in.
        int sumU = 0;
        int sumV = 0;
        for (int dv = -1; dv <= 1; dv++) {
            for (int du = -1; du <= 1; du++) {
                if (inside(fixed, dist, bw, bh, bu + du, bv + dv, d)) {
                    sumU += du;
                    sumV += dv;
                }
            }
        }
        boolean side = Math.abs(sumU) > Math.abs(sumV);
        for (int dir = -1; dir <= 1 && !side; dir += 2) {
            if (inside(fixed, dist, bw, bh, bu, bv + dir, d) && inside(fixed, dist, bw, bh, bu, bv + 2 * dir, d + 1)) {
                float z1 = fixed[(bv + dir) * bw + bu];
                float z2 = fixed[(bv + 2 * dir) * bw + bu];
                double w = 2.0 / z1 - 1.0 / z2;
                return w > 0 ? (float) (1.0 / w) : z1;
            }
        }
        return inner;
    }

    /** Whether box pixel (x, y) is resolved and further inside than distance {@code d}. */
    private static boolean inside(float[] fixed, int[] dist, int bw, int bh, int x, int y, int d) {
        if (x < 0 || y < 0 || x >= bw || y >= bh) {
            return false;
        }
        int q = y * bw + x;
        return dist[q] > d && fixed[q] > 0;
    }

    /**
     * Median depth of the resolved pixels {@code ring} steps further inside (distance {@code d + ring},
     * within Chebyshev radius {@code ring}); 0 when there are none.
     */
    private static float innerDepth(float[] fixed, int[] dist, int bw, int bh, int bu, int bv, int d, int ring) {
        float[] values = new float[(2 * ring + 1) * (2 * ring + 1)];
        int n = 0;
        for (int dv = -ring; dv <= ring; dv++) {
            for (int du = -ring; du <= ring; du++) {
                int x = bu + du;
                int y = bv + dv;
                if ((du == 0 && dv == 0) || x < 0 || y < 0 || x >= bw || y >= bh) {
                    continue;
                }
                int q = y * bw + x;
                if ((ring == 1 ? dist[q] > d : dist[q] >= d + ring) && fixed[q] > 0) {
                    values[n++] = fixed[q];
                }
            }
        }
        if (n == 0) {
            return 0f;
        }
        java.util.Arrays.sort(values, 0, n);
        return values[n / 2];
    }

    /**
     * The depth of the background next to image pixel (u, v): the median valid depth of the pixels not
     * the object's within {@link LiftOptions#rampBackgroundReachPixels()} pixels, among those farther than it
     * ({@code farther})
     * or nearer; 0 when there are none.
     */
    private float background(float[] z, int w, int h, int[] labels, int id, int u, int v, boolean farther) {
        int r = options.rampBackgroundReachPixels();
        float[] values = new float[(2 * r + 1) * (2 * r + 1)];
        int n = 0;
        float zc = z[v * w + u];
        for (int y = Math.max(0, v - r); y <= Math.min(h - 1, v + r); y++) {
            for (int x = Math.max(0, u - r); x <= Math.min(w - 1, u + r); x++) {
                int q = y * w + x;
                float zq = z[q];
                if (labels[q] != id && zq > 0 && (farther ? zq > zc : zq < zc)) {
                    values[n++] = zq;
                }
            }
        }
        if (n == 0) {
            return 0f;
        }
        java.util.Arrays.sort(values, 0, n);
        return values[farther ? (3 * n) / 4 : n / 4];
    }

    /**
     * Chessboard distance of every object pixel to the nearest pixel outside the object (or outside the
     * box), capped at {@code rampZonePixels + 1}; 0 outside. Two passes.
     */
    int[] insideDistance(float[] box, int bw, int bh) {
        int cap = options.rampZonePixels() + 1;
        int[] dist = new int[box.length];
        for (int bv = 0; bv < bh; bv++) {
            for (int bu = 0; bu < bw; bu++) {
                int b = bv * bw + bu;
                if (box[b] <= 0) {
                    dist[b] = 0;
                    continue;
                }
                int best = Math.min(cap, Math.min(Math.min(bu, bv), Math.min(bw - 1 - bu, bh - 1 - bv)) + 1);
                if (bu > 0) {
                    best = Math.min(best, dist[b - 1] + 1);
                }
                if (bv > 0) {
                    best = Math.min(best, dist[b - bw] + 1);
                    if (bu > 0) {
                        best = Math.min(best, dist[b - bw - 1] + 1);
                    }
                    if (bu < bw - 1) {
                        best = Math.min(best, dist[b - bw + 1] + 1);
                    }
                }
                dist[b] = best;
            }
        }
        for (int bv = bh - 1; bv >= 0; bv--) {
            for (int bu = bw - 1; bu >= 0; bu--) {
                int b = bv * bw + bu;
                if (dist[b] == 0) {
                    continue;
                }
                int best = dist[b];
                if (bu < bw - 1) {
                    best = Math.min(best, dist[b + 1] + 1);
                }
                if (bv < bh - 1) {
                    best = Math.min(best, dist[b + bw] + 1);
                    if (bu < bw - 1) {
                        best = Math.min(best, dist[b + bw + 1] + 1);
                    }
                    if (bu > 0) {
                        best = Math.min(best, dist[b + bw - 1] + 1);
                    }
                }
                dist[b] = best;
            }
        }
        return dist;
    }
}
