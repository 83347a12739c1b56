package io.github.spatialvlm4j.vlm.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What {@link AnswerParser} understood in a free-text answer.
 *
 * @param kind what was found
 * @param value the number read, present when the kind carries one: meters for {@code LENGTH}, square
 *     meters for {@code AREA}, a count for {@code COUNT}, an hour in (0, 12] for {@code CLOCK}
 * @param yes the polarity, present when {@code kind == YES_NO}
 * @param choice the index of the chosen option (0-based, into the options given to the parser),
 *     present when {@code kind == CHOICE}
 * @param understood a short human-readable account of the reading, e.g.
 *     {@code "'5 ft 3 in' = 1.6002 m"}; never empty
 * @param confidence how sure the reading is, in [0, 1]: 1 for an unambiguous reading, lower when
 *     a unit was assumed, several candidates were present, or a match was partial; 0 for NONE
 * @param notes remarks about the reading ("approximate", "range: geometric mean", "no unit:
 *     assumed meters", ...), possibly empty
 */
public record ParsedAnswer(Kind kind, OptionalDouble value, Optional<Boolean> yes, OptionalInt choice,
        String understood, double confidence, List<String> notes) {

    /** The kind of reading. */
    public enum Kind {
        /** A length: {@link #value()} is in meters. */
        LENGTH,
        /** An area: {@link #value()} is in square meters. */
        AREA,
        /** A count of things: {@link #value()} is the number said, &gt;= 0 (whole unless the answer says "2.5"). */
        COUNT,
        /** A clock direction ("at 2 o'clock"): {@link #value()} is the hour in (0, 12] (12 = ahead; "1:30" = 1.5). */
        CLOCK,
        /** A yes or a no: {@link #yes()} is present. */
        YES_NO,
        /** One of the offered options: {@link #choice()} is present. */
        CHOICE,
        /** The answer declines to decide ("I'm not sure"). */
        UNCERTAIN,
        /**
         * An answer of the expected kind that cannot be used: a negative length, a number too large to
         * represent; {@link #understood()} says why. Scored as wrong, and reported apart.
         */
        INVALID,
        /** Nothing of the expected kind was found; {@link #understood()} says what was looked for. */
        NONE;

        /** Whether a reading of this kind carries {@link #value()}. */
        public boolean hasValue() {
            return this == LENGTH || this == AREA || this == COUNT || this == CLOCK;
        }
    }

    public ParsedAnswer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(yes, "yes");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(understood, "understood");
        notes = List.copyOf(notes);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("Invalid confidence: " + confidence + " (must be in [0, 1])");
        }
        if (value.isPresent() != kind.hasValue() || yes.isPresent() != (kind == Kind.YES_NO)
                || choice.isPresent() != (kind == Kind.CHOICE)) {
            throw new IllegalArgumentException("Kind " + kind + " does not match the values present: value="
                    + value + ", yes=" + yes + ", choice=" + choice);
        }
        if (value.isPresent()) {
            double v = value.getAsDouble();
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("Invalid " + kind + " value: " + v + " (must be finite, >= 0)");
            }
            if (kind == Kind.CLOCK && !(v > 0 && v <= 12)) {
                throw new IllegalArgumentException("Invalid clock hour: " + v + " (must be in (0, 12])");
            }
        }
    }

    /** The length in meters, present when {@code kind == LENGTH}. */
    public OptionalDouble meters() {
        return kind == Kind.LENGTH ? value : OptionalDouble.empty();
    }

    /** A length reading. */
    public static ParsedAnswer length(double meters, String understood, double confidence, List<String> notes) {
        return number(Kind.LENGTH, meters, understood, confidence, notes);
    }

    /** A reading of a number of {@code kind} ({@link Kind#hasValue()}). */
    public static ParsedAnswer number(Kind kind, double value, String understood, double confidence,
            List<String> notes) {
        return new ParsedAnswer(kind, OptionalDouble.of(value), Optional.empty(), OptionalInt.empty(), understood,
                confidence, notes);
    }

    /** A yes/no reading. */
    public static ParsedAnswer yesNo(boolean yes, String understood, double confidence, List<String> notes) {
        return new ParsedAnswer(Kind.YES_NO, OptionalDouble.empty(), Optional.of(yes), OptionalInt.empty(),
                understood, confidence, notes);
    }

    /** A choice reading: option {@code index} (0-based). */
    public static ParsedAnswer choice(int index, String understood, double confidence, List<String> notes) {
        return new ParsedAnswer(Kind.CHOICE, OptionalDouble.empty(), Optional.empty(), OptionalInt.of(index),
                understood, confidence, notes);
    }

    /** An answer that declines to decide. */
    public static ParsedAnswer uncertain(String understood) {
        return new ParsedAnswer(Kind.UNCERTAIN, OptionalDouble.empty(), Optional.empty(), OptionalInt.empty(),
                understood, 1, List.of());
    }

    /** Nothing found; {@code why} says what was looked for. */
    public static ParsedAnswer none(String why) {
        return new ParsedAnswer(Kind.NONE, OptionalDouble.empty(), Optional.empty(), OptionalInt.empty(), why, 0,
                List.of());
    }

    /** An answer that cannot be used; {@code why} names the bad value ("negative length: '-5 meters'"). */
    public static ParsedAnswer invalid(String why) {
        return new ParsedAnswer(Kind.INVALID, OptionalDouble.empty(), Optional.empty(), OptionalInt.empty(), why, 0,
                List.of());
    }
}
