package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Captions that never contradict the answer. A caption from a captioning model, or from the
 * synthetic scenes, may carry a size adjective ("small table", "tall lamp") or, after
 * {@link Ambiguity}, a distinguishing clause ("... that's more to the left"). In a question about
 * the same property such words either contradict the measured answer ("Which is thinner, the wide
 * red box or the short orange box?" "The wide red box.") or give it away. So:
 * <ul>
 * <li><b>Size adjectives.</b> In a size comparison (tall/short, wide/thin, big/small: predicate,
 *     choice and classify), an adjective that says the opposite of the measured relation is
 *     removed from the caption used in that question: "short" or "small" on the taller object,
 *     "tall" or "big" on the shorter one, any related adjective on either object when the answer
 *     is "too close to call". Related: same dimension, or either side about overall size
 *     (big/small words relate to every comparison; "tall" does not contradict "wider").
 *     When the shortened caption could name another object of the scene (the two differ only in
 *     size adjectives, or its words are a subset of another's), or nothing is left, the
 *     question is not asked.</li>
 * <li><b>Distinguishing clauses.</b> A question whose category asks about the axis a clause
 *     describes ({@link Ambiguity.Clause#givesAway}) is not asked.</li>
 * </ul>
 * {@link #contradictions} finds both kinds in finished text, for the audit. Stateless; O(caption
 * length x objects) per call.
 */
public final class CaptionConsistency {

    /** The size property an adjective or a comparison is about. */
    enum Dimension {
        HEIGHT, WIDTH, SIZE;

        boolean relatedTo(Dimension other) {
            return this == other || this == SIZE || other == SIZE;
        }
    }

    /** A size adjective: its dimension and whether it says "more" (+1) or "less" (-1). */
    record SizeWord(Dimension dimension, int sign) {
    }

    private static final Map<String, SizeWord> SIZE_WORDS = Map.ofEntries(
            Map.entry("tall", new SizeWord(Dimension.HEIGHT, 1)),
            Map.entry("short", new SizeWord(Dimension.HEIGHT, -1)),
            Map.entry("wide", new SizeWord(Dimension.WIDTH, 1)),
            Map.entry("broad", new SizeWord(Dimension.WIDTH, 1)),
            Map.entry("thin", new SizeWord(Dimension.WIDTH, -1)),
            Map.entry("narrow", new SizeWord(Dimension.WIDTH, -1)),
            Map.entry("slim", new SizeWord(Dimension.WIDTH, -1)),
            Map.entry("slender", new SizeWord(Dimension.WIDTH, -1)),
            Map.entry("skinny", new SizeWord(Dimension.WIDTH, -1)),
            Map.entry("big", new SizeWord(Dimension.SIZE, 1)),
            Map.entry("large", new SizeWord(Dimension.SIZE, 1)),
            Map.entry("huge", new SizeWord(Dimension.SIZE, 1)),
            Map.entry("giant", new SizeWord(Dimension.SIZE, 1)),
            Map.entry("enormous", new SizeWord(Dimension.SIZE, 1)),
            Map.entry("oversized", new SizeWord(Dimension.SIZE, 1)),
            Map.entry("small", new SizeWord(Dimension.SIZE, -1)),
            Map.entry("little", new SizeWord(Dimension.SIZE, -1)),
            Map.entry("tiny", new SizeWord(Dimension.SIZE, -1)),
            Map.entry("mini", new SizeWord(Dimension.SIZE, -1)),
            Map.entry("miniature", new SizeWord(Dimension.SIZE, -1)));

    /** Words that strengthen an adjective and go with it when it is removed. */
    private static final Set<String> INTENSIFIERS = Set.of("very", "really", "quite", "rather", "fairly", "extra",
            "super", "slightly", "somewhat");

    private CaptionConsistency() {
    }

    /** Whether the lower-case {@code word} is a size adjective or an intensifier ("large", "very"). */
    static boolean isSizeWord(String word) {
        return SIZE_WORDS.containsKey(word) || INTENSIFIERS.contains(word);
    }

    /** The size dimension a category compares, or null for a category that compares no size. */
    static Dimension dimension(Category c) {
        if (c.kind() == Category.Kind.METRIC || !c.isClassic()) {
            return null;
        }
        return switch (SpatialRelation.of(c)) {
            case TALLER, SHORTER -> Dimension.HEIGHT;
            case WIDER, THINNER -> Dimension.WIDTH;
            case BIGGER, SMALLER -> Dimension.SIZE;
            default -> null;
        };
    }

    /**
     * Which of A and B is the larger in the compared dimension according to {@code exact}: +1 A,
     * -1 B, 0 too close to call.
     */
    static int larger(Category c, ExactAnswer exact, int idA) {
        SpatialRelation r = SpatialRelation.of(c);
        boolean relationSaysLarger = r == SpatialRelation.TALLER || r == SpatialRelation.WIDER
                || r == SpatialRelation.BIGGER;
        int holdsForA;
        if (exact instanceof ExactAnswer.YesNo yn) {
            holdsForA = yn.yes() ? 1 : -1;
        } else if (exact instanceof ExactAnswer.Choice ch) {
            holdsForA = ch.objectId() == idA ? 1 : -1;
        } else if (exact instanceof ExactAnswer.Relation rel) {
            holdsForA = rel.word().equals(r.word()) ? 1 : -1;
        } else {
            return 0;
        }
        return relationSaysLarger ? holdsForA : -holdsForA;
    }

    /**
     * Whether size word {@code w} on an object contradicts a comparison in dimension {@code d}
     * where the object is the larger ({@code role} +1), the smaller (-1) or tied (0).
     */
    private static boolean contradicts(SizeWord w, Dimension d, int role) {
        if (!w.dimension().relatedTo(d)) {
            return false;
        }
        return role == 0 || w.sign() != role;
    }

    /**
     * The captions of A and B to use in a question of category {@code c} with exact answer
     * {@code exact}: each with the size adjectives that contradict the answer removed.
     *
     * @param facts the scene
     * @param a position of A in {@code facts.objects()}
     * @param b position of B (equal to {@code a} for a single-object category)
     * @return the two captions (the second equals the first for a single-object category), or
     *     empty when the question must not be asked: a distinguishing clause gives the answer away,
     *     or a shortened caption would be empty or could name another object of the scene
     */
    public static Optional<List<String>> captionsFor(Category c, SceneFacts facts, int a, int b, ExactAnswer exact) {
        return captionsFor(c, facts, new int[] {a, b, b}, exact).map(l -> l.subList(0, 2));
    }

    /**
     * As {@link #captionsFor(Category, SceneFacts, int, int, ExactAnswer)} for the objects at positions
     * {@code p} (A, B, C; entries past the category's object count are ignored): the captions of A, B and
     * C, B repeating A for a one-object category and C repeating B for fewer than three objects.
     */
    static Optional<List<String>> captionsFor(Category c, SceneFacts facts, int[] p, ExactAnswer exact) {
        Objects.requireNonNull(c, "category");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(exact, "exact");
        int a = p[0];
        int b = c.objectCount() >= 2 ? p[1] : a;
        int third = c.objectCount() >= 3 ? p[2] : b;
        ObjectFacts oa = facts.objects().get(a);
        ObjectFacts ob = facts.objects().get(b);
        for (int i = 0; i < c.objectCount(); i++) {
            Optional<Ambiguity.Clause> clause = Ambiguity.Clause.of(facts.objects().get(p[i]).caption());
            if (clause.isPresent() && clause.get().givesAway(c)) {
                return Optional.empty();
            }
        }
        Dimension d = c.objectCount() == 2 ? dimension(c) : null;
        if (d == null) {
            return Optional.of(List.of(oa.caption(), ob.caption(), facts.objects().get(third).caption()));
        }
        int larger = larger(c, exact, oa.id());
        List<String> out = new ArrayList<>(2);
        int[] positions = {a, b};
        int[] roles = {larger, -larger};
        for (int i = 0; i < 2; i++) {
            String original = facts.objects().get(positions[i]).caption();
            String kept = strip(original, d, roles[i]);
            if (!kept.equals(original) && !distinct(kept, facts, positions[i])) {
                return Optional.empty();
            }
            out.add(kept);
        }
        out.add(out.get(1));
        return Optional.of(out);
    }

    /** {@code caption} without the size words (and their intensifiers) that contradict {@code role} in {@code d}. */
    static String strip(String caption, Dimension d, int role) {
        String[] parts = caption.strip().split("\\s+");
        boolean[] drop = new boolean[parts.length];
        boolean any = false;
        for (int i = 0; i < parts.length; i++) {
            SizeWord w = SIZE_WORDS.get(bare(parts[i]));
            if (w != null && contradicts(w, d, role)) {
                drop[i] = true;
                any = true;
                for (int j = i - 1; j >= 0 && INTENSIFIERS.contains(bare(parts[j])); j--) {
                    drop[j] = true;
                }
            }
        }
        if (!any) {
            return caption;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (!drop[i]) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(parts[i]);
            }
        }
        return sb.toString();
    }

    private static String bare(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** Whether shortened caption {@code kept} of object {@code self} still names it alone. */
    private static boolean distinct(String kept, SceneFacts facts, int self) {
        Set<String> core = core(kept);
        if (core.isEmpty()) {
            return false;
        }
        for (int i = 0; i < facts.objects().size(); i++) {
            if (i != self && core(facts.objects().get(i).caption()).containsAll(core)) {
                return false;
            }
        }
        return true;
    }

    /** The normalized words of a caption without size words and intensifiers. */
    private static Set<String> core(String caption) {
        Set<String> out = new HashSet<>();
        for (String w : NormalizedTextSimilarity.tokens(caption)) {
            if (!SIZE_WORDS.containsKey(w) && !INTENSIFIERS.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The caption/answer contradictions in a finished question/answer pair: for a size comparison,
     * each size adjective of an object's caption that contradicts the answer and is still in the
     * question or the answer, followed by the rest of the caption; for a question whose category a
     * distinguishing clause gives away, each such clause found in the text. The audit counts
     * these; the generator never writes any.
     *
     * @param pair a generated pair
     * @param facts the facts it was generated from (captions as the generator saw them)
     * @return a description of each contradiction, e.g. {@code "'short' on object 3"}; empty when none
     * @throws IllegalArgumentException when an object id of the pair is not in {@code facts}
     */
    public static List<String> contradictions(QaPair pair, SceneFacts facts) {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(facts, "facts");
        String text = phrase(NounPhrases.words(pair.question())) + phrase(NounPhrases.words(pair.answer()));
        List<ObjectFacts> objects = new ArrayList<>();
        for (int id : pair.objectIds()) {
            objects.add(facts.objects().get(AnswerCheck.position(facts, id)));
        }
        List<String> found = new ArrayList<>();
        for (ObjectFacts o : objects) {
            Optional<Ambiguity.Clause> clause = Ambiguity.Clause.of(o.caption());
            if (clause.isPresent() && clause.get().givesAway(pair.category())
                    && (text.contains(phrase(NounPhrases.words(clause.get().text(false))))
                    || text.contains(phrase(NounPhrases.words(clause.get().text(true)))))) {
                found.add("clause '" + clause.get().text(false) + "' on object " + o.id());
            }
        }
        Dimension d = pair.category().objectCount() == 2 ? dimension(pair.category()) : null;
        if (d == null) {
            return found;
        }
        int larger = larger(pair.category(), pair.exact(), objects.get(0).id());
        int[] roles = {larger, -larger};
        for (int i = 0; i < 2; i++) {
            // The adjective counts when the caption from it to its end (clause included) is in the
            // text, so that "small box that's more to the left" is not found in "the small box
            // that's more to the right".
            List<String> words = NounPhrases.words(NounPhrases.clean(objects.get(i).caption()));
            int headAt = words.indexOf(NounPhrases.headNoun(objects.get(i).caption()));
            for (int j = 0; j < words.size(); j++) {
                SizeWord w = SIZE_WORDS.get(words.get(j));
                if (w != null && contradicts(w, d, roles[i]) && headAt >= j
                        && text.contains(phrase(words.subList(j, words.size())))) {
                    found.add("'" + words.get(j) + "' on object " + objects.get(i).id());
                }
            }
        }
        return found;
    }

    /** Words joined by single spaces, with a space on either side, for whole-word search. */
    private static String phrase(List<String> words) {
        return " " + String.join(" ", words) + " ";
    }
}
