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
import java.util.EnumMap;
import io.github.spatialvlm4j.datagen.facts.FloorState;

/**
 * The result of an {@link Audit}: per-category tallies, the headline shares, the floor checks,
 * and writers for JSON, a PNG bar chart and a one-screen summary.
 *
 * <p>Why one record of this size: the JSON, JSONL, chart and summary writers render the same
 * fields, and keeping them beside the fields means an added tally shows in every output or in none.
 *
 * @param source what was audited
 * @param frames frames in the source
 * @param framesScored frames that gave questions
 * @param framesChecked frames whose floor was checked (those that gave questions, and those skipped after
 *     their floor was found, e.g. for lack of object masks)
 * @param skipped frames skipped, per reason
 * @param floors the floor and up-direction checks
 * @param objects the per-object size checks
 * @param categories tallies per category
 * @param qualitative tallies over all qualitative categories
 * @param metric tallies over all metric categories
 * @param classicQualitative tallies over the qualitative categories of the 43 classic ones
 *     ({@link Category#isClassic()})
 * @param classicMetric tallies over the metric categories of the 43 classic ones
 * @param depthScaleInjected whether some frame's depth carried a known global scale error (then the
 *     metric errors beyond it are reported too)
 * @param times time per pipeline stage
 * @param failures every scored answer that was wrong, in frame order (and on frames with an injected
 *     depth scale error, every metric answer more than 10% off beyond it: {@link Audit.Failure})
 * @param frameAudits what was learnt about every checked frame, in frame order
 * @param captionContradictions every caption that contradicts or gives away its answer
 *     ({@link CaptionConsistency#contradictions}), in frame order (must be empty)
 * @param textFrames the distinct question and answer frames per category
 */
