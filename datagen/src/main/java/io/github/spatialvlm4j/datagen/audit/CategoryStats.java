package io.github.spatialvlm4j.datagen.audit;

import io.github.spatialvlm4j.datagen.qa.AnswerCheck;
import io.github.spatialvlm4j.datagen.qa.Category;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Tallies of the audit for one category (or for a group of categories). Not thread-safe: the
 * audit fills it from one thread in frame order, so sums are deterministic.
 */
public final class CategoryStats {
    private final String name;
    private int asked;
    private int notApplicable;
    private int generatedUncertain;
    private int truthUncertain;
    private int decided;
    private int correct;
    private final List<Double> relativeErrors = new ArrayList<>();
    private final List<Double> geometryErrors = new ArrayList<>();

    public CategoryStats(String name) {
        this.name = name;
    }

    public static CategoryStats of(Category c) {
        return new CategoryStats(c.id());
    }

    /** Adds one checked answer. */
    public void add(AnswerCheck.Result r) {
        asked++;
        if (!r.applicable()) {
            notApplicable++;
            return;
        }
        if (r.generatedUncertain()) {
            generatedUncertain++;
            return;
        }
        if (r.truthUncertain()) {
            truthUncertain++;
            return;
        }
        decided++;
        if (r.correct()) {
            correct++;
        }
        r.relativeError().ifPresent(relativeErrors::add);
        r.geometryError().ifPresent(geometryErrors::add);
    }

    public String name() {
        return name;
    }

    /** Questions asked. */
    public int asked() {
        return asked;
    }

    /** Questions whose premise does not hold in the ground truth (e.g. "how much farther left" when it is not left). */
    public int notApplicable() {
        return notApplicable;
    }

    /** Answers that said "too close to call". */
    public int generatedUncertain() {
        return generatedUncertain;
    }

    /** Decided answers whose ground truth is itself within the tie margin (not scored). */
    public int truthUncertain() {
        return truthUncertain;
    }

    /** Decided answers scored against a decided ground truth. */
    public int decided() {
        return decided;
    }

    /** Scored answers that were right (metric: within 10% of the truth). */
    public int correct() {
        return correct;
    }

    /** Share of scored answers that were right, in [0, 1]; NaN when none was scored. */
    public double accuracy() {
        return decided == 0 ? Double.NaN : (double) correct / decided;
    }

    /** Share of applicable answers that said "too close to call". */
    public double uncertainShare() {
        int applicable = asked - notApplicable;
        return applicable == 0 ? Double.NaN : (double) generatedUncertain / applicable;
    }

    /** Median relative error of metric answers, NaN when there are none. */
    public double medianRelativeError() {
        return quantile(0.5);
    }

    /** The q-quantile (nearest rank) of the metric relative errors, NaN when there are none. */
    public double quantile(double q) {
        if (relativeErrors.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(relativeErrors);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    /** Share of metric answers within {@code tolerance} relative error, NaN when there are none. */
    public double shareWithin(double tolerance) {
        if (relativeErrors.isEmpty()) {
            return Double.NaN;
        }
        long n = relativeErrors.stream().filter(e -> e <= tolerance).count();
        return (double) n / relativeErrors.size();
    }

    /**
     * Share of metric answers whose error beyond the frame's known depth scale error is within
     * {@code tolerance} ({@link AnswerCheck.Result#geometryError()}), NaN when there are none.
     */
    public double geometryShareWithin(double tolerance) {
        if (geometryErrors.isEmpty()) {
            return Double.NaN;
        }
        long n = geometryErrors.stream().filter(e -> e <= tolerance).count();
        return (double) n / geometryErrors.size();
    }

    /** Median of the metric errors beyond the known depth scale error, NaN when there are none. */
    public double geometryMedianError() {
        if (geometryErrors.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(geometryErrors);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** Adds every tally of {@code other} into this. */
    public void addAll(CategoryStats other) {
        asked += other.asked;
        notApplicable += other.notApplicable;
        generatedUncertain += other.generatedUncertain;
        truthUncertain += other.truthUncertain;
        decided += other.decided;
        correct += other.correct;
        relativeErrors.addAll(other.relativeErrors);
        geometryErrors.addAll(other.geometryErrors);
    }
}
