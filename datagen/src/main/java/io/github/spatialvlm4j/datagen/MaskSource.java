package io.github.spatialvlm4j.datagen;

import java.util.Locale;

/**
 * Where an object's mask came from: recorded per object in the output ({@code "mask"} in the
 * JSONL record), since the labels are only as good as their masks.
 */
public enum MaskSource {
    /** Instance labels given with the frame (synthetic scenes, labelled RGB-D data). */
    LABELS,
    /** Segment Anything, prompted with the object's box. */
    SAM,
    /** The instance mask of a segmentation detector (an Ultralytics segment export). */
    DETECTOR,
    /** The box-and-depth rule: the dominant connected depth surface in the box ({@link io.github.spatialvlm4j.geometry.BoxDepthMasks}). */
    DEPTH;

    /** The name written to records: {@code labels}, {@code sam}, {@code detector}, {@code depth}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The source named {@code id} (as {@link #id()} writes it).
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static MaskSource fromId(String id) {
        for (MaskSource s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Invalid mask source: '" + id + "' (expected labels, sam, detector or depth)");
    }
}
