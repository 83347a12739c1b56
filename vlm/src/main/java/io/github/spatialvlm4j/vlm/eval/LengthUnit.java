package io.github.spatialvlm4j.vlm.eval;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A unit of length that a question may ask its answer in, with its size in meters. */
public enum LengthUnit {
    MILLIMETER(0.001, "mm"),
    CENTIMETER(0.01, "cm"),
    METER(1, "m"),
    KILOMETER(1000, "km"),
    INCH(AnswerParser.INCH, "in"),
    FOOT(AnswerParser.FOOT, "ft"),
    YARD(AnswerParser.YARD, "yd"),
    MILE(AnswerParser.MILE, "mi");

    private static final Pattern ASKED = Pattern.compile("\\b(?:in|measured in)\\s+(millimet(?:er|re)s|"
            + "centimet(?:er|re)s|met(?:er|re)s|kilomet(?:er|re)s|inches|feet|yards|miles)\\b(?!\\s*squared)");

    private final double meters;
    private final String symbol;

    LengthUnit(double meters, String symbol) {
        this.meters = meters;
        this.symbol = symbol;
    }

    /** Meters per unit. */
    public double meters() {
        return meters;
    }

    /** The short symbol: "mm", "cm", "m", "km", "in", "ft", "yd", "mi". */
    public String symbol() {
        return symbol;
    }

    /**
     * The unit a question asks its answer in, when it says so the way VSI-Bench's questions do: "...
     * (in meters)?", "... measured in centimeters?". Square units ("in square meters") are areas,
     * not lengths, and give none.
     *
     * @param question the question text
     * @return the unit, or empty when the question names none
     */
    public static Optional<LengthUnit> askedIn(String question) {
        Matcher m = ASKED.matcher(question.toLowerCase(Locale.ROOT).replace("square ", "square_"));
        if (!m.find()) {
            return Optional.empty();
        }
        String w = m.group(1);
        if (w.startsWith("milli")) {
            return Optional.of(MILLIMETER);
        }
        if (w.startsWith("centi")) {
            return Optional.of(CENTIMETER);
        }
        if (w.startsWith("kilo")) {
            return Optional.of(KILOMETER);
        }
        if (w.startsWith("met")) {
            return Optional.of(METER);
        }
        return Optional.of(switch (w) {
            case "inches" -> INCH;
            case "feet" -> FOOT;
            case "yards" -> YARD;
            default -> MILE;
        });
    }
}
