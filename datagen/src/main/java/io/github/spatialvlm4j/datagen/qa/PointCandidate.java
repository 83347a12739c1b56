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
        return of(depth, labels, objectIds, frameSeed, null);
    }

    /**
     * As {@link #of(DepthMap, LabelImage, List, long)}, with the masks' inside distances computed in
     * {@code insideScratch} ({@link MarkAnchors#insideDistance(LabelImage, int[])}: one value per pixel, or
     * null to allocate them).
     */
    public static List<PointCandidate> of(DepthMap depth, LabelImage labels, List<Integer> objectIds, long frameSeed,
            int[] insideScratch) {
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(labels, "labels");
        int w = labels.width();
        if (depth.width() != w || depth.height() != labels.height()) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Depth is " + depth.width() + "x"
                    + depth.height() + " but labels are " + w + "x" + labels.height());
        }
        int[] inside = MarkAnchors.insideDistance(labels, insideScratch);
        Map<Integer, Integer> anchors = MarkAnchors.anchors(labels, inside);
        int[] ids = labels.ids();
        float[] z = depth.meters();
        Map<Integer, Eligible> eligible = new java.util.HashMap<>();
        for (int id : objectIds) {
            Integer anchor = anchors.get(id);
            if (anchor != null) {
                eligible.put(id, new Eligible(anchor));
            }
        }
        // Pixels of one object come in runs along the rows: its list is looked up per run.
        int runId = LabelImage.NONE;
        Eligible run = null;
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id == LabelImage.NONE) {
                continue;
            }
            if (id != runId) {
                runId = id;
                run = eligible.get(id);
            }
            if (run == null || inside[i] < INSET || !(z[i] > DepthMap.INVALID)) {
                continue;
            }
            int anchor = run.anchor;
            if (Math.max(Math.abs(i % w - anchor % w), Math.abs(i / w - anchor / w)) < ANCHOR_CLEARANCE) {
                continue;
            }
            run.add(i);
        }
        SplittableRandom rng = new SplittableRandom(Seeds.substream(frameSeed, Seeds.Substream.POINTS));
        List<PointCandidate> out = new ArrayList<>();
        for (int id : objectIds) {
            Eligible e = eligible.get(id);
            int n = e == null ? 0 : e.count;
            if (n == 0) {
                continue;
            }
            int p = e.pixels[rng.nextInt(n)];
            out.add(new PointCandidate(id, p % w, p / w, Occlusion.medianDepth(ids, z, w, labels.height(), p % w, p / w,
                    id, new float[Occlusion.WINDOW * Occlusion.WINDOW])));
        }
        return out;
    }

    /** An object's eligible pixels (row-major indices, ascending) and its mark anchor. */
    private static final class Eligible {
        final int anchor;
        int[] pixels = new int[16];
        int count;

        Eligible(int anchor) {
            this.anchor = anchor;
        }

        void add(int pixel) {
            if (count == pixels.length) {
                pixels = Arrays.copyOf(pixels, 2 * count);
            }
            pixels[count++] = pixel;
        }
    }
}
