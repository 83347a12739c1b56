package io.github.spatialvlm4j.datagen.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.qa.CaptionConsistency;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.QuestionFrames;
import io.github.spatialvlm4j.datagen.report.BarChart;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of an {@link Audit}: per-category tallies, the headline shares, the floor checks,
 * and writers for JSON, a PNG bar chart and a one-screen summary.
 *
 * @param source what was audited
 * @param frames frames in the source
 * @param framesScored frames that gave questions
 * @param skipped frames skipped, per reason
 * @param canonicalized scored frames in which a floor was found
 * @param floorDependentWithoutFloor floor-dependent questions asked in frames without a floor (must be 0)
 * @param floorAngleMedianDegrees median angle between estimated and true floor normals, degrees (NaN if none)
 * @param floorAngleP95Degrees 95th percentile of that angle, degrees
 * @param floorHeightMedianError median error of the camera height above the floor, meters
 * @param categories tallies per category
 * @param qualitative tallies over all qualitative categories
 * @param metric tallies over all metric categories
 * @param times time per pipeline stage
 * @param failures every scored answer that was wrong, in frame order
 * @param captionContradictions every caption that contradicts or gives away its answer
 *     ({@link CaptionConsistency#contradictions}), in frame order (must be empty)
 * @param textFrames the distinct question and answer frames per category
 */
public record AuditReport(String source, long frames, long framesScored, Map<SkipReason, Long> skipped,
        long canonicalized, long floorDependentWithoutFloor, double floorAngleMedianDegrees, double floorAngleP95Degrees,
        double floorHeightMedianError, Map<Category, CategoryStats> categories, CategoryStats qualitative,
        CategoryStats metric, StageTimes times, List<Audit.Failure> failures, List<String> captionContradictions,
        QuestionFrames textFrames) {

    static AuditReport of(String source, RunSummary summary, List<Audit.FrameAudit> frames, StageTimes times) {
        Map<Category, CategoryStats> byCategory = Audit.byCategory(frames);
        CategoryStats qualitative = new CategoryStats("qualitative");
        CategoryStats metric = new CategoryStats("metric");
        byCategory.forEach((c, s) -> (c.isQualitative() ? qualitative : metric).addAll(s));
        long canonicalized = frames.stream().filter(Audit.FrameAudit::canonicalized).count();
        long misplaced = frames.stream().filter(f -> !f.canonicalized()).mapToLong(Audit.FrameAudit::floorDependentAsked)
                .sum();
        double[] angles = frames.stream().mapToDouble(Audit.FrameAudit::floorAngleDegrees).filter(a -> !Double.isNaN(a))
                .sorted().toArray();
        double[] heights = frames.stream().mapToDouble(Audit.FrameAudit::floorHeightError).filter(a -> !Double.isNaN(a))
                .sorted().toArray();
        QuestionFrames distinct = new QuestionFrames();
        frames.forEach(f -> distinct.addAll(f.frames()));
        return new AuditReport(source, summary.frames(), frames.size(), summary.skipped(), canonicalized, misplaced,
                quantile(angles, 0.5), quantile(angles, 0.95), quantile(heights, 0.5), byCategory, qualitative, metric,
                times, frames.stream().flatMap(f -> f.failures().stream()).toList(),
                frames.stream().flatMap(f -> f.captionContradictions().stream()).toList(), distinct);
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** Categories with at least one question asked. */
    public long categoriesPresent() {
        return categories.values().stream().filter(s -> s.asked() > 0).count();
    }

    /** The audit as JSON: headline numbers, floor checks, and every category's tallies. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("source", source);
        root.put("frames", frames);
        root.put("frames_scored", framesScored);
        ObjectNode skips = root.putObject("skipped");
        skipped.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> skips.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        root.put("canonicalized_frames", canonicalized);
        root.put("floor_dependent_questions_without_floor", floorDependentWithoutFloor);
        putNumber(root, "floor_angle_median_deg", floorAngleMedianDegrees);
        putNumber(root, "floor_angle_p95_deg", floorAngleP95Degrees);
        putNumber(root, "floor_height_median_error_m", floorHeightMedianError);
        root.put("categories_present", categoriesPresent());
        root.put("caption_contradictions", captionContradictions.size());
        ArrayNode contradictions = root.putArray("caption_contradiction_examples");
        captionContradictions.stream().limit(20).forEach(contradictions::add);
        root.put("question_frames", textFrames.questionFrames());
        root.put("answer_frames", textFrames.answerFrames());
        root.set("qualitative", stats(json, qualitative));
        root.set("metric", stats(json, metric));
        ArrayNode cats = root.putArray("categories");
        categories.forEach((c, s) -> {
            ObjectNode n = stats(json, s);
            n.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            n.put("needs_floor", c.needsFloor());
            n.put("question_frames", textFrames.questionFrames(c));
            n.put("answer_frames", textFrames.answerFrames(c));
            cats.add(n);
        });
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise the audit", e);
        }
    }

    private static ObjectNode stats(ObjectMapper json, CategoryStats s) {
        ObjectNode n = json.createObjectNode();
        n.put("name", s.name());
        n.put("asked", s.asked());
        n.put("not_applicable", s.notApplicable());
        n.put("uncertain", s.generatedUncertain());
        n.put("truth_within_margin", s.truthUncertain());
        n.put("scored", s.decided());
        n.put("correct", s.correct());
        putNumber(n, "accuracy", s.accuracy());
        putNumber(n, "uncertain_share", s.uncertainShare());
        putNumber(n, "median_relative_error", s.medianRelativeError());
        putNumber(n, "p90_relative_error", s.quantile(0.9));
        return n;
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, Math.round(v * 1e6) / 1e6);
        }
    }

    /** A one-screen text summary. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("Audit of ").append(source).append('\n');
        sb.append(String.format(Locale.ROOT, "frames %d, scored %d, skipped %s%n", frames, framesScored,
                skipped.isEmpty() ? "none" : skipped));
        sb.append(String.format(Locale.ROOT, "floor found in %d of %d scored frames; floor-dependent questions without a"
                + " floor: %d%n", canonicalized, framesScored, floorDependentWithoutFloor));
        sb.append(String.format(Locale.ROOT, "floor normal error median %.2f deg (p95 %.2f), camera height error median"
                + " %.3f m%n", floorAngleMedianDegrees, floorAngleP95Degrees, floorHeightMedianError));
        sb.append(String.format(Locale.ROOT, "qualitative: %.2f%% correct of %d scored, %.2f%% answered uncertain%n",
                100 * qualitative.accuracy(), qualitative.decided(), 100 * qualitative.uncertainShare()));
        sb.append(String.format(Locale.ROOT, "metric: %.2f%% within 10%% of the truth of %d scored, median relative error"
                + " %.3f%n", 100 * metric.accuracy(), metric.decided(), metric.medianRelativeError()));
        sb.append(String.format(Locale.ROOT, "categories present: %d of %d%n", categoriesPresent(),
                Category.values().length));
        sb.append(String.format(Locale.ROOT, "captions contradicting or giving away the answer: %d%n",
                captionContradictions.size()));
        sb.append(String.format(Locale.ROOT, "distinct frames: %d question, %d answer%n", textFrames.questionFrames(),
                textFrames.answerFrames()));
        sb.append(String.format(Locale.ROOT, "%-22s %6s %6s %8s %9s %7s %7s%n", "category", "asked", "scored",
                "correct%", "medRelErr", "qFrames", "aFrames"));
        categories.forEach((c, s) -> sb.append(String.format(Locale.ROOT, "%-22s %6d %6d %8s %9s %7d %7d%n", c.id(),
                s.asked(), s.decided(),
                Double.isNaN(s.accuracy()) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * s.accuracy()),
                Double.isNaN(s.medianRelativeError()) ? "-" : String.format(Locale.ROOT, "%.3f",
                        s.medianRelativeError()), textFrames.questionFrames(c), textFrames.answerFrames(c))));
        return sb.toString();
    }

    /**
     * The wrong answers as JSON lines: frame, category, question, answer, the exact answer given
     * and the true one, and each object's estimated and true facts (meters; centres in the camera
     * frame, elevations in the floor frame).
     */
    public String failuresJsonl() {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sb = new StringBuilder();
        for (Audit.Failure f : failures) {
            ObjectNode n = json.createObjectNode();
            n.put("frame", f.frameId());
            n.put("category", f.pair().category().id());
            n.put("question", f.pair().question());
            n.put("answer", f.pair().answer());
            n.put("given", String.valueOf(f.check().generated()));
            n.put("truth", String.valueOf(f.check().truth().orElse(null)));
            f.check().relativeError().ifPresent(e -> n.put("relative_error", Math.round(e * 1e4) / 1e4));
            n.set("estimated", objectsJson(json, f.estimated()));
            n.set("true", objectsJson(json, f.truth()));
            try {
                sb.append(json.writeValueAsString(n)).append('\n');
            } catch (IOException e) {
                throw new IllegalStateException("Cannot serialise a failure", e);
            }
        }
        return sb.toString();
    }

    private static ArrayNode objectsJson(ObjectMapper json, List<io.github.spatialvlm4j.datagen.facts.ObjectFacts> objects) {
        ArrayNode arr = json.createArrayNode();
        for (var o : objects) {
            ObjectNode n = arr.addObject();
            n.put("id", o.id());
            n.put("caption", o.caption());
            ArrayNode c = n.putArray("center");
            c.add(r4(o.center().x())).add(r4(o.center().y())).add(r4(o.center().z()));
            n.put("width", r4(o.width()));
            n.put("depth", r4(o.depth()));
            n.put("height", r4(o.height()));
            n.put("bottom", r4(o.bottom()));
            n.put("top", r4(o.top()));
            n.put("points", o.pointCount());
        }
        return arr;
    }

    private static double r4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /**
     * Writes {@code audit.json}, {@code audit.txt} (the summary), {@code failures.jsonl} (every
     * wrong answer with its evidence) and {@code accuracy.png} (correct share per category, with
     * the 95% line) into {@code dir}, each atomically.
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("audit.json"), toJson());
        writeAtomically(dir.resolve("audit.txt"), summary());
        writeAtomically(dir.resolve("failures.jsonl"), failuresJsonl());
        List<String> labels = new ArrayList<>();
        double[] values = new double[categories.size()];
        int i = 0;
        for (Map.Entry<Category, CategoryStats> e : categories.entrySet()) {
            labels.add(e.getKey().id());
            values[i++] = 100 * e.getValue().accuracy();
        }
        BarChart.write(dir.resolve("accuracy.png"), "Answers correct per category (%), audit of " + source, labels,
                Arrays.copyOf(values, i), 100, 95, "%.0f");
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
