package io.github.spatialvlm4j.datagen.pipeline;

/** Why a frame produced no record. Batch runs count these instead of failing. */
public enum SkipReason {
    /** The frame's files could not be read or were malformed. */
    LOAD_ERROR,
    /** No depth and no depth model configured. */
    NO_DEPTH,
    /** No intrinsics and no way to estimate them. */
    NO_INTRINSICS,
    /** No object masks and no detector configured. */
    NO_OBJECT_MASKS,
    /** No object survived lifting, cleaning and ambiguity removal. */
    NO_OBJECTS,
    /**
     * The semantic image filter (perception's CLIP filter, docs/ARCHITECTURE.md, "Data flow") judged the
     * photo unsuitable; the detail names the winning prompt.
     */
    FILTERED_OUT,
    /** The frame held an invalid value (e.g. NaN depth); the message says which. */
    INVALID_INPUT,
    /** The audit was given a frame without ground truth (an RGB-D frame with no {@code <id>.truth.json}). */
    NO_GROUND_TRUTH
}
