package io.github.spatialvlm4j.vlm.perception;

import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.florence.Florence2;
import io.github.spatialvlm4j.vlm.florence.LocationTokens;
import io.github.spatialvlm4j.vlm.florence.RegionBox;
import io.github.spatialvlm4j.vlm.sam.ObjectMask;
import io.github.spatialvlm4j.vlm.sam.SamMasker;

import java.util.ArrayList;
import java.util.List;

/**
 * The horizontal-surface mask that the canonicalize stage fits the floor plane to
 * (docs/ARCHITECTURE.md, "Stages"): Florence-2 phrase grounding finds boxes for each surface phrase
 * ("floor", "tabletop", ...), SAM turns every box into a mask, and the masks are united. The caller
 * compares {@link GroundMask#share()} with its threshold before fitting a plane.
 *
 * <p>Cost: one Florence-2 generation per phrase, one SAM encoder pass and one decoder pass per
 * image. Thread-safe when the models are; does not own (or close) them.
 */
public final class GroundSegmenter {
    /** Surface phrases used by default, in our words. */
    public static final List<String> DEFAULT_PHRASES = List.of("the floor", "the ground", "a table top");

    private final Florence2 florence;
    private final SamMasker sam;
    private final List<String> phrases;

    /**
     * @param phrases grounding phrases, at least one, none blank
     */
    public GroundSegmenter(Florence2 florence, SamMasker sam, List<String> phrases) {
        if (florence == null || sam == null) {
            throw new IllegalArgumentException("florence and sam must not be null");
        }
        if (phrases.isEmpty() || phrases.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Ground phrases must be non-empty and not blank, got " + phrases);
        }
        this.florence = florence;
        this.sam = sam;
        this.phrases = List.copyOf(phrases);
    }

    /**
     * The ground mask of one image.
     *
     * @param mask        union of the surface masks, image resolution, row-major
     * @param boxes       the grounded boxes, in phrase order
     * @param skippedRuns malformed location-token runs the grounding produced (see {@link LocationTokens.Parsed})
     */
    public record GroundMask(ObjectMask mask, List<RegionBox> boxes, int skippedRuns) {
        public GroundMask {
            boxes = List.copyOf(boxes);
        }

        /** Fraction of the image's pixels in the mask, in [0, 1]. */
        public double share() {
            return (double) mask.area() / mask.inside().length;
        }
    }

    /** Segments the ground of {@code image}; an image without any surface gives an empty mask. */
    public GroundMask segment(RgbImage image) {
        return segment(image, null);
    }

    /**
     * As {@link #segment(RgbImage)}, reusing SAM's encoder output for this image when the caller
     * already has it (one encoder pass per image instead of two).
     *
     * @param embedding {@link SamMasker#embed} of {@code image}, or null to compute it when needed
     */
    public GroundMask segment(RgbImage image, SamMasker.ImageEmbedding embedding) {
        List<RegionBox> boxes = new ArrayList<>();
        int skipped = 0;
        for (String phrase : phrases) {
            LocationTokens.Parsed p = florence.regions(image, Florence2.Task.PHRASE_GROUNDING, phrase);
            boxes.addAll(p.boxes());
            skipped += p.skippedRuns();
        }
        boolean[] union = new boolean[image.width() * image.height()];
        double score = 0;
        if (!boxes.isEmpty()) {
            double[] flat = RegionBox.flatten(boxes);
            List<ObjectMask> masks = embedding == null ? sam.masks(image, flat) : sam.masks(embedding, flat);
            for (ObjectMask m : masks) {
                score = Math.max(score, m.score());
                for (int p = 0; p < union.length; p++) {
                    union[p] |= m.inside()[p];
                }
            }
        }
        return new GroundMask(new ObjectMask(image.width(), image.height(), union, score), boxes, skipped);
    }
}
