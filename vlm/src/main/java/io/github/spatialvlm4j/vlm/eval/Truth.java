package io.github.spatialvlm4j.vlm.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The ground-truth answer to one evaluation question. Yes/no, choice and clock truths are scored
 * right or wrong ({@link #qualitative()}); length, area and count truths are scored by how far the
 * number read from the answer is from them ({@link #numeric()}).
 */
public sealed interface Truth {

    /** Whether the question is scored right or wrong (yes/no, choice, clock) rather than by a number. */
    default boolean qualitative() {
        return this instanceof YesNo || this instanceof Choice || this instanceof Clock;
    }

    /** Whether the question is scored by the number read from the answer (length, area, count). */
    default boolean numeric() {
        return this instanceof Length || this instanceof Area || this instanceof Count;
    }

    /**
     * The true number of a numeric truth: meters for a length, square meters for an area, the count
     * for a count; empty for the others.
     */
    default OptionalDouble number() {
        if (this instanceof Length l) {
            return OptionalDouble.of(l.meters());
        }
        if (this instanceof Area a) {
            return OptionalDouble.of(a.squareMeters());
        }
        if (this instanceof Count c) {
            return OptionalDouble.of(c.count());
        }
        return OptionalDouble.empty();
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

    /**
     * A metric question whose answer is {@code meters}.
     *
     * @param meters the true length, finite and &gt;= 0
     * @param askedUnit the unit the question asks its answer in, if it names one ("... (in
     *     centimeters)?"): an answer that gives a number without a unit is read in it; otherwise such
     *     a number is read as meters, with low confidence
     */
    record Length(double meters, Optional<LengthUnit> askedUnit) implements Truth {
        public Length {
            if (!(meters >= 0) || !Double.isFinite(meters)) {
                throw new IllegalArgumentException("Invalid length: " + meters + " (meters, must be finite, >= 0)");
            }
            Objects.requireNonNull(askedUnit, "askedUnit");
        }

        /** A length whose question names no unit. */
        public Length(double meters) {
            this(meters, Optional.empty());
        }
    }

    /**
     * A question whose answer is an area ("What is the size of this room (in square meters)?").
     *
     * @param squareMeters the true area, finite and &gt;= 0; an answer without a unit is read in
     *     square meters
     */
    record Area(double squareMeters) implements Truth {
        public Area {
            if (!(squareMeters >= 0) || !Double.isFinite(squareMeters)) {
                throw new IllegalArgumentException("Invalid area: " + squareMeters
                        + " (square meters, must be finite, >= 0)");
            }
        }
    }

    /** A question whose answer is a number of things ("How many chairs are in this room?"), &gt;= 0. */
    record Count(long count) implements Truth {
        public Count {
            if (count < 0) {
                throw new IllegalArgumentException("Invalid count: " + count + " (must be >= 0)");
            }
        }
    }

    /**
     * A direction given as a clock position seen from above, 12 o'clock straight ahead (SpatialRGPT-Bench's
     * "direction" questions). An answer is right within {@code toleranceHours} around the dial.
     *
     * @param hour the true hour, 1 to 12
     * @param toleranceHours the largest error counted right, in hours, in [0, 6]; SpatialRGPT-Bench
     *     counts one hour off as right
     */
    record Clock(int hour, int toleranceHours) implements Truth {
        /** SpatialRGPT-Bench's tolerance: one hour either way. */
        public static final int SPATIALRGPT_TOLERANCE = 1;

        public Clock {
            if (hour < 1 || hour > 12) {
                throw new IllegalArgumentException("Invalid clock hour: " + hour + " (must be in [1, 12])");
            }
            if (toleranceHours < 0 || toleranceHours > 6) {
                throw new IllegalArgumentException("Invalid clock tolerance: " + toleranceHours
                        + " hours (must be in [0, 6])");
            }
        }

        /** The distance between two hours around the dial, in [0, 6] hours. */
        public static double distance(double hourA, double hourB) {
            double d = Math.abs(hourA - hourB) % 12;
            return Math.min(d, 12 - d);
        }
    }

    /**
     * A question whose true answer is too close to call (our generator then answers with a phrase of
     * uncertainty): not scored, counted apart.
     */
    record Undecided() implements Truth {
    }
}
