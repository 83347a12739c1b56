package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.refer.MarkAnchors;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;

/**
 * Depth edges smeared into ramps, resolved from each object's silhouette and the surface inside it.
 *
 * <p>A monocular depth network does not give a step where an object ends: its depth slides from the
 * object to the wall behind over several pixels. Lifted, the outline pixels of a mask trail away from the
 * camera along their rays, towards the background: a 15 cm cylinder in front of a wall grows two half-metre
 * arms behind it, and nothing in 3D tells them from the object, since they join it continuously. Nor does the
 * depth alone tell a gentle ramp (an object smeared into the floor a few decimetres behind it) from a surface
 * seen at a grazing angle (a box top receding from the camera).
 *
 * <p>Two things are reliable under a smeared depth map: the mask's silhouette in the image (a segmenter's
 * outline is placed to a pixel or two), and the depth a ramp's width inside it. So every mask pixel within
 * {@code rampZonePixels} of the mask's edge (chessboard distance) is given the object's surface continued from
 * inside: a quadratic in inverse depth over the image ({@code 1/z} is exactly linear on a plane seen by a
 * pinhole camera; the quadratic terms follow the curvature of round things to their rims), fitted by least
 * squares to the mask's pixels in the band {@code rampSurfaceBandPixels} deep just inside the zone, within a
 * window of that reach around the pixel. And where the pixel's smeared depth lies past the midpoint between
 * that surface's tangent plane and the background next to it (the depth just past the ramp outside the mask,
 * farther or nearer than the object), the pixel is the background's side of the smear and leaves the object:
 * the midpoint of a smeared step is where the step was, so the pixels a segmenter bled onto the background go
 * too. An object thinner than the zone takes its innermost pixels as the band. Only frames whose edges are
 * smeared ({@link #smeared}) are resolved: on sharp depth (a sensor's, or rendered) the outline's depth is
 * the object's. Thresholds: {@link LiftOptions}. Package-private; thread-safe, holds only its thresholds;
 * O(box pixels) per object: each fit's normal equations come from summed-area tables ({@link WindowMoments}),
 * not from a pass over its window.
 */
final class Ramps {
    private final LiftOptions options;

