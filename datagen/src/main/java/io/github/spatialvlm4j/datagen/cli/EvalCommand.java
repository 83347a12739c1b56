package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.report.BarChart;
import io.github.spatialvlm4j.vlm.eval.BenchmarkFiles;
import io.github.spatialvlm4j.vlm.eval.EvalItem;
import io.github.spatialvlm4j.vlm.eval.EvalMetrics;
import io.github.spatialvlm4j.vlm.eval.EvalReport;
import io.github.spatialvlm4j.vlm.eval.NoisyOracle;
import io.github.spatialvlm4j.vlm.eval.ScoredAnswer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spatialvlm4j eval}: score a model's free-text answers against ground truth. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score free-text answers against ground truth: qualitative accuracy, share with a number,"
            + " shares within ratio bands, median relative error, per category, with bootstrap intervals.",
            "Writes eval.json, eval.md, answers.jsonl, accuracy.png and relative-error.png to --out and prints"
            + " a summary.",
            "Example: spatialvlm4j eval --truth out/ --predictions answers.jsonl --out eval-out",
            "         spatialvlm4j eval --benchmark cvbench --bench-file test.jsonl --predictions p.jsonl"})
final class EvalCommand implements Callable<Integer> {

    enum BenchmarkKind { qspatial, spatialrgpt, cvbench }

    @Option(names = "--truth", paramLabel = "RECORDS", description = "Our JSONL records (a file, or a folder of"
            + " *.jsonl): the exact answers are the truth.")
    Path truth;

    @Option(names = "--benchmark", paramLabel = "NAME", description = "Public benchmark: ${COMPLETION-CANDIDATES}.")
    BenchmarkKind benchmark;

    @Option(names = "--bench-file", paramLabel = "FILE", description = "The benchmark's local annotation file"
            + " (JSON array or JSONL).")
    Path benchFile;

    @Option(names = "--predictions", paramLabel = "FILE", description = "Model answers, JSONL: {\"id\", \"answer\"}"
            + " per question.")
    Path predictions;

    @Option(names = "--oracle-sigma", paramLabel = "S", description = "Instead of --predictions: answer from the"
            + " truth with log-normal length noise of this sigma (a sanity check).")
    Double oracleSigma;

    @Option(names = "--oracle-flip", paramLabel = "P", description = "Noisy oracle: probability of a wrong"
            + " qualitative answer (default: ${DEFAULT-VALUE}).")
    double oracleFlip = 0;

    @Option(names = "--export-questions", paramLabel = "FILE", description = "Instead of scoring: write the"
            + " questions as JSONL {\"id\", \"image\", \"question\"} for a model to answer, then stop.")
    Path exportQuestions;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("eval-out");

