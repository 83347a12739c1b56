package io.github.spatialvlm4j.datagen.facts;

import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much of each object is hidden, read off the label image and the depth map: the share of
 * the object's outline pixels that border a nearer surface or the image border.
 *
 * <p>An outline pixel is a pixel of the object with a 4-neighbour of another label, or on the
 * image border. It counts as hidden when it is on the border, or when, in the direction of such
 * a neighbour, the pixel {@value #PROBE_STEP} steps away also has another label and a valid depth
 * nearer than the object there by more than {@code max(NEAR_MARGIN_METERS, NEAR_MARGIN_RELATIVE *
 * depth)}: something in front covers the object. "The object there" is the median depth of the
 * object's own pixels in the {@value #WINDOW}x{@value #WINDOW} window around the outline pixel.
 * Probing past the first ring and taking a median keep sensor artefacts, which sit exactly on
 * depth edges (flying pixels, masks bled by a pixel), from reading as occlusion. A probe without
 * depth says nothing. Where an object stands on the floor, the floor just below it is at almost
 * its depth, so contact does not count. O(pixels).
 */
public final class Occlusion {
    /** A surface nearer by at least this much, meters, hides the outline pixel. */
    public static final float NEAR_MARGIN_METERS = 0.03f;
    /** ... or by at least this share of the object's depth there, whichever is larger. */
    public static final float NEAR_MARGIN_RELATIVE = 0.02f;
    /** How far outward, in pixels, the covering surface is probed. */
    public static final int PROBE_STEP = 2;
    /** Side of the window, in pixels, of the object's reference depth. */
    public static final int WINDOW = 5;

    private Occlusion() {
    }

    /**
     * The hidden share of the outline of every non-zero id of {@code labels}, in [0, 1].
     *
     * @param depth metric depth of the same size, meters ({@link DepthMap#INVALID} where unknown)
     */
    public static Map<Integer, Float> occludedOutline(LabelImage labels, DepthMap depth) {
        int w = labels.width();
        int h = labels.height();
        if (depth.width() != w || depth.height() != h) {
            throw new ShapeMismatchException("Labels are " + w + "x" + h + " but depth is " + depth.width() + "x"
                    + depth.height());
        }
        int[] ids = labels.ids();
        float[] z = depth.meters();
        Map<Integer, int[]> counts = new TreeMap<>();
        float[] window = new float[WINDOW * WINDOW];
        int[][] directions = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int i = v * w + u;
                int id = ids[i];
                if (id == LabelImage.NONE) {
                    continue;
                }
                boolean border = u == 0 || v == 0 || u == w - 1 || v == h - 1;
                boolean outline = border;
                boolean hidden = border;
                float reference = Float.NaN;
                for (int[] d : directions) {
                    int nu = u + d[0];
                    int nv = v + d[1];
                    if (nu < 0 || nv < 0 || nu >= w || nv >= h || ids[nv * w + nu] == id) {
                        continue;
                    }
                    outline = true;
                    if (hidden) {
                        continue;
                    }
                    int pu = u + PROBE_STEP * d[0];
                    int pv = v + PROBE_STEP * d[1];
                    if (pu < 0 || pv < 0 || pu >= w || pv >= h) {
                        continue;
                    }
                    int q = pv * w + pu;
                    if (ids[q] == id || !(z[q] > DepthMap.INVALID)) {
                        continue;
                    }
                    if (Float.isNaN(reference)) {
                        reference = medianDepth(ids, z, w, h, u, v, id, window);
                    }
                    float margin = Math.max(NEAR_MARGIN_METERS, NEAR_MARGIN_RELATIVE * reference);
                    hidden = reference > DepthMap.INVALID && z[q] < reference - margin;
                }
                if (outline) {
                    int[] c = counts.computeIfAbsent(id, k -> new int[2]);
                    c[0]++;
                    if (hidden) {
                        c[1]++;
                    }
                }
            }
        }
        Map<Integer, Float> out = new TreeMap<>();
        counts.forEach((id, c) -> out.put(id, (float) c[1] / c[0]));
        return out;
    }

    /**
     * Median valid depth of the pixels labelled {@code id} in the {@value #WINDOW}x{@value #WINDOW} window
     * around (u, v) (the upper median of an even count), meters; {@link DepthMap#INVALID} when none.
     *
     * @param scratch at least {@code WINDOW * WINDOW} floats, overwritten
     */
    public static float medianDepth(int[] ids, float[] z, int w, int h, int u, int v, int id, float[] scratch) {
        int r = WINDOW / 2;
        int n = 0;
        for (int y = Math.max(0, v - r); y <= Math.min(h - 1, v + r); y++) {
            for (int x = Math.max(0, u - r); x <= Math.min(w - 1, u + r); x++) {
                int k = y * w + x;
                if (ids[k] == id && z[k] > DepthMap.INVALID) {
                    scratch[n++] = z[k];
                }
            }
        }
        if (n == 0) {
            return DepthMap.INVALID;
        }
        java.util.Arrays.sort(scratch, 0, n);
        return scratch[n / 2];
    }
}
