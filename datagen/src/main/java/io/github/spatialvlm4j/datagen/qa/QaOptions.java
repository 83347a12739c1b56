package io.github.spatialvlm4j.datagen.qa;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link QaSynthesizer}.
 *
 * @param questionsPerFrame how many questions to ask per frame, &gt;= 0 (fewer when the scene has
 *     fewer distinct askable questions); default {@value #DEFAULT_QUESTIONS_PER_FRAME}
 * @param weights relative sampling weight of each category, finite and &gt;= 0; a category that
 *     is absent or has weight 0 is never asked. The default gives each of the 30 qualitative
 *     classic categories ({@link Category#isClassic()}) weight 13 and each of the 13 metric ones
 *     weight 30, so that their qualitative and quantitative questions are half and half, as in the
 *     paper; the newer families likewise (13 each, 30 for the two distances to the camera).
 * @param exact whether metric answers are written exactly ({@link HumanNumbers#exact}) instead of
 *     human-aligned
 * @param margins when a comparison is too close to call
 * @param concisenessExponent bias toward concise answers: an answer template of {@code w} words
 *     (a placeholder counts as one word) is drawn with weight {@code w^-concisenessExponent};
 *     0 draws uniformly; default 1, which makes a one-word answer ten times as likely as a
 *     ten-word one
 * @param imperialProbability share of imperial units in human-aligned numbers, in [0, 1]
 * @param maxOccludedOutline an object whose {@link io.github.spatialvlm4j.datagen.facts.ObjectFacts#occludedOutline()}
 *     exceeds this is not asked about in categories that {@linkplain Category#needsWholeObject() need the whole
 *     object}, in [0, 1]; 1 turns the filter off; default {@value #DEFAULT_MAX_OCCLUDED_OUTLINE}
 * @param refer how questions name objects; default {@link ReferStyle#CAPTION}
 */
public record QaOptions(int questionsPerFrame, Map<Category, Double> weights, boolean exact, Margins margins,
        double concisenessExponent, double imperialProbability, double maxOccludedOutline, ReferStyle refer) {

    /** Default number of questions per frame. */
    public static final int DEFAULT_QUESTIONS_PER_FRAME = 20;
    /** Default conciseness exponent. */
    public static final double DEFAULT_CONCISENESS_EXPONENT = 1.0;
    /** Default largest hidden share of an object's outline for size and metric questions. */
    public static final double DEFAULT_MAX_OCCLUDED_OUTLINE = 0.1;

    public QaOptions {
        if (questionsPerFrame < 0) {
            throw new IllegalArgumentException("Invalid questionsPerFrame: " + questionsPerFrame + " (must be >= 0)");
        }
        Objects.requireNonNull(weights, "weights");
        EnumMap<Category, Double> copy = new EnumMap<>(Category.class);
        for (Map.Entry<Category, Double> e : weights.entrySet()) {
            double w = Objects.requireNonNull(e.getValue(), "weight of " + e.getKey());
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("Invalid weight for " + e.getKey().id() + ": " + w
                        + " (must be finite and >= 0)");
            }
            copy.put(Objects.requireNonNull(e.getKey(), "category"), w);
        }
        weights = Map.copyOf(copy);
        Objects.requireNonNull(margins, "margins");
        if (!(concisenessExponent >= 0) || !Double.isFinite(concisenessExponent)) {
            throw new IllegalArgumentException("Invalid concisenessExponent: " + concisenessExponent
                    + " (must be finite and >= 0)");
        }
        if (!(imperialProbability >= 0 && imperialProbability <= 1)) {
            throw new IllegalArgumentException("Invalid imperialProbability: " + imperialProbability
                    + " (must be in [0, 1])");
        }
        if (!(maxOccludedOutline >= 0 && maxOccludedOutline <= 1)) {
            throw new IllegalArgumentException("Invalid maxOccludedOutline: " + maxOccludedOutline
                    + " (must be in [0, 1])");
        }
        Objects.requireNonNull(refer, "refer");
    }

    /** Settings that name objects by caption. */
    public QaOptions(int questionsPerFrame, Map<Category, Double> weights, boolean exact, Margins margins,
            double concisenessExponent, double imperialProbability, double maxOccludedOutline) {
        this(questionsPerFrame, weights, exact, margins, concisenessExponent, imperialProbability, maxOccludedOutline,
                ReferStyle.CAPTION);
    }

    /** The defaults described on each component. */
    public static QaOptions defaults() {
        return new QaOptions(DEFAULT_QUESTIONS_PER_FRAME, defaultWeights(), false, Margins.defaults(),
                DEFAULT_CONCISENESS_EXPONENT, HumanNumbers.DEFAULT_IMPERIAL_PROBABILITY, DEFAULT_MAX_OCCLUDED_OUTLINE);
    }

    /**
     * Qualitative categories 13, metric categories 30: half the expected questions of the 43 classic
     * categories are metric; the newer families follow the same rule (their two metric categories are the
     * distances to the camera).
     */
    public static Map<Category, Double> defaultWeights() {
        EnumMap<Category, Double> w = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            w.put(c, c.isQualitative() ? 13.0 : 30.0);
        }
        return w;
    }

    /** The sampling weight of {@code c}; 0 when absent. */
    public double weight(Category c) {
        return weights.getOrDefault(c, 0.0);
    }

    /** A copy with another number of questions per frame. */
    public QaOptions withQuestionsPerFrame(int n) {
        return new QaOptions(n, weights, exact, margins, concisenessExponent, imperialProbability, maxOccludedOutline, refer);
    }

    /** A copy with other category weights. */
    public QaOptions withWeights(Map<Category, Double> w) {
        return new QaOptions(questionsPerFrame, w, exact, margins, concisenessExponent, imperialProbability, maxOccludedOutline, refer);
    }

    /** A copy with exact metric answers on or off. */
    public QaOptions withExact(boolean e) {
        return new QaOptions(questionsPerFrame, weights, e, margins, concisenessExponent, imperialProbability, maxOccludedOutline, refer);
    }

    /** A copy with other margins. */
    public QaOptions withMargins(Margins m) {
        return new QaOptions(questionsPerFrame, weights, exact, m, concisenessExponent, imperialProbability, maxOccludedOutline, refer);
    }

    /** A copy that names objects in style {@code style}. */
    public QaOptions withRefer(ReferStyle style) {
        return new QaOptions(questionsPerFrame, weights, exact, margins, concisenessExponent, imperialProbability,
                maxOccludedOutline, style);
    }

    /** A copy with another occlusion limit for whole-object questions. */
    public QaOptions withMaxOccludedOutline(double share) {
        return new QaOptions(questionsPerFrame, weights, exact, margins, concisenessExponent, imperialProbability, share, refer);
    }
}
