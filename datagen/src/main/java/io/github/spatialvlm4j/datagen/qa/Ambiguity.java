package io.github.spatialvlm4j.datagen.qa;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Ambiguity removal (the disambiguate stage, docs/ARCHITECTURE.md, "Stages"): a question must name
 * each object unambiguously.
 *
 * <ol>
 * <li>Background things are dropped: captions whose {@linkplain NounPhrases#headNoun head noun},
 *     made singular, is one of {@link #BACKGROUND}. "blue sky" and "sky with clouds" are dropped;
 *     "wall clock" and "picture on the wall" are kept.</li>
 * <li>The remaining captions are grouped: two objects are linked when
 *     {@code similarity >= threshold}; groups are the connected components.</li>
 * <li>A group of exactly two gets a distinguishing clause each, from the image position of their
 *     {@link io.github.spatialvlm4j.datagen.facts.PixelBox} centres along the axis with the larger
 *     separation: "... that's more to the left" / "... that's more to the right", or
 *     "... nearer the top of the image" / "... nearer the bottom of the image" (a {@link Clause},
 *     agreeing in number with the caption: "chairs that are more to the left"). A pair whose
 *     centres coincide cannot be told apart and is dropped.</li>
 * <li>Groups of three or more are dropped.</li>
 * </ol>
 * The result keeps the surviving objects in their original order, with the gaps matrix reduced to
 * them. Cost: O(k^2) similarity calls for k objects.
 */
public final class Ambiguity {

    /** Head nouns of background things that questions never name. */
    public static final Set<String> BACKGROUND = Set.of("sky", "sun", "floor", "wall", "ceiling", "ground", "cloud");

    /** Default similarity threshold for {@link NormalizedTextSimilarity}. */
    public static final double DEFAULT_THRESHOLD = 0.75;

    /**
     * What ambiguity removal did to one scene.
     *
     * @param facts the scene with the surviving objects (captions possibly rewritten) and their gaps
     * @param droppedBackground objects dropped as background
     * @param droppedAmbiguous objects dropped because they were in a group of three or more similar
     *     captions, or in a pair that could not be told apart
     * @param disambiguated objects that received a distinguishing clause
     */
    public record Result(SceneFacts facts, int droppedBackground, int droppedAmbiguous, int disambiguated) {
        public Result {
            Objects.requireNonNull(facts, "facts");
        }
    }

    /**
     * A distinguishing clause: where an object lies in the image relative to its look-alike. It
     * agrees with the caption's number ("the chair that's more to the left", "the chairs that are
     * more to the left").
     */
    public enum Clause {
        LEFT("that's more to the left", "that are more to the left", true),
        RIGHT("that's more to the right", "that are more to the right", true),
        TOP("nearer the top of the image", "nearer the top of the image", false),
        BOTTOM("nearer the bottom of the image", "nearer the bottom of the image", false);

        private final String singular;
        private final String plural;
        private final boolean horizontal;

        Clause(String singular, String plural, boolean horizontal) {
            this.singular = singular;
            this.plural = plural;
            this.horizontal = horizontal;
        }

        /** The clause's words after a caption of grammatical number {@code plural}. */
        public String text(boolean plural) {
            return plural ? this.plural : singular;
        }

        /** {@code caption}, {@linkplain NounPhrases#clean cleaned}, followed by this clause. */
        public String appendTo(String caption) {
            String c = NounPhrases.clean(caption);
            return c + " " + text(NounPhrases.isPlural(c));
        }

        /**
         * Whether the clause gives away the answer to a question of category {@code c}: a clause
         * about the image's horizontal axis for left/right questions, one about its vertical axis
         * for above/below and behind/front questions (what is farther away or higher up lies
         * nearer the top of the image). Metric categories that ask for a direction (the six
         * differences) count, and so does the clock position of one object from another; distances,
         * heights, widths, elevations and the newer families about the viewer do not.
         */
        public boolean givesAway(Category c) {
            return switch (c) {
                case LEFT_PREDICATE, RIGHT_PREDICATE, LEFT_CHOICE, RIGHT_CHOICE, LEFT_RIGHT_CLASSIFY, LEFT_DIFFERENCE,
                        RIGHT_DIFFERENCE -> horizontal;
                case ABOVE_PREDICATE, BELOW_PREDICATE, ABOVE_CHOICE, BELOW_CHOICE, ABOVE_BELOW_CLASSIFY,
                        ABOVE_DIFFERENCE, BELOW_DIFFERENCE, BEHIND_PREDICATE, FRONT_PREDICATE, BEHIND_CHOICE,
                        FRONT_CHOICE, BEHIND_FRONT_CLASSIFY, BEHIND_DIFFERENCE, FRONT_DIFFERENCE -> !horizontal;
                // Where A lies from B on the clock is left/right and near/far at once.
                case CLOCK_RELATIVE -> true;
                default -> false;
            };
        }

        /** The clause {@code caption} ends with, if any. */
        public static Optional<Clause> of(String caption) {
            String c = NounPhrases.clean(caption);
            for (Clause k : values()) {
                if (c.endsWith(" " + k.singular) || c.endsWith(" " + k.plural)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    private final CaptionSimilarity similarity;
    private final double threshold;

    /** Text similarity with the default threshold. */
    public Ambiguity() {
        this(new NormalizedTextSimilarity(), DEFAULT_THRESHOLD);
    }

    /**
     * @param similarity the caption similarity
     * @param threshold captions with {@code similarity >= threshold} are near-identical; finite
     */
    public Ambiguity(CaptionSimilarity similarity, double threshold) {
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("Invalid threshold: " + threshold + " (must be finite)");
        }
        this.threshold = threshold;
    }

    /** Whether {@code caption} names a background thing (see the class description). */
    public static boolean isBackground(String caption) {
        return BACKGROUND.contains(NormalizedTextSimilarity.singular(NounPhrases.headNoun(caption)));
    }

    /** Resolves the ambiguous captions of {@code facts}. */
    public Result resolve(SceneFacts facts) {
        Objects.requireNonNull(facts, "facts");
        List<ObjectFacts> objects = facts.objects();
        int k = objects.size();
        List<Integer> candidates = new ArrayList<>();
        int background = 0;
        for (int i = 0; i < k; i++) {
            if (isBackground(objects.get(i).caption())) {
                background++;
            } else {
                candidates.add(i);
            }
        }
        int m = candidates.size();
        int[] parent = new int[m];
        for (int i = 0; i < m; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double s = similarity.similarity(objects.get(candidates.get(i)).caption(),
                        objects.get(candidates.get(j)).caption());
                if (s >= threshold) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            groups.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(candidates.get(i));
        }
        String[] newCaption = new String[k];
        boolean[] keep = new boolean[k];
        int ambiguous = 0;
        int clauses = 0;
        for (List<Integer> g : groups.values()) {
            if (g.size() == 1) {
                keep[g.get(0)] = true;
                newCaption[g.get(0)] = objects.get(g.get(0)).caption();
            } else if (g.size() > 2) {
                ambiguous += g.size();
            } else {
                ObjectFacts first = objects.get(g.get(0));
                ObjectFacts second = objects.get(g.get(1));
                Optional<Clause> c1 = clause(first, second);
                Optional<Clause> c2 = clause(second, first);
                if (c1.isEmpty() || c2.isEmpty()) {
                    ambiguous += 2;
                    continue;
                }
                keep[g.get(0)] = true;
                keep[g.get(1)] = true;
                newCaption[g.get(0)] = c1.get().appendTo(first.caption());
                newCaption[g.get(1)] = c2.get().appendTo(second.caption());
                clauses += 2;
            }
        }
        List<ObjectFacts> kept = new ArrayList<>();
        List<Integer> keptIdx = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (keep[i]) {
                keptIdx.add(i);
                ObjectFacts o = objects.get(i);
                kept.add(newCaption[i].equals(o.caption()) ? o : o.withCaption(newCaption[i]));
            }
        }
        int n = kept.size();
        float[] gaps = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gaps[i * n + j] = facts.gap(keptIdx.get(i), keptIdx.get(j));
            }
        }
        SceneFacts out = facts.withObjects(kept, gaps);
        return new Result(out, background, ambiguous, clauses);
    }

    /** The clause that tells {@code o} from {@code partner}; empty when their image centres coincide. */
    private static Optional<Clause> clause(ObjectFacts o, ObjectFacts partner) {
        double du = o.imageBox().centerU() - partner.imageBox().centerU();
        double dv = o.imageBox().centerV() - partner.imageBox().centerV();
        if (du == 0 && dv == 0) {
            return Optional.empty();
        }
        if (Math.abs(du) >= Math.abs(dv)) {
            return Optional.of(du < 0 ? Clause.LEFT : Clause.RIGHT);
        }
        return Optional.of(dv < 0 ? Clause.TOP : Clause.BOTTOM);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
