package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.languagetool.MultiThreadedJLanguageTool;
import org.languagetool.Languages;
import org.languagetool.rules.Rule;
import org.languagetool.rules.RuleMatch;

/**
 * The grammar gate: every question and answer template of every category, rendered with a fixed
 * set of realistic captions (short and long, singular and plural, with and without a
 * distinguishing clause) and representative lengths in metric and imperial units, checked by
 * LanguageTool (American English) with zero matches allowed. One checker instance serves every
 * sentence (it checks the sentences of a text on one thread per core); sentences are checked in
 * batches of paragraphs, several times faster than one call each.
 *
 * <p>LanguageTool does not check subject-verb agreement after an inverted verb ("Is the chairs
 * ...") nor wording ("more tall" it does catch; "higher in stature" it does not), so the test
 * adds its own checks for those: agreement of the words of {@link Templates#agreementWords()}
 * next to every name, the mechanical comparatives the templates must not use, and no hedge
 * before a bound ("about less than a centimeter").
 */
class TemplateGrammarTest {

    /**
     * LanguageTool rules switched off, each a matter of style rather than grammar, with why it
     * does not apply to short template sentences.
     */
    static final Map<String, String> EXCLUDED = Map.of(
            "ENGLISH_WORD_REPEAT_BEGINNING_RULE", "a style rule over a text (three successive sentences that start with"
                    + " the same word); the gate joins unrelated template sentences into one text to check them fast,"
                    + " and the generator never puts them side by side");

    /** Captions as a captioning model or the ambiguity step would give them. */
    private static final List<String> SINGULAR = List.of("mug", "red wooden chair with a curved back",
            "A lamp.", "LED desk lamp", "stack of old books", Ambiguity.Clause.LEFT.appendTo("blue box"),
            Ambiguity.Clause.BOTTOM.appendTo("white kitchen cabinet"));
    private static final List<String> PLURAL = List.of("chairs", "potted plants by the window", "glasses",
            Ambiguity.Clause.RIGHT.appendTo("folded towels"), Ambiguity.Clause.TOP.appendTo("shoes"), "two cups");
    /** Lengths as {@link HumanNumbers} writes them, metric and imperial, exact and bounds. */
    private static final List<String> VALUES = List.of("1 meter", "85 centimeters", "3 feet", "half a meter",
            "2 feet 10 inches", "a foot and a half", "1.5 meters", "4 centimeters", "0.86 meters", "1 inch",
            "20 meters", "half an inch", "less than a centimeter", "less than an inch");
    private static final List<String> BOUNDS = List.of("less than a centimeter", "less than an inch");
    /** Counted classes (singular, plural) as {@link CountClass} names them. */
    private static final List<List<String>> CLASSES = List.of(List.of("red box", "red boxes"), List.of("chair", "chairs"),
            List.of("LED desk lamp", "LED desk lamps"), List.of("potted plant", "potted plants"),
            List.of("glass", "glasses"), List.of("shelf", "shelves"));
    /** Names of objects in the region and marks styles, rendered in turn with the captions. */
    private static final List<String> REFERENCES = List.of(ReferStyle.regionName(0), ReferStyle.markName(2),
            ReferStyle.regionName(3), ReferStyle.markName(11));

    /** Wordings that read like a machine swapped synonyms, not like a person asking. */
    private static final List<String> MECHANICAL = List.of("more tall", "less tall", "more big", "less big",
            "more wide", "less wide", "more small", "less small", "more short", "less short", "more thin",
            "less thin", "higher in stature", "greater in height", "greater in width", "lesser height",
            "of greater height", "more large", "centre");

    private static MultiThreadedJLanguageTool checker;

    @BeforeAll
    static void startChecker() {
        checker = new MultiThreadedJLanguageTool(Languages.getLanguageForShortCode("en-US"),
                Runtime.getRuntime().availableProcessors());
        for (String id : EXCLUDED.keySet()) {
            checker.disableRule(id);
        }
    }

    @AfterAll
    static void stopChecker() {
        checker.shutdown();
    }

