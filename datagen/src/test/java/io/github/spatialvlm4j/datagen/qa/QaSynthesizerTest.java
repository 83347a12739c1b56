package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QaSynthesizerTest {
    private static final Templates TEMPLATES = Templates.fromClasspath();
    private static final Set<String> NEGATIONS = Set.of("no", "not", "nope", "incorrect", "false", "isn't",
            "aren't");
    private static final Pattern NUMBER = Pattern.compile("\\d|half an? |a foot and a half|less than an? ");

    private static QaSynthesizer synth(QaOptions o) {
        return new QaSynthesizer(o, TEMPLATES);
    }

    @Test
    void sameSeedSameQuestions() {
        SceneFacts s = TestScenes.random(new SplittableRandom(1), 5, true);
        QaSynthesizer q = synth(QaOptions.defaults());
        List<QaPair> first = q.synthesize(s, 42);
        assertEquals(QaOptions.DEFAULT_QUESTIONS_PER_FRAME, first.size());
        assertEquals(first, q.synthesize(s, 42));
        assertNotEquals(first, q.synthesize(s, 43));
    }

    @Test
    void noFloorQuestionsWithoutCanonicalization() {
        QaSynthesizer q = synth(QaOptions.defaults().withQuestionsPerFrame(60));
        SplittableRandom rnd = new SplittableRandom(2);
        int total = 0;
        for (int i = 0; i < 20; i++) {
            for (QaPair p : q.synthesize(TestScenes.random(rnd, 4, false), i)) {
                assertFalse(p.category().needsFloor(), p.category().id());
                total++;
            }
        }
        assertTrue(total > 500, "" + total);
    }

    @Test
    void smallScenes() {
        QaSynthesizer q = synth(QaOptions.defaults().withWeights(classicWeights()));
        SceneFacts empty = TestScenes.scene(List.of(), new float[0], true);
        assertTrue(q.synthesize(empty, 1).isEmpty());
        SceneFacts one = TestScenes.random(new SplittableRandom(3), 1, true);
        List<QaPair> pairs = q.synthesize(one, 1);
        assertFalse(pairs.isEmpty());
        Set<Category> seen = EnumSet.noneOf(Category.class);
        for (QaPair p : pairs) {
            assertEquals(1, p.category().objectCount());
            seen.add(p.category());
        }
        // Only three single-object categories exist, so at most three distinct questions.
        assertEquals(EnumSet.of(Category.HEIGHT, Category.WIDTH, Category.ELEVATION), seen);
        assertEquals(3, pairs.size());
    }

    @Test
    void everyAnswerAgreesWithItsExactAnswer() {
        SplittableRandom rnd = new SplittableRandom(4);
        Set<Category> seen = EnumSet.noneOf(Category.class);
        int uncertain = 0;
        for (boolean exact : new boolean[] {false, true}) {
            QaSynthesizer q = synth(QaOptions.defaults().withQuestionsPerFrame(40).withExact(exact)
                    .withWeights(classicWeights()));
            for (int f = 0; f < 60; f++) {
                // Some scenes with near-ties, so that uncertain answers occur.
                SceneFacts s = f % 3 == 0 ? nearTies(rnd) : TestScenes.random(rnd, 2 + f % 4, f % 5 != 0);
                for (QaPair p : q.synthesize(s, f)) {
                    checkConsistent(p, s, exact);
                    seen.add(p.category());
                    if (p.exact() instanceof ExactAnswer.Uncertain) {
                        uncertain++;
                    }
                }
            }
        }
        assertEquals(classicWeights().keySet(), seen);
        assertTrue(uncertain > 20, "uncertain answers: " + uncertain);
    }

    /** The default weights of the 43 classic categories only (the newer families: QaSynthesizerNewFamiliesTest). */
    static java.util.Map<Category, Double> classicWeights() {
        java.util.Map<Category, Double> w = new java.util.EnumMap<>(QaOptions.defaultWeights());
        w.keySet().removeIf(c -> !c.isClassic());
        return w;
    }

    /** Two objects a few centimeters apart in every coordinate and a few percent apart in size. */
    private static SceneFacts nearTies(SplittableRandom rnd) {
        float x = (float) rnd.nextDouble(-2, 2);
        float y = (float) rnd.nextDouble(2, 5);
        float z = (float) rnd.nextDouble(0.5, 1.5);
        float j = (float) rnd.nextDouble(-0.03, 0.03);
        List<ObjectFacts> o = List.of(TestScenes.object(1, "red box", x, y, z, 0.5f, 0.3f, 0.6f),
                TestScenes.object(2, "blue chair", x + j, y - j, z + j, 0.5f + j / 2, 0.3f, 0.6f - j / 2));
        return TestScenes.scene(o, TestScenes.centreGaps(o), true);
    }

    private static void checkConsistent(QaPair p, SceneFacts s, boolean exactMode) {
        Category c = p.category();
        int a = position(s, p.objectIds().get(0));
        int b = p.objectIds().size() > 1 ? position(s, p.objectIds().get(1)) : a;
        assertEquals(SpatialTruth.exact(c, s, a, b, Margins.defaults()), p.exact(), c.id());
        String nameA = NounPhrases.of(s.objects().get(a).caption()).text();
        String nameB = NounPhrases.of(s.objects().get(b).caption()).text();
        String q = p.question().toLowerCase(Locale.ROOT);
        String ans = p.answer().toLowerCase(Locale.ROOT);
        assertTrue(q.contains(nameA), p.question());
        assertEquals(c.objectCount() == 2, q.contains(nameB) && a != b, p.question());
        assertFalse(Character.isLowerCase(p.answer().charAt(0)), p.answer());
        assertFalse(Character.isLowerCase(p.question().charAt(0)), p.question());
        String context = c.id() + ": " + p.question() + " -> " + p.answer();
        if (p.exact() instanceof ExactAnswer.YesNo yn) {
            boolean negated = false;
            for (String w : ans.split("[^a-z']+")) {
                negated |= NEGATIONS.contains(w);
            }
            assertEquals(!yn.yes(), negated, context);
        } else if (p.exact() instanceof ExactAnswer.Choice ch) {
            String chosen = ch.objectId() == s.objects().get(a).id() ? nameA : nameB;
            String other = chosen.equals(nameA) ? nameB : nameA;
            int ic = ans.indexOf(chosen);
            int io = ans.indexOf(other);
            assertTrue(ic >= 0 && (io < 0 || ic < io), context);
        } else if (p.exact() instanceof ExactAnswer.Relation rel) {
            SpatialRelation r = SpatialRelation.fromWord(rel.word());
            assertTrue(ans.contains(r.word()), context);
            assertFalse(ans.contains(r.opposite().word()), context);
        } else if (p.exact() instanceof ExactAnswer.Metric m) {
            assertTrue(NUMBER.matcher(ans).find(), context);
            if (exactMode) {
                assertTrue(ans.contains(HumanNumbers.exact(m.meters()).text()), context);
            }
        } else {
            assertInstanceOf(ExactAnswer.Uncertain.class, p.exact());
            Set<String> allowed = new HashSet<>();
            for (String t : TEMPLATES.uncertainAnswers(c)) {
                allowed.add(Templates.render(t, Map.of("A", nameA, "B", nameB)));
            }
            assertTrue(allowed.contains(p.answer()), context);
        }
    }

    private static int position(SceneFacts s, int id) {
        for (int i = 0; i < s.objects().size(); i++) {
            if (s.objects().get(i).id() == id) {
                return i;
            }
        }
        throw new AssertionError(id);
    }

    @Test
    void defaultWeightsGiveHalfMetricQuestions() {
        QaSynthesizer q = synth(QaOptions.defaults());
        SplittableRandom rnd = new SplittableRandom(6);
        int metric = 0;
        int total = 0;
        for (int f = 0; f < 100; f++) {
            for (QaPair p : q.synthesize(TestScenes.random(rnd, 8, true), f)) {
                total++;
                if (!p.category().isQualitative()) {
                    metric++;
                }
            }
        }
        double share = (double) metric / total;
        assertTrue(share > 0.42 && share < 0.58, "metric share " + share);
    }

    @Test
    void weightsSelectCategories() {
        Map<Category, Double> w = new EnumMap<>(Category.class);
        w.put(Category.GAP, 1.0);
        w.put(Category.LEFT_CHOICE, 0.0);
        QaSynthesizer q = synth(QaOptions.defaults().withWeights(w));
        for (QaPair p : q.synthesize(TestScenes.random(new SplittableRandom(7), 6, true), 3)) {
            assertEquals(Category.GAP, p.category());
        }
    }

    @Test
    void answersAreBiasedTowardConcise() {
        SplittableRandom rnd = new SplittableRandom(8);
        double[] meanWords = new double[2];
        double[] exponents = {0.0, QaOptions.DEFAULT_CONCISENESS_EXPONENT};
        for (int e = 0; e < 2; e++) {
            QaOptions o = QaOptions.defaults();
            o = new QaOptions(40, o.weights(), false, o.margins(), exponents[e], o.imperialProbability(), o.maxOccludedOutline());
            long words = 0;
            int n = 0;
            for (int f = 0; f < 40; f++) {
                for (QaPair p : synth(o).synthesize(TestScenes.random(rnd, 5, true), f)) {
                    words += p.answer().split("\\s+").length;
                    n++;
                }
            }
            meanWords[e] = (double) words / n;
        }
        assertTrue(meanWords[1] < 0.8 * meanWords[0], "mean words uniform " + meanWords[0] + ", biased " + meanWords[1]);
    }

    @Test
    void boundsLoseTheirHedge() {
        assertEquals("{value}.", QaSynthesizer.withoutHedge("About {value}."));
        assertEquals("{A} is {value} tall.", QaSynthesizer.withoutHedge("{A} is roughly {value} tall."));
        assertEquals("It's {value} away.", QaSynthesizer.withoutHedge("It's approximately {value} away."));
        assertEquals("{value}, give or take.", QaSynthesizer.withoutHedge("{value} or so, give or take."));
        assertEquals("The gap is {value}.", QaSynthesizer.withoutHedge("The gap is {value}."));
    }

    @Test
    void pluralCaptionsMakeTheWordsAgree() {
        SceneFacts s = TestScenes.random(new SplittableRandom(12), 4, true);
        List<ObjectFacts> o = new java.util.ArrayList<>();
        for (ObjectFacts x : s.objects()) {
            o.add(x.withCaption(x.caption().endsWith("box") ? "red boxes" : x.caption()));
        }
        SceneFacts plural = TestScenes.scene(o, s.gaps(), true);
        int seen = 0;
        for (QaPair p : synth(QaOptions.defaults().withQuestionsPerFrame(80)).synthesize(plural, 3)) {
            String text = p.question() + " " + p.answer();
            assertFalse(text.matches("(?i).*\\b(is|does|has|isn't|doesn't) the red boxes\\b.*"), text);
            assertFalse(text.matches("(?i).*\\bthe red boxes (is|isn't|was|has|sits|stands)\\b.*"), text);
            if (text.matches("(?i).*\\b(are|do) the red boxes\\b.*|.*\\bthe red boxes (are|aren't|sit|stand)\\b.*")) {
                seen++;
            }
        }
        assertTrue(seen > 3, "" + seen);
    }
}
