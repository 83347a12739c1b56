package io.github.spatialvlm4j.datagen.facts;

import java.util.Locale;

/**
 * What a frame's geometry says about gravity, which decides the questions that can be asked about it.
 * Many real photos show no floor (a desk, a shelf, a close view): a frame then keeps the up direction
 * when it is known, so heights and above/below stay askable, but never claims a floor it has not seen.
 */
public enum FloorState {
    /** A floor plane was found or given: the up frame is the floor frame and every category can be asked. */
    FLOOR,
    /**
     * The up direction is known (given by the data set, or estimated from horizontal surfaces) but no
     * floor: the up frame is turned to gravity with its origin at the camera; heights, tall/short,
     * above/below and vertical distances can be asked, heights above the floor (elevation) cannot.
     */
    UP_ONLY,
    /** Neither: the up frame is camera up, and no question that needs up or a floor is asked. */
    NONE;

    /** Whether the up direction is known (state {@link #FLOOR} or {@link #UP_ONLY}). */
    public boolean hasUp() {
        return this != NONE;
    }

    /** The lower-case id used in outputs, e.g. {@code up_only}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state with id {@code id} (as written by {@link #id()}). */
    public static FloorState fromId(String id) {
        for (FloorState s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown floor state: '" + id + "' (expected floor, up_only or none)");
    }
}
