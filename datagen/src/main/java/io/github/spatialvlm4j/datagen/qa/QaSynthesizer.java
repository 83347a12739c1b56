package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.Seeds;
import io.github.spatialvlm4j.datagen.facts.CameraSpan;
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
 * QA synthesis (the synthesize stage, docs/ARCHITECTURE.md, "Stages"): draws questions about one or
 * two objects of a scene, fills templates, and writes answers from the exact answers of
 * {@link SpatialTruth}, with human-aligned numbers ({@link HumanNumbers}) unless
 * {@link QaOptions#exact()}.
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
 *
 * <p>Why one class of this size: drawing a question, naming its objects and choosing its answer
 * template depend on one another (a name that would contradict the answer changes what may be
 * asked), so the per-question decisions stay together; the pieces that stand alone are already
 * apart ({@link SpatialTruth}, {@link NounPhrases}, {@link CaptionConsistency},
 * {@link HumanNumbers}).
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
     * {@code facts}, without counting or point questions.
     *
     * @param facts the scene; objects are named by their captions
     * @param frameSeed the frame's seed (derived by the caller from run seed and frame id)
     * @return the pairs, in generation order; empty for a scene without objects
     */
    public List<QaPair> synthesize(SceneFacts facts, long frameSeed) {
        return synthesize(facts, SceneExtras.none(), frameSeed);
    }

    /**
     * Generates up to {@link QaOptions#questionsPerFrame()} question/answer pairs about {@code facts}
     * and {@code extras} (countable classes, point candidates).
     *
     * @param facts the scene, after ambiguity removal
     * @param extras what counting and point questions may ask about
     * @param frameSeed the frame's seed (derived by the caller from run seed and frame id)
     * @return the pairs, in generation order
     */
    public List<QaPair> synthesize(SceneFacts facts, SceneExtras extras, long frameSeed) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(extras, "extras");
        int k = facts.objects().size();
        List<Category> eligible = new ArrayList<>();
        List<Double> cumulative = new ArrayList<>();
        double total = 0;
        for (Category c : Category.values()) {
            double w = options.weight(c);
            boolean possible = switch (c) {
                case COUNT -> !extras.countable().isEmpty();
                case POINT_DEPTH -> extras.points().size() >= 2;
                default -> c.objectCount() <= k;
            };
            if (w > 0 && possible && c.askableIn(facts.floorState())) {
                total += w;
                eligible.add(c);
                cumulative.add(total);
            }
        }
        List<QaPair> out = new ArrayList<>();
        if (eligible.isEmpty()) {
            return out;
        }
        SplittableRandom rng = new SplittableRandom(Seeds.substream(frameSeed, Seeds.Substream.QUESTIONS));
        Set<List<Integer>> asked = new HashSet<>();
        Naming naming = new Naming(options.refer(), facts);
        int n = options.questionsPerFrame();
        for (int attempt = 0; attempt < ATTEMPTS_PER_QUESTION * n && out.size() < n; attempt++) {
            Category c = eligible.get(pickCumulative(cumulative, total, rng));
            if (c == Category.COUNT) {
                int i = rng.nextInt(extras.countable().size());
                if (asked.add(List.of(c.ordinal(), i))) {
                    out.add(countPair(extras.countable().get(i), rng));
                }
                continue;
            }
            if (c == Category.POINT_DEPTH) {
                int m = extras.points().size();
                int i = rng.nextInt(m);
                int j = rng.nextInt(m - 1);
                if (j >= i) {
                    j++;
                }
                if (asked.add(List.of(c.ordinal(), Math.min(i, j), Math.max(i, j)))) {
                    out.add(pointPair(extras.points().get(i), extras.points().get(j), i, j, naming, rng));
                }
                continue;
            }
            int[] p = drawObjects(c, k, rng);
            if (c.objectCount() == 2 && !SpatialTruth.isAskable(c, facts, p[0], p[1], options.margins())) {
                int t = p[0];
                p[0] = p[1];
                p[1] = t;
            }
            if (!SpatialTruth.isAskable(c, facts, p[0], p[1], p[2], options.margins()) || !seenWholeEnough(c, facts, p)
                    || !asked.add(List.of(c.ordinal(), p[0], p[1], p[2]))) {
                continue;
            }
            ExactAnswer exact = SpatialTruth.exact(c, facts, p[0], p[1], p[2], options.margins());
            Optional<List<NounPhrases.NounPhrase>> names = naming.names(c, p, exact);
            if (names.isPresent()) {
                out.add(pair(c, facts, p, exact, names.get(), rng));
                naming.used(c, p);
            }
        }
        return out;
    }

    /**
     * Positions of A, B and C for a category of {@code c.objectCount()} objects among {@code k}, distinct,
     * drawn uniformly; unused positions repeat A.
     */
    private static int[] drawObjects(Category c, int k, RandomGenerator rng) {
        int a = rng.nextInt(k);
        int[] p = {a, a, a};
        for (int i = 1; i < c.objectCount(); i++) {
            // Uniform over the positions not taken yet: x-th free position in increasing order.
            int x = rng.nextInt(k - i);
            int[] taken = java.util.Arrays.copyOf(p, i);
            java.util.Arrays.sort(taken);
            for (int t : taken) {
                if (x >= t) {
                    x++;
                }
            }
            p[i] = x;
        }
        return p;
    }

    /**
     * Whether the objects are visible enough for {@code c} (see {@link QaOptions#maxOccludedOutline()}): an
     * object hidden beyond that share is asked about only in the categories that do not
     * {@linkplain Category#needsWholeObject() need the whole object} (left/right, behind/front), and there
     * only when the visible parts of A and B do not overlap along the axis compared (camera x for left/right,
     * camera z for behind/front; {@link ObjectFacts#visibleSpan()}). The box centre of a cut or hidden object
     * is the centre of its visible part, not of the object: a bed cut in half by the border is compared by
     * half a bed. When the visible parts lie apart, the relation holds between what is seen whatever
     * the hidden part is; when they overlap, the answer would rest on a centre that is not the object's.
     * Without a visible span (hand-built facts) such a relation is not asked.
     */
    private boolean seenWholeEnough(Category c, SceneFacts facts, int[] p) {
        double max = options.maxOccludedOutline();
        boolean hidden = false;
        for (int i = 0; i < c.objectCount(); i++) {
            hidden |= facts.objects().get(p[i]).occludedOutline() > max;
        }
        if (!hidden) {
            return true;
        }
        if (c.needsWholeObject()) {
            return false;
        }
        Optional<CameraSpan> a = facts.objects().get(p[0]).visibleSpan();
        Optional<CameraSpan> b = facts.objects().get(p[1]).visibleSpan();
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return switch (SpatialRelation.of(c)) {
            case LEFT, RIGHT -> !a.get().overlapsInX(b.get());
            case BEHIND, FRONT -> !a.get().overlapsInZ(b.get());
            default -> throw new AssertionError(c + " needs the whole object");
        };
    }

    /**
     * The names of A and B (B equal to A for a one-object category) in a question of category
     * {@code c} whose exact answer is {@code exact}: their captions as
     * {@link CaptionConsistency#captionsFor} allows them, made {@linkplain NounPhrases noun
     * phrases}; empty when the question must not be asked.
     */
    public static Optional<List<NounPhrases.NounPhrase>> names(Category c, SceneFacts facts, int a, int b,
            ExactAnswer exact) {
        return names(c, facts, new int[] {a, b, b}, exact);
    }

    /** As {@link #names(Category, SceneFacts, int, int, ExactAnswer)} for up to three objects (A, B, C). */
    static Optional<List<NounPhrases.NounPhrase>> names(Category c, SceneFacts facts, int[] p, ExactAnswer exact) {
        return CaptionConsistency.captionsFor(c, facts, p, exact).map(captions -> {
            List<NounPhrases.NounPhrase> out = new ArrayList<>();
            for (String caption : captions) {
                out.add(NounPhrases.of(caption));
            }
            return out;
        });
    }

    /**
     * How the objects of one frame are named in the style of {@link QaOptions#refer()}: by caption, by
     * region index in order of first use, or by mark number (position in the objects + 1).
     */
    private static final class Naming {
        private final ReferStyle style;
        private final SceneFacts facts;
        private final Map<Integer, Integer> regionOf = new HashMap<>();
        private final Map<Integer, String> pointLabel = new HashMap<>();

        Naming(ReferStyle style, SceneFacts facts) {
            this.style = style;
            this.facts = facts;
        }

        Optional<List<NounPhrases.NounPhrase>> names(Category c, int[] p, ExactAnswer exact) {
            if (style == ReferStyle.CAPTION) {
                return QaSynthesizer.names(c, facts, p, exact);
            }
            List<NounPhrases.NounPhrase> out = new ArrayList<>();
            int next = regionOf.size();
            Map<Integer, Integer> fresh = new HashMap<>();
            for (int i = 0; i < Math.max(1, c.objectCount()); i++) {
                int id = facts.objects().get(p[i]).id();
                String name;
                if (style == ReferStyle.MARKS) {
                    name = ReferStyle.markName(p[i] + 1);
                } else {
                    Integer r = regionOf.containsKey(id) ? regionOf.get(id) : fresh.get(id);
                    if (r == null) {
                        r = next++;
                        fresh.put(id, r);
                    }
                    name = ReferStyle.regionName(r);
                }
                out.add(new NounPhrases.NounPhrase(name, false));
            }
            if (out.size() < 3) {
                out.add(out.get(out.size() - 1));
            }
            return Optional.of(out);
        }

        /** Records that the objects at {@code p} were named by an accepted question (region order). */
        void used(Category c, int[] p) {
            for (int i = 0; i < c.objectCount(); i++) {
                regionOf.putIfAbsent(facts.objects().get(p[i]).id(), regionOf.size());
            }
        }

        /** The label of point candidate {@code index}: A, B, ... in order of first use in the frame. */
        String pointLabel(int index) {
            return pointLabel.computeIfAbsent(index, i -> ImagePoint.label(pointLabel.size()));
        }
    }

    private QaPair pair(Category c, SceneFacts facts, int[] p, ExactAnswer exact, List<NounPhrases.NounPhrase> names,
            RandomGenerator rng) {
        ObjectFacts oa = facts.objects().get(p[0]);
        Map<String, String> values = new HashMap<>();
        Set<String> plural = new HashSet<>();
        String[] roles = {"A", "B", "C"};
        for (int i = 0; i < Math.max(1, c.objectCount()); i++) {
            put(values, plural, roles[i], names.get(i));
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
            put(choice, choicePlural, "choice", isA ? names.get(0) : names.get(1));
            put(choice, choicePlural, "other", isA ? names.get(1) : names.get(0));
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
        } else if (exact instanceof ExactAnswer.Clock clock) {
            values.put("hour", Integer.toString(clock.hour()));
            answer = Templates.render(concise(templates.answers(c), rng), values, plural);
        } else if (exact instanceof ExactAnswer.Direction dir) {
            values.put("direction", dir.word());
            values.put("where", where(dir.word()));
            answer = Templates.render(concise(templates.answers(c), rng), values, plural);
        } else {
            put(values, plural, "B", names.get(1));
            answer = Templates.render(concise(templates.uncertainAnswers(c), rng), values, plural);
        }
        List<Integer> ids = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (int i = 0; i < c.objectCount(); i++) {
            ids.add(facts.objects().get(p[i]).id());
            named.add(names.get(i).text());
        }
        return new QaPair(c, ids, question, answer, exact, List.of(), named);
    }

    /** "How many ... are there?" about a countable class (never uncertain: the class is seen whole). */
    private QaPair countPair(CountClass cls, RandomGenerator rng) {
        int n = cls.ids().size();
        List<String> qs = templates.questions(Category.COUNT);
        String question = Templates.render(qs.get(rng.nextInt(qs.size())), Map.of("things", cls.plural()));
        Map<String, String> values = new HashMap<>();
        values.put("count", numberWord(n));
        values.put("things", n == 1 ? cls.singular() : cls.plural());
        String answer = Templates.render(concise(templates.answers(Category.COUNT), rng), values,
                n == 1 ? Set.of() : Set.of("count"));
        return new QaPair(Category.COUNT, List.of(), question, answer, new ExactAnswer.Count(cls.key(), n), List.of(),
                List.of(cls.plural(), cls.singular()));
    }

    /** "Which point is closer to the camera?" about two point candidates. */
    private QaPair pointPair(PointCandidate first, PointCandidate second, int i, int j, Naming naming,
            RandomGenerator rng) {
        ImagePoint pa = new ImagePoint(naming.pointLabel(i), first.u(), first.v());
        ImagePoint pb = new ImagePoint(naming.pointLabel(j), second.u(), second.v());
        ExactAnswer exact = SpatialTruth.pointOrder(pa, first.depth(), pb, second.depth(), options.margins());
        NounPhrases.NounPhrase na = new NounPhrases.NounPhrase(ReferStyle.pointName(pa.label()), false);
        NounPhrases.NounPhrase nb = new NounPhrases.NounPhrase(ReferStyle.pointName(pb.label()), false);
        Map<String, String> values = new HashMap<>();
        values.put("A", na.text());
        values.put("B", nb.text());
        List<String> qs = templates.questions(Category.POINT_DEPTH);
        String question = Templates.render(qs.get(rng.nextInt(qs.size())), values);
        String answer;
        if (exact instanceof ExactAnswer.Point pt) {
            boolean isA = pt.label().equals(pa.label());
            answer = Templates.render(concise(templates.answers(Category.POINT_DEPTH), rng), Map.of("choice",
                    (isA ? na : nb).text(), "other", (isA ? nb : na).text()));
        } else {
            answer = Templates.render(concise(templates.uncertainAnswers(Category.POINT_DEPTH), rng), values);
        }
        return new QaPair(Category.POINT_DEPTH, List.of(), question, answer, exact, List.of(pa, pb),
                List.of(na.text(), nb.text()));
    }

    /** Number words up to twelve, digits beyond. */
    static String numberWord(int n) {
        String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve"};
        return n >= 0 && n < words.length ? words[n] : Integer.toString(n);
    }

    /** The phrase of an allocentric direction word that reads after "it's": "on your left", "behind you". */
    static String where(String direction) {
        return switch (direction) {
            case "left" -> "on your left";
            case "right" -> "on your right";
            case "back" -> "behind you";
            case "front-left" -> "ahead of you on the left";
            case "front-right" -> "ahead of you on the right";
            case "back-left" -> "behind you on the left";
            case "back-right" -> "behind you on the right";
            default -> throw new IllegalArgumentException("Unknown direction word: '" + direction + "'");
        };
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
