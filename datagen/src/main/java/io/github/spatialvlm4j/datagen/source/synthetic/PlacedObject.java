package io.github.spatialvlm4j.datagen.source.synthetic;

import java.util.Objects;

/**
 * One object of a synthetic scene: its solid (world frame), its palette colour and the shape noun its
 * caption ends with.
 *
 * @param solid the geometry, world frame, meters
 * @param color the palette colour
 * @param noun the shape noun, one lower-case word (e.g. "box", "cylinder", "ball")
 */
public record PlacedObject(Solid solid, NamedColor color, String noun) {

    public PlacedObject {
        Objects.requireNonNull(solid, "solid");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(noun, "noun");
        if (!noun.matches("[a-z]+")) {
            throw new IllegalArgumentException("Invalid noun: \"" + noun + "\" (must be one lower-case word)");
        }
    }

    /** An object with the default noun of its shape: "box", "cylinder" or "ball". */
    public static PlacedObject of(Solid solid, NamedColor color) {
        String noun = solid instanceof Solid.Box ? "box" : solid instanceof Solid.Cylinder ? "cylinder" : "ball";
        return new PlacedObject(solid, color, noun);
    }
}
