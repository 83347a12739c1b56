package io.github.spatialvlm4j.vlm.model;

import java.util.List;

/** Alternatives in a message, e.g. the model families a folder may hold: "a", "a or b", "a, b or c". */
public final class Alternatives {

    private Alternatives() {
    }

    /**
     * The items joined with commas, the last with "or".
     *
     * @throws IllegalArgumentException for an empty list
     */
    public static String or(List<String> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("No alternatives to list");
        }
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
