package io.github.spatialvlm4j.datagen.perception;

import io.github.spatialvlm4j.vlm.florence.RegionBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The region half of perception (docs/ARCHITECTURE.md, "Data flow"): cleans the captioner's boxes and
 * captions before masking.
 * Boxes are in image pixels, edge coordinates (x right, y down). Stateless.
 */
public final class RegionProposals {

    private RegionProposals() {
    }

    /**
     * Greedy non-maximum suppression without scores: Florence-2 gives none, so boxes are taken in
     * the order generated and a box is dropped when its IoU with an already kept box is at least
     * {@code iouThreshold}. O(n^2).
     *
     * @param iouThreshold in (0, 1]
     * @return the kept boxes, in input order
     */
    public static List<RegionBox> suppress(List<RegionBox> boxes, double iouThreshold) {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("Invalid IoU threshold: " + iouThreshold + " (must be in (0, 1])");
        }
        List<RegionBox> kept = new ArrayList<>();
        for (RegionBox b : boxes) {
            boolean overlaps = false;
            for (RegionBox k : kept) {
                if (b.iou(k) >= iouThreshold) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(b);
            }
        }
        return kept;
    }

    /**
     * A caption of 1 to {@code maxWords} words (as the paper's captions: "cake shaped like a house"): special
     * tokens ({@code <s>}, {@code </s>}, {@code <pad>}, {@code <loc_N>}) removed, whitespace
     * collapsed, lower-cased, then cut after {@code maxWords} words. Empty when nothing is left.
     *
     * @param maxWords at least 1
     */
    public static Optional<String> caption(String raw, int maxWords) {
        if (maxWords < 1) {
            throw new IllegalArgumentException("Invalid maxWords: " + maxWords + " (must be >= 1)");
        }
        String text = raw.replaceAll("<[^<>\\s]*>", " ").strip().toLowerCase(java.util.Locale.ROOT);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] words = text.split("\\s+");
        int n = Math.min(words.length, maxWords);
        return Optional.of(String.join(" ", java.util.Arrays.copyOf(words, n)));
    }
}