    Ramps(LiftOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    /**
     * Whether the depth map's edges are smeared into ramps (a monocular network's depth) rather than
     * sharp (a sensor's, or rendered), judged where objects end: along every row, runs of consecutive pixels
     * whose neighbours on either side differ by more than {@code max(5 cm, 3% z)} are measured where the
     * whole run spans a step of more than {@code max(10 cm, 6% z)} (defaults of {@link LiftOptions}) and the
     * labels change within it (an object's outline); a sharp edge gives runs of one or two pixels (two with a
     * flying pixel between), a ramp runs of about its width. Runs that cross no outline are left out: a wall
     * or floor seen at a grazing angle recedes as steeply over many pixels, at low resolutions by more than
     * 3% a pixel, and is no ramp. The frame is smeared when the median run is at least
     * {@link LiftOptions#smearedRunPixels()} pixels.
     *
     * <p>The verdict needs {@link LiftOptions#smearedMinRuns()} runs. Where the rows give fewer, the columns
     * are measured the same way and decide instead: low objects on the floor step up to what lies behind them
     * only across their top outline, which runs along the rows (their sides meet the floor beside them at about
     * their own depth). One monocular frame in 25 of the synthetic audit was taken as sharp and kept its ramps
     * whole, most of them with no more than a dozen row runs; by columns, the rendered and sensor frames' runs
     * stay one to three pixels. A frame
     * whose rows decide is not scanned again, so sharp frames with outlines across the rows pay nothing more.
     * O(pixels).
     *
     * @param labels the frame's instance labels, same size as {@code depth}
     */
    boolean smeared(DepthMap depth, LabelImage labels) {
        int w = depth.width();
        int h = depth.height();
        if (labels.width() != w || labels.height() != h) {
            throw new IllegalArgumentException("Invalid labels " + labels.width() + "x" + labels.height()
                    + " for a " + w + "x" + h + " depth map (must be the same size)");
        }
        int[] lengths = new int[64];
        // Rows: pixel u of row v is v * w + u; columns: pixel v of column u.
        int runs = edgeRuns(depth.meters(), labels.ids(), h, w, w, 1, lengths);
        if (runs < options.smearedMinRuns()) {
            java.util.Arrays.fill(lengths, 0);
            runs = edgeRuns(depth.meters(), labels.ids(), w, h, 1, w, lengths);
            if (runs < options.smearedMinRuns()) {
                return false;
            }
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
     * Counts the edge runs across outlines ({@link #smeared}) along {@code lines} lines of {@code length} pixels
     * each, line {@code l}'s pixel {@code i} at {@code l * lineStride + i * step}, into {@code lengths} (run
     * length, the last slot for every longer run).
     *
     * @return how many runs were counted
     */
    private int edgeRuns(float[] z, int[] ids, int lines, int length, int lineStride, int step, int[] lengths) {
        float edgeMin = options.smearedEdgeMinMeters();
        float edgeRelative = options.smearedEdgeRelative();
        float stepMin = options.smearedStepMinMeters();
        float stepRelative = options.smearedStepRelative();
        int last = lengths.length - 1;
        int runs = 0;
        for (int l = 0; l < lines; l++) {
            int base = l * lineStride;
            int start = -1;
            for (int i = 1; i < length; i++) {
                int p = base + i * step;
                boolean edge = false;
                if (i < length - 1) {
                    float a = z[p - step];
                    float b = z[p + step];
                    float c = z[p];
                    edge = a > 0 && b > 0 && c > 0 && Math.abs(b - a) > Math.max(edgeMin, edgeRelative * c);
                }
                if (edge && start < 0) {
                    start = i;
                } else if (!edge && start >= 0) {
                    int from = base + (start - 1) * step;
                    float first = z[from];
                    float end = z[p];
                    if (first > 0 && end > 0
                            && Math.abs(end - first) > Math.max(stepMin, stepRelative * Math.min(first, end))
                            && labelChanges(ids, from, p, step)) {
                        lengths[Math.min(last, i - start)]++;
                        runs++;
                    }
                    start = -1;
                }
            }
        }
        return runs;
    }

    /** Whether two neighbours among pixels {@code from, from + step, ..., to} carry different labels. */
    private static boolean labelChanges(int[] ids, int from, int to, int step) {
        for (int p = from; p < to; p += step) {
            if (ids[p] != ids[p + step]) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code depth} with the ramps along every labelled object's outline resolved: {@link #resolveAll(DepthMap,
     * DepthMap, LabelImage, boolean[])} of a depth map that no filter has cleaned.
     */
    DepthMap resolveAll(DepthMap depth, LabelImage labels, boolean[] continued) {
        return resolveAll(depth, depth, labels, continued);
    }

    /**
     * The cleaned depth with the ramps along every labelled object's outline resolved (see the class notes):
     * zone pixels of an object take the surface continued from inside, and pixels on the background's side of
     * a ramp become invalid. Objects' masks are resolved one by one from their own pixels; other pixels keep
     * their cleaned depth.
     *
     * <p>The zone is measured from the mask's edge in the depth as given, not as cleaned: a ramp's steep pixels
     * are flying pixels to {@link FlyingPixels} (each neighbour a few decimetres nearer or farther), so the
     * cleaned depth has lost the ramp, and with it the outline of the object; a zone counted from where the
     * cleaned depth ends lay a ramp's width inside the object, replaced good depth by a fit continued over five
     * more pixels (on a thin cylinder, from a band a few pixels wide: 5-8% off), and never gave back the ramp's
     * pixels of the object (balls and cylinders lost their rims). The surface is fitted to the band's pixels
     * that the cleaning kept, and the background is read from the cleaned depth, so that outliers and flying
     * pixels away from outlines weigh in neither.
     *
     * @param raw the depth as given (ramps whole), meters
     * @param cleaned the same depth with flying pixels and speckles removed, meters, same size
     * @param continued set true for every pixel that took its object's surface continued from inside (row-major
     *     over the image)
     * @return the cleaned depth with the outlines resolved; {@code cleaned} itself when nothing changes
     */
    DepthMap resolveAll(DepthMap raw, DepthMap cleaned, LabelImage labels, boolean[] continued) {
        int w = cleaned.width();
        if (raw.width() != w || raw.height() != cleaned.height()) {
            throw new IllegalArgumentException("Invalid raw depth " + raw.width() + "x" + raw.height() + " for a "
                    + w + "x" + cleaned.height() + " cleaned depth map (must be the same size)");
        }
        float[] z = raw.meters();
        float[] kept = cleaned.meters();
        int[] ids = labels.ids();
        float[] out = null;
        // One pass over the image for every object's box; a box also holds the object's pixels without
        // depth, which stay 0 in it like any pixel not the object's.
        for (java.util.Map.Entry<Integer, PixelBox> e : FactsExtractor.pixelBoxes(labels).entrySet()) {
            int id = e.getKey();
            int u0 = e.getValue().u0();
            int v0 = e.getValue().v0();
            int u1 = e.getValue().u1() - 1;
            int v1 = e.getValue().v1() - 1;
            int bw = u1 - u0 + 1;
            int bh = v1 - v0 + 1;
            float[] box = new float[bw * bh];
            float[] boxKept = new float[bw * bh];
            for (int v = v0; v <= v1; v++) {
                for (int u = u0; u <= u1; u++) {
                    int p = v * w + u;
                    if (ids[p] == id && z[p] > DepthMap.INVALID) {
                        box[(v - v0) * bw + (u - u0)] = z[p];
                        boxKept[(v - v0) * bw + (u - u0)] = kept[p];
                    }
                }
            }
            boolean[] boxContinued = new boolean[bw * bh];
            if (resolve(box, boxKept, bw, bh, u0, v0, cleaned, ids, id, boxContinued) == 0) {
                continue;
            }
            if (out == null) {
                out = kept.clone();
            }
            for (int v = v0; v <= v1; v++) {
                for (int u = u0; u <= u1; u++) {
                    int p = v * w + u;
                    if (ids[p] == id && z[p] > DepthMap.INVALID) {
                        out[p] = box[(v - v0) * bw + (u - u0)];
                        continued[p] = boxContinued[(v - v0) * bw + (u - u0)];
                    }
                }
            }
        }
        return out == null ? cleaned : new DepthMap(w, cleaned.height(), out);
    }

    /** Unknowns of the surface fitted in inverse depth: 1, du, dv, du^2, dv^2, du dv ({@link WindowMoments}). */
    private static final int TERMS = WindowMoments.TERMS;
    /** Unknowns of its tangent plane: the first three. */
    private static final int PLANE_TERMS = 3;
    /** Rows of an object's box whose fits share one set of summed-area tables. */
    private static final int STRIP_ROWS = 64;

    /**
     * Resolves the ramps of one object in place.
     *
     * @param box the object's pixels in its bounding box, row-major {@code bw x bh}: depth as given in meters, 0
     *     where the pixel is not the object's; on return, zone pixels hold the surface continued from inside
     *     (pixels on the background's side of a ramp 0: they leave the object), the others their cleaned depth
     * @param boxKept the same pixels' cleaned depth, 0 where the cleaning removed one
     * @param u0 column of the box's first pixel in the image
     * @param v0 row of the box's first pixel in the image
     * @param depth the full cleaned depth map (the background around the object), meters
     * @param labels the label image's ids, row-major over the image
     * @param id the object's label: its pixels are not background
     * @param continued set true for every box pixel that took the surface continued from inside
     * @return how many pixels changed depth or left the object
     */
    int resolve(float[] box, float[] boxKept, int bw, int bh, int u0, int v0, DepthMap depth, int[] labels, int id,
            boolean[] continued) {
        int zone = options.rampZonePixels();
        int band = options.rampSurfaceBandPixels();
        int[] dist = insideDistance(box, bw, bh);
        int deepest = 0;
        for (int d : dist) {
            deepest = Math.max(deepest, d);
        }
        // The band the surface is fitted to; for an object thinner than the zone, its innermost pixels.
        int bandFirst = Math.min(zone + 1, deepest);
        int bandLast = Math.max(zone + band, bandFirst);
        int reach = zone + band;
        float[] z = depth.meters();
        float[] fixed = boxKept.clone();
        boolean[] member = new boolean[box.length];
        float nearest = Float.POSITIVE_INFINITY;
        float farthest = 0f;
        for (int b = 0; b < box.length; b++) {
            member[b] = boxKept[b] > 0 && dist[b] >= bandFirst && dist[b] <= bandLast;
            if (member[b]) {
                nearest = Math.min(nearest, box[b]);
                farthest = Math.max(farthest, box[b]);
            }
        }
        float[] values = new float[(2 * reach + 1) * (2 * reach + 1)];
        double[] normal = new double[TERMS * TERMS];
        double[] rhs = new double[TERMS];
        double[] raw = new double[WindowMoments.SCRATCH];
        int r = options.rampBackgroundReachPixels();
        float[] around = new float[(2 * r + 1) * (2 * r + 1)];
        Beyond beyond = Beyond.of(box, bw, bh, u0, v0, depth.width(), depth.height(), r + zone + 2);
        int changed = 0;
        WindowMoments moments = null;
        for (int bv = 0; bv < bh; bv++) {
            // The tables cover a strip of rows and the windows of its zone pixels, so that their memory grows
            // with the object's width, not its area.
            if (bv % STRIP_ROWS == 0) {
                moments = new WindowMoments(boxKept, member, bw, bh, reach, Math.max(0, bv - reach),
                        Math.min(bh, bv + STRIP_ROWS + reach));
            }
            for (int bu = 0; bu < bw; bu++) {
                int b = bv * bw + bu;
                if (box[b] <= 0 || dist[b] >= bandFirst) {
                    continue;
                }
                int n = moments.normalEquations(bu, bv, normal, rhs, raw);
                if (n == 0) {
                    continue;
                }
                float surface = surfaceAt(normal, rhs, n, TERMS, nearest, farthest);
                // Which side of the step a pixel is on is judged against the tangent plane (the fit's linear
                // terms): the quadratic's curvature, continued past a fold (a front face into the thin top above
                // it), runs decimetres away and kept most of the pixels a segmenter bled onto the background.
                float decide = surfaceAt(normal, rhs, n, PLANE_TERMS, nearest, farthest);
                if (Float.isNaN(surface) || Float.isNaN(decide)) {
                    float median = windowMedian(boxKept, member, bw, bh, bu, bv, reach, values);
                    surface = Float.isNaN(surface) ? median : surface;
                    decide = Float.isNaN(decide) ? median : decide;
                }
                float zp = box[b];
                float background = background(z, depth.width(), labels, id, u0 + bu, v0 + bv, zp > surface, beyond,
                        around);
                boolean pastMidpoint = background > 0 && (zp - decide) * (background - decide) > 0
                        && Math.abs(zp - decide) > 0.5 * Math.abs(background - decide);
                fixed[b] = pastMidpoint ? 0f : surface;
                continued[b] = !pastMidpoint;
                changed++;
            }
        }
        System.arraycopy(fixed, 0, box, 0, box.length);
        return changed;
    }

    /**
     * The surface's depth at the pixel itself (offset 0: the fit's constant term), meters, from the fit of its
     * first {@code terms} unknowns ({@link #TERMS} or {@link #PLANE_TERMS}); NaN (the caller takes the band's
     * median in the window) when the fit is under-determined (fewer than three points per unknown), singular,
     * or lands outside half the band's nearest to twice its farthest depth (over the whole object).
     */
    private static float surfaceAt(double[] normal, double[] rhs, int n, int terms, float nearest, float farthest) {
        if (n >= 3 * terms) {
            double inverse = firstUnknown(terms == TERMS ? normal : block(normal, terms), rhs, terms);
            if (inverse > 0) {
                float surface = (float) (1.0 / inverse);
                if (surface >= 0.5f * nearest && surface <= 2f * farthest) {
                    return surface;
                }
            }
        }
        return Float.NaN;
    }

    /**
     * The median depth of the band's pixels ({@code member}) in the window of {@code reach} around box pixel
     * (bu, bv), meters; {@code values} is scratch of at least {@code (2 reach + 1)^2}. The window holds at least
     * one of them.
     */
    private static float windowMedian(float[] box, boolean[] member, int bw, int bh, int bu, int bv, int reach,
            float[] values) {
        int n = 0;
        for (int y = Math.max(0, bv - reach); y <= Math.min(bh - 1, bv + reach); y++) {
            for (int x = Math.max(0, bu - reach); x <= Math.min(bw - 1, bu + reach); x++) {
                if (member[y * bw + x]) {
                    values[n++] = box[y * bw + x];
                }
            }
        }
        java.util.Arrays.sort(values, 0, n);
        return values[n / 2];
    }

    /** The leading {@code k x k} block of the {@code TERMS x TERMS} matrix {@code a}. */
    private static double[] block(double[] a, int k) {
        double[] out = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a, i * TERMS, out, i * k, k);
        }
        return out;
    }

    /**
     * The first unknown of the square system {@code a x = b} (row-major {@code k x k}), by Gaussian elimination
     * with partial pivoting; NaN when a pivot vanishes. The inputs are left as they are.
     */
    static double firstUnknown(double[] a0, double[] b0, int k) {
        double[] a = a0.clone();
        double[] b = b0.clone();
        double scale = 0;
        for (int i = 0; i < k; i++) {
            scale = Math.max(scale, Math.abs(a[i * k + i]));
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(a[r * k + col]) > Math.abs(a[pivot * k + col])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(a[pivot * k + col]) > 1e-9 * scale)) {
                return Double.NaN;
            }
            if (pivot != col) {
                for (int j = 0; j < k; j++) {
                    double t = a[col * k + j];
                    a[col * k + j] = a[pivot * k + j];
                    a[pivot * k + j] = t;
                }
                double t = b[col];
                b[col] = b[pivot];
                b[pivot] = t;
            }
            for (int r = col + 1; r < k; r++) {
                double f = a[r * k + col] / a[col * k + col];
                for (int j = col; j < k; j++) {
                    a[r * k + j] -= f * a[col * k + j];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double sum = b[r];
            for (int j = r + 1; j < k; j++) {
                sum -= a[r * k + j] * x[j];
            }
            x[r] = sum / a[r * k + r];
        }
        return x[0];
    }
    /**
     * The depth of the background next to image pixel (u, v): the median valid depth of the pixels not the
     * object's within {@link LiftOptions#rampBackgroundReachPixels()} pixels that lie just past the ramp on the
     * background's side (chessboard distance from the mask {@code zone + 1} or {@code zone + 2}, see
     * {@link Beyond}), among those farther than it ({@code farther}) or nearer; 0 when there are none.
     *
     * <p>Only the ring just past the ramp is the background where the step was: pixels nearer the mask are
     * smeared towards the object, and a wider window reaches up a receding floor or wall (a median over it read
     * 5-20 cm too far at 5 m, and the midpoint moved out with it, keeping a bled pixel on two in three).
     *
     * @param values scratch for the window's depths, at least {@code (2 reach + 1)^2} long
     */
    private float background(float[] z, int w, int[] labels, int id, int u, int v, boolean farther, Beyond beyond,
            float[] values) {
        int r = options.rampBackgroundReachPixels();
        int zone = options.rampZonePixels();
        int n = 0;
        float zc = z[v * w + u];
        for (int y = Math.max(beyond.v0, v - r); y <= Math.min(beyond.v0 + beyond.h - 1, v + r); y++) {
            for (int x = Math.max(beyond.u0, u - r); x <= Math.min(beyond.u0 + beyond.w - 1, u + r); x++) {
                int q = y * w + x;
                float zq = z[q];
                int d = beyond.distance[(y - beyond.v0) * beyond.w + (x - beyond.u0)];
                if (labels[q] != id && zq > 0 && d > zone && d <= zone + 2 && (farther ? zq > zc : zq < zc)) {
                    values[n++] = zq;
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
     * Chessboard distance from an object's mask of every pixel of the mask's bounding box widened by a margin
     * (clipped to the image), row-major over that region; 0 on the mask. The region's border counts as mask, so a
     * distance is never overstated, and is exact where the border is farther than the mask: everywhere within
     * {@code margin} of the mask's box but near the image's border. O(region pixels).
     */
    private record Beyond(int u0, int v0, int w, int h, int[] distance) {
        static Beyond of(float[] box, int bw, int bh, int bu0, int bv0, int imageWidth, int imageHeight,
                int margin) {
            int u0 = Math.max(0, bu0 - margin);
            int v0 = Math.max(0, bv0 - margin);
            int u1 = Math.min(imageWidth, bu0 + bw + margin);
            int v1 = Math.min(imageHeight, bv0 + bh + margin);
            int w = u1 - u0;
            int h = v1 - v0;
            int[] off = new int[w * h];
            java.util.Arrays.fill(off, 1);
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    if (box[y * bw + x] > 0) {
                        off[(y + bv0 - v0) * w + (x + bu0 - u0)] = LabelImage.NONE;
                    }
                }
            }
            // The distance inside the mask's complement to its edge is the distance to the mask.
            return new Beyond(u0, v0, w, h, MarkAnchors.insideDistance(new LabelImage(w, h, off)));
        }
    }

    /**
     * Chessboard distance of every object pixel ({@code box > 0}) to the nearest pixel outside the object (or
     * outside the box); 0 outside ({@link MarkAnchors#insideDistance}).
     */
    private static int[] insideDistance(float[] box, int bw, int bh) {
        int[] mask = new int[box.length];
        for (int b = 0; b < box.length; b++) {
            mask[b] = box[b] > 0 ? 1 : LabelImage.NONE;
        }
        return MarkAnchors.insideDistance(new LabelImage(bw, bh, mask));
    }
}
