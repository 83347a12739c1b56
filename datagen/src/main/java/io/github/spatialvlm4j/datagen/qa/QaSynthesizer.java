package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * QA synthesis (SPEC stage 8): draws questions about one or two objects of a scene, fills
 * templates, and writes answers from the exact answers of {@link SpatialTruth}, with
 * human-aligned numbers ({@link HumanNumbers}) unless {@link QaOptions#exact()}.
 *
 * <p>Per question: a category is drawn with the {@linkplain QaOptions#weights() weights} among
 * those askable in the scene (categories that need the up direction or a floor are skipped in a
 * scene whose {@link io.github.spatialvlm4j.datagen.facts.FloorState} lacks it; two-object
 * categories need two objects), then A (and a different B) uniformly;
 * a directional difference that points the wrong way is asked with A and B swapped. Objects are
 * named by {@link #names}: size adjectives that would contradict the answer are left out, and a
 * question that a caption would contradict or give away is not asked ({@link CaptionConsistency}).
 * A question (category, A, B) is asked at most once per frame; drawing stops after
 * {@code 20 * questionsPerFrame} attempts, so a small scene yields fewer questions. Question
 * templates are drawn uniformly, answer templates with the conciseness bias of
 * {@link QaOptions#concisenessExponent()}.
 *
 * <p>Deterministic: the output depends only on (facts, frameSeed, options, templates). Cost is
 * O(questionsPerFrame) template renderings. Instances are immutable and thread-safe.
 */
public final class QaSynthesizer {

    private static final int ATTEMPTS_PER_QUESTION = 20;
    private static final Pattern HEDGE_BEFORE = Pattern.compile(
            "(?i)\\b(?:about|roughly|around|approximately|nearly|almost|close to|just about|maybe|perhaps|probably"
                    + "|somewhere around|an estimated|an approximate|some)\\s+\\{value}");

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
            ExactAnswer exact = SpatialTruth.exact(c, facts, a, b, options.margins());
            Optional<List<NounPhrases.NounPhrase>> names = names(c, facts, a, b, exact);
            if (names.isPresent()) {
                out.add(pair(c, facts, a, b, exact, names.get(), rng));
            }
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

    /**
     * The names of A and B (B equal to A for a one-object category) in a question of category
     * {@code c} whose exact answer is {@code exact}: their captions as
     * {@link CaptionConsistency#captionsFor} allows them, made {@linkplain NounPhrases noun
     * phrases}; empty when the question must not be asked.
     */
    public static Optional<List<NounPhrases.NounPhrase>> names(Category c, SceneFacts facts, int a, int b,
            ExactAnswer exact) {
        return CaptionConsistency.captionsFor(c, facts, a, b, exact)
                .map(captions -> List.of(NounPhrases.of(captions.get(0)), NounPhrases.of(captions.get(1))));
    }

    private QaPair pair(Category c, SceneFacts facts, int a, int b, ExactAnswer exact,
            List<NounPhrases.NounPhrase> names, RandomGenerator rng) {
        ObjectFacts oa = facts.objects().get(a);
        ObjectFacts ob = facts.objects().get(b);
        NounPhrases.NounPhrase na = names.get(0);
        NounPhrases.NounPhrase nb = names.get(1);
        Map<String, String> values = new HashMap<>();
        Set<String> plural = new HashSet<>();
        put(values, plural, "A", na);
        if (c.objectCount() == 2) {
            put(values, plural, "B", nb);
        }
        List<String> qs = templates.questions(c);
        String question = Templates.render(qs.get(rng.nextInt(qs.size())), values, plural);
        String answer;
        if (exact instanceof ExactAnswer.YesNo yn) {
            answer = Templates.render(concise(yn.yes() ? templates.yesAnswers(c) : templates.noAnswers(c), rng), values,
                    plural);
        } else if (exact instanceof ExactAnswer.Choice ch) {
            boolean isA = ch.objectId() == oa.id();
            Map<String, String> choice = new HashMap<>();
            Set<String> choicePlural = new HashSet<>();
            put(choice, choicePlural, "choice", isA ? na : nb);
            put(choice, choicePlural, "other", isA ? nb : na);
            answer = Templates.render(concise(templates.answers(c), rng), choice, choicePlural);
        } else if (exact instanceof ExactAnswer.Relation rel) {
            values.put("relation", SpatialRelation.fromWord(rel.word()).phrase());
            values.put("word", rel.word());
            answer = Templates.render(concise(templates.answers(c), rng), values, plural);
        } else if (exact instanceof ExactAnswer.Metric met) {
            HumanNumbers.Spoken value = options.exact() ? HumanNumbers.exact(met.meters())
                    : numbers.speak(met.meters(), rng);
            values.put("value", value.text());
            String template = concise(templates.answers(c), rng);
            answer = Templates.render(value.isUpperBound() ? withoutHedge(template) : template, values, plural);
        } else {
            put(values, plural, "B", nb);
            answer = Templates.render(concise(templates.uncertainAnswers(c.kind()), rng), values, plural);
        }
        List<Integer> ids = c.objectCount() == 2 ? List.of(oa.id(), ob.id()) : List.of(oa.id());
        return new QaPair(c, ids, question, answer, exact);
    }

    private static void put(Map<String, String> values, Set<String> plural, String key, NounPhrases.NounPhrase name) {
        values.put(key, name.text());
        if (name.plural()) {
            plural.add(key);
        }
    }

    /**
     * {@code template} without the hedge before {@code {value}} ("about", "roughly", ...) and
     * without an "or so" after it: a value such as "less than a centimeter" is a bound, and
     * "about less than a centimeter" is not English.
     */
    static String withoutHedge(String template) {
        return HEDGE_BEFORE.matcher(template).replaceAll("{value}").replace("{value} or so", "{value}");
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

}
