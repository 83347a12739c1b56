package io.github.spatialvlm4j.vlm.eval;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One answer read and compared with its truth.
 *
 * @param item the question
 * @param answer the model's answer text
 * @param parsed what the parser understood
 * @param correct for qualitative questions: the reading equals the truth (a refusal or an unread
 *     answer is wrong); always false for lengths and undecided truths
 * @param ratio for lengths with a number read: predicted / true meters (for a true length of 0:
 *     1 when the prediction is 0 too, else positive infinity); empty otherwise
 */
public record ScoredAnswer(EvalItem item, String answer, ParsedAnswer parsed, boolean correct, OptionalDouble ratio) {
    public ScoredAnswer {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(parsed, "parsed");
        Objects.requireNonNull(ratio, "ratio");
    }

    /** Whether this question is scored at all (its truth is not {@link Truth.Undecided}). */
    public boolean scored() {
        return !(item.truth() instanceof Truth.Undecided);
    }

    /** Whether this is a scored length question. */
    public boolean metric() {
        return item.truth() instanceof Truth.Length;
    }

    /** Whether a number was read from the answer to a length question. */
    public boolean hasNumber() {
        return ratio.isPresent();
    }

    /**
     * |predicted - true| / true for a length question with a number and a true length &gt; 0; empty
     * otherwise.
     */
    public OptionalDouble relativeError() {
        if (ratio.isEmpty() || !(item.truth() instanceof Truth.Length l) || !(l.meters() > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.abs(ratio.getAsDouble() - 1));
    }

    /**
     * Reads {@code answer} with the parser the truth calls for and scores it.
     *
     * @param item the question and its truth
     * @param answer the model's answer
     */
    public static ScoredAnswer score(EvalItem item, String answer) {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(answer, "answer");
        Truth t = item.truth();
        if (t instanceof Truth.YesNo y) {
            ParsedAnswer p = AnswerParser.parseYesNo(answer);
            boolean ok = p.yes().isPresent() && p.yes().get() == y.yes();
            return new ScoredAnswer(item, answer, p, ok, OptionalDouble.empty());
        }
        if (t instanceof Truth.Choice c) {
            ParsedAnswer p = AnswerParser.parseChoice(answer, c.options());
            boolean ok = p.choice().isPresent() && p.choice().getAsInt() == c.index();
            return new ScoredAnswer(item, answer, p, ok, OptionalDouble.empty());
        }
        if (t instanceof Truth.Length l) {
            ParsedAnswer p = AnswerParser.parseLength(answer);
            if (p.meters().isEmpty()) {
                return new ScoredAnswer(item, answer, p, false, OptionalDouble.empty());
            }
            double pred = p.meters().getAsDouble();
            double ratio = l.meters() > 0 ? pred / l.meters() : (pred == 0 ? 1 : Double.POSITIVE_INFINITY);
            return new ScoredAnswer(item, answer, p, false, OptionalDouble.of(ratio));
        }
        return new ScoredAnswer(item, answer, AnswerParser.parseLength(answer).kind() == ParsedAnswer.Kind.UNCERTAIN
                ? ParsedAnswer.uncertain("refusal") : ParsedAnswer.none("truth undecided: not scored"), false,
                OptionalDouble.empty());
    }
}
