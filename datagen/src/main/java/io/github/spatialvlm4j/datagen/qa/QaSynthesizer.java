package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * QA synthesis (SPEC stage 8): draws questions about one or two objects of a scene, fills
 * templates, and writes answers from the exact answers of {@link SpatialTruth}, with
 * human-aligned numbers ({@link HumanNumbers}) unless {@link QaOptions#exact()}.
 *
 * <p>Per question: a category is drawn with the {@linkplain QaOptions#weights() weights} among
 * those askable in the scene (categories that need the up direction or a floor are skipped in a
 * scene whose {@link io.github.spatialvlm4j.datagen.facts.FloorState} lacks it; two-object
 * categories need two objects), then A (and a different B) uniformly;
 * a directional difference that points the wrong way is asked with A and B swapped. A question
 * (category, A, B) is asked at most once per frame; drawing stops after
 * {@code 20 * questionsPerFrame} attempts, so a small scene yields fewer questions. Question
 * templates are drawn uniformly, answer templates with the conciseness bias of
 * {@link QaOptions#concisenessExponent()}.
 *
 * <p>Deterministic: the output depends only on (facts, frameSeed, options, templates). Cost is
 * O(questionsPerFrame) template renderings. Instances are immutable and thread-safe.
 */
public final class QaSynthesizer {

    private static final int ATTEMPTS_PER_QUESTION = 20;
    private static final Set<String> DETERMINERS = Set.of("the", "this", "that", "these", "those", "my", "your",
            "his", "her", "its", "our", "their");

    private final QaOptions options;
    private final Templates templates;
    private final HumanNumbers numbers;

    /** A synthesizer with the built-in templates. */
    public QaSynthesizer(QaOptions options) {
        this(options, Templates.fromClasspath());
    }

    /**
     * @param options the settings
     * @param templates the templates to fill
     */
    public QaSynthesizer(QaOptions options, Templates templates) {
        this.options = Objects.requireNonNull(options, "options");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.numbers = new HumanNumbers(options.imperialProbability());
    }

    /** The settings. */
    public QaOptions options() {
        return options;
    }

    /**
     * Generates up to {@link QaOptions#questionsPerFrame()} question/answer pairs about
     * {@code facts}.
     *
     * @param facts the scene; objects are named by their captions
     * @param frameSeed the frame's seed (derived by the caller from run seed and frame id)
     * @return the pairs, in generation order; empty for a scene without objects
     */
    public List<QaPair> synthesize(SceneFacts facts, long frameSeed) {
        Objects.requireNonNull(facts, "facts");
        int k = facts.objects().size();
        List<Category> eligible = new ArrayList<>();
        List<Double> cumulative = new ArrayList<>();
        double total = 0;
        for (Category c : Category.values()) {
            double w = options.weight(c);
            if (w > 0 && c.objectCount() <= k && c.askableIn(facts.floorState())) {
                total += w;
                eligible.add(c);
                cumulative.add(total);
            }
        }
        List<QaPair> out = new ArrayList<>();
        if (eligible.isEmpty()) {
            return out;
        }
        SplittableRandom rng = new SplittableRandom(frameSeed);
        Set<Long> asked = new HashSet<>();
        int n = options.questionsPerFrame();
        for (int attempt = 0; attempt < ATTEMPTS_PER_QUESTION * n && out.size() < n; attempt++) {
            Category c = eligible.get(pickCumulative(cumulative, total, rng));
            int a = rng.nextInt(k);
            int b = a;
            if (c.objectCount() == 2) {
                b = rng.nextInt(k - 1);
                if (b >= a) {
                    b++;
                }
                if (!SpatialTruth.isAskable(c, facts, a, b, options.margins())) {
                    int t = a;
                    a = b;
                    b = t;
                }
            }
            if (!SpatialTruth.isAskable(c, facts, a, b, options.margins()) || !seenWholeEnough(c, facts, a, b)
                    || !asked.add(((long) c.ordinal() * k + a) * k + b)) {
                continue;
            }
            out.add(pair(c, facts, a, b, rng));
        }
        return out;
    }

    /** Whether the objects are visible enough for {@code c} (see {@link QaOptions#maxOccludedOutline()}). */
    private boolean seenWholeEnough(Category c, SceneFacts facts, int a, int b) {
        if (!c.needsWholeObject()) {
            return true;
        }
        double max = options.maxOccludedOutline();
        return facts.objects().get(a).occludedOutline() <= max && facts.objects().get(b).occludedOutline() <= max;
    }

    private QaPair pair(Category c, SceneFacts facts, int a, int b, RandomGenerator rng) {
        ObjectFacts oa = facts.objects().get(a);
        ObjectFacts ob = facts.objects().get(b);
        ExactAnswer exact = SpatialTruth.exact(c, facts, a, b, options.margins());
        String nameA = nounPhrase(oa.caption());
        String nameB = nounPhrase(ob.caption());
        Map<String, String> names = c.objectCount() == 2 ? Map.of("A", nameA, "B", nameB) : Map.of("A", nameA);
        List<String> qs = templates.questions(c);
        String question = Templates.render(qs.get(rng.nextInt(qs.size())), names);
        String answer;
        if (exact instanceof ExactAnswer.YesNo yn) {
            answer = Templates.render(concise(yn.yes() ? templates.yesAnswers(c) : templates.noAnswers(c), rng), names);
        } else if (exact instanceof ExactAnswer.Choice ch) {
            boolean isA = ch.objectId() == oa.id();
            answer = Templates.render(concise(templates.answers(c), rng),
                    Map.of("choice", isA ? nameA : nameB, "other", isA ? nameB : nameA));
        } else if (exact instanceof ExactAnswer.Relation rel) {
            answer = Templates.render(concise(templates.answers(c), rng), Map.of("A", nameA, "B", nameB,
                    "relation", SpatialRelation.fromWord(rel.word()).phrase(), "word", rel.word()));
        } else if (exact instanceof ExactAnswer.Metric met) {
            String value = options.exact() ? HumanNumbers.exact(met.meters()).text()
                    : numbers.speak(met.meters(), rng).text();
            String template = concise(templates.answers(c), rng);
            answer = Templates.render(template, c.objectCount() == 2 ? Map.of("A", nameA, "B", nameB, "value", value)
                    : Map.of("A", nameA, "value", value));
        } else {
            answer = Templates.render(concise(templates.uncertainAnswers(c.kind()), rng),
                    Map.of("A", nameA, "B", nameB));
        }
        List<Integer> ids = c.objectCount() == 2 ? List.of(oa.id(), ob.id()) : List.of(oa.id());
        return new QaPair(c, ids, question, answer, exact);
    }

    /** Draws a template with weight {@code words^-exponent}. */
    private String concise(List<String> candidates, RandomGenerator rng) {
        double[] cum = new double[candidates.size()];
        double total = 0;
        for (int i = 0; i < cum.length; i++) {
            total += Math.pow(wordCount(candidates.get(i)), -options.concisenessExponent());
            cum[i] = total;
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < cum.length; i++) {
            if (u < cum[i]) {
                return candidates.get(i);
            }
        }
        return candidates.get(cum.length - 1);
    }

    /** Words of a template, a placeholder counting as one word; at least 1. */
    static int wordCount(String template) {
        String[] parts = template.strip().split("\\s+");
        return Math.max(1, parts.length);
    }

    private static int pickCumulative(List<Double> cumulative, double total, RandomGenerator rng) {
        double u = rng.nextDouble() * total;
        for (int i = 0; i < cumulative.size(); i++) {
            if (u < cumulative.get(i)) {
                return i;
            }
        }
        return cumulative.size() - 1;
    }

    /**
     * The noun phrase that names an object in a sentence: the caption with a definite article,
     * "red box" becomes "the red box", "a red box" becomes "the red box", "this mug" stays; the
     * first letter is lower-cased unless the first word looks like an acronym ("TV"). An empty
     * caption becomes "the object".
     */
    public static String nounPhrase(String caption) {
        String s = caption.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return "the object";
        }
        int space = s.indexOf(' ');
        String first = (space < 0 ? s : s.substring(0, space));
        String firstLower = first.toLowerCase(Locale.ROOT);
        if (space > 0 && (firstLower.equals("a") || firstLower.equals("an"))) {
            return nounPhrase(s.substring(space + 1));
        }
        if (!(first.length() > 1 && Character.isUpperCase(first.charAt(1)))) {
            s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        if (DETERMINERS.contains(firstLower)) {
            return s;
        }
        return "the " + s;
    }
}
