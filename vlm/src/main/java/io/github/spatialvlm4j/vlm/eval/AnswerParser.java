package io.github.spatialvlm4j.vlm.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads free-text answers of a vision-language model: lengths with units, yes/no, the choice among
 * named options, and refusals ("I'm not sure"). Every reading says what it understood
 * ({@link ParsedAnswer#understood()}) and how sure it is.
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
 * (noted, confidence 0.7); a bare number without unit is read as meters (noted, confidence 0.5).
 *
 * <p><b>Yes/no</b> ({@link #parseYesNo(String)}): a leading yes/no word wins; otherwise the first
 * "yes"/"no" anywhere; otherwise a negation ("is not", "isn't") reads as no and a plain statement as
 * yes, both with low confidence.
 *
 * <p><b>Choices</b> ({@link #parseChoice(String, List)}): letters ("(B)", "B.", "option b"), then
 * the option text itself (longest match, earliest mention; relation words also match common synonyms:
 * "closer" for "in front", "larger" for "bigger"), then a partial match on words that only one option
 * has ("the red one" for "red chair" against "blue chair").
 *
 * <p>Refusals ("not sure", "can't tell", "hard to say", "unclear", ...) are recognised by every
 * method before anything else and read as {@link ParsedAnswer.Kind#UNCERTAIN}.
 *
 * <p>Cost: linear in the length of the text (times the number of options for choices). Stateless and
 * thread-safe.
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

    private static final Map<String, Double> UNITS = Map.ofEntries(
            Map.entry("mm", 0.001), Map.entry("millimeter", 0.001), Map.entry("millimeters", 0.001),
            Map.entry("millimetre", 0.001), Map.entry("millimetres", 0.001),
            Map.entry("cm", 0.01), Map.entry("cms", 0.01), Map.entry("centimeter", 0.01),
            Map.entry("centimeters", 0.01), Map.entry("centimetre", 0.01), Map.entry("centimetres", 0.01),
            Map.entry("m", 1.0), Map.entry("meter", 1.0), Map.entry("meters", 1.0), Map.entry("metre", 1.0),
            Map.entry("metres", 1.0), Map.entry("mtr", 1.0), Map.entry("mtrs", 1.0),
            Map.entry("km", 1000.0), Map.entry("kms", 1000.0), Map.entry("kilometer", 1000.0),
            Map.entry("kilometers", 1000.0), Map.entry("kilometre", 1000.0), Map.entry("kilometres", 1000.0),
            Map.entry("in", INCH), Map.entry("inch", INCH), Map.entry("inches", INCH),
            Map.entry("ft", FOOT), Map.entry("foot", FOOT), Map.entry("feet", FOOT),
            Map.entry("yd", YARD), Map.entry("yds", YARD), Map.entry("yard", YARD), Map.entry("yards", YARD),
            Map.entry("mi", MILE), Map.entry("mile", MILE), Map.entry("miles", MILE));

    /** Words after which a bare "in" is the preposition, not inches. */
    private static final Set<String> IN_PREPOSITION_FOLLOWERS = Set.of("front", "the", "a", "an", "this", "that",
            "its", "each", "total", "length", "width", "height", "diameter", "size", "which", "between", "my",
            "your", "our", "their", "his", "her", "terms", "relation", "comparison");

    private static final Map<String, Integer> SMALL_NUMBERS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19));
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
            "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);

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
            + "say|determine)|unable to (tell|say|determine|judge)|it's unclear|i am not certain|"
            + "i'm not certain|not certain|undetermined|undeterminable|unknown)\\b");

    private static final Set<String> YES_WORDS = Set.of("yes", "yeah", "yep", "yup", "correct", "true",
            "affirmative", "indeed", "certainly", "definitely", "absolutely", "sure", "right");
    private static final Set<String> NO_WORDS = Set.of("no", "nope", "nah", "false", "incorrect", "negative",
            "wrong");
    private static final Set<String> FILLERS = Set.of("well", "um", "uh", "so", "answer", "the", "a", "oh",
            "hmm", "ok", "okay", "short", "final");
    private static final Pattern NEGATION = Pattern.compile("\\b(not|never|neither|nor|isn't|aren't|doesn't|"
            + "don't|wasn't|weren't|isnt|arent|doesnt|dont)\\b");

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

    private static final Pattern TOKEN = Pattern.compile(
            "\\d+,\\d{1,2}(?!\\d)|\\d+(?:,\\d{3})*(?:\\.\\d+)?|(?<![\\d.])\\.\\d+|[a-z]+|\\S");

    private AnswerParser() {
    }

    // ------------------------------------------------------------------ tokens

    /** One token of the normalised text: a number (value set) or a word or a single symbol. */
    private record Tok(String text, boolean isNumber, double value, int start, int end) {
    }

    /** Lower case, typographic quotes and dashes made plain. */
    static String normalize(String text) {
        String s = text.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u2032', '\'')
                .replace('\u201c', '"').replace('\u201d', '"').replace('\u2033', '"')
                .replace('\u2013', '-').replace('\u2014', '-').replace('\u2212', '-')
                .replace('\u00a0', ' ');
        return s.replace("''", "\"");
    }

    private static List<Tok> tokenize(String norm) {
        List<Tok> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(norm);
        while (m.find()) {
            String t = m.group();
            char c = t.charAt(0);
            if (Character.isDigit(c) || (c == '.' && t.length() > 1)) {
                String digits = t.matches("\\d+,\\d{1,2}") ? t.replace(',', '.') : t.replace(",", "");
                out.add(new Tok(t, true, Double.parseDouble(digits), m.start(), m.end()));
            } else {
                out.add(new Tok(t, false, Double.NaN, m.start(), m.end()));
            }
        }
        return out;
    }

    private static boolean is(List<Tok> toks, int i, String word) {
        return i >= 0 && i < toks.size() && !toks.get(i).isNumber && toks.get(i).text.equals(word);
    }

    private static boolean isAny(List<Tok> toks, int i, String... words) {
        for (String w : words) {
            if (is(toks, i, w)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ numbers

    /** A number read from tokens [start, next). */
    private record Num(double value, int next, boolean article) {
    }

    /** Reads a number at {@code i}: digits, fractions, number words; null if none. */
    private static Num readNumber(List<Tok> toks, int i) {
        if (i >= toks.size()) {
            return null;
        }
        Tok t = toks.get(i);
        Num base;
        if (t.isNumber) {
            double v = t.value;
            int next = i + 1;
            if (is(toks, next, "/") && next + 1 < toks.size() && toks.get(next + 1).isNumber
                    && toks.get(next + 1).value > 0) {
                v = v / toks.get(next + 1).value;
                next += 2;
            } else if (next + 2 < toks.size() && toks.get(next).isNumber && is(toks, next + 1, "/")
                    && toks.get(next + 2).isNumber && toks.get(next + 2).value > toks.get(next).value) {
                v = v + toks.get(next).value / toks.get(next + 2).value;
                next += 3;
            }
            base = new Num(v, next, false);
        } else if (isAny(toks, i, "a", "an")) {
            if (is(toks, i + 1, "couple")) {
                base = new Num(2, is(toks, i + 2, "of") ? i + 3 : i + 2, false);
            } else if (is(toks, i + 1, "dozen")) {
                base = new Num(12, i + 2, false);
            } else if (isAny(toks, i + 1, "hundred", "thousand")) {
                base = new Num(is(toks, i + 1, "hundred") ? 100 : 1000, i + 2, false);
            } else {
                return null;
            }
        } else {
            base = readNumberWords(toks, i);
            if (base == null) {
                return null;
            }
        }
        // "two and a half", "2 and a quarter", "one and three quarters"
        if (is(toks, base.next, "and")) {
            int j = base.next + 1;
            if (isAny(toks, j, "a", "one") && is(toks, j + 1, "half")) {
                return new Num(base.value + 0.5, j + 2, false);
            }
            if (isAny(toks, j, "a", "one") && is(toks, j + 1, "quarter")) {
                return new Num(base.value + 0.25, j + 2, false);
            }
            if (is(toks, j, "three") && is(toks, j + 1, "quarters")) {
                return new Num(base.value + 0.75, j + 2, false);
            }
        }
        return base;
    }

    /** "twenty-five", "one hundred twenty", "one point five"; null if the token is no number word. */
    private static Num readNumberWords(List<Tok> toks, int i) {
        double total = 0;
        double current = 0;
        int j = i;
        boolean any = false;
        while (j < toks.size() && !toks.get(j).isNumber) {
            String w = toks.get(j).text;
            if (SMALL_NUMBERS.containsKey(w)) {
                current += SMALL_NUMBERS.get(w);
            } else if (TENS.containsKey(w)) {
                current += TENS.get(w);
                if (is(toks, j + 1, "-") && j + 2 < toks.size() && SMALL_NUMBERS.containsKey(toks.get(j + 2).text)) {
                    j++;
                }
            } else if (w.equals("hundred") && any) {
                current = Math.max(current, 1) * 100;
            } else if (w.equals("thousand") && any) {
                total += Math.max(current, 1) * 1000;
                current = 0;
            } else if (w.equals("and") && any && j + 1 < toks.size()
                    && (SMALL_NUMBERS.containsKey(toks.get(j + 1).text) || TENS.containsKey(toks.get(j + 1).text))
                    && (is(toks, j - 1, "hundred") || is(toks, j - 1, "thousand"))) {
                // "one hundred and twenty"
            } else {
                break;
            }
            any = true;
            j++;
        }
        if (!any) {
            return null;
        }
        double value = total + current;
        if (is(toks, j, "point")) {
            StringBuilder digits = new StringBuilder();
            int k = j + 1;
            while (k < toks.size()) {
                Integer d = SMALL_NUMBERS.get(toks.get(k).text);
                if (d == null || d > 9 || toks.get(k).isNumber) {
                    break;
                }
                digits.append(d);
                k++;
            }
            if (digits.length() > 0) {
                value += Double.parseDouble("0." + digits);
                j = k;
            }
        }
        return new Num(value, j, false);
    }

    // ------------------------------------------------------------------ lengths

    /** A length read from tokens [start, end). */
    private record Quantity(double meters, double unit, int start, int end, boolean article, boolean compound) {
    }

    /** The unit at token {@code i} (skipping one hyphen), or NaN; {@code next[0]} gets the index after it. */
    private static double unitAt(List<Tok> toks, int i, boolean afterNumber, int[] next) {
        int j = is(toks, i, "-") ? i + 1 : i;
        if (j >= toks.size() || toks.get(j).isNumber) {
            return Double.NaN;
        }
        String w = toks.get(j).text;
        if (afterNumber && j == i && (w.equals("'") || w.equals("\""))) {
            next[0] = j + 1;
            return w.equals("'") ? FOOT : INCH;
        }
        Double u = UNITS.get(w);
        if (u == null) {
            return Double.NaN;
        }
        if (w.equals("in") && (!afterNumber || (j + 1 < toks.size() && !toks.get(j + 1).isNumber
                && IN_PREPOSITION_FOLLOWERS.contains(toks.get(j + 1).text)))) {
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
            double f = fraction(toks.get(i + 1).text);
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
        if (isAny(toks, n.next, "quarters", "quarter", "halves", "thirds", "third")) {
            double f = fraction(toks.get(n.next).text);
            double u = unitAt(toks, skipOfArticle(toks, n.next + 1), false, next);
            return Double.isNaN(u) ? null : new Quantity(n.value * f * u, u, i, next[0], false, false);
        }
        double u = unitAt(toks, n.next, toks.get(n.next - 1).isNumber, next);
        if (Double.isNaN(u)) {
            return null;
        }
        boolean oneWord = n.next == i + 1 && isAny(toks, i, "one");
        int half = andAHalf(toks, next[0]);
        if (half >= 0) {
            return new Quantity((n.value + 0.5) * u, u, i, half, false, false);
        }
        return new Quantity(n.value * u, u, i, next[0], oneWord, false);
    }

    /** A length at {@code i} with a smaller second part added ("5 ft 3 in", "5'3\"", "1 m 20"), or null. */
    private static Quantity readQuantity(List<Tok> toks, int i) {
        Quantity q = readSimple(toks, i);
        if (q == null) {
            return null;
        }
        int j = q.end;
        if (isAny(toks, j, ",", "and")) {
            j++;
        }
        Quantity second = readSimple(toks, j);
        if (second != null && second.unit < q.unit && second.unit >= q.unit / 1000.0001) {
            return new Quantity(q.meters + second.meters, q.unit, q.start, second.end, false, true);
        }
        // "5 foot 3", "5' 3": a bare number of inches after feet
        if (q.unit == FOOT && j < toks.size() && toks.get(j).isNumber && toks.get(j).value < 12
                && readSimple(toks, j) == null && !isAny(toks, j + 1, "-", "/") && !is(toks, j - 1, "and")) {
            int end = is(toks, j + 1, "\"") ? j + 2 : j + 1;
            return new Quantity(q.meters + toks.get(j).value * INCH, q.unit, q.start, end, false, true);
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
        if (firstQ == null && (firstN == null || firstN.article)) {
            return null;
        }
        int k = firstQ != null ? firstQ.end : firstN.next;
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
                : new Quantity(firstN.value * second.unit, second.unit, j, firstN.next, false, false);
        if (!between && firstQ == null && toks.get(j).isNumber && toks.get(j).value > 0
                && first.meters > 20 * second.meters) {
            return null;
        }
        return new Quantity[] {new Quantity(first.meters, first.unit, i, first.end, false, false), second};
    }

    /**
     * Reads a length from a free-text answer (see the class comment for the forms understood).
     *
     * @param text the answer, any case
     * @return a {@link ParsedAnswer.Kind#LENGTH} reading in meters, {@code UNCERTAIN} for a refusal,
     *     or {@code NONE} when no number is present
     */
    public static ParsedAnswer parseLength(String text) {
        Objects.requireNonNull(text, "text");
        String norm = normalize(text);
        if (UNCERTAIN.matcher(norm).find()) {
            return ParsedAnswer.uncertain("refusal: '" + text.strip() + "'");
        }
        List<Tok> toks = tokenize(norm);
        List<double[]> found = new ArrayList<>(); // {meters, start, end, isRange, lo, hi}
        for (int i = 0; i < toks.size(); i++) {
            Quantity[] range = readRange(toks, i);
            if (range != null) {
                double lo = range[0].meters;
                double hi = range[1].meters;
                found.add(new double[] {Double.NaN, range[0].start, range[1].end, 1, lo, hi});
                i = range[1].end - 1;
                continue;
            }
            Quantity q = readQuantity(toks, i);
            if (q != null) {
                double m = q.meters;
                boolean halfUnit = q.article && is(toks, i - 1, "than") && is(toks, i - 2, "less");
                found.add(new double[] {halfUnit ? m / 2 : m, q.start, q.end, halfUnit ? 2 : 0, 0, 0});
                i = q.end - 1;
            }
        }
        List<String> notes = new ArrayList<>();
        if (found.isEmpty()) {
            for (int i = 0; i < toks.size(); i++) {
                Num n = readNumber(toks, i);
                if (n != null && !n.article && !(n.next == i + 1 && isAny(toks, i, "one", "zero"))
                        && !is(toks, n.next, "%")) {
                    notes.add("no unit: assumed meters");
                    String span = norm.substring(toks.get(i).start, toks.get(n.next - 1).end);
                    return ParsedAnswer.length(n.value, "'" + span + "' = " + fmt(n.value) + " m (no unit)", 0.5,
                            notes);
                }
            }
            return ParsedAnswer.none("no length found in '" + text.strip() + "'");
        }
        double[] f = found.get(0);
        int start = (int) f[1];
        int end = (int) f[2];
        String span = norm.substring(toks.get(start).start, toks.get(end - 1).end);
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
        String before = start > 0 ? toks.get(start - 1).text : "";
        String before2 = start > 1 ? toks.get(start - 2).text : "";
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

    private static String fmt(double meters) {
        String s = String.format(Locale.ROOT, "%.4f", meters);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    // ------------------------------------------------------------------ yes / no

    /**
     * Reads a yes or a no from a free-text answer.
     *
     * @param text the answer, any case
     * @return {@code YES_NO}, {@code UNCERTAIN} for a refusal, or {@code NONE} for an empty answer
     */
    public static ParsedAnswer parseYesNo(String text) {
        Objects.requireNonNull(text, "text");
        String norm = normalize(text);
        if (UNCERTAIN.matcher(norm).find()) {
            return ParsedAnswer.uncertain("refusal: '" + text.strip() + "'");
        }
        List<String> words = new ArrayList<>();
        for (Tok t : tokenize(norm)) {
            if (!t.isNumber && Character.isLetter(t.text.charAt(0))) {
                words.add(t.text);
            }
        }
        int first = 0;
        while (first < words.size() && FILLERS.contains(words.get(first))) {
            first++;
        }
        if (first < words.size()) {
            String w = words.get(first);
            boolean negatedIntensifier = first + 1 < words.size() && words.get(first + 1).equals("not")
                    && !w.equals("yes") && !w.equals("correct") && !w.equals("true");
            if (negatedIntensifier && YES_WORDS.contains(w)) {
                return ParsedAnswer.yesNo(false, "'" + w + " not'", 1, List.of());
            }
            if (YES_WORDS.contains(w) && !(w.equals("right") && words.size() > first + 1)) {
                return ParsedAnswer.yesNo(true, "leading '" + w + "'", 1, List.of());
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
        Matcher neg = NEGATION.matcher(norm);
        if (neg.find() || norm.contains("n't ") || norm.endsWith("n't") || norm.contains("n't.")) {
            return ParsedAnswer.yesNo(false, "negated statement", 0.6, List.of("no yes/no word: read a negation"));
        }
        return ParsedAnswer.yesNo(true, "affirmative statement", 0.5,
                List.of("no yes/no word and no negation: read as yes"));
    }

    // ------------------------------------------------------------------ choices

    private static final Pattern LETTER_ALONE = Pattern.compile("^\\W*\\(?([a-z])\\)?\\W*$");
    private static final Pattern LETTER_PAREN = Pattern.compile("\\(([a-z])\\)");
    private static final Pattern LETTER_NAMED = Pattern.compile(
            "\\b(?:option|answer|choice)\\s*(?:is\\s*)?:?\\s*\\(?([a-z])\\)?(?=\\s*$|[.,;:!)])");

    /**
     * Reads which of {@code options} a free-text answer names.
     *
     * @param text the answer, any case
     * @param options the options offered, in order (captions such as "the red chair", relation words
     *     such as "left", or multiple-choice texts); at least one, none blank
     * @return {@code CHOICE} with the 0-based option index, {@code UNCERTAIN}, or {@code NONE}
     */
    public static ParsedAnswer parseChoice(String text, List<String> options) {
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
            normOptions.add(stripArticle(normalize(o).strip()));
        }
        String norm = normalize(text).strip();
        // Letters first: "(a)" must not be read as the article.
        if (options.size() <= 26) {
            for (Pattern p : List.of(LETTER_ALONE, LETTER_PAREN, LETTER_NAMED)) {
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
        if (UNCERTAIN.matcher(norm).find()) {
            return ParsedAnswer.uncertain("refusal: '" + text.strip() + "'");
        }
        // Whole-option matches, with relation synonyms; longest match wins overlaps, earliest mention wins.
        int bestIndex = -1;
        int bestStart = Integer.MAX_VALUE;
        int bestLength = 0;
        int matchedOptions = 0;
        List<int[]> spans = new ArrayList<>(); // {option, start, end}
        for (int k = 0; k < normOptions.size(); k++) {
            for (String form : forms(normOptions.get(k))) {
                Matcher m = Pattern.compile("(?<![a-z0-9])" + Pattern.quote(form) + "(?![a-z0-9])").matcher(norm);
                while (m.find()) {
                    spans.add(new int[] {k, m.start(), m.end()});
                }
            }
        }
        Set<Integer> named = new HashSet<>();
        for (int[] s : spans) {
            boolean covered = false;
            for (int[] o : spans) {
                if (o[0] != s[0] && o[1] <= s[1] && o[2] >= s[2] && (o[2] - o[1]) > (s[2] - s[1])) {
                    covered = true;
                    break;
                }
            }
            if (covered) {
                continue;
            }
            named.add(s[0]);
            if (s[1] < bestStart || (s[1] == bestStart && s[2] - s[1] > bestLength)) {
                bestStart = s[1];
                bestLength = s[2] - s[1];
                bestIndex = s[0];
            }
        }
        matchedOptions = named.size();
        if (bestIndex >= 0) {
            List<String> notes = matchedOptions > 1
                    ? List.of(matchedOptions + " options named: took the first mentioned") : List.of();
            return ParsedAnswer.choice(bestIndex, "names '" + options.get(bestIndex) + "'",
                    matchedOptions > 1 ? 0.7 : 1, notes);
        }
        // Partial: words only one option has.
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

    private static String stripArticle(String s) {
        for (String a : new String[] {"the ", "a ", "an "}) {
            if (s.startsWith(a) && s.length() > a.length()) {
                return s.substring(a.length()).strip();
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
