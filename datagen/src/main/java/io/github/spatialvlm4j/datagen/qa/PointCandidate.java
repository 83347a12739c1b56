package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.Seeds;
import io.github.spatialvlm4j.datagen.facts.Occlusion;
import io.github.spatialvlm4j.datagen.refer.MarkAnchors;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A pixel that a "which point is closer to the camera?" question may mark, with its depth.
 *
 * <p>One candidate per object: a pixel drawn (seeded) among those at least {@value #INSET} pixels inside
 * the object's mask (chessboard distance, {@link MarkAnchors#insideDistance}), so that the mark sits on
 * the object and not on a depth edge, and at least {@value #ANCHOR_CLEARANCE} pixels from where the
 * object's own number mark goes ({@link MarkAnchors#anchors}), so the two marks do not cover each other.
 * Its depth is the median of the valid depths of the object's pixels in the window around it
 * ({@link Occlusion#medianDepth}), robust to sensor noise and holes. An object without such a pixel gives no candidate.
 *
 * @param objectId the object the pixel lies on
 * @param u column, pixels
 * @param v row, pixels
 * @param depth the depth there, camera-frame z, meters, &gt; 0
 */
public record PointCandidate(int objectId, int u, int v, double depth) {
    /** Least distance, pixels, from the candidate to the outside of its mask. */
    public static final int INSET = 4;
    /** Least distance, pixels, from the candidate to its object's number mark. */
    public static final int ANCHOR_CLEARANCE = 12;

    public PointCandidate {
        if (!(depth > 0) || !Double.isFinite(depth)) {
            throw new IllegalArgumentException("Invalid depth " + depth + " m for the point of object " + objectId);
        }
    }

    /**
     * The candidates of the objects {@code objectIds}, in that order.
     *
     * @param depth the frame's metric depth, meters
     * @param labels the frame's object masks, same size
     * @param objectIds the objects that may carry a point
     * @param frameSeed the frame's seed
     */
    public static List<PointCandidate> of(DepthMap depth, LabelImage labels, List<Integer> objectIds, long frameSeed) {
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(labels, "labels");
        int w = labels.width();
        if (depth.width() != w || depth.height() != labels.height()) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Depth is " + depth.width() + "x"
                    + depth.height() + " but labels are " + w + "x" + labels.height());
        }
        int[] inside = MarkAnchors.insideDistance(labels);
        Map<Integer, Integer> anchors = MarkAnchors.anchors(labels);
        int[] ids = labels.ids();
        float[] z = depth.meters();
        Map<Integer, int[]> eligible = new java.util.HashMap<>();
        Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int id : objectIds) {
            if (anchors.containsKey(id)) {
                eligible.put(id, new int[16]);
                counts.put(id, 0);
            }
        }
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            int[] list = id == LabelImage.NONE ? null : eligible.get(id);
            if (list == null || inside[i] < INSET || !(z[i] > DepthMap.INVALID)) {
                continue;
            }
            int anchor = anchors.get(id);
            if (Math.max(Math.abs(i % w - anchor % w), Math.abs(i / w - anchor / w)) < ANCHOR_CLEARANCE) {
                continue;
            }
            int n = counts.get(id);
            if (n == list.length) {
                list = Arrays.copyOf(list, 2 * n);
                eligible.put(id, list);
            }
            list[n] = i;
            counts.put(id, n + 1);
        }
        SplittableRandom rng = new SplittableRandom(Seeds.substream(frameSeed, Seeds.Substream.POINTS));
        List<PointCandidate> out = new ArrayList<>();
        for (int id : objectIds) {
            int n = counts.getOrDefault(id, 0);
            if (n == 0) {
                continue;
            }
            int p = eligible.get(id)[rng.nextInt(n)];
            out.add(new PointCandidate(id, p % w, p / w, Occlusion.medianDepth(ids, z, w, labels.height(), p % w, p / w,
                    id, new float[Occlusion.WINDOW * Occlusion.WINDOW])));
        }
        return out;
    }
}
