package io.github.spatialvlm4j.datagen.qa;

import java.util.Locale;

/**
 * How questions name objects.
 * <ul>
 * <li>{@link #CAPTION}: by caption ("the red chair"), made unambiguous by {@link Ambiguity} and kept from
 *     contradicting the answer by {@link CaptionConsistency};</li>
 * <li>{@link #REGION}: "Region [0]", "Region [1]", ... in the order the frame's questions first name the
 *     objects (SpatialRGPT): the record lists the objects' masks in that order;</li>
 * <li>{@link #MARKS}: "[1]", "[2]", ... the numbers drawn on a marked copy of the image (Set-of-Marks):
 *     object k of the record's objects carries mark k + 1.</li>
 * </ul>
 */
public enum ReferStyle {
    CAPTION, REGION, MARKS;

    /** The lower-case id used on the command line and in outputs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The style with id {@code id}. */
    public static ReferStyle fromId(String id) {
        for (ReferStyle s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown reference style: '" + id + "' (expected caption, region or marks)");
    }

    /** The name of the object at {@code index} in the region order: "Region [index]". */
    public static String regionName(int index) {
        return "Region [" + index + "]";
    }

    /** The name of the object with mark {@code mark} (1-based): "[mark]". */
    public static String markName(int mark) {
        return "[" + mark + "]";
    }

    /** The name of the marked point labelled {@code label}: "point A". */
    public static String pointName(String label) {
        return "point " + label;
    }
}
