package io.github.spatialvlm4j.datagen.pipeline;

import java.util.Objects;

/**
 * Parameters of lifting, cleaning and canonicalization.
 *
 * @param minDepth depths at or below this are ignored, meters (0.05)
 * @param maxDepth depths above this are ignored, meters (20)
 * @param cleanup per-object denoising (SPEC stage 4)
 * @param canonicalize floor finding (SPEC stage 5)
 */
public record MeasureOptions(float minDepth, float maxDepth, CleanupOptions cleanup, CanonicalizeOptions canonicalize) {
    public MeasureOptions {
        if (!(minDepth >= 0 && maxDepth > minDepth) || !Float.isFinite(maxDepth)) {
            throw new IllegalArgumentException("Invalid depth range (" + minDepth + ", " + maxDepth
                    + "] m: need 0 <= min < max, finite");
        }
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(canonicalize, "canonicalize");
    }

    public static MeasureOptions defaults() {
        return new MeasureOptions(0.05f, 20f, CleanupOptions.paperDefaults(), CanonicalizeOptions.defaults());
    }
}