    /** A rendered sentence and where it came from. */
    private record Sentence(String text, String origin, List<String> singular, List<String> plural, boolean toChecker) {
    }

    @Test
    void excludedRulesExist() {
        Set<String> ids = checker.getAllRules().stream().map(Rule::getId).collect(Collectors.toSet());
        for (String id : EXCLUDED.keySet()) {
            assertTrue(ids.contains(id), "no LanguageTool rule " + id);
        }
    }

    @Test
    void everyTemplateIsGrammatical() {
        List<Sentence> all = renderAll(Templates.fromClasspath());
        assertTrue(all.stream().filter(Sentence::toChecker).count() > 1500 && all.size() > 3000, "" + all.size());
        List<String> problems = problems(all);
        assertEquals(List.of(), problems, problems.size() + " problems");
    }

    @Test
    void theGateCatchesKnownMistakes() {
        List<String> sing = List.of("the gray cylinder");
        List<String> plur = List.of("the chairs");
        List<Sentence> bad = List.of(
                new Sentence("Is it true that the gray cylinder is more tall than the chairs?", "1", sing, plur, true),
                new Sentence("Is the chairs taller than the gray cylinder?", "2", sing, plur, true),
                new Sentence("Yes, the chairs stands taller.", "3", sing, plur, false),
                new Sentence("About less than a centimeter.", "4", sing, plur, false),
                new Sentence("Is the gray cylinder higher in stature than the chairs?", "5", sing, plur, false),
                new Sentence("Whats the distance between the gray cylinder and the chairs?", "6", sing, plur, true));
        List<String> problems = problems(bad);
        for (String origin : List.of("1", "2", "3", "4", "5", "6")) {
            assertTrue(problems.stream().anyMatch(p -> p.endsWith("[" + origin + "]")), origin + ": " + problems);
        }
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("SHORT_COMPARATIVES")), problems.toString());
    }

    /** What the test's own checks (every sentence) and LanguageTool (sentences marked for it) find. */
    private static List<String> problems(List<Sentence> all) {
        List<String> problems = new ArrayList<>();
        for (Sentence s : all) {
            ownChecks(s, problems);
        }
        List<Sentence> sentences = all.stream().filter(Sentence::toChecker).toList();
        int batch = 150;
        for (int from = 0; from < sentences.size(); from += batch) {
            List<Sentence> part = sentences.subList(from, Math.min(sentences.size(), from + batch));
            StringBuilder text = new StringBuilder();
            int[] starts = new int[part.size()];
            for (int i = 0; i < part.size(); i++) {
                starts[i] = text.length();
                text.append(part.get(i).text()).append("\n\n");
            }
            List<RuleMatch> matches;
            try {
                matches = checker.check(text.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (RuleMatch m : matches) {
                int i = part.size() - 1;
                while (i > 0 && starts[i] > m.getFromPos()) {
                    i--;
                }
                problems.add(m.getRule().getId() + " (" + m.getRule().getCategory().getId() + "): " + m.getMessage()
                        + " -- " + part.get(i).text() + " [" + part.get(i).origin() + "]");
            }
        }
        return problems;
    }

    /**
     * Every template twice, singular A with plural B and plural A with singular B, metric answers
     * also with a bound; the first rendering, or the second for every other template, goes to
     * LanguageTool, all of them to the test's own checks.
     */
    static List<Sentence> renderAll(Templates t) {
        List<Sentence> out = new ArrayList<>();
        int n = 0;
        for (Category c : Category.values()) {
            List<List<String>> sections = new ArrayList<>();
            List<String> names = new ArrayList<>();
            sections.add(t.questions(c));
            names.add("questions");
            if (c.kind() == Category.Kind.PREDICATE) {
                sections.add(t.yesAnswers(c));
                names.add("yes");
                sections.add(t.noAnswers(c));
                names.add("no");
            } else {
                sections.add(t.answers(c));
                names.add("answers");
            }
            if (!c.isClassic() && c.kind() != Category.Kind.COUNT && c.kind() != Category.Kind.METRIC) {
                sections.add(t.uncertainAnswers(c));
                names.add("uncertain");
            }
            for (int s = 0; s < sections.size(); s++) {
                for (String template : sections.get(s)) {
                    int toChecker = n % 2;
                    for (int k = 0; k < 2; k++, n++) {
                        String value = VALUES.get(n % VALUES.size());
                        out.add(render(c, names.get(s), template, k == 1, n, value, k == 1, k == toChecker));
                    }
                    if (c.kind() == Category.Kind.METRIC && names.get(s).equals("answers")) {
                        out.add(render(c, "answers", template, n % 2 == 0, n, BOUNDS.get(n % 2), false, n % 5 == 0));
                        n++;
                    }
                }
            }
        }
        for (Category.Kind k : List.of(Category.Kind.PREDICATE, Category.Kind.CHOICE, Category.Kind.CLASSIFY,
                Category.Kind.METRIC)) {
            for (String template : t.uncertainAnswers(k)) {
                for (int i = 0; i < 2; i++, n++) {
                    out.add(render(null, k.name(), template, i == 1, n, "", false, i == 0));
                }
            }
        }
        return out;
    }

    /**
     * One template rendered with A plural ({@code pluralA}) or singular and B of the other
     * number, captions drawn in turn by {@code n}.
     */
    private static Sentence render(Category c, String section, String template, boolean pluralA, int n, String value,
            boolean opposite, boolean toChecker) {
        NounPhrases.NounPhrase sing = n % 5 == 4 ? new NounPhrases.NounPhrase(REFERENCES.get(n / 5 % REFERENCES.size()),
                false) : NounPhrases.of(caption(SINGULAR, n, c));
        NounPhrases.NounPhrase plur = NounPhrases.of(caption(PLURAL, n, c));
        assertTrue(!sing.plural() && plur.plural(), sing + " " + plur);
        NounPhrases.NounPhrase a = pluralA ? plur : sing;
        NounPhrases.NounPhrase b = pluralA ? sing : plur;
        NounPhrases.NounPhrase third = NounPhrases.of(caption(SINGULAR, n + 3, c));
        if (c != null && c.kind() == Category.Kind.POINT) {
            a = new NounPhrases.NounPhrase(ReferStyle.pointName("A"), false);
            b = new NounPhrases.NounPhrase(ReferStyle.pointName(ImagePoint.label(n % 5 + 1)), false);
            pluralA = false;
        }
        Map<String, String> values = new java.util.HashMap<>();
        Set<String> plural = new HashSet<>();
        values.put("A", a.text());
        values.put("B", b.text());
        values.put("C", (pluralA ? third : plur).text());
        values.put("choice", a.text());
        values.put("other", b.text());
        if (pluralA) {
            plural.add("A");
            plural.add("choice");
        } else if (c == null || c.kind() != Category.Kind.POINT) {
            plural.add("B");
            plural.add("other");
            plural.add("C");
        }
        List<String> singulars = new java.util.ArrayList<>(List.of(sing.text()));
        List<String> plurals = new java.util.ArrayList<>(List.of(plur.text()));
        if (c != null && c.kind() == Category.Kind.COUNT) {
            List<String> cls = CLASSES.get(n % CLASSES.size());
            int count = opposite ? 1 : 3 + n % 11;
            values.put("count", QaSynthesizer.numberWord(count));
            values.put("things", section.equals("questions") || count != 1 ? cls.get(1) : cls.get(0));
            plural.add("count");
            if (count == 1) {
                plural.remove("count");
            }
        }
        if (c != null && c.kind() == Category.Kind.CLOCK) {
            values.put("hour", Integer.toString(1 + n % 12));
        }
        if (c != null && c.kind() == Category.Kind.DIRECTION) {
            List<String> options = SpatialTruth.directionOptions(c);
            String word = options.get(n % options.size());
            values.put("direction", word);
            values.put("where", QaSynthesizer.where(word));
        }
        String filled = template;
        if (c != null && c.kind() == Category.Kind.CLASSIFY) {
            SpatialRelation r = SpatialRelation.of(c);
            r = opposite ? r.opposite() : r;
            values.put("relation", r.phrase());
            values.put("word", r.word());
        }
        if (c != null && c.kind() == Category.Kind.METRIC && section.equals("answers")) {
            values.put("value", value);
            if (BOUNDS.contains(value)) {
                filled = QaSynthesizer.withoutHedge(template);
            }
        }
        String text = Templates.render(filled, values, plural);
        String origin = (c == null ? "uncertain" : c.id()) + " [" + section + "] " + template;
        return new Sentence(text, origin, singulars, plurals, toChecker);
    }

    /**
     * The caption at {@code n} in turn, or the next one when its distinguishing clause would give
     * away the answer of {@code c} (the generator never asks that question).
     */
    private static String caption(List<String> captions, int n, Category c) {
        for (int i = 0; ; i++) {
            String caption = captions.get((n + i) % captions.size());
            var clause = Ambiguity.Clause.of(caption);
            if (c == null || clause.isEmpty() || !clause.get().givesAway(c)) {
                return caption;
            }
        }
    }

    private static final Pattern HEDGED_BOUND = Pattern.compile(
            "(?i)\\b(about|roughly|around|approximately|nearly|almost|some|maybe|perhaps)\\s+less than");

    private static void ownChecks(Sentence s, List<String> problems) {
        String lower = s.text().toLowerCase(Locale.ROOT);
        if (s.text().contains("{") || s.text().contains("}")) {
            problems.add("unfilled placeholder: " + s.text() + " [" + s.origin() + "]");
        }
        for (String m : MECHANICAL) {
            if (lower.contains(m)) {
                problems.add("mechanical wording '" + m + "': " + s.text() + " [" + s.origin() + "]");
            }
        }
        if (HEDGED_BOUND.matcher(s.text()).find() || lower.contains("less than a centimeter or so")) {
            problems.add("hedged bound: " + s.text() + " [" + s.origin() + "]");
        }
        for (String name : s.plural()) {
            check(s, name, SINGULAR_BEFORE, SINGULAR_AFTER, problems);
        }
        for (String name : s.singular()) {
            check(s, name, PLURAL_BEFORE, PLURAL_AFTER, problems);
        }
    }

    /** Auxiliaries that must not stand right before a plural name ("is the chairs"). */
    private static final String SINGULAR_BEFORE = "is|isn't|was|wasn't|does|doesn't|has|hasn't";
    /** Verbs that must not follow a plural name ("the chairs sits"). */
    private static final String SINGULAR_AFTER = SINGULAR_BEFORE + "|" + Templates.agreementWords().keySet().stream()
            .filter(w -> w.endsWith("s") && !w.equals("its") && !w.equals("is") && !w.equals("has")
                    && !w.equals("does") && !w.equals("was"))
            .sorted().collect(Collectors.joining("|"));
    /** Auxiliaries that must not stand right before a singular name, unless it starts a list ("are the mug and ..."). */
    private static final String PLURAL_BEFORE = "are|aren't|were|weren't|do|don't|have|haven't";
    /** Verbs that must not follow a singular name ("the mug are"); bare verbs may ("does the mug sit"). */
    private static final String PLURAL_AFTER = "are|aren't|were|weren't";

    /**
     * {@code name} must not be preceded by an auxiliary of {@code before} ("is the chairs", unless
     * a list follows: "are the mug and ...") nor, where it starts a clause and so is the subject,
     * followed by a verb of {@code after} ("Yes, the chairs is ...").
     */
    private static void check(Sentence s, String name, String before, String after, List<String> problems) {
        String n = Pattern.quote(name);
        Pattern inverted = Pattern.compile("(?i)(?<![\\w'])(?:" + before + ")\\s+" + n + "(?!\\w)(?! and | or )");
        Pattern subject = Pattern.compile("(?i)(?:^|[,;:] )" + n + "\\s+(?:" + after + ")(?![\\w'])");
        if (inverted.matcher(s.text()).find() || subject.matcher(s.text()).find()) {
            problems.add("agreement with '" + name + "': " + s.text() + " [" + s.origin() + "]");
        }
    }
}
