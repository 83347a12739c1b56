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
 * <p>An outline pixel is a pixel of the object with a 4-neighbour of another label (or no
 * neighbour, at the image border). It counts as hidden when it is at the image border, or when
 * such a neighbour has a valid depth nearer than its own by more than
 * {@code max(NEAR_MARGIN_METERS, NEAR_MARGIN_RELATIVE * depth)}: something in front covers the object
 * there. A neighbour without depth says nothing. Where the object stands on the floor, the floor
 * pixels below it are at almost its depth, so contact does not count as occlusion. O(pixels).
 */
public final class Occlusion {
    /** A neighbour nearer by at least this much, meters, hides the outline pixel. */
    public static final float NEAR_MARGIN_METERS = 0.03f;
    /** ... or by at least this share of the pixel's depth, whichever is larger. */
    public static final float NEAR_MARGIN_RELATIVE = 0.02f;

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
                float zi = z[i];
                float margin = Math.max(NEAR_MARGIN_METERS, NEAR_MARGIN_RELATIVE * zi);
                if (u > 0 && ids[i - 1] != id) {
                    outline = true;
                    hidden |= nearer(z[i - 1], zi, margin);
                }
                if (u < w - 1 && ids[i + 1] != id) {
                    outline = true;
                    hidden |= nearer(z[i + 1], zi, margin);
                }
                if (v > 0 && ids[i - w] != id) {
                    outline = true;
                    hidden |= nearer(z[i - w], zi, margin);
                }
                if (v < h - 1 && ids[i + w] != id) {
                    outline = true;
                    hidden |= nearer(z[i + w], zi, margin);
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

    private static boolean nearer(float neighbour, float self, float margin) {
        return neighbour > DepthMap.INVALID && self > DepthMap.INVALID && neighbour < self - margin;
    }
}