    @Option(names = "--resamples", paramLabel = "N", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples = 1000;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the bootstrap and the oracle"
            + " (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    private final PrintStream stdout;

    EvalCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() throws IOException {
        if ((truth == null) == (benchmark == null)) {
            throw new UsageException("Give exactly one of --truth RECORDS or --benchmark NAME --bench-file FILE");
        }
        if (benchmark != null && benchFile == null) {
            throw new UsageException("--benchmark " + benchmark + " needs --bench-file FILE");
        }
        if (exportQuestions == null && (predictions == null) == (oracleSigma == null)) {
            throw new UsageException("Give exactly one of --predictions FILE or --oracle-sigma S");
        }
        if (resamples < 0) {
            throw new UsageException("Invalid --resamples: " + resamples + " (must be >= 0)");
        }
        EvalMetrics.Options options = EvalMetrics.Options.defaults().withResamples(resamples).withSeed(seed);
        List<EvalItem> items;
        String source;
        List<String> skipped = List.of();
        if (truth != null) {
            items = TruthItems.read(truth);
            source = truth.toString();
        } else {
            BenchmarkFiles.Benchmark b = switch (benchmark) {
                case qspatial -> BenchmarkFiles.readQSpatial(benchFile);
                case spatialrgpt -> BenchmarkFiles.readSpatialRgpt(benchFile);
                case cvbench -> BenchmarkFiles.readCvBench(benchFile);
            };
            items = b.items();
            skipped = b.skipped();
            source = b.name() + " (" + benchFile + ")";
            if (benchmark == BenchmarkKind.spatialrgpt) {
                // SpatialRGPT-Bench counts a length right within 25% of the truth.
                List<EvalMetrics.Band> bands = new ArrayList<>(EvalMetrics.Options.SPEC_BANDS);
                bands.add(new EvalMetrics.Band(0.75, 1.25));
                options = options.withBands(bands);
            }
        }
        if (exportQuestions != null) {
            writeQuestions(items, exportQuestions);
            stdout.println(items.size() + " questions written to " + exportQuestions.toAbsolutePath());
            return 0;
        }
        List<ScoredAnswer> scored = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        String model;
        if (predictions != null) {
            Map<String, String> answers = BenchmarkFiles.readPredictions(predictions);
            for (EvalItem it : items) {
                String a = answers.get(it.id());
                if (a == null) {
                    missing.add(it.id());
                } else {
                    scored.add(ScoredAnswer.score(it, a));
                }
            }
            model = predictions.getFileName().toString();
        } else {
            NoisyOracle oracle;
            try {
                oracle = new NoisyOracle(oracleSigma, oracleFlip, seed);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            for (EvalItem it : items) {
                scored.add(ScoredAnswer.score(it, oracle.answer(it)));
            }
            model = "noisy oracle (sigma " + oracleSigma + ", flip " + oracleFlip + ")";
        }
        EvalReport report = new EvalReport(model + " on " + source, EvalMetrics.compute(scored, options), scored,
                missing);
        report.write(out);
        writePlots(report, out);
        stdout.print(report.summary());
        if (!skipped.isEmpty()) {
            stdout.println(skipped.size() + " benchmark records skipped, e.g. " + skipped.get(0));
        }
        stdout.println("Report: " + out.toAbsolutePath().resolve(EvalReport.JSON) + ", " + EvalReport.MARKDOWN
                + ", " + EvalReport.ANSWERS + ", accuracy.png, relative-error.png");
        return 0;
    }

    private static String edge(int i) {
        return java.math.BigDecimal.valueOf(RATIO_EDGES[i]).stripTrailingZeros().toPlainString();
    }

    /** Writes one JSON object per question: id, image (or null), question; atomically. */
    static void writeQuestions(List<EvalItem> items, Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (EvalItem it : items) {
            ObjectNode n = mapper.createObjectNode();
            n.put("id", it.id());
            n.put("image", it.image().orElse(null));
            n.put("question", it.question());
            out.append(mapper.writeValueAsString(n)).append('\n');
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".questions-", ".tmp");
        try {
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Bins of log2(predicted / true) for the relative-error histogram: edges at these ratios. */
    static final double[] RATIO_EDGES = {0.25, 0.5, 0.75, 0.9, 1.1, 1.33, 2, 4};

    /**
     * accuracy.png: per category, qualitative accuracy or, for metric categories, the share within
     * the first band; relative-error.png: the share of length answers per ratio bin.
     */
    static void writePlots(EvalReport report, Path dir) throws IOException {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        EvalMetrics.Band first = report.metrics().options().bands().get(0);
        for (EvalMetrics.Group g : report.metrics().categoryList()) {
            if (g.qualitative() > 0) {
                labels.add(g.name());
                values.add(100 * g.accuracy().value());
            }
            if (g.metric() > 0) {
                labels.add(g.qualitative() > 0 ? g.name() + " (metric)" : g.name());
                values.add(100 * g.withinBands().get(0).value());
            }
        }
        BarChart.write(dir.resolve("accuracy.png"), "Accuracy per category (metric: share within "
                + first.label() + ")", labels, values.stream().mapToDouble(Double::doubleValue).toArray(), 100, Double.NaN,
                "%.0f%%");
        int bins = RATIO_EDGES.length + 2; // below first edge, between edges, above last, no number
        double[] counts = new double[bins];
        int n = 0;
        for (ScoredAnswer a : report.answers()) {
            if (!a.metric()) {
                continue;
            }
            n++;
            if (a.ratio().isEmpty()) {
                counts[bins - 1]++;
                continue;
            }
            double r = a.ratio().getAsDouble();
            int b = 0;
            while (b < RATIO_EDGES.length && r >= RATIO_EDGES[b]) {
                b++;
            }
            counts[b]++;
        }
        List<String> binLabels = new ArrayList<>();
        binLabels.add("< " + edge(0) + "x");
        for (int i = 0; i + 1 < RATIO_EDGES.length; i++) {
            binLabels.add(edge(i) + "-" + edge(i + 1) + "x");
        }
        binLabels.add(">= " + edge(RATIO_EDGES.length - 1) + "x");
        binLabels.add("no number");
        double max = 0;
        for (int i = 0; i < bins; i++) {
            counts[i] = n == 0 ? 0 : 100 * counts[i] / n;
            max = Math.max(max, counts[i]);
        }
        BarChart.write(dir.resolve("relative-error.png"), "Predicted/true length (n=" + n + ")",
                binLabels, counts, Math.max(10, Math.ceil(max / 10) * 10), Double.NaN, "%.0f%%");
    }
}
