package io.github.spatialvlm4j.vlm.eval;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One answer read and compared with its truth. A question the model left unanswered is scored too
 * ({@link #missing(EvalItem)}): as wrong, so that leaving out hard questions cannot raise a score.
 *
 * @param item the question
 * @param answer the model's answer text ("" when missing)
 * @param parsed what the parser understood
 * @param missing whether there was no answer to read
 */
public record ScoredAnswer(EvalItem item, String answer, ParsedAnswer parsed, boolean missing) {

    public ScoredAnswer {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(parsed, "parsed");
    }

    /** Whether this question is scored at all (its truth is not {@link Truth.Undecided}). */
    public boolean scored() {
        return !(item.truth() instanceof Truth.Undecided);
    }

    /** Whether this is a scored numeric question (length, area, count). */
    public boolean metric() {
        return item.truth().numeric();
    }

    /** Whether the answer holds a number of the kind asked that cannot be used (negative, too large). */
    public boolean invalid() {
        return parsed.kind() == ParsedAnswer.Kind.INVALID;
    }

    /**
     * For qualitative questions: the reading equals the truth (for a clock, within the truth's
     * tolerance); a refusal, an unread or a missing answer is wrong. Always false for numeric and
     * undecided truths.
     */
    public boolean correct() {
        Truth t = item.truth();
        if (t instanceof Truth.YesNo y) {
            return parsed.yes().isPresent() && parsed.yes().get() == y.yes();
        }
        if (t instanceof Truth.Choice c) {
            return parsed.choice().isPresent() && parsed.choice().getAsInt() == c.index();
        }
        if (t instanceof Truth.Clock c) {
            return clockError().isPresent() && clockError().getAsDouble() <= c.toleranceHours();
        }
        return false;
    }

    /** For a clock question with an hour read: the error around the dial, in hours in [0, 6]. */
    public OptionalDouble clockError() {
        if (!(item.truth() instanceof Truth.Clock c) || parsed.kind() != ParsedAnswer.Kind.CLOCK) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Truth.Clock.distance(parsed.value().getAsDouble(), c.hour()));
    }

    /**
     * For numeric questions with a number read: the number, in the truth's unit (meters, square
     * meters, a count); empty otherwise.
     */
    public OptionalDouble predicted() {
        Truth t = item.truth();
        ParsedAnswer.Kind want = t instanceof Truth.Length ? ParsedAnswer.Kind.LENGTH
                : t instanceof Truth.Area ? ParsedAnswer.Kind.AREA
                : t instanceof Truth.Count ? ParsedAnswer.Kind.COUNT : null;
        return parsed.kind() == want ? parsed.value() : OptionalDouble.empty();
    }

    /**
     * For numeric questions with a number read: predicted / true (for a true value of 0: 1 when the
     * prediction is 0 too, else positive infinity); empty otherwise.
     */
    public OptionalDouble ratio() {
        if (predicted().isEmpty()) {
            return OptionalDouble.empty();
        }
        double pred = predicted().getAsDouble();
        double truth = item.truth().number().getAsDouble();
        return OptionalDouble.of(truth > 0 ? pred / truth : (pred == 0 ? 1 : Double.POSITIVE_INFINITY));
    }

    /** Whether a number was read from the answer to a numeric question. */
    public boolean hasNumber() {
        return predicted().isPresent();
    }

    /**
     * |predicted - true| / true for a numeric question with a number and a true value &gt; 0; empty
     * otherwise.
     */
    public OptionalDouble relativeError() {
        OptionalDouble truth = item.truth().number();
        if (predicted().isEmpty() || !(truth.getAsDouble() > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.abs(predicted().getAsDouble() - truth.getAsDouble()) / truth.getAsDouble());
    }

    /**
     * VSI-Bench's Mean Relative Accuracy of a numeric answer ({@link EvalMetrics#meanRelativeAccuracy}):
     * 0 without a number; for a true value of 0, 1 when the prediction is 0 too, else 0. Empty for
     * questions that are not numeric.
     */
    public OptionalDouble meanRelativeAccuracy() {
        if (!metric()) {
            return OptionalDouble.empty();
        }
        if (predicted().isEmpty()) {
            return OptionalDouble.of(0);
        }
        double truth = item.truth().number().getAsDouble();
        double pred = predicted().getAsDouble();
        if (!(truth > 0)) {
            return OptionalDouble.of(pred == 0 ? 1 : 0);
        }
        return OptionalDouble.of(EvalMetrics.meanRelativeAccuracy(pred, truth));
    }

    /** A question without an answer: scored, and wrong. */
    public static ScoredAnswer missing(EvalItem item) {
        return new ScoredAnswer(item, "", ParsedAnswer.none("no prediction for this question"), true);
    }

    /**
     * Reads {@code answer} with the parser the truth calls for and scores it. Never throws for any
     * answer text.
     *
     * @param item the question and its truth
     * @param answer the model's answer
     */
    public static ScoredAnswer score(EvalItem item, String answer) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(answer, "answer");
        Truth t = item.truth();
        ParsedAnswer p;
        if (t instanceof Truth.YesNo) {
            p = AnswerParser.parseYesNo(answer, item.question());
        } else if (t instanceof Truth.Choice c) {
            p = AnswerParser.parseChoice(answer, c.options(), item.question());
        } else if (t instanceof Truth.Clock) {
            p = AnswerParser.parseClock(answer);
        } else if (t instanceof Truth.Length l) {
            p = l.askedUnit().isPresent() ? AnswerParser.parseLength(answer, l.askedUnit().get())
                    : AnswerParser.parseLength(answer);
        } else if (t instanceof Truth.Area) {
            p = AnswerParser.parseArea(answer);
        } else if (t instanceof Truth.Count) {
            p = AnswerParser.parseCount(answer);
        } else {
            p = AnswerParser.parseLength(answer).kind() == ParsedAnswer.Kind.UNCERTAIN
                    ? ParsedAnswer.uncertain("refusal") : ParsedAnswer.none("truth undecided: not scored");
        }
        return new ScoredAnswer(item, answer, p, false);
    }
}
