package io.github.spatialvlm4j.vlm.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A benchmark's own headline table, computed from the per-category metrics the way the benchmark's
 * evaluation code aggregates them, so the numbers compare with published ones.
 *
 * @param title what the table is ("VSI-Bench", "BLINK")
 * @param rows one row per task, in the benchmark's order
 * @param overall the benchmark's overall score, in [0, 1]
 * @param overallRule how {@code overall} is formed from the rows
 */
public record BenchmarkTable(String title, List<Row> rows, double overall, String overallRule) {

    /**
     * One task.
     *
     * @param name the task ("object_counting", "Relative_Depth")
     * @param metric "accuracy" or "MRA"
     * @param value the score in [0, 1]
     * @param n the questions behind it
     */
    public record Row(String name, String metric, double value, int n) {
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(metric, "metric");
        }
    }

    public BenchmarkTable {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(overallRule, "overallRule");
        rows = List.copyOf(rows);
    }

    /** VSI-Bench's question types in the order of its table: numeric first, then multiple choice. */
    public static final List<String> VSI_BENCH_TYPES = List.of("object_counting", "object_abs_distance",
            "object_size_estimation", "room_size_estimation", "object_rel_distance", "object_rel_direction",
            "route_planning", "obj_appearance_order");

    /** VSI-Bench's three relative-direction difficulties, reported as one row. */
    public static final List<String> VSI_BENCH_DIRECTIONS = List.of("object_rel_direction_easy",
            "object_rel_direction_medium", "object_rel_direction_hard");

    /**
     * VSI-Bench's table (lmms-eval's {@code vsibench_aggregate_results}): per question type the
     * accuracy (multiple choice) or the Mean Relative Accuracy (numeric); the three relative-direction
     * difficulties as one row, the mean of their accuracies; overall the mean of the rows. Types
     * absent from {@code metrics} are left out; a missing direction difficulty is left out of its
     * row's mean.
     */
    public static BenchmarkTable vsiBench(EvalMetrics metrics) {
        List<Row> rows = new ArrayList<>();
        for (String type : VSI_BENCH_TYPES) {
            if (type.equals("object_rel_direction")) {
                double sum = 0;
                int parts = 0;
                int n = 0;
                for (String d : VSI_BENCH_DIRECTIONS) {
                    EvalMetrics.Group g = metrics.categories().get(d);
                    if (g != null && g.qualitative() > 0) {
                        sum += g.accuracy().value();
                        parts++;
                        n += g.qualitative();
                    }
                }
                if (parts > 0) {
                    rows.add(new Row(type, "accuracy", sum / parts, n));
                }
                continue;
            }
            EvalMetrics.Group g = metrics.categories().get(type);
            if (g != null) {
                rows.add(row(g));
            }
        }
        return new BenchmarkTable("VSI-Bench", rows, mean(rows),
                "mean of the rows (relative direction: mean of its easy, medium and hard accuracies)");
    }

    /**
     * BLINK's table (its {@code evaluate.py}): the accuracy of each sub-task present, overall the mean
     * over the sub-tasks.
     */
    public static BenchmarkTable blink(EvalMetrics metrics) {
        List<Row> rows = new ArrayList<>();
        for (EvalMetrics.Group g : metrics.categoryList()) {
            rows.add(row(g));
        }
        return new BenchmarkTable("BLINK", rows, mean(rows), "mean over the sub-tasks");
    }

    private static Row row(EvalMetrics.Group g) {
        return g.metric() > 0 ? new Row(g.name(), "MRA", g.meanRelativeAccuracy().value(), g.metric())
                : new Row(g.name(), "accuracy", g.accuracy().value(), g.qualitative());
    }

    private static double mean(List<Row> rows) {
        if (rows.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Row r : rows) {
            sum += r.value();
        }
        return sum / rows.size();
    }
}
