package io.github.spatialvlm4j.vlm.clip;

import java.util.List;

/**
 * The text prompts of the semantic image filter (docs/ARCHITECTURE.md, "Data flow"): an image is
 * kept when its closest prompt is a positive one.
 *
 * @param positive prompts describing images to keep, at least one
 * @param negative prompts describing images to drop, at least one
 */
public record FilterPrompts(List<String> positive, List<String> negative) {
    public FilterPrompts {
        positive = List.copyOf(positive);
        negative = List.copyOf(negative);
        if (positive.isEmpty() || negative.isEmpty()) {
            throw new IllegalArgumentException("Filter prompts need at least one positive and one negative prompt, got "
                    + positive.size() + " and " + negative.size());
        }
        for (String p : positive) {
            requireText(p);
        }
        for (String n : negative) {
            requireText(n);
        }
    }

    private static void requireText(String s) {
        if (s.isBlank()) {
            throw new IllegalArgumentException("Filter prompt is blank");
        }
    }

    /**
     * SpatialVLM's filter in our own words: ordinary phone snapshots of indoor or outdoor
     * scenes are kept (their field of view is also what metric depth models expect); close-ups,
     * product shots, art, user interfaces, text and drawings are dropped.
     */
    public static FilterPrompts spatialVlm() {
        return new FilterPrompts(
                List.of("a casual smartphone picture taken inside a room",
                        "a casual smartphone picture of a street, park or landscape outside"),
                List.of("a macro close-up of one single object",
                        "a catalogue product shot on an empty white backdrop",
                        "an artwork or illustration",
                        "a painting on canvas",
                        "a screen capture of an app or website interface",
                        "a page of written or printed text",
                        "a rough pencil drawing"));
    }

    /** All prompts, positives first. */
    public List<String> all() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(positive);
        out.addAll(negative);
        return out;
    }
}