public record AuditReport(String source, long frames, long framesScored, long framesChecked,
        Map<SkipReason, Long> skipped,
        FloorChecks floors, ObjectSizes objects, Map<Category, CategoryStats> categories, CategoryStats qualitative,
        CategoryStats metric, CategoryStats classicQualitative, CategoryStats classicMetric, boolean depthScaleInjected, StageTimes times, List<Audit.Failure> failures,
        List<Audit.FrameAudit> frameAudits, List<String> captionContradictions, QuestionFrames textFrames) {

    /**
     * The floor rules and the error of the up direction and floor.
     *
     * @param floorStates scored frames per floor state the engine reached
     * @param framesShowingFloor scored frames whose true floor is visible
     * @param floorFoundWhereVisible of those, frames in which the engine found a floor
     * @param falseFloorClaims scored frames without a visible floor in which the engine claimed one (target 0)
     * @param upQuestionsWithoutUp questions that need the up direction asked in frames without it (must be 0)
     * @param floorQuestionsWithoutFloor questions that need a floor asked in frames without one (must be 0)
     * @param framesWithUpError frames where both the engine and the truth know the up direction
     * @param upAngleMedianDegrees median angle between the engine's and the true up direction, degrees (NaN if none)
     * @param upAngleP95Degrees its 95th percentile
     * @param upAngleMaxDegrees its largest value
     * @param upWithin2Degrees frames with the up direction within 2 degrees of the truth
     * @param floorAngleMedianDegrees median angle between estimated and true floor normals, degrees (NaN if none)
     * @param floorAngleP95Degrees 95th percentile of that angle, degrees
     * @param floorHeightMedianError median error of the camera height above the floor, meters
     */
    public record FloorChecks(Map<FloorState, Long> floorStates, long framesShowingFloor, long floorFoundWhereVisible,
            long falseFloorClaims, long upQuestionsWithoutUp, long floorQuestionsWithoutFloor, long framesWithUpError,
            double upAngleMedianDegrees, double upAngleP95Degrees, double upAngleMaxDegrees, long upWithin2Degrees,
            double floorAngleMedianDegrees, double floorAngleP95Degrees, double floorHeightMedianError) {

        static FloorChecks of(List<Audit.FrameAudit> frames) {
            Map<FloorState, Long> states = new EnumMap<>(FloorState.class);
            for (FloorState s : FloorState.values()) {
                states.put(s, frames.stream().filter(f -> f.state() == s).count());
            }
            long showing = frames.stream().filter(Audit.FrameAudit::truthFloorVisible).count();
            long found = frames.stream().filter(f -> f.truthFloorVisible() && f.state() == FloorState.FLOOR).count();
            long falseClaims = frames.stream().filter(Audit.FrameAudit::falseFloorClaim).count();
            double[] ups = sorted(frames, Audit.FrameAudit::upAngleDegrees);
            double[] angles = sorted(frames, Audit.FrameAudit::floorAngleDegrees);
            double[] heights = sorted(frames, Audit.FrameAudit::floorHeightError);
            long within2 = java.util.Arrays.stream(ups).filter(a -> a <= 2).count();
            return new FloorChecks(states, showing, found, falseClaims,
                    frames.stream().mapToLong(Audit.FrameAudit::upQuestionsWithoutUp).sum(),
                    frames.stream().mapToLong(Audit.FrameAudit::floorQuestionsWithoutFloor).sum(), ups.length,
                    quantile(ups, 0.5), quantile(ups, 0.95), ups.length == 0 ? Double.NaN : ups[ups.length - 1],
                    within2, quantile(angles, 0.5), quantile(angles, 0.95), quantile(heights, 0.5));
        }
    }

    /**
     * Measured object sizes against the true boxes, over objects whose outline is at most
     * {@code maxOccludedOutline} hidden (the ones sizes are asked about).
     *
     * @param maxOccludedOutline the largest hidden outline share of a counted object
     * @param all every object checked, counted or not, in frame order
     * @param counted objects counted (measured, known to the truth, unoccluded, with the up direction known)
     * @param heightsWithin10 of those, objects whose height is within 10% of the truth
     * @param widthsWithin10 ... whose longer horizontal side is within 10%
     * @param depthsWithin10 ... whose shorter horizontal side is within 10%
     * @param heightMedianError median relative error of the heights (NaN if none)
     * @param widthMedianError median relative error of the longer horizontal sides
     */
    public record ObjectSizes(double maxOccludedOutline, List<Audit.ObjectCheck> all, long counted, long heightsWithin10, long widthsWithin10,
            long depthsWithin10, double heightMedianError, double widthMedianError) {

        static ObjectSizes of(List<Audit.FrameAudit> frames, double maxOccludedOutline) {
            List<Audit.ObjectCheck> checks = frames.stream().flatMap(f -> f.objects().stream())
                    .filter(o -> o.occludedOutline() <= maxOccludedOutline && !Double.isNaN(o.heightError())).toList();
            double[] heights = checks.stream().mapToDouble(Audit.ObjectCheck::heightError).sorted().toArray();
            double[] widths = checks.stream().mapToDouble(Audit.ObjectCheck::widthError).sorted().toArray();
            return new ObjectSizes(maxOccludedOutline, frames.stream().flatMap(f -> f.objects().stream()).toList(),
                    checks.size(),
                    checks.stream().filter(o -> o.heightError() <= 0.1).count(),
                    checks.stream().filter(o -> o.widthError() <= 0.1).count(),
                    checks.stream().filter(o -> o.depthError() <= 0.1).count(), quantile(heights, 0.5),
                    quantile(widths, 0.5));
        }
    }

    static AuditReport of(String source, RunSummary summary, List<Audit.FrameAudit> frames, StageTimes times,
            double maxOccludedOutline) {
        Map<Category, CategoryStats> byCategory = Audit.byCategory(frames);
        CategoryStats qualitative = new CategoryStats("qualitative");
        CategoryStats metric = new CategoryStats("metric");
        byCategory.forEach((c, s) -> (c.isQualitative() ? qualitative : metric).addAll(s));
        CategoryStats classicQualitative = new CategoryStats("qualitative_43");
        CategoryStats classicMetric = new CategoryStats("metric_43");
        byCategory.forEach((c, s) -> {
            if (c.isClassic()) {
                (c.isQualitative() ? classicQualitative : classicMetric).addAll(s);
            }
        });
        boolean scaled = frames.stream().anyMatch(f -> f.depthScale() != 1);
        QuestionFrames distinct = new QuestionFrames();
        frames.forEach(f -> distinct.addAll(f.frames()));
        Map<SkipReason, Long> skipped = new java.util.TreeMap<>(summary.skipped());
        frames.forEach(f -> f.skip().ifPresent(r -> skipped.merge(r, 1L, Long::sum)));
        long scored = frames.stream().filter(f -> f.skip().isEmpty()).count();
        return new AuditReport(source, summary.frames(), scored, frames.size(), skipped, FloorChecks.of(frames),
                ObjectSizes.of(frames, maxOccludedOutline), byCategory, qualitative, metric, classicQualitative,
                classicMetric, scaled, times,
                frames.stream().flatMap(f -> f.failures().stream()).toList(), List.copyOf(frames),
                frames.stream().flatMap(f -> f.captionContradictions().stream()).toList(), distinct);
    }

    private static double[] sorted(List<Audit.FrameAudit> frames,
            java.util.function.ToDoubleFunction<Audit.FrameAudit> value) {
        return frames.stream().mapToDouble(value).filter(a -> !Double.isNaN(a)).sorted().toArray();
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** {@code v} with {@code decimals} decimals, or "-" when there is nothing to measure (NaN). */
    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static double share(long n, long of) {
        return of == 0 ? Double.NaN : 100.0 * n / of;
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
        root.put("frames_floor_checked", framesChecked);
        ObjectNode skips = root.putObject("skipped");
        skipped.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> skips.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        ObjectNode states = root.putObject("floor_states");
        floors.floorStates().forEach((state, n) -> states.put(state.id(), n));
        root.put("frames_showing_floor", floors.framesShowingFloor());
        root.put("floor_found_where_visible", floors.floorFoundWhereVisible());
        root.put("false_floor_claims", floors.falseFloorClaims());
        root.put("up_questions_without_up", floors.upQuestionsWithoutUp());
        root.put("floor_questions_without_floor", floors.floorQuestionsWithoutFloor());
        root.put("frames_with_up_error", floors.framesWithUpError());
        root.put("up_within_2_deg", floors.upWithin2Degrees());
        putNumber(root, "up_angle_median_deg", floors.upAngleMedianDegrees());
        putNumber(root, "up_angle_p95_deg", floors.upAngleP95Degrees());
        putNumber(root, "up_angle_max_deg", floors.upAngleMaxDegrees());
        putNumber(root, "floor_angle_median_deg", floors.floorAngleMedianDegrees());
        putNumber(root, "floor_angle_p95_deg", floors.floorAngleP95Degrees());
        putNumber(root, "floor_height_median_error_m", floors.floorHeightMedianError());
        ObjectNode sizes = root.putObject("object_sizes");
        putNumber(sizes, "max_occluded_outline", objects.maxOccludedOutline());
        sizes.put("counted", objects.counted());
        sizes.put("heights_within_10pct", objects.heightsWithin10());
        sizes.put("widths_within_10pct", objects.widthsWithin10());
        sizes.put("depths_within_10pct", objects.depthsWithin10());
        putNumber(sizes, "height_median_relative_error", objects.heightMedianError());
        putNumber(sizes, "width_median_relative_error", objects.widthMedianError());
        root.put("categories_present", categoriesPresent());
        root.put("caption_contradictions", captionContradictions.size());
        ArrayNode contradictions = root.putArray("caption_contradiction_examples");
        captionContradictions.stream().limit(20).forEach(contradictions::add);
        root.put("question_frames", textFrames.questionFrames());
        root.put("answer_frames", textFrames.answerFrames());
        root.set("qualitative", stats(json, qualitative));
        root.set("metric", stats(json, metric));
        root.set("qualitative_43", stats(json, classicQualitative));
        root.set("metric_43", stats(json, classicMetric));
        ArrayNode cats = root.putArray("categories");
        categories.forEach((c, s) -> {
            ObjectNode n = stats(json, s);
            n.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            n.put("needs", c.needs().name().toLowerCase(Locale.ROOT));
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
        putNumber(n, "within_10pct_beyond_depth_scale", s.geometryShareWithin(0.1));
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
        sb.append(String.format(Locale.ROOT, "frames %d, scored %d, floor checked %d, skipped %s%n", frames,
                framesScored, framesChecked,
                skipped.isEmpty() ? "none" : skipped));
        sb.append(String.format(Locale.ROOT, "floor states: %d floor, %d up only, %d none; floor found in %d of %d frames"
                + " that show one, claimed in %d of %d that do not%n", floors.floorStates().get(FloorState.FLOOR),
                floors.floorStates().get(FloorState.UP_ONLY), floors.floorStates().get(FloorState.NONE),
                floors.floorFoundWhereVisible(), floors.framesShowingFloor(), floors.falseFloorClaims(),
                framesChecked - floors.framesShowingFloor()));
        sb.append(String.format(Locale.ROOT, "questions needing up without up: %d; needing a floor without a floor: %d%n",
                floors.upQuestionsWithoutUp(), floors.floorQuestionsWithoutFloor()));
        sb.append(String.format(Locale.ROOT, "up direction error median %s deg (p95 %s, max %s), within 2 deg in %d"
                + " of %d frames%n", num(floors.upAngleMedianDegrees(), 2), num(floors.upAngleP95Degrees(), 2),
                num(floors.upAngleMaxDegrees(), 2), floors.upWithin2Degrees(), floors.framesWithUpError()));
        sb.append(String.format(Locale.ROOT, "floor normal error median %s deg (p95 %s), camera height error median"
                + " %s m%n", num(floors.floorAngleMedianDegrees(), 2), num(floors.floorAngleP95Degrees(), 2),
                num(floors.floorHeightMedianError(), 3)));
        sb.append(String.format(Locale.ROOT, "object sizes (%d objects at most %.0f%% hidden): heights %s%%, widths"
                + " %s%%, depths %s%% within 10%%%n", objects.counted(), 100 * objects.maxOccludedOutline(),
                num(share(objects.heightsWithin10(), objects.counted()), 1),
                num(share(objects.widthsWithin10(), objects.counted()), 1),
                num(share(objects.depthsWithin10(), objects.counted()), 1)));
        sb.append(String.format(Locale.ROOT, "qualitative: %s%% correct of %d scored, %s%% answered uncertain%n",
                num(100 * qualitative.accuracy(), 2), qualitative.decided(), num(100 * qualitative.uncertainShare(), 2)));
        sb.append(String.format(Locale.ROOT, "metric: %s%% within 10%% of the truth of %d scored, median relative error"
                + " %s%n", num(100 * metric.accuracy(), 2), metric.decided(), num(metric.medianRelativeError(), 3)));
        sb.append(String.format(Locale.ROOT, "the 43 categories of SPEC.md: qualitative %s%% of %d, metric %s%% of %d"
                + " within 10%%%n", num(100 * classicQualitative.accuracy(), 2), classicQualitative.decided(),
                num(100 * classicMetric.accuracy(), 2), classicMetric.decided()));
        if (depthScaleInjected) {
            sb.append(String.format(Locale.ROOT, "metric beyond the injected depth scale error: %s%% within 10%%,"
                    + " median relative error %s (43 categories: %s%%)%n", num(100 * metric.geometryShareWithin(0.1), 2),
                    num(metric.geometryMedianError(), 3), num(100 * classicMetric.geometryShareWithin(0.1), 2)));
        }
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
                num(100 * s.accuracy(), 1), num(s.medianRelativeError(), 3), textFrames.questionFrames(c),
                textFrames.answerFrames(c))));
        return sb.toString();
    }

    /**
     * The wrong answers as JSON lines: frame, category, question, answer, the exact answer given
     * and the true one, and each object's estimated and true facts (meters; centres in the camera
     * frame, elevations in the floor frame). On a frame with an injected depth scale error the line
     * also has {@code depth_scale}, {@code relative_error_beyond_scale} and {@code wrong_as_given}
     * (false for an answer listed only because it is more than 10% off beyond the scale).
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
            if (f.depthScale() != 1) {
                n.put("depth_scale", f.depthScale());
                n.put("wrong_as_given", f.wrongAsGiven());
                f.check().geometryError().ifPresent(e -> n.put("relative_error_beyond_scale",
                        Math.round(e * 1e4) / 1e4));
            }
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
     * Every checked frame as JSON lines: id, the floor state reached and how, whether the true floor is
     * visible, the up and floor errors, and why it gave no questions when it gave none.
     */
    public String framesJsonl() {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sb = new StringBuilder();
        for (Audit.FrameAudit f : frameAudits) {
            ObjectNode n = json.createObjectNode();
            n.put("frame", f.frameId());
            n.put("floor_state", f.state().id());
            n.put("floor_note", f.floorNote());
            n.put("true_floor_visible", f.truthFloorVisible());
            n.put("false_floor_claim", f.falseFloorClaim());
            putNumber(n, "up_error_deg", f.upAngleDegrees());
            putNumber(n, "floor_angle_error_deg", f.floorAngleDegrees());
            putNumber(n, "camera_height_error_m", f.floorHeightError());
            n.put("questions", f.checks().size());
            f.skip().ifPresent(r -> n.put("skipped", r.name().toLowerCase(Locale.ROOT)));
            try {
                sb.append(json.writeValueAsString(n)).append('\n');
            } catch (IOException e) {
                throw new IllegalStateException("Cannot serialise a frame check", e);
            }
        }
        return sb.toString();
    }

    /**
     * Every object's measured and true size as JSON lines: frame, id, caption, hidden outline share,
     * the relative errors (measured divided by the frame's depth scale error) and both facts.
     */
    public String objectsJsonl() {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sb = new StringBuilder();
        for (Audit.ObjectCheck o : objects.all()) {
            ObjectNode n = json.createObjectNode();
            n.put("frame", o.frameId());
            n.put("id", o.estimated().id());
            n.put("caption", o.truth().caption());
            n.put("occluded_outline", r4(o.occludedOutline()));
            putNumber(n, "height_error", o.heightError());
            putNumber(n, "width_error", o.widthError());
            putNumber(n, "depth_error", o.depthError());
            n.set("estimated", objectsJson(json, List.of(o.estimated())).get(0));
            n.set("true", objectsJson(json, List.of(o.truth())).get(0));
            try {
                sb.append(json.writeValueAsString(n)).append('\n');
            } catch (IOException e) {
                throw new IllegalStateException("Cannot serialise an object check", e);
            }
        }
        return sb.toString();
    }

    /**
     * Writes {@code audit.json}, {@code audit.txt} (the summary), {@code failures.jsonl} (every
     * wrong answer with its evidence), {@code objects.jsonl} (every object's measured and true size),
     * {@code frames.jsonl} (every frame's floor state and up error) and {@code accuracy.png} (correct share per category, with the 95% line) into {@code dir},
     * each atomically.
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("audit.json"), toJson());
        writeAtomically(dir.resolve("audit.txt"), summary());
        writeAtomically(dir.resolve("failures.jsonl"), failuresJsonl());
        writeAtomically(dir.resolve("objects.jsonl"), objectsJsonl());
        writeAtomically(dir.resolve("frames.jsonl"), framesJsonl());
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
