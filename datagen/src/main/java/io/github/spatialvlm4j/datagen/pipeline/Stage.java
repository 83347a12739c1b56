package io.github.spatialvlm4j.datagen.pipeline;

/** The timed stages of the per-frame path, in order. */
public enum Stage {
    LOAD, LIFT, CLEAN, CANONICALIZE, FACTS, DISAMBIGUATE, SYNTHESIZE, WRITE
}
