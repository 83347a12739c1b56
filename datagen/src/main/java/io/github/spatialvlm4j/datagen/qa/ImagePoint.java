package io.github.spatialvlm4j.datagen.qa;

import java.util.Objects;

/**
 * A marked pixel that a question points at ("point A"), drawn on the frame's marked image.
 *
 * @param label the mark's label, one or two capital letters ("A", "B", ...)
 * @param u column, pixels, &gt;= 0 (the pixel's centre is at {@code u + 0.5})
 * @param v row, pixels, &gt;= 0
 */
public record ImagePoint(String label, int u, int v) {
    public ImagePoint {
        Objects.requireNonNull(label, "label");
        if (!label.matches("[A-Z]{1,2}")) {
            throw new IllegalArgumentException("Invalid point label: '" + label + "' (one or two capital letters)");
        }
        if (u < 0 || v < 0) {
            throw new IllegalArgumentException("Invalid point (" + u + ", " + v + ") for " + label
                    + " (pixels, must be >= 0)");
        }
    }

    /** The label of the {@code index}-th point of a frame: A..Z, then AA, AB, ... */
    public static String label(int index) {
        if (index < 0 || index >= 26 * 27) {
            throw new IllegalArgumentException("Invalid point index: " + index + " (must be in [0, " + 26 * 27 + "))");
        }
        return index < 26 ? String.valueOf((char) ('A' + index))
                : "" + (char) ('A' + index / 26 - 1) + (char) ('A' + index % 26);
    }
}
