package io.github.spatialvlm4j.vlm.eval;

import static io.github.spatialvlm4j.vlm.eval.AnswerTokens.bracketed;
import static io.github.spatialvlm4j.vlm.eval.AnswerTokens.is;
import static io.github.spatialvlm4j.vlm.eval.AnswerTokens.isAny;
import static io.github.spatialvlm4j.vlm.eval.AnswerTokens.negative;
import static io.github.spatialvlm4j.vlm.eval.AnswerTokens.readNumber;
import static io.github.spatialvlm4j.vlm.eval.AnswerTokens.span;
import static io.github.spatialvlm4j.vlm.eval.AnswerTokens.tokenize;

import io.github.spatialvlm4j.vlm.eval.AnswerTokens.Num;
import io.github.spatialvlm4j.vlm.eval.AnswerTokens.Tok;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads free-text answers of a vision-language model: lengths, areas and counts, clock directions,
 * yes/no, the choice among named options, and refusals ("I'm not sure"). Every reading says what it
 * understood ({@link ParsedAnswer#understood()}) and how sure it is. The readers are total: whatever
 * the text, they return a reading and never throw (a number too large to represent or a negative
 * length is an {@link ParsedAnswer.Kind#INVALID} reading saying so).
 *
 * <p><b>Verbose answers.</b> When an answer states its conclusion after a marker ("Answer: Yes",
 * "the answer is (B)", "Final answer: 2 m"), the text after the last marker is read first, and the
 * whole answer only when that part holds nothing of the kind wanted.
 *
 * <p><b>Lengths</b> ({@link #parseLength(String)}): digits or number words ("two", "twenty-five",
 * "one point five", "1/2", "1 1/2") followed by a unit: mm, cm, m, km, in ({@code "}), ft
 * ({@code '}), yd, mi, spelled out or abbreviated, in either spelling (meter/metre). Word forms:
 * "half a meter", "a meter and a half", "one and a half feet", "a quarter of a mile", "three quarters
 * of a meter", "a couple of meters", "a foot". Mixed units add up when the second is smaller: "5 ft 3
 * in", "5'3\"", "1 meter 20 centimeters", "5 foot 3". Ranges ("1-2 m", "1 to 2 meters", "between 1
 * and 2 meters", "1 m or 2 m") give the geometric mean of their ends; an end without a unit takes the
 * other end's. "less than a(n) UNIT" counts as half a unit (the convention of our own rounded answers:
 * "less than a centimeter" is 0.5 cm). Hedges ("about", "roughly", "~") and bounds ("more than",
 * "at most") are noted but do not change the value. When several lengths appear the first is used
 * (noted, confidence 0.7); a bare number without unit is read in the unit the question asks for
 * ({@link #parseLength(String, LengthUnit)}, confidence 0.9) or else as meters (noted, confidence
 * 0.5). Numbers counting something else ("300 pixels", "45 degrees", "50%") and region indices
 * ("Region [0]") are not lengths. A minus sign ("-5 meters") makes the reading INVALID: a length cannot
 * be negative, and reading 5 m would hide the model's error.
 *
 * <p><b>Areas</b> ({@link #parseArea}): "25 square meters", "25 m²", "25 m2", "25 sq ft", "5 by 4
 * meters", "5 m x 4 m"; a bare number is square meters. <b>Counts</b> ({@link #parseCount}): the
 * first number, in digits or words; "none", "no chairs" and "zero" are 0. <b>Clock directions</b>
 * ({@link #parseClock}): "at 2 o'clock", "two o'clock", "the 10 o'clock direction", "1:30".
 *
 * <p><b>Yes/no</b> ({@link #parseYesNo(String, String)}): a leading yes/no word wins ("Yes", "No.",
 * "Correct, ...", "Incorrect, ...", "Indeed, ...", "That is False."); otherwise the first "yes"/"no"
 * anywhere; otherwise, given the question, the relation the answer states against the one the
 * question asks about ("In fact, Region [0] might be wider than Region [1]." answers "Is Region [0]
 * thinner than Region [1]?" with a no); otherwise a contrastive opening ("Actually, ...", "In fact,
 * ...") or a negation ("is not", "isn't") reads as no and a short plain statement (up to
 * 12 words, "It is.") as yes, with low confidence. Options repeated before the
 * answer ("* Yes\n* No\n\nAnswer: No") are skipped; an answer that is itself a question is not read.
 *
 * <p><b>Choices</b> ({@link #parseChoice(String, List, String)}): letters ("(B)", "B.", "option b"),
 * then the option text itself (longest match, earliest mention; relation words also match common
 * synonyms: "closer" for "in front", "larger" for "bigger"; "point B" names the option that holds the
 * letter B), then a partial match on words that only one option has ("the red one" for "red chair"
 * against "blue chair"). Given the question, a statement about either of two options is read by its
 * relation: "Region [1] is lower" answers "Who is higher up, Region [0] or Region [1]?" with Region
 * [0]. Yes/no options are read as yes/no.
 *
 * <p>Refusals ("not sure", "can't tell", "hard to say", "unclear", "I can't assist with that", ...)
 * are recognised by every method before anything else and read as {@link ParsedAnswer.Kind#UNCERTAIN}.
 *
 * <p>Cost: linear in the length of the text (times the number of options for choices). Stateless and
 * thread-safe.
 *
 * <p>Why one class of this size: the readers share the marker, refusal and hedge handling and the
 * unit and word tables, and they fall back on one another (a choice among yes/no options is read as
 * a yes/no, a hedged refusal is re-read as a number), so the rules of how an answer is read stay in
 * one file; tokenising is already apart in {@link AnswerTokens} and relation words in
 * {@link Relations}.
 */
public final class AnswerParser {

    /** Meters per inch. */
    public static final double INCH = 0.0254;
    /** Meters per foot. */
    public static final double FOOT = 0.3048;
    /** Meters per yard. */
    public static final double YARD = 0.9144;
    /** Meters per mile. */
    public static final double MILE = 1609.344;

    /** The spellings of each unit of length. */
    private static final Map<String, LengthUnit> UNITS = Map.ofEntries(
            Map.entry("mm", LengthUnit.MILLIMETER), Map.entry("millimeter", LengthUnit.MILLIMETER),
            Map.entry("millimeters", LengthUnit.MILLIMETER), Map.entry("millimetre", LengthUnit.MILLIMETER),
            Map.entry("millimetres", LengthUnit.MILLIMETER),
            Map.entry("cm", LengthUnit.CENTIMETER), Map.entry("cms", LengthUnit.CENTIMETER),
            Map.entry("centimeter", LengthUnit.CENTIMETER), Map.entry("centimeters", LengthUnit.CENTIMETER),
            Map.entry("centimetre", LengthUnit.CENTIMETER), Map.entry("centimetres", LengthUnit.CENTIMETER),
            Map.entry("m", LengthUnit.METER), Map.entry("meter", LengthUnit.METER),
            Map.entry("meters", LengthUnit.METER), Map.entry("metre", LengthUnit.METER),
            Map.entry("metres", LengthUnit.METER), Map.entry("mtr", LengthUnit.METER), Map.entry("mtrs", LengthUnit.METER),
            Map.entry("km", LengthUnit.KILOMETER), Map.entry("kms", LengthUnit.KILOMETER),
            Map.entry("kilometer", LengthUnit.KILOMETER), Map.entry("kilometers", LengthUnit.KILOMETER),
            Map.entry("kilometre", LengthUnit.KILOMETER), Map.entry("kilometres", LengthUnit.KILOMETER),
            Map.entry("in", LengthUnit.INCH), Map.entry("inch", LengthUnit.INCH), Map.entry("inches", LengthUnit.INCH),
            Map.entry("ft", LengthUnit.FOOT), Map.entry("foot", LengthUnit.FOOT), Map.entry("feet", LengthUnit.FOOT),
            Map.entry("yd", LengthUnit.YARD), Map.entry("yds", LengthUnit.YARD), Map.entry("yard", LengthUnit.YARD),
            Map.entry("yards", LengthUnit.YARD),
            Map.entry("mi", LengthUnit.MILE), Map.entry("mile", LengthUnit.MILE), Map.entry("miles", LengthUnit.MILE));

    /** Words after which a bare "in" is the preposition, not inches. */
    private static final Set<String> IN_PREPOSITION_FOLLOWERS = Set.of("front", "the", "a", "an", "this", "that",
            "its", "each", "total", "length", "width", "height", "diameter", "size", "which", "between", "my",
            "your", "our", "their", "his", "her", "terms", "relation", "comparison");

    /** The most words a plain statement may have to be read as a yes ("It is."). */
    private static final int AFFIRMATIVE_WORDS = 12;

    /** The most words an answer may have for a number without a unit to be read as a length. */
    private static final int BARE_NUMBER_WORDS = 20;

    /** Words after a number that make it count something other than a length, area or hour. */
    private static final Set<String> OTHER_UNITS = Set.of("%", "percent", "pixel", "pixels", "px", "degree",
            "degrees", "deg", "\u00b0", "times", "x", "o", "oclock", "second", "seconds", "minute", "minutes", "hour",
            "hours", "kg", "kilograms", "pound", "pounds", "lb", "lbs", "frame", "frames", "fps", "s", "th", "st",
            "nd", "rd", ":", "/");

    private static final Set<String> HEDGES = Set.of("about", "around", "approximately", "approx", "roughly",
            "nearly", "almost", "circa", "ca", "maybe", "perhaps", "probably", "estimated", "somewhere", "~",
            "some", "close", "like");
    private static final Set<String> UPPER_BOUNDS = Set.of("less", "under", "below", "most", "within", "up");
    private static final Set<String> LOWER_BOUNDS = Set.of("more", "over", "least", "greater", "beyond");

    private static final Pattern UNCERTAIN = Pattern.compile("\\b(not sure|unsure|uncertain|can ?not (tell|say|"
            + "determine|be sure|be certain|judge)|can't (tell|say|determine|be sure|be certain|judge)|"
            + "cannot (tell|say|determine|be sure|be certain|judge)|hard to (say|tell|judge)|"
            + "difficult to (say|tell|judge|determine)|impossible to (say|tell|judge|determine)|unclear|"
            + "don't know|do not know|no idea|could be either|too close to (call|tell)|not possible to (tell|"
            + "say|determine)|unable to (tell|say|determine|judge|assist|help)|it's unclear|i am not certain|"
            + "i'm not certain|not certain|undetermined|undeterminable|unknown|can't (assist|help) with|"
            + "cannot (assist|help) with|can not (assist|help) with|(cannot|can't|can not) be (determined|told|said)|"
            + "(cannot|can't|can not) confirm|failed to (obtain|get|generate|produce))\\b");

    /** A commitment after a refusal: "It is hard to say. However, ...". */
    private static final Pattern OVERRIDE = Pattern.compile(
            "\\b(however|that said|nevertheless|nonetheless|but)\\b[,:]?");

    private static final Set<String> YES_WORDS = Set.of("yes", "yeah", "yep", "yup", "correct", "true",
            "affirmative", "indeed", "certainly", "definitely", "absolutely", "sure", "right");
    private static final Set<String> NO_WORDS = Set.of("no", "nope", "nah", "false", "incorrect", "negative",
            "wrong");
    /** Words skipped before a leading yes/no word: "Well, yes", "That is True.", "It's correct". */
    private static final Set<String> FILLERS = Set.of("well", "um", "uh", "so", "answer", "the", "a", "oh",
            "hmm", "ok", "okay", "short", "final", "that", "this", "it", "is", "s");
    private static final Pattern NEGATION = Pattern.compile("\\b(not|never|neither|nor|isn't|aren't|doesn't|"
            + "don't|wasn't|weren't|isnt|arent|doesnt|dont)\\b");
    /** An opening that contradicts the question: SpatialRGPT-Bench writes its negative statements so. */
    private static final Pattern CONTRASTIVE = Pattern.compile("^\\W*(actually|in fact|on the contrary|rather|"
            + "in reality|quite the opposite)\\b");
    private static final Pattern NO_COUNT = Pattern.compile("\\b(none|no|zero|not any|nothing)\\b");

    private static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "of", "to", "is", "it", "one", "that",
            "this", "and", "or", "with", "in", "on", "at", "by", "more", "most", "than", "object", "thing");

    /** Synonyms of the relation words our classify questions use. */
    private static final Map<String, List<String>> RELATION_SYNONYMS = Map.ofEntries(
            Map.entry("left", List.of("left")), Map.entry("right", List.of("right")),
            Map.entry("above", List.of("above", "higher", "on top", "over")),
            Map.entry("below", List.of("below", "lower", "under", "beneath", "underneath")),
            Map.entry("behind", List.of("behind", "farther", "further", "back", "in back")),
            Map.entry("in front", List.of("in front", "front", "closer", "nearer")),
            Map.entry("taller", List.of("taller")), Map.entry("shorter", List.of("shorter")),
            Map.entry("wider", List.of("wider", "broader")),
            Map.entry("thinner", List.of("thinner", "narrower", "slimmer")),
            Map.entry("bigger", List.of("bigger", "larger")), Map.entry("smaller", List.of("smaller", "tinier")));

    private AnswerParser() {
    }

    /**
     * Reads the line after an answer marker ("Answer:") first, then the whole text; a reading of the
     * whole text that is less than sure gives way to a reading at least as sure of the line after a
     * conclusion marker ("Therefore, ..."). A refusal that the answer overrides ("it's difficult to
     * determine ... However, Region [0] appears to be wider") is read after the override.
     */
    private static ParsedAnswer focused(String text, Function<String, ParsedAnswer> reader) {
        Objects.requireNonNull(text, "text");
        String norm = AnswerTokens.normalize(text);
        String tail = AnswerTokens.afterLast(AnswerTokens.ANSWER_MARKER, norm);
        if (tail != null) {
            ParsedAnswer p = reader.apply(tail);
            if (p.kind() != ParsedAnswer.Kind.NONE) {
                return p;
            }
        }
        ParsedAnswer p = reader.apply(norm);
        if (p.kind() == ParsedAnswer.Kind.UNCERTAIN) {
            Matcher refusal = UNCERTAIN.matcher(norm);
            Matcher override = OVERRIDE.matcher(norm);
            if (refusal.find() && override.find(refusal.end())) {
                ParsedAnswer after = reader.apply(norm.substring(override.end()));
                if (usable(after)) {
                    return withNote(after, "hedged: read after '" + override.group().strip() + "'");
                }
            }
        }
        if (p.confidence() < 1) {
            String conclusion = AnswerTokens.afterLast(AnswerTokens.CONCLUSION_MARKER, norm);
            if (conclusion != null) {
                ParsedAnswer c = reader.apply(conclusion);
                if (usable(c) && (c.confidence() >= p.confidence() || p.kind() == ParsedAnswer.Kind.NONE)) {
                    return withNote(c, "read in the conclusion");
                }
            }
        }
        return p;
    }

    /**
     * A numeric reading of a text that also says it cannot be sure ("Hard to say exactly, but about 2
     * m"): the number stands, noted as hedged; without a number the answer is a refusal.
     */
    private static ParsedAnswer hedged(String norm, Function<String, ParsedAnswer> numberReader) {
        ParsedAnswer p = numberReader.apply(norm);
        if (!refusal(norm)) {
            return p;
        }
        if (p.kind() == ParsedAnswer.Kind.NONE) {
            return ParsedAnswer.uncertain("refusal: " + quote(norm));
        }
        return withNote(p, "hedged: the answer also says it cannot be sure");
    }

    private static boolean usable(ParsedAnswer p) {
        return p.kind() != ParsedAnswer.Kind.NONE && p.kind() != ParsedAnswer.Kind.UNCERTAIN;
    }

    private static ParsedAnswer withNote(ParsedAnswer p, String note) {
        List<String> notes = new ArrayList<>(p.notes());
        notes.add(note);
        return new ParsedAnswer(p.kind(), p.value(), p.yes(), p.choice(), p.understood(), Math.min(p.confidence(), 0.8),
                notes);
    }

    /** The text quoted in a message, cut to 80 characters. */
    private static String quote(String norm) {
        String s = norm.strip().replaceAll("\\s+", " ");
        return "'" + (s.length() <= 80 ? s : s.substring(0, 80) + "...") + "'";
    }

    private static boolean refusal(String norm) {
        return UNCERTAIN.matcher(norm).find();
    }

    /** Whether the number at token {@code i} is followed by a unit of something that is not asked. */
    private static boolean countsSomethingElse(List<Tok> toks, int next) {
        return next < toks.size() && !toks.get(next).isNumber() && OTHER_UNITS.contains(toks.get(next).text());
    }

    private static String fmt(double value) {
        String s = String.format(Locale.ROOT, "%.4f", value);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    // ------------------------------------------------------------------ lengths

    /**
     * Reads a length from a free-text answer (see the class comment for the forms understood); a bare
     * number is read as meters, with confidence 0.5.
     *
     * @param text the answer, any case
     * @return a {@link ParsedAnswer.Kind#LENGTH} reading in meters, {@code UNCERTAIN} for a refusal,
     *     or {@code NONE} when no usable length is present
     */
    public static ParsedAnswer parseLength(String text) {
        return focused(text, norm -> hedged(norm, n -> lengthIn(n, null)));
    }

    /**
     * Reads a length from an answer to a question that asks for its answer in {@code askedUnit}
     * ("... (in centimeters)?"): a bare number is read in that unit, with confidence 0.9.
     *
     * @param text the answer, any case
     * @param askedUnit the unit the question asks for
     */
    public static ParsedAnswer parseLength(String text, LengthUnit askedUnit) {
        Objects.requireNonNull(askedUnit, "askedUnit");
        return focused(text, norm -> hedged(norm, n -> lengthIn(n, askedUnit)));
    }

    private static ParsedAnswer lengthIn(String norm, LengthUnit asked) {
        List<Tok> toks = tokenize(norm);
        List<int[]> candidates = AnswerTokens.candidateLines(norm);
        List<double[]> found = new ArrayList<>(); // {meters, start, end, isRange, lo, hi}
        for (int i = 0; i < toks.size(); i++) {
            if (bracketed(toks, i) || AnswerTokens.within(toks, i, candidates)) {
                continue;
            }
            Quantity[] range = readRange(toks, i);
            if (range != null) {
                double lo = range[0].meters();
                double hi = range[1].meters();
                found.add(new double[] {Double.NaN, range[0].start(), range[1].end(), 1, lo, hi});
                i = range[1].end() - 1;
                continue;
            }
            Quantity q = readQuantity(toks, i);
            if (q != null) {
                double m = q.meters();
                boolean halfUnit = q.article() && is(toks, i - 1, "than") && is(toks, i - 2, "less");
                found.add(new double[] {halfUnit ? m / 2 : m, q.start(), q.end(), halfUnit ? 2 : 0, 0, 0});
                i = q.end() - 1;
            }
        }
        List<String> notes = new ArrayList<>();
        if (found.isEmpty()) {
            return bareLength(norm, toks, candidates, asked);
        }
        double[] f = found.get(0);
        int start = (int) f[1];
        int end = (int) f[2];
        String span = span(norm, toks, start, end);
        double meters;
        double confidence = 1;
        String how;
        if (f[3] == 1) {
            double lo = f[4];
            double hi = f[5];
            if (lo > 0 && hi > 0) {
                meters = Math.sqrt(lo * hi);
                notes.add("range " + fmt(lo) + " m to " + fmt(hi) + " m: geometric mean");
            } else {
                meters = (lo + hi) / 2;
                notes.add("range " + fmt(lo) + " m to " + fmt(hi) + " m with a zero end: arithmetic mean");
            }
            confidence = 0.9;
            how = " (range)";
        } else if (f[3] == 2) {
            meters = f[0];
            notes.add("'less than a unit' counted as half a unit");
            how = "";
        } else {
            meters = f[0];
            how = "";
        }
        if (!Double.isFinite(meters)) {
            return ParsedAnswer.invalid("number out of range: " + quote(span));
        }
        if (negative(toks, start)) {
            return ParsedAnswer.invalid("negative length: " + quote("-" + span) + " (a length cannot be negative)");
        }
        String before = start > 0 ? toks.get(start - 1).text() : "";
        String before2 = start > 1 ? toks.get(start - 2).text() : "";
        if (HEDGES.contains(before) || HEDGES.contains(before2) && !before.equals("than")) {
            notes.add("approximate");
        }
        if (f[3] != 2 && (before.equals("than") && UPPER_BOUNDS.contains(before2) || UPPER_BOUNDS.contains(before)
                && !before.equals("up") || before.equals("to") && before2.equals("up")
                || before.equals("most") && before2.equals("at"))) {
            notes.add("upper bound read as the value");
        } else if (before.equals("than") && LOWER_BOUNDS.contains(before2) || LOWER_BOUNDS.contains(before)
                && !before.equals("least") || before.equals("least") && before2.equals("at")) {
            notes.add("lower bound read as the value");
        }
        if (found.size() > 1) {
            Set<Long> distinct = new HashSet<>();
            for (double[] g : found) {
                double v = g[3] == 1 ? Math.sqrt(g[4] * g[5]) : g[0];
                distinct.add(Math.round(v * 1e6));
            }
            if (distinct.size() > 1) {
                notes.add(found.size() + " lengths in the answer: used the first");
                confidence = Math.min(confidence, 0.7);
            }
        }
        return ParsedAnswer.length(meters, "'" + span + "' = " + fmt(meters) + " m" + how, confidence, notes);
    }

    /**
     * A number in digits without a unit, read in the asked unit (or meters); NONE when there is none,
     * and in an answer of more than {@value #BARE_NUMBER_WORDS} words, where a number without a unit
     * is more likely to count pixels or regions than to be the length.
     */
    private static ParsedAnswer bareLength(String norm, List<Tok> toks, List<int[]> candidates, LengthUnit asked) {
        long words = toks.stream().filter(t -> !t.isNumber() && Character.isLetter(t.text().charAt(0))).count();
        if (words > BARE_NUMBER_WORDS) {
            return ParsedAnswer.none("no length with a unit in " + quote(norm));
        }
        for (int i = 0; i < toks.size(); i++) {
            if (bracketed(toks, i) || AnswerTokens.within(toks, i, candidates) || !toks.get(i).isNumber()) {
                continue;
            }
            Num n = readNumber(toks, i);
            if (n == null || n.article() || (n.next() == i + 1 && isAny(toks, i, "one", "zero"))
                    || countsSomethingElse(toks, n.next()) || AnswerTokens.incidental(norm, toks, i, n.next())) {
                if (n != null) {
                    i = n.next() - 1;
                }
                continue;
            }
            String span = span(norm, toks, i, n.next());
            double unit = asked == null ? 1 : asked.meters();
            double meters = n.value() * unit;
            if (!Double.isFinite(meters)) {
                return ParsedAnswer.invalid("number out of range: " + quote(span));
            }
            if (negative(toks, i)) {
                return ParsedAnswer.invalid("negative length: " + quote("-" + span) + " (a length cannot be negative)");
            }
            if (asked == null) {
                return ParsedAnswer.length(meters, "'" + span + "' = " + fmt(meters) + " m (no unit)", 0.5,
                        List.of("no unit: assumed meters"));
            }
            return ParsedAnswer.length(meters, "'" + span + "' = " + fmt(meters) + " m (no unit: "
                    + asked.symbol() + " as asked)", 0.9, List.of("no unit: read in the question's unit, "
                    + asked.symbol()));
        }
        return ParsedAnswer.none("no length found in " + quote(norm));
    }

    
    /** A length read from tokens [start, end). */
    private record Quantity(double meters, double unit, int start, int end, boolean article, boolean compound) {
    }

    /** The unit at token {@code i} (skipping one hyphen), or NaN; {@code next[0]} gets the index after it. */
    private static double unitAt(List<Tok> toks, int i, boolean afterNumber, int[] next) {
        int j = is(toks, i, "-") ? i + 1 : i;
        if (j >= toks.size() || toks.get(j).isNumber()) {
            return Double.NaN;
        }
        String w = toks.get(j).text();
        if (afterNumber && j == i && (w.equals("'") || w.equals("\""))) {
            next[0] = j + 1;
            return w.equals("'") ? FOOT : INCH;
        }
        LengthUnit unit = UNITS.get(w);
        if (unit == null) {
            return Double.NaN;
        }
        double u = unit.meters();
        if (w.equals("in") && (!afterNumber || (j + 1 < toks.size() && !toks.get(j + 1).isNumber()
                && IN_PREPOSITION_FOLLOWERS.contains(toks.get(j + 1).text())))) {
            return Double.NaN;
        }
        if (w.equals("m") && is(toks, j + 1, "'")) {
            return Double.NaN; // "I'm" never reaches here, but "m'" is no unit either
        }
        next[0] = j + 1;
        return u;
    }

    /** "and a half" after a unit ("a meter and a half"). */
    private static int andAHalf(List<Tok> toks, int i) {
        return is(toks, i, "and") && isAny(toks, i + 1, "a", "one") && is(toks, i + 2, "half") ? i + 3 : -1;
    }

    /** The value of a fraction word: half(ves) 1/2, third(s) 1/3, quarter(s) 1/4. */
    private static double fraction(String word) {
        return word.startsWith("half") || word.startsWith("halv") ? 0.5 : word.startsWith("third") ? 1.0 / 3 : 0.25;
    }

    /** The index after an optional "of" and an optional "a"/"an" at {@code j} ("half of a meter"). */
    private static int skipOfArticle(List<Tok> toks, int j) {
        int k = is(toks, j, "of") ? j + 1 : j;
        return isAny(toks, k, "a", "an") ? k + 1 : k;
    }

    /** A simple (one-unit) length at {@code i}, or null. */
    private static Quantity readSimple(List<Tok> toks, int i) {
        int[] next = new int[1];
        // "half a meter", "half of a meter", "half an inch"
        if (is(toks, i, "half")) {
            double u = unitAt(toks, skipOfArticle(toks, i + 1), false, next);
            return Double.isNaN(u) ? null : new Quantity(0.5 * u, u, i, next[0], false, false);
        }
        // "a half meter", "one half inch", "a quarter of a mile", "a third of a meter"
        if (isAny(toks, i, "a", "an", "one") && isAny(toks, i + 1, "half", "quarter", "third")) {
            double f = fraction(toks.get(i + 1).text());
            double u = unitAt(toks, skipOfArticle(toks, i + 2), false, next);
            return Double.isNaN(u) ? null : new Quantity(f * u, u, i, next[0], false, false);
        }
        // "a meter", "a foot and a half"
        if (isAny(toks, i, "a", "an")) {
            double u = unitAt(toks, i + 1, false, next);
            if (!Double.isNaN(u) && next[0] == i + 2) {
                int half = andAHalf(toks, next[0]);
                return half < 0 ? new Quantity(u, u, i, next[0], true, false)
                        : new Quantity(1.5 * u, u, i, half, false, false);
            }
        }
        Num n = readNumber(toks, i);
        if (n == null) {
            return null;
        }
        // "three quarters of a meter", "two thirds of a meter"
        if (isAny(toks, n.next(), "quarters", "quarter", "halves", "thirds", "third")) {
            double f = fraction(toks.get(n.next()).text());
            double u = unitAt(toks, skipOfArticle(toks, n.next() + 1), false, next);
            return Double.isNaN(u) ? null : new Quantity(n.value() * f * u, u, i, next[0], false, false);
        }
        double u = unitAt(toks, n.next(), toks.get(n.next() - 1).isNumber(), next);
        if (Double.isNaN(u)) {
            return null;
        }
        boolean oneWord = n.next() == i + 1 && isAny(toks, i, "one");
        int half = andAHalf(toks, next[0]);
        if (half >= 0) {
            return new Quantity((n.value() + 0.5) * u, u, i, half, false, false);
        }
        return new Quantity(n.value() * u, u, i, next[0], oneWord, false);
    }

    /** A length at {@code i} with a smaller second part added ("5 ft 3 in", "5'3\"", "1 m 20"), or null. */
    private static Quantity readQuantity(List<Tok> toks, int i) {
        Quantity q = readSimple(toks, i);
        if (q == null) {
            return null;
        }
        int j = q.end();
        if (isAny(toks, j, ",", "and")) {
            j++;
        }
        Quantity second = readSimple(toks, j);
        if (second != null && second.unit() < q.unit() && second.unit() >= q.unit() / 1000.0001) {
            return new Quantity(q.meters() + second.meters(), q.unit(), q.start(), second.end(), false, true);
        }
        // "5 foot 3", "5' 3": a bare number of inches after feet
        if (q.unit() == FOOT && j < toks.size() && toks.get(j).isNumber() && toks.get(j).value() < 12
                && readSimple(toks, j) == null && !isAny(toks, j + 1, "-", "/") && !is(toks, j - 1, "and")) {
            int end = is(toks, j + 1, "\"") ? j + 2 : j + 1;
            return new Quantity(q.meters() + toks.get(j).value() * INCH, q.unit(), q.start(), end, false, true);
        }
        return q;
    }

    /** A range "1-2 m", "between 1 and 2 m", "1 to 2 m", "1 m or 2 m" at {@code i}; null if none. */
    private static Quantity[] readRange(List<Tok> toks, int i) {
        int j = i;
        boolean between = isAny(toks, i, "between", "from");
        if (between) {
            j++;
        }
        Quantity firstQ = readQuantity(toks, j);
        Num firstN = firstQ == null ? readNumber(toks, j) : null;
        if (firstQ == null && (firstN == null || firstN.article())) {
            return null;
        }
        int k = firstQ != null ? firstQ.end() : firstN.next();
        boolean sep = between ? isAny(toks, k, "and", "to", "-") : isAny(toks, k, "-", "to", "or");
        if (!sep) {
            return null;
        }
        if (is(toks, k, "to") && is(toks, k + 1, "-")) {
            k++;
        }
        Quantity second = readQuantity(toks, k + 1);
        if (second == null) {
            return null;
        }
        Quantity first = firstQ != null ? firstQ
                : new Quantity(firstN.value() * second.unit(), second.unit(), j, firstN.next(), false, false);
        if (!between && firstQ == null && toks.get(j).isNumber() && toks.get(j).value() > 0
                && first.meters() > 20 * second.meters()) {
            return null;
        }
        return new Quantity[] {new Quantity(first.meters(), first.unit(), i, first.end(), false, false), second};
    }

    // ------------------------------------------------------------------ areas

    /**
     * The size of a square unit at token {@code j} in square meters ("square meters", "sq ft", "m²",
     * "m2", "m^2", "sqm", "sqft"), or NaN; {@code next[0]} gets the index after it.
     */
    private static double areaUnitAt(List<Tok> toks, int j, int[] next) {
        if (isAny(toks, j, "sqm")) {
            next[0] = j + 1;
            return 1;
        }
        if (isAny(toks, j, "sqft")) {
            next[0] = j + 1;
            return FOOT * FOOT;
        }
        int k = j;
        boolean square = isAny(toks, k, "square", "sq");
        if (square) {
            k++;
            if (is(toks, k, ".")) {
                k++;
            }
        }
        if (k >= toks.size() || toks.get(k).isNumber()) {
            return Double.NaN;
        }
        LengthUnit unit = UNITS.get(toks.get(k).text());
        if (unit == null) {
            return Double.NaN;
        }
        double u = unit.meters();
        k++;
        if (!square) {
            if (is(toks, k, "\u00b2")) {
                k++;
            } else if (k < toks.size() && toks.get(k).isNumber() && toks.get(k).value() == 2
                    && toks.get(k).start() == toks.get(k - 1).end()) {
                k++;
            } else if (is(toks, k, "^") && k + 1 < toks.size() && toks.get(k + 1).isNumber()
                    && toks.get(k + 1).value() == 2) {
                k += 2;
            } else {
                return Double.NaN;
            }
        }
        next[0] = k;
        return u * u;
    }

    /**
     * Reads an area: "25 square meters", "25 m²", "25 sq ft", a range of them (geometric mean), "5 by 4
     * meters" or "5 m x 4 m" (the product); a bare number is read as square meters, the unit area
     * questions ask in (confidence 0.9).
     *
     * @param text the answer, any case
     * @return an {@link ParsedAnswer.Kind#AREA} reading in square meters, {@code UNCERTAIN}, or
     *     {@code NONE}
     */
    public static ParsedAnswer parseArea(String text) {
        return focused(text, norm -> hedged(norm, AnswerParser::areaIn));
    }

    private static ParsedAnswer areaIn(String norm) {
        List<Tok> toks = tokenize(norm);
        int[] next = new int[1];
        for (int i = 0; i < toks.size(); i++) {
            if (bracketed(toks, i)) {
                continue;
            }
            Num n = readNumber(toks, i);
            if (n == null) {
                continue;
            }
            double value = Double.NaN;
            int end = -1;
            String how = "";
            List<String> notes = new ArrayList<>();
            double f = areaUnitAt(toks, n.next(), next);
            if (!Double.isNaN(f)) {
                value = n.value() * f;
                end = next[0];
            } else {
                // "5 by 4 meters", "5 m x 4 m": length times length
                int[] afterFirst = new int[1];
                double u1 = unitAt(toks, n.next(), true, afterFirst);
                int k = Double.isNaN(u1) ? n.next() : afterFirst[0];
                if (isAny(toks, k, "by", "x", "\u00d7", "*")) {
                    Num m = readNumber(toks, k + 1);
                    double u2 = m == null ? Double.NaN : unitAt(toks, m.next(), true, next);
                    if (m != null && !Double.isNaN(u2)) {
                        value = n.value() * (Double.isNaN(u1) ? u2 : u1) * m.value() * u2;
                        end = next[0];
                        how = " (product)";
                        notes.add("two sides given: their product");
                    }
                }
                // "20-25 square meters", "20 to 25 sq m"
                if (end < 0 && isAny(toks, n.next(), "-", "to", "or")) {
                    Num m = readNumber(toks, n.next() + 1);
                    double u = m == null ? Double.NaN : areaUnitAt(toks, m.next(), next);
                    if (m != null && !Double.isNaN(u)) {
                        double lo = n.value() * u;
                        double hi = m.value() * u;
                        value = lo > 0 && hi > 0 ? Math.sqrt(lo * hi) : (lo + hi) / 2;
                        end = next[0];
                        how = " (range)";
                        notes.add("range " + fmt(lo) + " to " + fmt(hi) + " m\u00b2: geometric mean");
                    }
                }
            }
            if (end < 0) {
                continue;
            }
            String span = span(norm, toks, i, end);
            if (!Double.isFinite(value)) {
                return ParsedAnswer.invalid("number out of range: " + quote(span));
            }
            if (negative(toks, i)) {
                return ParsedAnswer.invalid("negative area: " + quote("-" + span) + " (an area cannot be negative)");
            }
            return ParsedAnswer.number(ParsedAnswer.Kind.AREA, value, "'" + span + "' = " + fmt(value) + " m\u00b2"
                    + how, notes.isEmpty() ? 1 : 0.9, notes);
        }
        ParsedAnswer bare = bareNumber(norm, toks, ParsedAnswer.Kind.AREA, " m\u00b2", 0.9,
                "no unit: read as square meters");
        return bare != null ? bare : ParsedAnswer.none("no area found in " + quote(norm));
    }

    /**
     * The first number that is no index and counts nothing else (no length either), as a reading of
     * {@code kind}; NONE when it is too large or negative; null when there is none.
     */
    private static ParsedAnswer bareNumber(String norm, List<Tok> toks, ParsedAnswer.Kind kind, String unit,
            double confidence, String note) {
        int first = -1;
        Num n = null;
        Set<Double> distinct = new HashSet<>();
        List<int[]> candidates = AnswerTokens.candidateLines(norm);
        for (int i = 0; i < toks.size(); i++) {
            if (bracketed(toks, i) || AnswerTokens.within(toks, i, candidates)) {
                continue;
            }
            Num m = readNumber(toks, i);
            if (m == null) {
                continue;
            }
            if (countsSomethingElse(toks, m.next()) || !Double.isNaN(unitAt(toks, m.next(), true, new int[1]))
                    || AnswerTokens.incidental(norm, toks, i, m.next())) {
                i = m.next() - 1;
                continue;
            }
            if (n == null) {
                first = i;
                n = m;
            }
            distinct.add(m.value());
            i = m.next() - 1;
        }
        if (n == null) {
            return null;
        }
        String span = span(norm, toks, first, n.next());
        String name = kind.name().toLowerCase(Locale.ROOT);
        if (!Double.isFinite(n.value())) {
            return ParsedAnswer.invalid("number out of range: " + quote(span));
        }
        if (negative(toks, first)) {
            return ParsedAnswer.invalid("negative " + name + ": " + quote("-" + span) + " (it cannot be negative)");
        }
        List<String> notes = new ArrayList<>();
        if (note != null) {
            notes.add(note);
        }
        if (distinct.size() > 1) {
            notes.add(distinct.size() + " numbers in the answer: used the first");
            confidence = Math.min(confidence, 0.7);
        }
        return ParsedAnswer.number(kind, n.value(), "'" + span + "' = " + fmt(n.value()) + unit, confidence, notes);
    }

    // ------------------------------------------------------------------ counts

    /**
     * Reads a count: the first number in digits or words ("4", "four", "a couple"), skipping region
     * indices and numbers with a unit of length; "none", "no chairs" and "zero" are 0.
     *
     * @param text the answer, any case
     * @return a {@link ParsedAnswer.Kind#COUNT} reading, {@code UNCERTAIN}, or {@code NONE}
     */
    public static ParsedAnswer parseCount(String text) {
        return focused(text, norm -> hedged(norm, AnswerParser::countIn));
    }

    private static ParsedAnswer countIn(String norm) {
        ParsedAnswer p = bareNumber(norm, tokenize(norm), ParsedAnswer.Kind.COUNT, "", 1, null);
        if (p != null) {
            return p;
        }
        Matcher none = NO_COUNT.matcher(norm);
        if (none.find()) {
            return ParsedAnswer.number(ParsedAnswer.Kind.COUNT, 0, "'" + none.group() + "' = 0", 0.8, List.of());
        }
        return ParsedAnswer.none("no count found in " + quote(norm));
    }

    // ------------------------------------------------------------------ clock directions

    /**
     * Reads a clock direction: "at 2 o'clock", "two o'clock", "the 10 o'clock direction", "1:30" (1.5
     * hours); 0 o'clock is 12.
     *
     * @param text the answer, any case
     * @return a {@link ParsedAnswer.Kind#CLOCK} reading (hours in (0, 12]), {@code UNCERTAIN}, or
     *     {@code NONE}
     */
    public static ParsedAnswer parseClock(String text) {
        return focused(text, norm -> hedged(norm, AnswerParser::clockIn));
    }

    private static ParsedAnswer clockIn(String norm) {
        List<Tok> toks = tokenize(norm);
        for (int i = 0; i < toks.size(); i++) {
            Num n = readNumber(toks, i);
            if (n == null || bracketed(toks, i)) {
                continue;
            }
            int j = n.next();
            double hour = n.value();
            int end;
            if (is(toks, j, "o") && is(toks, j + 1, "'") && is(toks, j + 2, "clock")) {
                end = j + 3;
            } else if (is(toks, j, "o") && isAny(toks, j + 1, "clock", "-")
                    && (is(toks, j + 1, "clock") || is(toks, j + 2, "clock"))) {
                end = is(toks, j + 1, "clock") ? j + 2 : j + 3;
            } else if (is(toks, j, "oclock")) {
                end = j + 1;
            } else if (is(toks, j, ":") && j + 1 < toks.size() && toks.get(j + 1).isNumber()
                    && toks.get(j + 1).text().length() == 2 && toks.get(j + 1).value() < 60
                    && toks.get(j).start() == toks.get(j - 1).end()) {
                hour += toks.get(j + 1).value() / 60;
                end = j + 2;
            } else {
                continue;
            }
            String span = span(norm, toks, i, end);
            if (hour == 0) {
                hour = 12;
            }
            if (!(hour > 0 && hour <= 12) || negative(toks, i)) {
                return ParsedAnswer.invalid("no clock position: '" + span + "' is not an hour in (0, 12]");
            }
            return ParsedAnswer.number(ParsedAnswer.Kind.CLOCK, hour, "'" + span + "' = " + fmt(hour)
                    + " o'clock", 1, List.of());
        }
        return ParsedAnswer.none("no clock position found in " + quote(norm));
    }

    // ------------------------------------------------------------------ yes / no

    /**
     * Reads a yes or a no from a free-text answer, without the question (so no relation is compared).
     *
     * @param text the answer, any case
     * @return {@code YES_NO}, {@code UNCERTAIN} for a refusal, or {@code NONE} for an empty answer
     */
    public static ParsedAnswer parseYesNo(String text) {
        return focused(text, norm -> yesNoIn(norm, null));
    }

    /**
     * Reads a yes or a no from a free-text answer to {@code question} (see the class comment): an
     * answer that states a relation instead of saying yes or no is compared with the question's.
     *
     * @param text the answer, any case
     * @param question the question asked
     * @return {@code YES_NO}, {@code UNCERTAIN} for a refusal, or {@code NONE} for an empty answer
     */
    public static ParsedAnswer parseYesNo(String text, String question) {
        Objects.requireNonNull(question, "question");
        String normQuestion = AnswerTokens.normalize(question);
        return focused(text, norm -> yesNoIn(norm, normQuestion));
    }

    private static ParsedAnswer yesNoIn(String norm, String normQuestion) {
        if (refusal(norm)) {
            return ParsedAnswer.uncertain("refusal: " + quote(norm));
        }
        List<String> words = new ArrayList<>();
        for (Tok t : tokenize(norm)) {
            if (!t.isNumber() && Character.isLetter(t.text().charAt(0))) {
                words.add(t.text());
            }
        }
        int first = 0;
        while (first < words.size() && FILLERS.contains(words.get(first))) {
            first++;
        }
        if (first + 1 < words.size() && (words.get(first).equals("yes") && words.get(first + 1).equals("no")
                || words.get(first).equals("no") && words.get(first + 1).equals("yes"))) {
            // "* Yes\n* No\n\nReasoning: ...": the options repeated, not an answer
            words = words.subList(first + 2, words.size());
            first = 0;
        }
        if (first < words.size()) {
            String w = words.get(first);
            String next = first + 1 < words.size() ? words.get(first + 1) : "";
            boolean negatedIntensifier = next.equals("not") && !w.equals("yes") && !w.equals("correct")
                    && !w.equals("true");
            if (negatedIntensifier && YES_WORDS.contains(w)) {
                return ParsedAnswer.yesNo(false, "'" + w + " not'", 1, List.of());
            }
            if (YES_WORDS.contains(w) && !(w.equals("right") && words.size() > first + 1)) {
                return ParsedAnswer.yesNo(true, "leading '" + w + "'", 1, List.of());
            }
            if (w.equals("no") && next.equals("doubt")) {
                return ParsedAnswer.yesNo(true, "'no doubt'", 0.9, List.of());
            }
            if (NO_WORDS.contains(w)) {
                return ParsedAnswer.yesNo(false, "leading '" + w + "'", 1, List.of());
            }
        }
        int yes = words.indexOf("yes");
        int no = words.indexOf("no");
        if (yes >= 0 || no >= 0) {
            boolean isYes = no < 0 || (yes >= 0 && yes < no);
            return ParsedAnswer.yesNo(isYes, "'" + (isYes ? "yes" : "no") + "' inside the answer", 0.8, List.of());
        }
        if (words.isEmpty()) {
            return ParsedAnswer.none("empty answer");
        }
        if (normQuestion != null) {
            Boolean v = Relations.verdict(norm, normQuestion);
            if (v != null) {
                return ParsedAnswer.yesNo(v, v ? "states the relation asked about" : "states the opposite relation",
                        0.8, List.of("no yes/no word: compared the relation stated with the question's"));
            }
        }
        if (norm.strip().endsWith("?")) {
            return ParsedAnswer.none("the answer is a question: " + quote(norm));
        }
        Matcher contrast = CONTRASTIVE.matcher(norm);
        if (contrast.find()) {
            return ParsedAnswer.yesNo(false, "contrastive '" + contrast.group(1) + "'", 0.6,
                    List.of("no yes/no word: a contradicting opening read as no"));
        }
        Matcher neg = NEGATION.matcher(norm);
        if (neg.find() || norm.contains("n't ") || norm.endsWith("n't") || norm.contains("n't.")) {
            return ParsedAnswer.yesNo(false, "negated statement", 0.6, List.of("no yes/no word: read a negation"));
        }
        if (words.size() > AFFIRMATIVE_WORDS) {
            return ParsedAnswer.none("no yes/no word, relation or negation in " + quote(norm));
        }
        return ParsedAnswer.yesNo(true, "affirmative statement", 0.5,
                List.of("no yes/no word and no negation: read as yes"));
    }

    // ------------------------------------------------------------------ choices

    private static final Pattern LETTER_ALONE = Pattern.compile("^\\W*\\(?([a-z])\\)?\\W*$");
    private static final Pattern LETTER_PAREN = Pattern.compile("\\(([a-z])\\)");
    private static final Pattern LETTER_NAMED = Pattern.compile(
            "\\b(?:option|answer|choice)\\s*(?:is\\s*)?:?\\s*\\(?([a-z])\\)?(?=\\s*$|[.,;:!)])");
    /** A letter named as a point or mark ("Point B"), as BLINK's depth questions label their points. */
    private static final Pattern POINT_LETTER = Pattern.compile("\\b(?:point|mark|marker|label|circle)\\s+([a-z])\\b");

    /**
     * Reads which of {@code options} a free-text answer names, without the question.
     *
     * @see #parseChoice(String, List, String)
     */
    public static ParsedAnswer parseChoice(String text, List<String> options) {
        return choice(text, options, null);
    }

    /**
     * Reads which of {@code options} a free-text answer to {@code question} names (see the class
     * comment).
     *
     * @param text the answer, any case
     * @param options the options offered, in order (captions such as "the red chair", relation words
     *     such as "left", or multiple-choice texts); at least one, none blank
     * @param question the question asked
     * @return {@code CHOICE} with the 0-based option index, {@code UNCERTAIN}, or {@code NONE}
     */
    public static ParsedAnswer parseChoice(String text, List<String> options, String question) {
        Objects.requireNonNull(question, "question");
        return choice(text, options, question);
    }

    private static ParsedAnswer choice(String text, List<String> options, String question) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(options, "options");
        if (options.isEmpty()) {
            throw new IllegalArgumentException("Invalid options: [] (need at least one option)");
        }
        List<String> normOptions = new ArrayList<>();
        for (String o : options) {
            if (o == null || o.isBlank()) {
                throw new IllegalArgumentException("Invalid option: '" + o + "' (must not be blank) in " + options);
            }
            normOptions.add(stripArticle(AnswerTokens.normalize(o).strip()));
        }
        String normQuestion = question == null ? null : AnswerTokens.normalize(question);
        return focused(text, norm -> choiceIn(norm.strip(), options, normOptions, normQuestion));
    }

    private static ParsedAnswer choiceIn(String norm, List<String> options, List<String> normOptions,
            String normQuestion) {
        // Letters first: "(a)" must not be read as the article; but "neither (A) nor (B)" is a refusal.
        boolean refused = refusal(norm);
        if (options.size() <= 26) {
            for (Pattern p : refused ? List.of(LETTER_ALONE) : List.of(LETTER_ALONE, LETTER_PAREN, LETTER_NAMED)) {
                Matcher m = p.matcher(norm);
                if (m.find()) {
                    int idx = m.group(1).charAt(0) - 'a';
                    boolean ambiguousArticle = p == LETTER_ALONE && idx == 0 && options.size() < 2;
                    if (idx < options.size() && !ambiguousArticle && !(p == LETTER_ALONE && norm.length() > 4)) {
                        return ParsedAnswer.choice(idx, "letter (" + (char) ('A' + idx) + ") = '" + options.get(idx)
                                + "'", 1, List.of());
                    }
                }
            }
        }
        if (refused) {
            return ParsedAnswer.uncertain("refusal: " + quote(norm));
        }
        int yesOption = normOptions.indexOf("yes");
        int noOption = normOptions.indexOf("no");
        if (normOptions.size() == 2 && yesOption >= 0 && noOption >= 0) {
            ParsedAnswer yn = yesNoIn(norm, normQuestion);
            if (yn.kind() != ParsedAnswer.Kind.YES_NO) {
                return yn;
            }
            int idx = yn.yes().get() ? yesOption : noOption;
            return ParsedAnswer.choice(idx, yn.understood() + " = '" + options.get(idx) + "'", yn.confidence(),
                    yn.notes());
        }
        List<int[]> spans = optionSpans(norm, normOptions); // {option, start, end}, none covered by another
        if (!spans.isEmpty()) {
            ParsedAnswer byRelation = byRelation(norm, options, normOptions, normQuestion, spans);
            if (byRelation != null) {
                return byRelation;
            }
            int[] earliest = spans.get(0);
            Set<Integer> named = new HashSet<>();
            for (int[] s : spans) {
                named.add(s[0]);
                if (s[1] < earliest[1] || (s[1] == earliest[1] && s[2] - s[1] > earliest[2] - earliest[1])) {
                    earliest = s;
                }
            }
            List<String> notes = named.size() > 1
                    ? List.of(named.size() + " options named: took the first mentioned") : List.of();
            return ParsedAnswer.choice(earliest[0], "names '" + options.get(earliest[0]) + "'",
                    named.size() > 1 ? 0.7 : 1, notes);
        }
        return partialChoice(norm, options, normOptions);
    }

    /**
     * Where the answer names each option: the option text (or a relation synonym), and "point X" for
     * the one option holding the letter X; spans covered by a longer span of another option dropped.
     */
    private static List<int[]> optionSpans(String norm, List<String> normOptions) {
        List<int[]> spans = new ArrayList<>();
        for (int k = 0; k < normOptions.size(); k++) {
            for (String form : forms(normOptions.get(k))) {
                Matcher m = Pattern.compile("(?<![a-z0-9])" + Pattern.quote(form) + "(?![a-z0-9])").matcher(norm);
                while (m.find()) {
                    spans.add(new int[] {k, m.start(), m.end()});
                }
            }
        }
        Matcher point = POINT_LETTER.matcher(norm);
        while (point.find()) {
            int holder = -1;
            for (int k = 0; k < normOptions.size(); k++) {
                if (words(normOptions.get(k)).contains(point.group(1))) {
                    holder = holder == -1 ? k : -2;
                }
            }
            if (holder >= 0) {
                spans.add(new int[] {holder, point.start(), point.end()});
            }
        }
        List<int[]> kept = new ArrayList<>();
        for (int[] s : spans) {
            boolean covered = false;
            for (int[] o : spans) {
                if (o[0] != s[0] && o[1] <= s[1] && o[2] >= s[2] && (o[2] - o[1]) > (s[2] - s[1])) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                kept.add(s);
            }
        }
        return kept;
    }

    /**
     * With two options and the question: the option the answer's statement makes the answer ("Region
     * [1] is lower" to "Who is higher up?" is Region [0]), or null when no relation of the question's
     * kind is stated outside the option names.
     */
    private static ParsedAnswer byRelation(String norm, List<String> options, List<String> normOptions,
            String normQuestion, List<int[]> spans) {
        if (normQuestion == null || options.size() != 2 || RELATION_SYNONYMS.containsKey(normOptions.get(0))) {
            return null;
        }
        String blanked = normQuestion;
        for (String o : normOptions) {
            blanked = blanked.replace(o, " ".repeat(o.length()));
        }
        Relations.Found q = Relations.first(blanked, List.of());
        if (q == null) {
            return null;
        }
        List<int[]> excluded = new ArrayList<>();
        spans.forEach(s -> excluded.add(new int[] {s[1], s[2]}));
        Relations.Found a = Relations.first(norm, excluded, q.rel());
        if (a == null) {
            return null;
        }
        int[] subject = null;
        for (int[] s : spans) {
            if (s[2] <= a.start() && (subject == null || s[1] > subject[1])) {
                subject = s;
            }
        }
        boolean before = subject != null;
        if (!before) {
            for (int[] s : spans) {
                if (subject == null || s[1] < subject[1]) {
                    subject = s;
                }
            }
        }
        boolean same = a.rel() == q.rel();
        if (Relations.negatedBefore(norm, before ? subject[2] : 0, a.start())) {
            same = !same;
        }
        int idx = same ? subject[0] : 1 - subject[0];
        String stated = norm.substring(a.start(), a.end());
        return ParsedAnswer.choice(idx, "'" + options.get(subject[0]) + "' is " + (same ? "" : "not ") + "'"
                + stated + "' = '" + options.get(idx) + "'", 0.9,
                List.of("relation stated compared with the question's"));
    }

    /** Words that only one option has ("the red one" for "red chair" against "blue chair"). */
    private static ParsedAnswer partialChoice(String norm, List<String> options, List<String> normOptions) {
        Set<String> answerWords = new HashSet<>(words(norm));
        int bestScore = 0;
        int bestPartial = -1;
        boolean tie = false;
        List<String> bestWords = List.of();
        for (int k = 0; k < normOptions.size(); k++) {
            List<String> distinctive = new ArrayList<>();
            for (String w : words(normOptions.get(k))) {
                if (STOP_WORDS.contains(w) || !answerWords.contains(w)) {
                    continue;
                }
                boolean shared = false;
                for (int o = 0; o < normOptions.size(); o++) {
                    if (o != k && words(normOptions.get(o)).contains(w)) {
                        shared = true;
                    }
                }
                if (!shared) {
                    distinctive.add(w);
                }
            }
            if (distinctive.size() > bestScore) {
                bestScore = distinctive.size();
                bestPartial = k;
                bestWords = distinctive;
                tie = false;
            } else if (distinctive.size() == bestScore && bestScore > 0) {
                tie = true;
            }
        }
        if (bestPartial >= 0 && !tie) {
            return ParsedAnswer.choice(bestPartial, "partial match " + bestWords + " = '" + options.get(bestPartial)
                    + "'", 0.6, List.of("partial match on words only this option has"));
        }
        return ParsedAnswer.none("names none of " + options + (tie ? " (partial matches tie)" : ""));
    }

    /** The option without a leading article; "a is closer" keeps its "a", a label (BLINK's "A is closer"). */
    private static String stripArticle(String s) {
        for (String a : new String[] {"the ", "a ", "an "}) {
            if (s.startsWith(a) && s.length() > a.length()) {
                String rest = s.substring(a.length()).strip();
                return a.equals("a ") && rest.matches("(is|are|was|has)\\b.*") ? s : rest;
            }
        }
        return s;
    }

    private static List<String> forms(String option) {
        List<String> syn = RELATION_SYNONYMS.get(option);
        return syn == null ? List.of(option) : syn;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("[a-z0-9]+").matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
