package io.github.spatialvlm4j.vlm.eval;

import java.util.List;

/** The ground-truth answer to one evaluation question. */
public sealed interface Truth {

    /** Whether the question is scored by accuracy (yes/no, choice) rather than by a length. */
    default boolean qualitative() {
        return !(this instanceof Length);
    }

    /** A yes/no question whose answer is {@code yes}. */
    record YesNo(boolean yes) implements Truth {
    }

    /**
     * A question whose answer is one of {@code options}: object captions ("the red chair"), relation
     * words ("left", "in front") or multiple-choice texts.
     *
     * @param index the 0-based index of the right option
     * @param options the options, at least two, none blank
     */
    record Choice(int index, List<String> options) implements Truth {
        public Choice {
            options = List.copyOf(options);
            if (options.size() < 2) {
                throw new IllegalArgumentException("Invalid options: " + options + " (need at least two)");
            }
            for (String o : options) {
                if (o.isBlank()) {
                    throw new IllegalArgumentException("Invalid option: blank in " + options);
                }
            }
            if (index < 0 || index >= options.size()) {
                throw new IllegalArgumentException("Invalid choice index: " + index + " (must be in [0, "
                        + options.size() + "))");
            }
        }
    }

    /** A metric question whose answer is {@code meters}, finite and &gt;= 0. */
    record Length(double meters) implements Truth {
        public Length {
            if (!(meters >= 0) || !Double.isFinite(meters)) {
                throw new IllegalArgumentException("Invalid length: " + meters + " (meters, must be finite, >= 0)");
            }
        }
    }

    /**
     * A question whose true answer is too close to call (our generator then answers with a phrase of
     * uncertainty): not scored, counted apart.
     */
    record Undecided() implements Truth {
    }
}
