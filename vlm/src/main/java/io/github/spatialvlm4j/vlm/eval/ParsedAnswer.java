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
 * @param meters the length in meters, present when {@code kind == LENGTH}
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
public record ParsedAnswer(Kind kind, OptionalDouble meters, Optional<Boolean> yes, OptionalInt choice,
        String understood, double confidence, List<String> notes) {

    /** The kind of reading. */
    public enum Kind {
        /** A length: {@link #meters()} is present. */
        LENGTH,
        /** A yes or a no: {@link #yes()} is present. */
        YES_NO,
        /** One of the offered options: {@link #choice()} is present. */
        CHOICE,
        /** The answer declines to decide ("I'm not sure"). */
        UNCERTAIN,
        /** Nothing of the expected kind was found. */
        NONE
    }

    public ParsedAnswer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(yes, "yes");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(understood, "understood");
        notes = List.copyOf(notes);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("Invalid confidence: " + confidence + " (must be in [0, 1])");
        }
        if (meters.isPresent() != (kind == Kind.LENGTH) || yes.isPresent() != (kind == Kind.YES_NO)
                || choice.isPresent() != (kind == Kind.CHOICE)) {
            throw new IllegalArgumentException("Kind " + kind + " does not match the values present: meters="
                    + meters + ", yes=" + yes + ", choice=" + choice);
        }
        if (meters.isPresent() && !(meters.getAsDouble() >= 0 && Double.isFinite(meters.getAsDouble()))) {
            throw new IllegalArgumentException("Invalid meters: " + meters.getAsDouble() + " (must be finite, >= 0)");
        }
    }

    /** A length reading. */
    public static ParsedAnswer length(double meters, String understood, double confidence, List<String> notes) {
        return new ParsedAnswer(Kind.LENGTH, OptionalDouble.of(meters), Optional.empty(), OptionalInt.empty(),
                understood, confidence, notes);
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
}
