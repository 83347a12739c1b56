package io.github.spatialvlm4j.datagen.refer;

import io.github.spatialvlm4j.geometry.LabelImage;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a mark is drawn on each object of a label image: the pixel of the object's mask farthest from
 * every pixel outside it (the centre of its largest inscribed square, by a two-pass chessboard distance
 * transform), so that a mark sits well inside even a ring- or L-shaped mask, as Set-of-Marks places its
 * numbers. Ties go to the first pixel in row-major order. O(pixels), deterministic.
 */
public final class MarkAnchors {

    private MarkAnchors() {
    }

    /**
     * The chessboard distance of every pixel to the nearest pixel of another label (the image border
     * counts as another label), row-major; 0 for unlabelled pixels.
     */
    public static int[] insideDistance(LabelImage labels) {
        return insideDistance(labels, null);
    }

    /**
     * As {@link #insideDistance(LabelImage)}, into {@code dest} (every element written), which is returned.
     *
     * @param dest {@code width * height} values, not the labels' own array; null to allocate one
     * @throws IllegalArgumentException when {@code dest} has another length or is the labels' array
     */
    public static int[] insideDistance(LabelImage labels, int[] dest) {
        int w = labels.width();
        int h = labels.height();
        int[] ids = labels.ids();
        if (dest == ids || dest != null && dest.length != ids.length) {
            throw new IllegalArgumentException("Inside distances into " + (dest == ids ? "the labels' own array"
                    : dest.length + " values") + " for " + w + "x" + h + " labels");
        }
        int[] d = dest == null ? new int[w * h] : dest;
        int far = w + h;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int i = v * w + u;
                int id = ids[i];
                if (id == LabelImage.NONE) {
                    d[i] = 0;
                    continue;
                }
                int best = far;
                best = Math.min(best, neighbour(ids, d, w, h, u - 1, v, id));
                best = Math.min(best, neighbour(ids, d, w, h, u - 1, v - 1, id));
                best = Math.min(best, neighbour(ids, d, w, h, u, v - 1, id));
                best = Math.min(best, neighbour(ids, d, w, h, u + 1, v - 1, id));
                d[i] = best;
            }
        }
        for (int v = h - 1; v >= 0; v--) {
            for (int u = w - 1; u >= 0; u--) {
                int i = v * w + u;
                int id = ids[i];
                if (id == LabelImage.NONE) {
                    continue;
                }
                int best = d[i];
                best = Math.min(best, neighbour(ids, d, w, h, u + 1, v, id));
                best = Math.min(best, neighbour(ids, d, w, h, u + 1, v + 1, id));
                best = Math.min(best, neighbour(ids, d, w, h, u, v + 1, id));
                best = Math.min(best, neighbour(ids, d, w, h, u - 1, v + 1, id));
                d[i] = best;
            }
        }
        return d;
    }

    /** 1 + the distance at (u, v) when it has label {@code id}, else 1 (a pixel outside is at distance 0). */
    private static int neighbour(int[] ids, int[] d, int w, int h, int u, int v, int id) {
        if (u < 0 || v < 0 || u >= w || v >= h) {
            return 1;
        }
        int j = v * w + u;
        return ids[j] == id ? d[j] + 1 : 1;
    }

    /** The anchor pixel (row-major index) of every non-zero id of {@code labels}, by id. */
    public static Map<Integer, Integer> anchors(LabelImage labels) {
        return anchors(labels, insideDistance(labels));
    }

    /**
     * As {@link #anchors(LabelImage)}, for a caller that already holds {@code d = insideDistance(labels)}.
     *
     * @throws IllegalArgumentException when {@code d} does not hold one distance per pixel
     */
    public static Map<Integer, Integer> anchors(LabelImage labels, int[] d) {
        int[] ids = labels.ids();
        if (d.length != ids.length) {
            throw new IllegalArgumentException("Inside distances hold " + d.length + " values but the labels are "
                    + labels.width() + "x" + labels.height());
        }
        Map<Integer, Integer> best = new TreeMap<>();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id == LabelImage.NONE) {
                continue;
            }
            Integer b = best.get(id);
            if (b == null || d[i] > d[b]) {
                best.put(id, i);
            }
        }
        return best;
    }
}
