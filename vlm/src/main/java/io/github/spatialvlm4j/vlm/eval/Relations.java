package io.github.spatialvlm4j.vlm.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spatial relation a question asks about and the one an answer states, so that an answer that
 * names no option and says no yes or no can still be read: "In fact, Region [0] might be wider than
 * Region [1]." answers "Is Region [0] thinner than Region [1]?" with a no, and "Region [1] is lower"
 * answers "Who is higher up, Region [0] or Region [1]?" with Region [0]. Works on normalised text
 * ({@link AnswerTokens#normalize}). Stateless.
 */
final class Relations {

    /** A comparative relation; each has its opposite next to it. */
    enum Rel {
        LEFT("left(?:most|-hand)?"),
        RIGHT("(?:to|on|at|toward|towards) the right|right(?:most|-hand)|right side|right of|more right"
                + "|further right|farther right"),
        ABOVE("above|higher(?: up)?|over|on top of|on top"),
        BELOW("below|lower(?: down)?|under|underneath|beneath"),
        BEHIND("behind|further|farther|more distant|in back of"),
        FRONT("in front|closer|nearer|less distant"),
        TALLER("taller|greater height|more height|larger height"),
        SHORTER("shorter|lesser height|less height|less tall|not as tall"),
        WIDER("wider|broader|greater width|larger width|more width"),
        THINNER("thinner|narrower|slimmer|lesser width|less width|width is less|not as wide"),
        BIGGER("bigger|larger|greater size|larger size|more space"),
        SMALLER("smaller|tinier|lesser size|less space|not as big|not as large");

        private final Pattern pattern;

        Rel(String alternatives) {
            this.pattern = Pattern.compile("(?<![a-z])(?:" + alternatives + ")(?![a-z])");
        }

        /** The opposite relation: left and right, above and below, and so on. */
        Rel opposite() {
            return values()[ordinal() ^ 1];
        }
    }

    /** A relation found at [start, end) of the text. */
    record Found(Rel rel, int start, int end) {
    }

    private static final Pattern NEGATION = Pattern.compile("\\b(?:not|never|isn't|aren't|doesn't|don't|wasn't"
            + "|weren't|isnt|arent|doesnt|dont|cannot|can't)\\b");
    private static final Pattern REGION = Pattern.compile("region\\s*\\[\\s*(\\d+)\\s*\\]");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;\\n]");
    /**
     * A line that only says what a region shows ("*   **Region [1]:** a dresser with books on top"):
     * its relation words describe the region, not the answer.
     */
    private static final Pattern REGION_DEFINITION = Pattern.compile(
            "(?m)^[\\s*\\-\\u2022]*region\\s*\\[\\s*\\d+\\s*\\]\\W{0,4}:.*$");

    private Relations() {
    }

    /**
     * The first relation stated in {@code norm} outside the {@code excluded} spans ({start, end}
     * pairs, e.g. where options are named) and outside lines that define a region; at one position
     * the longest phrase wins.
     *
     * @return the relation, or null when none is stated
     */
    static Found first(String norm, List<int[]> excluded) {
        return first(norm, excluded, null);
    }

    /**
     * Like {@link #first(String, List)}, but only {@code wanted} and its opposite count (any relation
     * when {@code wanted} is null).
     */
    static Found first(String norm, List<int[]> excluded, Rel wanted) {
        List<int[]> skip = new ArrayList<>(excluded);
        Matcher definition = REGION_DEFINITION.matcher(norm);
        while (definition.find()) {
            skip.add(new int[] {definition.start(), definition.end()});
        }
        Found best = null;
        for (Rel r : Rel.values()) {
            if (wanted != null && r != wanted && r != wanted.opposite()) {
                continue;
            }
            Matcher m = r.pattern.matcher(norm);
            while (m.find()) {
                if (inside(m.start(), m.end(), skip)) {
                    continue;
                }
                if (best == null || m.start() < best.start
                        || (m.start() == best.start && m.end() - m.start() > best.end - best.start)) {
                    best = new Found(r, m.start(), m.end());
                }
                break;
            }
        }
        return best;
    }

    private static boolean inside(int start, int end, List<int[]> spans) {
        for (int[] s : spans) {
            if (start < s[1] && end > s[0]) {
                return true;
            }
        }
        return false;
    }

    /** Whether a negation ("not", "isn't", ...) stands in [from, to) of {@code norm}, within its sentence. */
    static boolean negatedBefore(String norm, int from, int to) {
        int base = Math.max(0, from);
        int start = base;
        Matcher end = SENTENCE_END.matcher(norm.substring(base, to));
        while (end.find()) {
            start = base + end.end();
        }
        return start < to && NEGATION.matcher(norm.substring(start, to)).find();
    }

    /** The region numbers ("Region [0]") named in {@code norm}, in order of first mention. */
    static List<String> regions(String norm) {
        List<String> out = new ArrayList<>();
        Matcher m = REGION.matcher(norm);
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The region number named last before {@code position} in {@code norm}, or null. */
    static String regionBefore(String norm, int position) {
        Matcher m = REGION.matcher(norm.substring(0, position));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /**
     * Reads a statement as the answer to a yes/no question by comparing relations: the same relation
     * as the question's is a yes, the opposite a no, each flipped by a negation before it and by the
     * statement being about the question's second region ("Region [1] is behind Region [0]" answers
     * "Is Region [0] behind Region [1]?" with a no).
     *
     * @param normAnswer the normalised answer
     * @param normQuestion the normalised question
     * @return TRUE for yes, FALSE for no, null when the two state no comparable relation
     */
    static Boolean verdict(String normAnswer, String normQuestion) {
        Found q = first(normQuestion, List.of());
        Found a = q == null ? null : first(normAnswer, List.of(), q.rel);
        if (a == null) {
            return null;
        }
        boolean same = a.rel == q.rel;
        List<String> asked = regions(normQuestion);
        String subject = regionBefore(normAnswer, a.start);
        if (asked.size() >= 2 && subject != null && subject.equals(asked.get(1)) && !subject.equals(asked.get(0))) {
            same = !same;
        }
        if (negatedBefore(normAnswer, 0, a.start)) {
            same = !same;
        }
        return same;
    }
}
