package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.report.BarChart;
import io.github.spatialvlm4j.vlm.eval.BenchmarkFiles;
import io.github.spatialvlm4j.vlm.eval.BenchmarkTable;
import io.github.spatialvlm4j.vlm.eval.EvalItem;
import io.github.spatialvlm4j.vlm.eval.EvalMetrics;
import io.github.spatialvlm4j.vlm.eval.EvalReport;
import io.github.spatialvlm4j.vlm.eval.NoisyOracle;
import io.github.spatialvlm4j.vlm.eval.ScoredAnswer;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.vlm.chat.VisionLanguageModel;
import io.github.spatialvlm4j.vlm.generate.GenerationSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spatialvlm4j eval}: score a model's free-text answers against ground truth.
 *
 * <p>Why one class of this size (about 420 lines): it is the command's fourteen options, their checks and
 * the one flow that joins the truth (our records or a benchmark file), the answers (a predictions file, an
 * oracle or a chat model) and the scoring; the scoring and parsing themselves are {@code vlm.eval}'s.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score free-text answers against ground truth: qualitative accuracy, share with a number,"
            + " shares within ratio bands, median relative error, per category, with bootstrap intervals.",
            "Writes eval.json, eval.md, answers.jsonl, accuracy.png and relative-error.png to --out and prints"
            + " a summary.",
            "Answers come from --predictions, a noisy oracle, or a local chat model (--models): its answers are"
            + " also written to predictions.jsonl in --out.",
            "Example: spatialvlm4j eval --truth out/ --predictions answers.jsonl --out eval-out",
            "         spatialvlm4j eval --truth out/ --models MODELS_ROOT --model smolvlm --out eval-out",
            "         spatialvlm4j eval --benchmark vsibench --bench-file test.jsonl --predictions p.jsonl",
            "A question without a prediction counts as wrong and is listed; an answer holding an unusable number"
            + " (negative, too large) counts as wrong and is named."})
final class EvalCommand implements Callable<Integer> {

    enum BenchmarkKind { qspatial, spatialrgpt, cvbench, vsibench, blink }

    @Option(names = "--truth", paramLabel = "RECORDS", description = "Our JSONL records (a file, or a folder of"
            + " *.jsonl): the exact answers are the truth.")
    Path truth;

    @Option(names = "--benchmark", paramLabel = "NAME", description = "Public benchmark: ${COMPLETION-CANDIDATES}.")
    BenchmarkKind benchmark;

    @Option(names = "--bench-file", paramLabel = "FILE", description = "The benchmark's local annotation file"
            + " (JSON array or JSONL).")
    Path benchFile;

    @Option(names = "--predictions", paramLabel = "FILE", description = "Model answers: JSONL {\"id\", \"answer\"} per"
            + " question (also: prediction, pred, full_prediction; BLINK's saved outputs and id-to-answer maps).")
    Path predictions;

    @Option(names = "--oracle-sigma", paramLabel = "S", description = "Instead of --predictions: answer from the"
            + " truth with log-normal length noise of this sigma (a sanity check).")
    Double oracleSigma;

    @Option(names = "--oracle-flip", paramLabel = "P", description = "Noisy oracle: probability of a wrong"
            + " qualitative answer (default: 0).")
    Double oracleFlip;

    @Option(names = "--models", paramLabel = "DIR", description = "Instead of --predictions: answer every question"
            + " whose image can be read with the chat model (SmolVLM or Qwen2-VL) under this models root.")
    Path models;

    @Option(names = "--model", paramLabel = "NAME", description = "With --models: which chat model, its folder"
            + " under the root or its last part. Default: the first found.")
    String model;

    @Option(names = "--max-tokens", paramLabel = "N", description = "With --models: most tokens per answer"
            + " (default: the model's generation_config.json).")
    Integer maxTokens;

    @Option(names = "--images", paramLabel = "DIR", description = "With --models: the folder image paths are"
            + " relative to (default: the --truth folder, or the folder above a --truth file's; the --bench-file's"
            + " folder).")
    Path images;

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

    /** The file {@code --models} writes its answers to, in {@code --out}: {@code {"id", "answer"}} per line. */
    static final String PREDICTIONS = "predictions.jsonl";

    private final PrintStream stdout;
    private final PrintStream stderr;

    EvalCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws IOException {
        if ((truth == null) == (benchmark == null)) {
            throw new UsageException("Give exactly one of --truth RECORDS or --benchmark NAME --bench-file FILE");
        }
        if (benchmark != null && benchFile == null) {
            throw new UsageException("--benchmark " + benchmark + " needs --bench-file FILE");
        }
        int answerSources = (predictions != null ? 1 : 0) + (oracleSigma != null || oracleFlip != null ? 1 : 0)
                + (models != null ? 1 : 0);
        if (exportQuestions == null && answerSources != 1) {
            throw new UsageException("Give exactly one of --predictions FILE, --oracle-sigma S [--oracle-flip P] or"
                    + " --models DIR (got " + answerSources + ")");
        }
        if (oracleFlip != null && oracleSigma == null) {
            throw new UsageException("--oracle-flip needs --oracle-sigma S");
        }
        if (models == null && (model != null || maxTokens != null || images != null)) {
            throw new UsageException("--model, --max-tokens and --images need --models DIR");
        }
        ChatModels.checkMaxTokens(maxTokens);
        ChatModels.Choice chat = models != null && exportQuestions == null ? ChatModels.choose(models, model, "eval")
                : null;
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
            BenchmarkFiles.Benchmark b = readBenchmark();
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
        if (items.isEmpty()) {
            throw new UsageException("No question to evaluate in " + source + (skipped.isEmpty() ? ""
                    : ": all " + skipped.size() + " records skipped, e.g. " + skipped.get(0)));
        }
        if (exportQuestions != null) {
            writeQuestions(items, exportQuestions);
            stdout.println(items.size() + " questions written to " + exportQuestions.toAbsolutePath());
            return 0;
        }
        List<ScoredAnswer> scored = new ArrayList<>();
        List<String> noImage = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        String answerer;
        if (predictions != null || chat != null) {
            Map<String, String> answers;
            if (chat != null) {
                Path base = images != null ? images : truth != null ? recordsFolder(truth)
                        : benchFile.toAbsolutePath().getParent();
                stderr.println(chat.note());
                answers = answerWithModel(chat, items, base, noImage);
                if (answers.isEmpty()) {
                    throw new UsageException("--models: no question could be asked, none of the " + items.size()
                            + " has a readable image, e.g. " + noImage.get(0) + " (is --images right?)");
                }
                writeJsonl(answers.entrySet().stream().map(e -> (ObjectNode) MAPPER.createObjectNode()
                        .put("id", e.getKey()).put("answer", e.getValue())).toList(), out.resolve(PREDICTIONS));
                answerer = chat.entry().toString();
            } else {
                answers = readPredictions(items);
                Set<String> ids = new HashSet<>();
                items.forEach(it -> ids.add(it.id()));
                answers.keySet().stream().filter(id -> !ids.contains(id)).forEach(unmatched::add);
                answerer = predictions.getFileName().toString();
            }
            for (EvalItem it : items) {
                String a = answers.get(it.id());
                // A question left unanswered counts as wrong: leaving out hard questions must not raise a score.
                scored.add(a == null ? ScoredAnswer.missing(it) : ScoredAnswer.score(it, a));
            }
        } else {
            double flip = oracleFlip == null ? 0 : oracleFlip;
            NoisyOracle oracle;
            try {
                oracle = new NoisyOracle(oracleSigma, flip, seed);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            for (EvalItem it : items) {
                scored.add(ScoredAnswer.score(it, oracle.answer(it)));
            }
            answerer = "noisy oracle (sigma " + oracleSigma + ", flip " + flip + ")";
        }
        EvalMetrics metrics = EvalMetrics.compute(scored, options);
        Optional<BenchmarkTable> table = benchmark == BenchmarkKind.vsibench
                ? Optional.of(BenchmarkTable.vsiBench(metrics))
                : benchmark == BenchmarkKind.blink ? Optional.of(BenchmarkTable.blink(metrics)) : Optional.empty();
        EvalReport report = new EvalReport(answerer + " on " + source, metrics, scored, table);
        report.write(out);
        writePlots(report, out);
        stdout.print(report.summary());
        if (!skipped.isEmpty()) {
            stdout.println(skipped.size() + " benchmark records skipped, e.g. " + skipped.get(0));
        }
        if (!noImage.isEmpty()) {
            stdout.println(noImage.size() + " questions not asked (counted as missing predictions), e.g. "
                    + noImage.get(0));
        }
        if (!unmatched.isEmpty()) {
            stdout.println(unmatched.size() + " predictions match no question id, e.g. '" + unmatched.get(0) + "'");
        }
        if (chat != null) {
            stdout.println("Model answers: " + out.toAbsolutePath().resolve(PREDICTIONS));
        }
        stdout.println("Report: " + out.toAbsolutePath().resolve(EvalReport.JSON) + ", " + EvalReport.MARKDOWN
                + ", " + EvalReport.ANSWERS + ", accuracy.png, relative-error.png");
        return 0;
    }

    /** The benchmark file's questions; a file that cannot be read as the benchmark is a one-line error. */
    private BenchmarkFiles.Benchmark readBenchmark() throws IOException {
        try {
            return switch (benchmark) {
                case qspatial -> BenchmarkFiles.readQSpatial(benchFile);
                case spatialrgpt -> BenchmarkFiles.readSpatialRgpt(benchFile);
                case cvbench -> BenchmarkFiles.readCvBench(benchFile);
                case vsibench -> BenchmarkFiles.readVsiBench(benchFile);
                case blink -> BenchmarkFiles.readBlink(benchFile);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("--bench-file: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageException("--bench-file: no such file: " + benchFile);
        }
    }

    /**
     * The predictions file's answers; an empty file, or one none of whose ids is a question's, is a
     * one-line error (it would score every question as missing).
     */
    private Map<String, String> readPredictions(List<EvalItem> items) throws IOException {
        Map<String, String> answers;
        try {
            answers = BenchmarkFiles.readPredictions(predictions);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--predictions: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageException("--predictions: no such file: " + predictions);
        }
        if (items.stream().noneMatch(it -> answers.containsKey(it.id()))) {
            throw new UsageException("--predictions: none of the " + answers.size() + " ids in " + predictions
                    + " is a question's id (first prediction id '" + answers.keySet().iterator().next()
                    + "', first question id '" + items.get(0).id() + "')");
        }
        return answers;
    }

    private static String edge(int i) {
        return java.math.BigDecimal.valueOf(RATIO_EDGES[i]).stripTrailingZeros().toPlainString();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The folder our records' image paths are relative to: the engine output folder given as
     * {@code --truth}, or for a record file, the folder above the file's ({@code jsonl/part-N.jsonl}).
     */
    private static Path recordsFolder(Path truth) {
        Path abs = truth.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return abs;
        }
        Path folder = abs.getParent();
        return folder.getParent() != null ? folder.getParent() : folder;
    }

    /**
     * Answers every item whose image can be read, one greedy generation each (images read once per
     * run of consecutive items sharing one); an item without a readable image is added to
     * {@code noImage} as "id: reason".
     *
     * @param base the folder the items' image paths are relative to
     * @return answers by item id, in item order
     */
    private Map<String, String> answerWithModel(ChatModels.Choice chat, List<EvalItem> items, Path base,
            List<String> noImage) {
        Map<String, String> answers = new LinkedHashMap<>();
        try (VisionLanguageModel vlm = chat.open()) {
            GenerationSettings settings = ChatModels.greedy(vlm, maxTokens);
            String lastPath = null;
            RgbImage picture = null;
            String reason = null;
            for (EvalItem it : items) {
                if (it.image().isEmpty()) {
                    noImage.add(it.id() + ": no image field");
                    continue;
                }
                if (!it.image().get().equals(lastPath)) {
                    lastPath = it.image().get();
                    Path file = base.resolve(lastPath);
                    try {
                        picture = ColorImages.read(file);
                        reason = null;
                    } catch (IOException e) {
                        // An unreadable image skips its questions, with the reason in the report.
                        picture = null;
                        reason = "cannot read image " + file + ": " + e.getMessage();
                    }
                }
                if (picture == null) {
                    noImage.add(it.id() + ": " + reason);
                    continue;
                }
                answers.put(it.id(), vlm.answer(picture, it.question(), settings, 0L, null).text());
            }
        }
        return answers;
    }

    /** Writes one JSON object per question: id, image (or null), question; atomically. */
    static void writeQuestions(List<EvalItem> items, Path file) throws IOException {
        List<ObjectNode> nodes = new ArrayList<>();
        for (EvalItem it : items) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("id", it.id());
            n.put("image", it.image().orElse(null));
            n.put("question", it.question());
            nodes.add(n);
        }
        writeJsonl(nodes, file);
    }

    /** Writes one JSON object per line, atomically (a temporary file renamed over {@code file}). */
    private static void writeJsonl(List<ObjectNode> nodes, Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (ObjectNode n : nodes) {
            out.append(MAPPER.writeValueAsString(n)).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
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
