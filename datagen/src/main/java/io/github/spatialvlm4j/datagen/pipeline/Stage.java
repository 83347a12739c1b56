package io.github.spatialvlm4j.datagen.pipeline;

/** The timed stages of the per-frame path, in order; PERCEIVE is the models (filter, depth, regions, masks, ground). */
public enum Stage {
    LOAD, PERCEIVE, LIFT, CLEAN, CANONICALIZE, FACTS, DISAMBIGUATE, SYNTHESIZE, WRITE
}
