package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distinct question and answer frames of generated pairs, per category: how varied the
 * language a model learns from is. A frame is the text with the objects' names replaced by
 * {@code {A}} and {@code {B}} (in choice answers {@code {choice}} and {@code {other}}), lengths by
 * {@code {value}} ({@link HumanNumbers#SPOKEN}) and, in classify answers, the relation by
 * {@code {relation}} or {@code {word}}, so two pairs drawn from the same template give the same
 * frame. Not thread-safe; {@link #addAll} merges counts made apart.
 */
public final class QuestionFrames {

    private final Map<Category, Set<String>> questions = new EnumMap<>(Category.class);
    private final Map<Category, Set<String>> answers = new EnumMap<>(Category.class);

    /**
     * Adds the frames of {@code pair}.
     *
     * @param pair a generated pair
     * @param facts the facts it was generated from, with the same object ids and captions
     * @throws IllegalArgumentException when an object id of the pair is not in {@code facts}
     */
    public void add(QaPair pair, SceneFacts facts) {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(facts, "facts");
        Category c = pair.category();
        List<String> names = pair.names().isEmpty() ? recomputedNames(pair, facts) : pair.names();
        Map<String, String> roles = new LinkedHashMap<>();
        if (c == Category.COUNT) {
            for (String n : names) {
                roles.put(n, "{things}");
            }
        } else {
            String[] placeholders = {"{A}", "{B}", "{C}"};
            for (int i = 0; i < names.size() && i < 3; i++) {
                roles.putIfAbsent(names.get(i), placeholders[i]);
            }
        }
        questions.computeIfAbsent(c, k -> new HashSet<>()).add(replace(pair.question(), roles));
        Map<String, String> answerRoles = roles;
        int chosen = -1;
        if (pair.exact() instanceof ExactAnswer.Choice ch) {
            chosen = ch.objectId() == pair.objectIds().get(0) ? 0 : 1;
        } else if (pair.exact() instanceof ExactAnswer.Point pt) {
            chosen = pt.label().equals(pair.points().get(0).label()) ? 0 : 1;
        }
        if (chosen >= 0) {
            answerRoles = new LinkedHashMap<>();
            answerRoles.put(names.get(chosen), "{choice}");
            answerRoles.put(names.get(1 - chosen), "{other}");
        }
        String answer = replace(pair.answer(), answerRoles);
        if (pair.exact() instanceof ExactAnswer.Relation rel) {
            SpatialRelation r = SpatialRelation.fromWord(rel.word());
            for (SpatialRelation x : List.of(r, r.opposite())) {
                answer = replaceWord(answer, x.phrase(), "{relation}");
            }
            for (SpatialRelation x : List.of(r, r.opposite())) {
                answer = replaceWord(answer, x.word(), "{word}");
            }
        } else if (pair.exact() instanceof ExactAnswer.Clock) {
            answer = CLOCK_HOUR.matcher(answer).replaceAll("{hour}$1");
        } else if (pair.exact() instanceof ExactAnswer.Direction dir) {
            answer = replaceWord(answer, QaSynthesizer.where(dir.word()), "{where}");
            answer = replaceWord(answer, dir.word(), "{direction}");
        } else if (pair.exact() instanceof ExactAnswer.Count count) {
            answer = replaceWord(answer, QaSynthesizer.numberWord(count.count()), "{count}");
        }
        answers.computeIfAbsent(c, k -> new HashSet<>()).add(HumanNumbers.SPOKEN.matcher(answer).replaceAll("{value}"));
    }

    private static final Pattern CLOCK_HOUR = Pattern.compile("\\b(?:1[0-2]|[1-9])( o'clock)");

    /** The caption names of a pair read back without names (classic categories only). */
    private static List<String> recomputedNames(QaPair pair, SceneFacts facts) {
        Category c = pair.category();
        if (c.objectCount() == 0 || c.objectCount() > 2) {
            throw new IllegalArgumentException("A " + c.id() + " question without recorded names");
        }
        int a = AnswerCheck.position(facts, pair.objectIds().get(0));
        int b = c.objectCount() == 2 ? AnswerCheck.position(facts, pair.objectIds().get(1)) : a;
        List<NounPhrases.NounPhrase> names = QaSynthesizer.names(c, facts, a, b, pair.exact())
                .orElseThrow(() -> new IllegalArgumentException("A " + c.id() + " question about objects "
                        + pair.objectIds() + " is never asked in frame '" + facts.frameId() + "'"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.objectCount(); i++) {
            out.add(names.get(i).text());
        }
        return out;
    }

    /** Adds every frame of {@code other}. */
    public void addAll(QuestionFrames other) {
        other.questions.forEach((c, s) -> questions.computeIfAbsent(c, k -> new HashSet<>()).addAll(s));
        other.answers.forEach((c, s) -> answers.computeIfAbsent(c, k -> new HashSet<>()).addAll(s));
    }

    /** Distinct question frames of category {@code c}. */
    public int questionFrames(Category c) {
        return questions.getOrDefault(c, Set.of()).size();
    }

    /** Distinct answer frames of category {@code c}. */
    public int answerFrames(Category c) {
        return answers.getOrDefault(c, Set.of()).size();
    }

    /** Distinct question frames over all categories (a frame shared by two categories counts twice). */
    public int questionFrames() {
        return questions.values().stream().mapToInt(Set::size).sum();
    }

    /** Distinct answer frames over all categories. */
    public int answerFrames() {
        return answers.values().stream().mapToInt(Set::size).sum();
    }

    /** The question frames of {@code c}, sorted. */
    public List<String> questionFrameTexts(Category c) {
        List<String> out = new ArrayList<>(questions.getOrDefault(c, Set.of()));
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** {@code text} with each name (longest first, any case) replaced by its placeholder. */
    private static String replace(String text, Map<String, String> roles) {
        List<String> keys = new ArrayList<>(roles.keySet());
        keys.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String k : keys) {
            out = Pattern.compile(Pattern.quote(k), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(out)
                    .replaceAll(Matcher.quoteReplacement(roles.get(k)));
        }
        return out;
    }

    private static String replaceWord(String text, String word, String placeholder) {
        return Pattern.compile("(?<![\\p{L}{])" + Pattern.quote(word) + "(?![\\p{L}}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).replaceAll(Matcher.quoteReplacement(
                        placeholder));
    }
}
