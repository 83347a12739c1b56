package io.github.spatialvlm4j.vlm.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An evaluation's results as files: {@value #JSON} (the metrics), {@value #MARKDOWN} (tables for a
 * person), {@value #ANSWERS} (one line per question: truth, answer, what the parser understood,
 * score), and a one-screen {@link #summary()}. Questions without a prediction and answers holding an
 * unusable number are listed by id, and counted as wrong in the metrics.
 *
 * @param title what was evaluated, e.g. "noisy oracle sigma=0.25 on synthetic split"
 * @param metrics the metrics
 * @param answers every answer, missing ones included, in question order
 * @param table the benchmark's own headline table, when the questions come from one that has one
 */
public record EvalReport(String title, EvalMetrics metrics, List<ScoredAnswer> answers,
        Optional<BenchmarkTable> table) {

    /** File name of the JSON metrics. */
    public static final String JSON = "eval.json";
    /** File name of the Markdown report. */
    public static final String MARKDOWN = "eval.md";
    /** File name of the per-question JSONL. */
    public static final String ANSWERS = "answers.jsonl";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    public EvalReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(metrics, "metrics");
        answers = List.copyOf(answers);
        Objects.requireNonNull(table, "table");
    }

    /** A report without a benchmark table. */
    public EvalReport(String title, EvalMetrics metrics, List<ScoredAnswer> answers) {
        this(title, metrics, answers, Optional.empty());
    }

    /** The ids of the questions that had no prediction, in question order. */
    public List<String> missing() {
        return answers.stream().filter(ScoredAnswer::missing).map(a -> a.item().id()).toList();
    }

    /** The answers holding an unusable number (negative, too large), in question order. */
    public List<ScoredAnswer> invalid() {
        return answers.stream().filter(ScoredAnswer::invalid).toList();
    }

    /** Writes {@value #JSON}, {@value #MARKDOWN} and {@value #ANSWERS} into {@code dir}, each atomically. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve(JSON), toJson());
        writeAtomically(dir.resolve(MARKDOWN), toMarkdown());
        StringBuilder lines = new StringBuilder();
        for (ScoredAnswer a : answers) {
            lines.append(answerJson(a)).append('\n');
        }
        writeAtomically(dir.resolve(ANSWERS), lines.toString());
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The metrics as pretty-printed JSON; undefined statistics are {@code null}. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("title", title);
        ObjectNode opts = root.putObject("options");
        ArrayNode bands = opts.putArray("bands");
        for (EvalMetrics.Band b : metrics.options().bands()) {
            bands.addArray().add(b.low()).add(b.high());
        }
        opts.put("resamples", metrics.options().resamples());
        opts.put("level", metrics.options().level());
        opts.put("seed", metrics.options().seed());
        root.set("overall", groupJson(metrics.overall()));
        ObjectNode cats = root.putObject("categories");
        for (EvalMetrics.Group g : metrics.categoryList()) {
            cats.set(g.name(), groupJson(g));
        }
        table.ifPresent(t -> root.set("benchmark_table", tableJson(t)));
        ArrayNode miss = root.putArray("missing_predictions");
        missing().forEach(miss::add);
        ArrayNode bad = root.putArray("invalid_answers");
        for (ScoredAnswer a : invalid()) {
            bad.addObject().put("id", a.item().id()).put("why", a.parsed().understood());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tableJson(BenchmarkTable t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("title", t.title());
        ArrayNode rows = n.putArray("rows");
        for (BenchmarkTable.Row r : t.rows()) {
            ObjectNode row = rows.addObject().put("name", r.name()).put("metric", r.metric()).put("n", r.n());
            putNumber(row, "value", r.value());
        }
        putNumber(n, "overall", t.overall());
        n.put("overall_rule", t.overallRule());
        return n;
    }

    private static void putNumber(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) {
            n.put(field, value);
        } else {
            n.putNull(field);
        }
    }

    private ObjectNode groupJson(EvalMetrics.Group g) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("questions", g.questions());
        n.put("undecided", g.undecided());
        n.put("missing", g.missing());
        n.put("invalid", g.invalid());
        n.put("qualitative", g.qualitative());
        n.set("accuracy", estimateJson(g.accuracy()));
        n.set("uncertain_share", estimateJson(g.uncertainShare()));
        n.put("metric", g.metric());
        n.set("with_number", estimateJson(g.withNumber()));
        ArrayNode within = n.putArray("within");
        for (int b = 0; b < g.withinBands().size(); b++) {
            ObjectNode w = estimateJson(g.withinBands().get(b));
            EvalMetrics.Band band = metrics.options().bands().get(b);
            w.put("low", band.low());
            w.put("high", band.high());
            within.add(w);
        }
        n.set("mean_relative_accuracy", estimateJson(g.meanRelativeAccuracy()));
        n.set("median_relative_error", estimateJson(g.medianRelativeError()));
        return n;
    }

    private static ObjectNode estimateJson(EvalMetrics.Estimate e) {
        ObjectNode n = MAPPER.createObjectNode();
        if (e.defined()) {
            n.put("value", e.value());
            n.put("lower", e.lower());
            n.put("upper", e.upper());
        } else {
            n.putNull("value");
            n.putNull("lower");
            n.putNull("upper");
        }
        n.put("n", e.n());
        return n;
    }

    /** One line of {@value #ANSWERS}. */
    static String answerJson(ScoredAnswer a) {
        ObjectNode n = COMPACT.createObjectNode();
        n.put("id", a.item().id());
        n.put("category", a.item().category());
        n.put("question", a.item().question());
        Truth t = a.item().truth();
        if (t instanceof Truth.YesNo y) {
            n.put("truth", y.yes() ? "yes" : "no");
        } else if (t instanceof Truth.Choice c) {
            n.put("truth", c.options().get(c.index()));
        } else if (t instanceof Truth.Length l) {
            n.put("truth_meters", l.meters());
        } else if (t instanceof Truth.Area ar) {
            n.put("truth_square_meters", ar.squareMeters());
        } else if (t instanceof Truth.Count c) {
            n.put("truth_count", c.count());
        } else if (t instanceof Truth.Clock c) {
            n.put("truth_clock", c.hour());
        } else {
            n.put("truth", "undecided");
        }
        if (a.missing()) {
            n.put("missing", true);
        } else {
            n.put("answer", a.answer());
        }
        n.put("parsed_kind", a.parsed().kind().name().toLowerCase(Locale.ROOT));
        n.put("understood", a.parsed().understood());
        n.put("confidence", a.parsed().confidence());
        ArrayNode notes = n.putArray("notes");
        a.parsed().notes().forEach(notes::add);
        if (a.metric()) {
            if (a.ratio().isPresent() && Double.isFinite(a.ratio().getAsDouble())) {
                n.put("ratio", a.ratio().getAsDouble());
            } else {
                n.putNull("ratio");
            }
            n.put("mra", a.meanRelativeAccuracy().getAsDouble());
        } else if (a.scored()) {
            a.clockError().ifPresent(e -> n.put("clock_error_hours", e));
            n.put("correct", a.correct());
        }
        try {
            return COMPACT.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as Markdown: overall table, qualitative and quantitative tables per category. */
    public String toMarkdown() {
        StringBuilder s = new StringBuilder();
        s.append("# Evaluation: ").append(title).append("\n\n");
        EvalMetrics.Options o = metrics.options();
        s.append(String.format(Locale.ROOT, "%d%% bootstrap intervals from %d resamples (seed %d). ",
                Math.round(o.level() * 100), o.resamples(), o.seed()));
        EvalMetrics.Group all = metrics.overall();
        s.append(all.questions()).append(" questions: ").append(all.qualitative()).append(" qualitative, ")
                .append(all.metric()).append(" metric, ").append(all.undecided()).append(" undecided (not scored)");
        if (all.missing() > 0) {
            s.append("; ").append(all.missing()).append(" without a prediction (scored as wrong)");
        }
        if (all.invalid() > 0) {
            s.append("; ").append(all.invalid()).append(" with an unusable number (scored as wrong)");
        }
        s.append(".\n\n");
        table.ifPresent(t -> {
            s.append("## ").append(t.title()).append("\n\n| task | metric | n | score |\n|---|---|---:|---|\n");
            for (BenchmarkTable.Row r : t.rows()) {
                s.append("| ").append(r.name()).append(" | ").append(r.metric()).append(" | ").append(r.n())
                        .append(" | ").append(percent(r.value())).append(" |\n");
            }
            s.append("| overall | ").append(t.overallRule()).append(" | | ").append(percent(t.overall()))
                    .append(" |\n\n");
        });
        List<EvalMetrics.Group> rows = new ArrayList<>();
        rows.add(all);
        rows.addAll(metrics.categoryList());
        s.append("## Qualitative\n\n| category | n | accuracy | refusals |\n|---|---:|---|---|\n");
        for (EvalMetrics.Group g : rows) {
            if (g.qualitative() > 0) {
                s.append("| ").append(g.name()).append(" | ").append(g.qualitative()).append(" | ")
                        .append(pct(g.accuracy())).append(" | ").append(pct(g.uncertainShare())).append(" |\n");
            }
        }
        s.append("\n## Quantitative\n\n| category | n | with number |");
        for (EvalMetrics.Band b : o.bands()) {
            s.append(" within ").append(b.label()).append(" |");
        }
        s.append(" MRA | median rel. error |\n|---|---:|---|");
        s.append("---|".repeat(o.bands().size())).append("---|---|\n");
        for (EvalMetrics.Group g : rows) {
            if (g.metric() > 0) {
                s.append("| ").append(g.name()).append(" | ").append(g.metric()).append(" | ")
                        .append(pct(g.withNumber())).append(" |");
                for (EvalMetrics.Estimate e : g.withinBands()) {
                    s.append(' ').append(pct(e)).append(" |");
                }
                s.append(' ').append(pct(g.meanRelativeAccuracy())).append(" | ").append(plain(g.medianRelativeError()))
                        .append(" |\n");
            }
        }
        return s.toString();
    }

    /** A one-screen text summary: overall numbers, then one line per category. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        EvalMetrics.Group all = metrics.overall();
        s.append("Evaluation: ").append(title).append('\n');
        s.append(String.format(Locale.ROOT, "%d questions (%d qualitative, %d metric, %d undecided, %d missing)%n",
                all.questions(), all.qualitative(), all.metric(), all.undecided(), all.missing()));
        List<String> missingIds = missing();
        if (!missingIds.isEmpty()) {
            s.append(missingIds.size()).append(" of ").append(all.questions())
                    .append(" questions had no prediction (counted as wrong), e.g. ")
                    .append(String.join(", ", missingIds.subList(0, Math.min(3, missingIds.size())))).append('\n');
        }
        List<ScoredAnswer> bad = invalid();
        if (!bad.isEmpty()) {
            s.append(bad.size()).append(" answers hold an unusable number (counted as wrong), e.g. ");
            for (int i = 0; i < Math.min(3, bad.size()); i++) {
                s.append(i > 0 ? "; " : "").append(bad.get(i).item().id()).append(": ")
                        .append(bad.get(i).parsed().understood());
            }
            s.append('\n');
        }
        s.append("Qualitative accuracy: ").append(pct(all.accuracy())).append('\n');
        s.append("Quantitative: with number ").append(pct(all.withNumber()));
        for (int b = 0; b < all.withinBands().size(); b++) {
            s.append(", ").append(metrics.options().bands().get(b).label()).append(' ')
                    .append(pct(all.withinBands().get(b)));
        }
        s.append(", MRA ").append(pct(all.meanRelativeAccuracy()));
        s.append(", median rel. error ").append(plain(all.medianRelativeError())).append('\n');
        table.ifPresent(t -> {
            s.append(t.title()).append(':');
            for (BenchmarkTable.Row r : t.rows()) {
                s.append(' ').append(r.name()).append(' ').append(percent(r.value())).append(',');
            }
            s.append(" overall ").append(percent(t.overall())).append('\n');
        });
        // Per category without intervals, packed several to a line so 43 categories fit one screen.
        List<String> qual = new ArrayList<>();
        List<String> metric = new ArrayList<>();
        for (EvalMetrics.Group g : metrics.categoryList()) {
            if (g.qualitative() > 0) {
                qual.add(String.format(Locale.ROOT, "%-22s %5.1f%% n=%-4d", g.name(), 100 * g.accuracy().value(),
                        g.qualitative()));
            }
            if (g.metric() > 0) {
                metric.add(String.format(Locale.ROOT, "%-20s %5.1f%% med %s n=%-4d", g.name(),
                        100 * g.withinBands().get(0).value(), shortNumber(g.medianRelativeError()), g.metric()));
            }
        }
        if (!qual.isEmpty()) {
            s.append("Accuracy per category:\n");
            pack(s, qual, 3);
        }
        if (!metric.isEmpty()) {
            s.append("Within ").append(metrics.options().bands().get(0).label())
                    .append(" and median rel. error per category:\n");
            pack(s, metric, 2);
        }
        return s.toString();
    }

    private static void pack(StringBuilder s, List<String> cells, int perLine) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append("  ").append(cells.get(i));
            if (i % perLine == perLine - 1 || i == cells.size() - 1) {
                s.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
            }
        }
    }

    private static String shortNumber(EvalMetrics.Estimate e) {
        return e.defined() ? String.format(Locale.ROOT, "%.3f", e.value()) : "n/a";
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "n/a";
    }

    private static String pct(EvalMetrics.Estimate e) {
        if (!e.defined()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", 100 * e.value(), 100 * e.lower(), 100 * e.upper());
    }

    private static String plain(EvalMetrics.Estimate e) {
        if (!e.defined()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", e.value(), e.lower(), e.upper());
    }
}
