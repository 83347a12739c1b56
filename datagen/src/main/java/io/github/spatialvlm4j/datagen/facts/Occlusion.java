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
 * a neighbour, the pixel {@value #PROBE_STEP} steps away is not the object's and has a valid depth
 * nearer than the object there by more than {@code max(NEAR_MARGIN_METERS, NEAR_MARGIN_RELATIVE *
 * depth)}: something in front covers the object. "The object there" is the median depth of the
 * object's own pixels in the {@value #WINDOW}x{@value #WINDOW} window around the outline pixel.
 * Probing past the first ring and taking a median keep sensor artefacts, which sit exactly on
 * depth edges (flying pixels, masks bled by a pixel), from reading as occlusion. A probe without depth
 * steps on outward, up to {@value #MAX_PROBE_STEP} pixels: an RGB-D sensor leaves no depth in a band along
 * an occluding edge (the nearer surface shadows its light), and on real Kinect v2 frames the surface in front
 * lies past such a band (a night stand seen only above a bed); a walk that finds no depth says nothing.
 * Where an object stands on the floor, the floor just below it is at almost its depth, so contact does not
 * count. The outline is the silhouette's: pixels of other labels, or of none,
 * that the object encloses (a hole where the sensor gave no depth, a cup standing in the middle of a table
 * top) are taken as the object's own, so that a ragged or holed mask does not dilute the hidden share of its
 * silhouette. O(pixels + the objects' bounding boxes).
 */
public final class Occlusion {
    /** A surface nearer by at least this much, meters, hides the outline pixel. */
    public static final float NEAR_MARGIN_METERS = 0.03f;
    /** ... or by at least this share of the object's depth there, whichever is larger. */
    public static final float NEAR_MARGIN_RELATIVE = 0.02f;
    /** How far outward, in pixels, the covering surface is probed. */
    public static final int PROBE_STEP = 2;
    /** ... and how far past pixels without depth, in pixels. */
    public static final int MAX_PROBE_STEP = 10;
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
        Map<Integer, Enclosure> enclosures = enclosures(ids, w, h);
        Map<Integer, int[]> counts = new TreeMap<>();
        float[] window = new float[WINDOW * WINDOW];
        int[][] directions = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        // Pixels of one object come in runs along the rows: its enclosure and counters are looked up per run.
        int runId = LabelImage.NONE;
        Enclosure enclosure = null;
        int[] runCounts = null;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int i = v * w + u;
                int id = ids[i];
                if (id == LabelImage.NONE) {
                    continue;
                }
                if (id != runId) {
                    runId = id;
                    enclosure = enclosures.get(id);
                    runCounts = null;
                }
                boolean border = u == 0 || v == 0 || u == w - 1 || v == h - 1;
                boolean outline = border;
                boolean hidden = border;
                float reference = Float.NaN;
                for (int[] d : directions) {
                    int nu = u + d[0];
                    int nv = v + d[1];
                    if (nu < 0 || nv < 0 || nu >= w || nv >= h || ids[nv * w + nu] == id
                            || enclosure.encloses(nu, nv)) {
                        continue;
                    }
                    outline = true;
                    if (hidden) {
                        continue;
                    }
                    int q = probe(ids, z, w, h, u, v, d[0], d[1], id);
                    if (q < 0) {
                        continue;
                    }
                    if (Float.isNaN(reference)) {
                        reference = medianDepth(ids, z, w, h, u, v, id, window);
                    }
                    float margin = Math.max(NEAR_MARGIN_METERS, NEAR_MARGIN_RELATIVE * reference);
                    hidden = reference > DepthMap.INVALID && z[q] < reference - margin;
                }
                if (outline) {
                    if (runCounts == null) {
                        runCounts = counts.computeIfAbsent(id, k -> new int[2]);
                    }
                    runCounts[0]++;
                    if (hidden) {
                        runCounts[1]++;
                    }
                }
            }
        }
        Map<Integer, Float> out = new TreeMap<>();
        counts.forEach((id, c) -> out.put(id, (float) c[1] / c[0]));
        return out;
    }

    /**
     * The pixel that tells what lies beyond outline pixel {@code (u, v)} in direction {@code (du, dv)}: the first
     * one with a depth from {@value #PROBE_STEP} to {@value #MAX_PROBE_STEP} steps out, passing pixels without
     * depth (a sensor leaves a band of them along an occluding edge, the shadow of the nearer surface); -1 when
     * that walk leaves the image, comes back onto the object or finds no depth.
     */
    private static int probe(int[] ids, float[] z, int w, int h, int u, int v, int du, int dv, int id) {
        for (int step = PROBE_STEP; step <= MAX_PROBE_STEP; step++) {
            int pu = u + step * du;
            int pv = v + step * dv;
            if (pu < 0 || pv < 0 || pu >= w || pv >= h) {
                return -1;
            }
            int q = pv * w + pu;
            if (ids[q] == id) {
                return -1;
            }
            if (z[q] > DepthMap.INVALID) {
                return q;
            }
        }
        return -1;
    }

    /**
     * The pixels inside an object's bounding box {@code (u0, v0, width x height)} that are not its own and
     * cannot reach the box's border through pixels not its own (4-connected): what its silhouette encloses.
     */
    private record Enclosure(int u0, int v0, int width, int height, boolean[] enclosed) {
        boolean encloses(int u, int v) {
            int x = u - u0;
            int y = v - v0;
            return x >= 0 && y >= 0 && x < width && y < height && enclosed[y * width + x];
        }
    }

    /** Every non-zero id's {@link Enclosure}: a flood fill from its bounding box's border. */
    private static Map<Integer, Enclosure> enclosures(int[] ids, int w, int h) {
        Map<Integer, int[]> boxes = new TreeMap<>();
        int runId = LabelImage.NONE;
        int[] box = null;
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id != LabelImage.NONE) {
                int u = i % w;
                int v = i / w;
                if (id != runId) {
                    runId = id;
                    box = boxes.get(id);
                    if (box == null) {
                        box = new int[] {u, v, u, v};
                        boxes.put(id, box);
                    }
                }
                box[0] = Math.min(box[0], u);
                box[1] = Math.min(box[1], v);
                box[2] = Math.max(box[2], u);
                box[3] = Math.max(box[3], v);
            }
        }
        Map<Integer, Enclosure> out = new TreeMap<>();
        boxes.forEach((id, b) -> {
            int bw = b[2] - b[0] + 1;
            int bh = b[3] - b[1] + 1;
            boolean[] reached = new boolean[bw * bh];
            int[] queue = new int[bw * bh];
            int tail = 0;
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    boolean edge = x == 0 || y == 0 || x == bw - 1 || y == bh - 1;
                    int k = y * bw + x;
                    if (edge && ids[(b[1] + y) * w + b[0] + x] != id) {
                        reached[k] = true;
                        queue[tail++] = k;
                    }
                }
            }
            for (int head = 0; head < tail; head++) {
                int k = queue[head];
                int x = k % bw;
                int y = k / bw;
                for (int n = 0; n < 4; n++) {
                    int nx = x + (n == 0 ? -1 : n == 1 ? 1 : 0);
                    int ny = y + (n == 2 ? -1 : n == 3 ? 1 : 0);
                    if (nx >= 0 && ny >= 0 && nx < bw && ny < bh) {
                        int m = ny * bw + nx;
                        if (!reached[m] && ids[(b[1] + ny) * w + b[0] + nx] != id) {
                            reached[m] = true;
                            queue[tail++] = m;
                        }
                    }
                }
            }
            boolean[] enclosed = new boolean[bw * bh];
            for (int k = 0; k < enclosed.length; k++) {
                enclosed[k] = !reached[k] && ids[(b[1] + k / bw) * w + b[0] + k % bw] != id;
            }
            out.put(id, new Enclosure(b[0], b[1], bw, bh, enclosed));
        });
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
