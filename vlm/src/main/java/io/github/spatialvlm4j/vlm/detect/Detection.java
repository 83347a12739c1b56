package io.github.spatialvlm4j.vlm.detect;

import io.github.spatialvlm4j.vlm.florence.RegionBox;
import io.github.spatialvlm4j.vlm.sam.ObjectMask;

import java.util.Objects;
import java.util.Optional;

/**
 * One detected object.
 *
 * @param box     the box in source image pixels, edge coordinates (x right, y down), clipped to the
 *                image; its label is the class name
 * @param classId the class id, index into {@link DetectorConfig#classes()}
 * @param score   the detector's confidence in [0, 1] (YOLOX: objectness x class score; Ultralytics:
 *                the class score)
 * @param mask    the instance mask at image resolution, present for segment exports only
 */
public record Detection(RegionBox box, int classId, double score, Optional<ObjectMask> mask) {
    public Detection {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(mask, "mask");
        if (classId < 0) {
            throw new IllegalArgumentException("Invalid class id: " + classId + " (must be >= 0)");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("Invalid detection score: " + score + " (must be in [0, 1])");
        }
    }

    /** The class name. */
    public String label() {
        return box.label();
    }
}
