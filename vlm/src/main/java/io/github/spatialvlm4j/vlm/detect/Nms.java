package io.github.spatialvlm4j.vlm.detect;

import io.github.spatialvlm4j.vlm.florence.RegionBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Class-aware greedy non-maximum suppression: candidates are taken by descending score (ties in
 * input order); a candidate is dropped when it overlaps an already kept box <em>of the same
 * class</em> by an IoU above the threshold, so a cup on a dining table survives the table.
 * Continuous box edges ({@link RegionBox#iou}); the reference scripts add one pixel to each side,
 * which matters only for boxes a few pixels wide. O(n k) for n candidates and k kept.
 */
public final class Nms {
    private Nms() {
    }

    /** A box with its class and score, as NMS sees it. */
    public interface Scored {
        RegionBox box();

        int classId();

        double score();
    }

    /**
     * The kept candidates, by descending score, at most {@code max}.
     *
     * @param iouThreshold in (0, 1]: a candidate whose IoU with a kept box of its class exceeds this is dropped
     */
    public static <T extends Scored> List<T> classAware(List<T> candidates, double iouThreshold, int max) {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("Invalid IoU threshold: " + iouThreshold + " (must be in (0, 1])");
        }
        if (max < 1) {
            throw new IllegalArgumentException("Invalid maximum: " + max + " (must be >= 1)");
        }
        List<T> order = new ArrayList<>(candidates);
        order.sort(Comparator.comparingDouble((T c) -> c.score()).reversed());
        List<T> kept = new ArrayList<>();
        for (T c : order) {
            if (kept.size() == max) {
                break;
            }
            boolean suppressed = false;
            for (T k : kept) {
                if (k.classId() == c.classId() && k.box().iou(c.box()) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(c);
            }
        }
        return kept;
    }
}
