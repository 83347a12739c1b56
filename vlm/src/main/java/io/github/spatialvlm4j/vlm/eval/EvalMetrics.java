package io.github.spatialvlm4j.vlm.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The metrics of an evaluation of a model's answers (the package documentation shows the flow),
 * overall and per category, each with a percentile-bootstrap confidence interval.
 *
 * <p>Qualitative questions (yes/no, choice, clock): accuracy; a refusal, an unread, an unusable
 * ({@link ParsedAnswer.Kind#INVALID}) or a missing answer counts as wrong. Numeric questions (length,
 * area, count): the share of answers with a number, the share whose ratio predicted/true lies in each
 * {@link Band} (an answer without a number counts as outside), VSI-Bench's Mean Relative Accuracy
 * ({@link #meanRelativeAccuracy}; 0 without a number), and the median relative error |predicted -
 * true| / true over the answers with a number (true values of 0 excluded). Questions whose truth is
 * {@link Truth.Undecided} are counted, not scored. Missing answers are counted apart too, and scored
 * as wrong.
 *
 * <p>Bootstrap: {@code resamples} resamples of a group's scored questions with replacement, drawn
 * from a {@link SplittableRandom} seeded by {@code seed} and the group name, so a seed gives the same
 * intervals whatever the order of groups; the interval is the ({@code (1-level)/2},
 * {@code (1+level)/2}) quantiles of the resampled statistic. Cost: O(resamples * n log n) per group.
 *
 * @param options how the metrics were computed
 * @param overall all questions together
 * @param categories per category, sorted by name
 */
public record EvalMetrics(Options options, Group overall, Map<String, Group> categories) {

    /** The name of the all-questions group. */
    public static final String OVERALL = "overall";

    public EvalMetrics {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(overall, "overall");
        categories = Map.copyOf(categories);
    }

    /** The thresholds of {@link #meanRelativeAccuracy}: 0.50, 0.55, ..., 0.95. */
    public static final int MRA_THRESHOLDS = 10;

    /**
     * VSI-Bench's Mean Relative Accuracy of one numeric answer (Yang et al., "Thinking in Space",
     * 2024): the share of the thresholds theta in {0.50, 0.55, ..., 0.95} for which the relative
     * error |predicted - true| / true is below 1 - theta. 1 within 5% of the truth, 0 at 50% off or
     * more. (The official lmms-eval code tests {@code <=}; the paper and this method {@code <}: they
     * differ only when the relative error is exactly 0.05, 0.10, ..., 0.50. The relative error is
     * rounded to 12 decimals first, so a prediction of 0.6 for a truth of 0.5 is 20% off, as written.)
     *
     * @param predicted the number read, &gt;= 0
     * @param truth the true number, &gt; 0
     * @return the MRA in [0, 1], a multiple of 0.1
     */
    public static double meanRelativeAccuracy(double predicted, double truth) {
        if (!(truth > 0) || !Double.isFinite(truth)) {
            throw new IllegalArgumentException("Invalid truth: " + truth + " (must be finite, > 0)");
        }
        // Rounded to 1e-12 so that decimal inputs compare as written: (0.6 - 0.5) / 0.5 is 0.2,
        // not 0.19999999999999996.
        double relativeError = Math.rint(Math.abs(predicted - truth) / truth * 1e12) / 1e12;
        int hits = 0;
        for (int k = 0; k < MRA_THRESHOLDS; k++) {
            // 1 - theta_k = 1 - (0.50 + 0.05 k) = (10 - k) / 20, exact in binary for the comparison's sake
            if (relativeError < (MRA_THRESHOLDS - k) / 20.0) {
                hits++;
            }
        }
        return hits / (double) MRA_THRESHOLDS;
    }

    /** The categories in name order. */
    public List<Group> categoryList() {
        return new ArrayList<>(new TreeMap<>(categories).values());
    }

    /**
     * A ratio band: a length answer is inside when {@code low <= predicted/true <= high}.
     *
     * @param low &gt; 0
     * @param high &gt;= low
     */
    public record Band(double low, double high) {
        public Band {
            if (!(low > 0) || !(high >= low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("Invalid band: [" + low + ", " + high
                        + "] (need 0 < low <= high, finite)");
            }
        }

        /** Whether {@code ratio} lies in the band (bounds included). */
        public boolean contains(double ratio) {
            return ratio >= low && ratio <= high;
        }

        /** "[0.5x, 2x]". */
        public String label() {
            return "[" + trim(low) + "x, " + trim(high) + "x]";
        }

        private static String trim(double v) {
            String s = Double.toString(v);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
    }

    /**
     * How metrics are computed.
     *
     * @param bands the ratio bands reported, at least one
     * @param resamples bootstrap resamples, &gt;= 0 (0: intervals equal the value)
     * @param level the confidence level of the intervals, in (0, 1)
     * @param seed the bootstrap seed
     */
    public record Options(List<Band> bands, int resamples, double level, long seed) {
        /** The three standard bands: [0.5x, 2x], [0.75x, 1.33x], [0.9x, 1.1x] (loose, medium, tight). */
        public static final List<Band> SPEC_BANDS = List.of(new Band(0.5, 2), new Band(0.75, 1.33),
                new Band(0.9, 1.1));

        public Options {
            bands = List.copyOf(bands);
            if (bands.isEmpty()) {
                throw new IllegalArgumentException("Invalid bands: [] (need at least one)");
            }
            if (resamples < 0) {
                throw new IllegalArgumentException("Invalid resamples: " + resamples + " (must be >= 0)");
            }
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("Invalid confidence level: " + level + " (must be in (0, 1))");
            }
        }

        /** The three standard bands, 1000 resamples, 95% intervals, seed 1. */
        public static Options defaults() {
            return new Options(SPEC_BANDS, 1000, 0.95, 1);
        }

        /** A copy with other bands. */
        public Options withBands(List<Band> newBands) {
            return new Options(newBands, resamples, level, seed);
        }

        /** A copy with another number of resamples. */
        public Options withResamples(int n) {
            return new Options(bands, n, level, seed);
        }

        /** A copy with another seed. */
        public Options withSeed(long s) {
            return new Options(bands, resamples, level, s);
        }
    }

    /**
     * A statistic with its bootstrap interval.
     *
     * @param value the statistic on the whole group; NaN when {@code n == 0}
     * @param lower the interval's lower end; NaN when {@code n == 0}
     * @param upper the interval's upper end; NaN when {@code n == 0}
     * @param n the number of questions the statistic is over
     */
    public record Estimate(double value, double lower, double upper, int n) {
        /** Whether the statistic is defined (n &gt; 0). */
        public boolean defined() {
            return n > 0 && !Double.isNaN(value);
        }
    }

    /**
     * The metrics of one group of questions.
     *
     * @param name the category, or {@link #OVERALL}
     * @param questions all questions of the group
     * @param undecided questions whose truth is undecided (not scored)
     * @param missing scored questions without an answer (counted in every share as wrong)
     * @param invalid scored questions whose answer held an unusable number (negative, too large)
     * @param qualitative scored yes/no, choice and clock questions
     * @param accuracy share of qualitative questions answered right
     * @param uncertainShare share of qualitative questions answered with a refusal
     * @param metric scored numeric questions (length, area, count)
     * @param withNumber share of numeric questions answered with a number
     * @param withinBands share inside each of {@link Options#bands()}, in that order
     * @param meanRelativeAccuracy mean of {@link ScoredAnswer#meanRelativeAccuracy()} over numeric questions
     * @param medianRelativeError median |pred - true| / true over numeric answers with a number
     */
    public record Group(String name, int questions, int undecided, int missing, int invalid, int qualitative,
            Estimate accuracy, Estimate uncertainShare, int metric, Estimate withNumber, List<Estimate> withinBands,
            Estimate meanRelativeAccuracy, Estimate medianRelativeError) {
        public Group {
            Objects.requireNonNull(name, "name");
            withinBands = List.copyOf(withinBands);
        }
    }

    /**
     * Computes the metrics of scored answers.
     *
     * @param answers the scored answers (any order; the groups are formed by category)
     * @param options bands, resamples, level, seed
     */
    public static EvalMetrics compute(List<ScoredAnswer> answers, Options options) {
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(options, "options");
        Map<String, List<ScoredAnswer>> byCategory = new TreeMap<>();
        for (ScoredAnswer a : answers) {
            byCategory.computeIfAbsent(a.item().category(), k -> new ArrayList<>()).add(a);
        }
        Map<String, Group> groups = new TreeMap<>();
        for (Map.Entry<String, List<ScoredAnswer>> e : byCategory.entrySet()) {
            groups.put(e.getKey(), group(e.getKey(), e.getValue(), options));
        }
        return new EvalMetrics(options, group(OVERALL, answers, options), groups);
    }

    /** The metrics of one group. */
    static Group group(String name, List<ScoredAnswer> answers, Options options) {
        int undecided = 0;
        int missing = 0;
        int invalid = 0;
        List<ScoredAnswer> qual = new ArrayList<>();
        List<ScoredAnswer> metric = new ArrayList<>();
        for (ScoredAnswer a : answers) {
            if (!a.scored()) {
                undecided++;
                continue;
            }
            missing += a.missing() ? 1 : 0;
            invalid += a.invalid() ? 1 : 0;
            if (a.metric()) {
                metric.add(a);
            } else {
                qual.add(a);
            }
        }
        long seed = options.seed() * 0x9E3779B97F4A7C15L + name.hashCode();
        double[] correct = new double[qual.size()];
        double[] refused = new double[qual.size()];
        for (int i = 0; i < qual.size(); i++) {
            correct[i] = qual.get(i).correct() ? 1 : 0;
            refused[i] = qual.get(i).parsed().kind() == ParsedAnswer.Kind.UNCERTAIN ? 1 : 0;
        }
        int m = metric.size();
        int bands = options.bands().size();
        double[] number = new double[m];
        double[][] inside = new double[bands][m];
        double[] relErr = new double[m]; // NaN: excluded from the median
        double[] mra = new double[m];
        for (int i = 0; i < m; i++) {
            ScoredAnswer a = metric.get(i);
            number[i] = a.hasNumber() ? 1 : 0;
            for (int b = 0; b < bands; b++) {
                inside[b][i] = a.hasNumber() && options.bands().get(b).contains(a.ratio().getAsDouble()) ? 1 : 0;
            }
            relErr[i] = a.relativeError().orElse(Double.NaN);
            mra[i] = a.meanRelativeAccuracy().getAsDouble();
        }
        Estimate accuracy = meanEstimate(correct, options, new SplittableRandom(seed));
        Estimate uncertain = meanEstimate(refused, options, new SplittableRandom(seed + 1));
        Estimate withNumber = meanEstimate(number, options, new SplittableRandom(seed + 2));
        List<Estimate> within = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            within.add(meanEstimate(inside[b], options, new SplittableRandom(seed + 3 + b)));
        }
        Estimate median = medianEstimate(relErr, options, new SplittableRandom(seed + 3 + bands));
        Estimate meanRelativeAccuracy = meanEstimate(mra, options, new SplittableRandom(seed + 4 + bands));
        return new Group(name, answers.size(), undecided, missing, invalid, qual.size(), accuracy, uncertain, m,
                withNumber, within, meanRelativeAccuracy, median);
    }

    /** The mean of {@code x} with a bootstrap interval. */
    static Estimate meanEstimate(double[] x, Options options, SplittableRandom rng) {
        int n = x.length;
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double value = mean(x);
        if (options.resamples() == 0) {
            return new Estimate(value, value, value, n);
        }
        double[] stats = new double[options.resamples()];
        for (int r = 0; r < stats.length; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += x[rng.nextInt(n)];
            }
            stats[r] = sum / n;
        }
        return interval(value, stats, options.level(), n);
    }

    /** The median of the non-NaN entries of {@code x} with a bootstrap interval over all entries. */
    static Estimate medianEstimate(double[] x, Options options, SplittableRandom rng) {
        int defined = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                defined++;
            }
        }
        if (defined == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double value = median(x);
        if (options.resamples() == 0) {
            return new Estimate(value, value, value, defined);
        }
        int n = x.length;
        double[] sample = new double[n];
        double[] stats = new double[options.resamples()];
        int kept = 0;
        for (int r = 0; r < stats.length; r++) {
            for (int i = 0; i < n; i++) {
                sample[i] = x[rng.nextInt(n)];
            }
            double med = median(sample);
            if (!Double.isNaN(med)) {
                stats[kept++] = med;
            }
        }
        return interval(value, Arrays.copyOf(stats, kept), options.level(), defined);
    }

    private static Estimate interval(double value, double[] stats, double level, int n) {
        if (stats.length == 0) {
            return new Estimate(value, value, value, n);
        }
        Arrays.sort(stats);
        return new Estimate(value, quantile(stats, (1 - level) / 2), quantile(stats, (1 + level) / 2), n);
    }

    /** Linear-interpolated quantile of sorted values, q in [0, 1]. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** The median of the non-NaN entries (NaN if none); the mean of the middle two for even counts. */
    static double median(double[] x) {
        double[] d = Arrays.stream(x).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (d.length == 0) {
            return Double.NaN;
        }
        int h = d.length / 2;
        return d.length % 2 == 1 ? d[h] : (d[h - 1] + d[h]) / 2;
    }
}
