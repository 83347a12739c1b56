package io.github.spatialvlm4j.vlm.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens and numbers of a free-text answer, shared by the readers of {@link AnswerParser}: text
 * normalisation, tokenisation, number words ("twenty-five", "one point five", "a couple"), the signs
 * and brackets around a number, and the "answer is ..." marker that verbose answers end with.
 * Stateless.
 */
final class AnswerTokens {

    private static final Map<String, Integer> SMALL_NUMBERS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19));
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
            "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);

    private static final Pattern TOKEN = Pattern.compile(
            "\\d+,\\d{1,2}(?!\\d)|\\d+(?:,\\d{3})*(?:\\.\\d+)?|(?<![\\d.])\\.\\d+|[a-z]+|\\S");

    /** Where a verbose answer states its answer: "Answer: ...", "the answer is ...", "final answer: ...". */
    static final Pattern ANSWER_MARKER = Pattern.compile("\\banswer\\s*(?:\\*\\*\\s*)?(?::|is\\b|would be\\b)");
    /** Where reasoning ends in a conclusion: "Therefore, ...", "Thus, ...". */
    static final Pattern CONCLUSION_MARKER = Pattern.compile("\\b(?:therefore|thus|in conclusion|in summary),");

    /** A line that offers a lettered candidate: "A) 1-2 feet", "*   **B.** 24 inches", "(c) 3 m". */
    private static final Pattern LETTERED_LINE = Pattern.compile("(?m)^[\\s*\\-\\u2022]*\\(?[a-e][).:]\\**\\s.*$");

    private AnswerTokens() {
    }

    /**
     * The spans ({start, end}) of lines listing lettered candidates, when at least two lines do:
     * a model that lists "A) 1-2 feet", "B) 3-4 feet", ... before answering has not answered with
     * the first of them.
     */
    static List<int[]> candidateLines(String norm) {
        List<int[]> out = new ArrayList<>();
        Matcher m = LETTERED_LINE.matcher(norm);
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out.size() >= 2 ? out : List.of();
    }

    /** Whether token {@code i} lies in one of {@code spans}. */
    static boolean within(List<Tok> toks, int i, List<int[]> spans) {
        int at = toks.get(i).start;
        for (int[] s : spans) {
            if (at >= s[0] && at < s[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the number at token {@code i} (ending before token {@code next}) is no quantity in
     * itself: a list marker ("1." starting a line that goes on), a part of a tuple ("(143, 163, ...)") or
     * of arithmetic ("x1 = 350", "400 - 200 = 200"), or a fraction of something ("1/3 of the height").
     */
    static boolean incidental(String norm, List<Tok> toks, int i, int next) {
        int lineStart = norm.lastIndexOf('\n', toks.get(i).start - 1) + 1;
        boolean atLineStart = norm.substring(lineStart, toks.get(i).start).replaceAll("[\\s*#>\\-]", "").isEmpty();
        if (atLineStart && toks.get(i).isNumber && next == i + 1 && isAny(toks, next, ".", ")")
                && next + 1 < toks.size()
                && !norm.substring(toks.get(next).end, toks.get(next + 1).start).contains("\n")) {
            return true;
        }
        boolean tupleAfter = is(toks, next, ",") && next + 1 < toks.size() && toks.get(next + 1).isNumber;
        boolean tupleBefore = is(toks, i - 1, ",") && i >= 2 && toks.get(i - 2).isNumber;
        if (tupleAfter || tupleBefore) {
            return true;
        }
        if (isAny(toks, i - 1, "=", "+", "*", "^") || isAny(toks, next, "=", "+", "*", "^", "of")) {
            return true;
        }
        return is(toks, next, "-") && next + 2 < toks.size() && toks.get(next + 1).isNumber && is(toks, next + 2, "=");
    }

    /** One token of the normalised text: a number (value set) or a word or a single symbol. */
    record Tok(String text, boolean isNumber, double value, int start, int end) {
    }

    /** A number read from tokens [start, next); {@code article} for "a"/"an"/"one" read as a unit count. */
    record Num(double value, int next, boolean article) {
    }

    /**
     * Lower case, typographic quotes, dashes and minus signs made plain, no-break spaces made spaces,
     * Markdown emphasis ("**B**", "__B__") dropped.
     */
    static String normalize(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("\\*\\*+|__+", "")
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u2032', '\'')
                .replace('\u201c', '"').replace('\u201d', '"').replace('\u2033', '"')
                .replace('\u2013', '-').replace('\u2014', '-').replace('\u2212', '-')
                .replace('\u00a0', ' ');
        return s.replace("''", "\"");
    }

    /**
     * The tokens of normalised text. A number too long for a double is a number token whose value is
     * infinite: the readers report it as out of range instead of failing.
     */
    static List<Tok> tokenize(String norm) {
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

    /**
     * The first line of normalised text after the last {@code marker}, or null when there is none or
     * nothing follows it. Only the line: an explanation usually follows ("**Answer:** Region [0]\n\n
     * **Explanation:** Region [1] is ...").
     */
    static String afterLast(Pattern marker, String norm) {
        Matcher m = marker.matcher(norm);
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        if (end < 0) {
            return null;
        }
        for (String line : norm.substring(end).split("\n")) {
            if (!line.replaceAll("[\\s*_#>-]", "").isEmpty()) {
                return line.strip();
            }
        }
        return null;
    }

    static boolean is(List<Tok> toks, int i, String word) {
        return i >= 0 && i < toks.size() && !toks.get(i).isNumber && toks.get(i).text.equals(word);
    }

    static boolean isAny(List<Tok> toks, int i, String... words) {
        for (String w : words) {
            if (is(toks, i, w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the number starting at token {@code i} has a minus sign: "-5" (the hyphen touching the
     * digits, not after another number, which would make a range "1-5") or "minus 5".
     */
    static boolean negative(List<Tok> toks, int i) {
        if (isAny(toks, i - 1, "minus", "negative")) {
            return true;
        }
        if (!is(toks, i - 1, "-") || toks.get(i - 1).end != toks.get(i).start) {
            return false;
        }
        return i - 2 < 0 || !(toks.get(i - 2).isNumber || isAny(toks, i - 2, "to", "and", "or"));
    }

    /** Whether token {@code i} is an index in brackets, like the 0 of "Region [0]": no quantity. */
    static boolean bracketed(List<Tok> toks, int i) {
        return is(toks, i - 1, "[") && is(toks, i + 1, "]");
    }

    /** The normalised text of tokens [from, to). */
    static String span(String norm, List<Tok> toks, int from, int to) {
        return norm.substring(toks.get(from).start, toks.get(to - 1).end);
    }

    /** Reads a number at {@code i}: digits, fractions, number words; null if none. */
    static Num readNumber(List<Tok> toks, int i) {
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
}
