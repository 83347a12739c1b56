package io.github.spatialvlm4j.vlm.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers of public spatial benchmarks' annotation files (local copies; nothing is downloaded) and of
 * model predictions. Each file is either one JSON array of objects or JSON Lines (one object per
 * line; blank lines skipped), in UTF-8 with or without a byte-order mark; a file without a record is an
 * error. Field names follow the benchmarks' published files (which file and commit each reader was
 * checked against is in the README) and accept the aliases listed per reader; a missing field fails
 * with a message naming the field, the accepted aliases and the record.
 *
 * <ul>
 *   <li><b>Q-Spatial Bench</b> ({@link #readQSpatial}): {@code question}, {@code answer_value}
 *       (number), {@code answer_unit} ("meters", "cm", "inches", ...), optional {@code id},
 *       {@code image}, {@code category}/{@code split}. Success in the paper: max(pred/gt, gt/pred)
 *       &lt; 2, i.e. the [0.5x, 2x] band.</li>
 *   <li><b>SpatialRGPT-Bench</b> ({@link #readSpatialRgpt}): {@code id}, {@code text_q} (or
 *       {@code question}, or the first turn of {@code conversations}), the answer in the second turn of
 *       {@code conversations} (or {@code answer}, {@code text_a}, {@code ground_truth}, {@code gt}),
 *       {@code qa_info.category} and {@code qa_info.type} (or {@code qa_category}/{@code category},
 *       {@code qa_type}/{@code type} at the top level), {@code image_info.file_path} (or
 *       {@code image}). Quantitative truths are read with {@link AnswerParser#parseLength}, except
 *       {@code direction}, a clock position ({@link Truth.Clock}, right within one hour, as the
 *       benchmark scores it). Qualitative questions are yes/no or a choice between the regions the
 *       question names ("Region [0]"), as the question is worded ("Is ...?", "Which ..., Region [0] or
 *       Region [1]?"); their truths are read with the question, so "In fact, Region [0] might be wider
 *       than Region [1]." is a no to "Is Region [0] thinner than Region [1]?". Success in the paper:
 *       within [0.75x, 1.25x].</li>
 *   <li><b>CV-Bench</b> ({@link #readCvBench}): {@code question} (or {@code prompt}), {@code choices}
 *       (array), {@code answer} ("(A)", "A" or the option text), {@code task}; only 3D items
 *       ({@code type} "3D", or task Depth/Distance) are kept.</li>
 *   <li><b>VSI-Bench</b> ({@link #readVsiBench}): {@code id}, {@code dataset}, {@code scene_name},
 *       {@code question_type}, {@code question}, {@code ground_truth} (a letter for multiple choice, a
 *       number as text otherwise), {@code options} ("A. left", ...; null for numeric questions). The
 *       category is the question type. Multiple-choice types become choices among the option texts;
 *       {@code object_counting} a count, {@code object_abs_distance} and
 *       {@code object_size_estimation} lengths in the unit the question asks (meters, centimeters),
 *       {@code room_size_estimation} an area in square meters. The item's media is the video
 *       {@code <dataset>/<scene_name>.mp4}, as lmms-eval lays it out.</li>
 *   <li><b>BLINK</b> ({@link #readBlink}): {@code idx}, {@code question}, {@code prompt}
 *       (the question with its lettered choices, as the model is asked), {@code choices},
 *       {@code answer} ("(A)"), {@code sub_task} (or the task inside {@code idx},
 *       "val_Relative_Depth_3"), {@code image_1} (a path, or an object with {@code path}). The
 *       spatial sub-tasks Relative_Depth and Spatial_Relation are kept, the others skipped.</li>
 * </ul>
 *
 * <p>Items whose truth cannot be derived are returned in {@link Benchmark#skipped()} with the reason,
 * never silently dropped. Cost: linear in the file size.
 *
 * <p>Why one class of this size: each benchmark's reader is short (30 to 90 lines), and all of them
 * share the record reading and the field access that names the offending record in its error; one
 * file shows every supported benchmark and its mapping side by side.
 */
public final class BenchmarkFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern REGION = Pattern.compile("region\\s*\\[\\s*(\\d+)\\s*\\]", Pattern.CASE_INSENSITIVE);
    /** A question that asks to pick: "Which ...", "Who is higher up, ...", "Between A and B, which ...". */
    private static final Pattern CHOICE_QUESTION = Pattern.compile("^\\W*(which|who|whose|what)\\b|\\bwhich (one|of)\\b"
            + "|region\\s*\\[\\s*\\d+\\s*\\]\\s*,?\\s*or\\s+region", Pattern.CASE_INSENSITIVE);
    /** A question answered with yes or no: "Is ...", "Does ...", "Can you confirm if ...". */
    private static final Pattern YES_NO_QUESTION = Pattern.compile("^\\W*(is|are|does|do|did|can|could|would|will"
            + "|was|were|has|have|should)\\b", Pattern.CASE_INSENSITIVE);
    /** A VSI-Bench option: "A. front-left". */
    private static final Pattern LETTERED_OPTION = Pattern.compile("^\\s*\\(?([A-Za-z])[.):]\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern LETTER_ANSWER = Pattern.compile("^\\s*\\(?([A-Za-z])\\)?\\.?\\s*$");
    private static final Pattern BLINK_IDX = Pattern.compile("^(?:val|test)_(.+)_\\d+$");
    /** BLINK's spatial sub-tasks, the two this reader keeps. */
    public static final List<String> BLINK_SPATIAL_TASKS = List.of("Relative_Depth", "Spatial_Relation");
    /** VSI-Bench's multiple-choice question types (lmms-eval's {@code MCA_QUESTION_TYPES}). */
    public static final List<String> VSI_BENCH_CHOICE_TYPES = List.of("object_rel_direction_easy",
            "object_rel_direction_medium", "object_rel_direction_hard", "object_rel_distance", "route_planning",
            "obj_appearance_order");

    private BenchmarkFiles() {
    }

    /**
     * Questions read from a benchmark file.
     *
     * @param name the benchmark's name
     * @param items the questions with a truth, in file order
     * @param skipped "id: reason" for each record left out
     */
    public record Benchmark(String name, List<EvalItem> items, List<String> skipped) {
        public Benchmark {
            Objects.requireNonNull(name, "name");
            items = List.copyOf(items);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The JSON objects of a JSON-array or JSON Lines file, in order.
     *
     * @throws IllegalArgumentException naming the file and the line on invalid JSON, on an element that
     *     is no object, and when the file holds no record at all
     */
    public static List<JsonNode> readRecords(Path file) throws IOException {
        String text = readText(file);
        String trimmed = text.strip();
        List<JsonNode> out = new ArrayList<>();
        if (trimmed.startsWith("[")) {
            JsonNode root = parse(trimmed, file + " (JSON array)");
            for (JsonNode n : root) {
                out.add(requireObject(n, file + " element " + out.size()));
            }
        } else {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    out.add(requireObject(parse(lines[i], file + " line " + (i + 1)), file + " line " + (i + 1)));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no records (an empty file or an empty JSON array)");
        }
        return out;
    }

    /** The file as UTF-8 text, a leading byte-order mark dropped. */
    private static String readText(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The text as one JSON object, or null when it is not exactly one (JSON Lines has several). */
    private static JsonNode singleObject(String text) {
        try {
            JsonNode n = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode parse(String json, String where) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON in " + where + ": " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode requireObject(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("Expected a JSON object in " + where + ", got " + abbreviate(n));
        }
        return n;
    }

    /** Reads Q-Spatial Bench annotations (see the class comment). */
    public static Benchmark readQSpatial(Path file) throws IOException {
        List<EvalItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<JsonNode> records = readRecords(file);
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String id = optionalText(r, "id", "question_id", "idx").orElse("qspatial-" + i);
            String question = text(r, "question", "prompt");
            JsonNode value = field(r, "answer_value", "answer", "value");
            if (!value.isNumber() && !(value.isTextual() && value.asText().strip().matches("[0-9.eE+-]+"))) {
                throw new IllegalArgumentException("Field 'answer_value' must be a number, got " + value + " in "
                        + abbreviate(r));
            }
            String unit = text(r, "answer_unit", "unit");
            ParsedAnswer perUnit = AnswerParser.parseLength("1 " + unit);
            if (perUnit.kind() != ParsedAnswer.Kind.LENGTH || perUnit.notes().contains("no unit: assumed meters")) {
                throw new IllegalArgumentException("Unknown answer_unit: '" + unit
                        + "' (expected mm, cm, m, km, inches, feet, yards, miles) in " + abbreviate(r));
            }
            double meters = value.asDouble() * perUnit.meters().getAsDouble();
            if (!(meters >= 0) || !Double.isFinite(meters)) {
                skipped.add(id + ": answer_value " + value + " is not a length >= 0");
                continue;
            }
            String category = optionalText(r, "category", "split", "source").orElse("qspatial");
            items.add(new EvalItem(id, category, question, new Truth.Length(meters),
                    optionalText(r, "image", "image_path", "image_name", "filename")));
        }
        return new Benchmark("Q-Spatial Bench", items, skipped);
    }

    /** Reads SpatialRGPT-Bench annotations (see the class comment). */
    public static Benchmark readSpatialRgpt(Path file) throws IOException {
        List<EvalItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<JsonNode> records = readRecords(file);
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String id = optionalText(r, "id", "question_id", "idx").orElse("spatialrgpt-" + i);
            JsonNode conv = r.get("conversations");
            String question = optionalText(r, "text_q", "question")
                    .or(() -> turn(conv, 0))
                    .orElseThrow(() -> missing(r, "text_q", "question", "conversations[0].value"));
            String answer = turn(conv, 1)
                    .or(() -> optionalText(r, "answer", "text_a", "ground_truth", "gt"))
                    .orElseThrow(() -> missing(r, "conversations[1].value", "answer", "text_a", "ground_truth", "gt"));
            JsonNode info = r.has("qa_info") ? r.get("qa_info") : r;
            String category = optionalText(r, "qa_category", "category")
                    .or(() -> optionalText(info, "qa_category", "category"))
                    .orElseThrow(() -> missing(r, "qa_info.category", "qa_category", "category"));
            String type = optionalText(r, "qa_type", "type").or(() -> optionalText(info, "qa_type", "type"))
                    .orElse(category.endsWith("_data") ? "quantitative" : "qualitative").toLowerCase(Locale.ROOT);
            Optional<String> image = optionalText(r, "image", "image_path", "filename")
                    .or(() -> r.has("image_info") ? optionalText(r.get("image_info"), "file_path") : Optional.empty());
            Truth truth;
            try {
                truth = spatialRgptTruth(question, answer, category, type);
            } catch (IllegalArgumentException e) {
                skipped.add(id + ": " + e.getMessage());
                continue;
            }
            items.add(new EvalItem(id, category, question, truth, image));
        }
        return new Benchmark("SpatialRGPT-Bench", items, skipped);
    }

    /**
     * The truth of one SpatialRGPT-Bench question.
     *
     * @throws IllegalArgumentException saying why the answer gives no truth
     */
    static Truth spatialRgptTruth(String question, String answer, String category, String type) {
        if (category.equals("direction") || answer.toLowerCase(Locale.ROOT).contains("o'clock")) {
            ParsedAnswer p = AnswerParser.parseClock(answer);
            if (p.kind() != ParsedAnswer.Kind.CLOCK) {
                throw new IllegalArgumentException("no clock position in the answer '" + answer + "'");
            }
            int hour = (int) Math.round(p.value().getAsDouble());
            return new Truth.Clock(hour == 0 ? 12 : hour, Truth.Clock.SPATIALRGPT_TOLERANCE);
        }
        if (type.startsWith("quant")) {
            ParsedAnswer p = AnswerParser.parseLength(answer);
            if (p.kind() != ParsedAnswer.Kind.LENGTH) {
                throw new IllegalArgumentException("no length in the answer '" + answer + "'");
            }
            return new Truth.Length(p.meters().getAsDouble());
        }
        List<String> regions = new ArrayList<>();
        Matcher m = REGION.matcher(question);
        while (m.find()) {
            String region = "Region [" + m.group(1) + "]";
            if (!regions.contains(region)) {
                regions.add(region);
            }
        }
        boolean choice = category.contains("choice") || (!category.contains("predicate")
                && CHOICE_QUESTION.matcher(question).find() && !YES_NO_QUESTION.matcher(question).find());
        if (!choice) {
            ParsedAnswer p = AnswerParser.parseYesNo(answer, question);
            if (p.kind() != ParsedAnswer.Kind.YES_NO) {
                throw new IllegalArgumentException("no yes/no in the answer '" + answer + "'");
            }
            return new Truth.YesNo(p.yes().get());
        }
        if (regions.size() < 2) {
            throw new IllegalArgumentException("fewer than two regions named in the question '" + question + "'");
        }
        ParsedAnswer p = AnswerParser.parseChoice(answer, regions, question);
        if (p.kind() != ParsedAnswer.Kind.CHOICE) {
            throw new IllegalArgumentException("the answer '" + answer + "' names none of " + regions);
        }
        return new Truth.Choice(p.choice().getAsInt(), regions);
    }

    /** Reads CV-Bench annotations, keeping the 3D tasks (see the class comment). */
    public static Benchmark readCvBench(Path file) throws IOException {
        List<EvalItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<JsonNode> records = readRecords(file);
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String id = optionalText(r, "idx", "id", "question_id").orElse("cvbench-" + i);
            String task = text(r, "task", "category");
            Optional<String> type = optionalText(r, "type");
            boolean is3d = type.map(t -> t.equalsIgnoreCase("3D")).orElse(
                    task.equalsIgnoreCase("depth") || task.equalsIgnoreCase("distance"));
            if (!is3d) {
                skipped.add(id + ": not a 3D task (" + task + ")");
                continue;
            }
            String question = text(r, "question", "prompt");
            List<String> options = choices(r);
            String answer = text(r, "answer", "label");
            ParsedAnswer p = AnswerParser.parseChoice(answer, options);
            if (p.kind() != ParsedAnswer.Kind.CHOICE) {
                throw new IllegalArgumentException("Answer '" + answer + "' is none of the choices " + options
                        + " in " + abbreviate(r));
            }
            items.add(new EvalItem(id, task, question, new Truth.Choice(p.choice().getAsInt(), options),
                    optionalText(r, "image", "filename", "image_path")));
        }
        return new Benchmark("CV-Bench 3D", items, skipped);
    }

    /** Reads VSI-Bench annotations (see the class comment). */
    public static Benchmark readVsiBench(Path file) throws IOException {
        List<EvalItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<JsonNode> records = readRecords(file);
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String id = text(r, "id", "idx", "question_id");
            String type = text(r, "question_type", "category");
            String question = text(r, "question", "prompt");
            String groundTruth = text(r, "ground_truth", "answer");
            JsonNode optionsNode = r.get("options");
            Optional<String> video = optionalText(r, "dataset").flatMap(d -> optionalText(r, "scene_name")
                    .map(scene -> d + "/" + scene + ".mp4"));
            boolean hasOptions = optionsNode != null && optionsNode.isArray() && optionsNode.size() > 0;
            if (VSI_BENCH_CHOICE_TYPES.contains(type) && !hasOptions) {
                skipped.add(id + ": question_type " + type + " is multiple choice but the record has no options");
                continue;
            }
            Truth truth;
            try {
                truth = hasOptions ? vsiChoice(optionsNode, groundTruth) : vsiNumber(type, question, groundTruth);
            } catch (IllegalArgumentException e) {
                skipped.add(id + ": " + e.getMessage());
                continue;
            }
            items.add(new EvalItem(id, type, question, truth, video));
        }
        return new Benchmark("VSI-Bench", items, skipped);
    }

    /** A multiple-choice truth from options "A. left" and a ground truth letter (or option text). */
    private static Truth vsiChoice(JsonNode optionsNode, String groundTruth) {
        List<String> options = new ArrayList<>();
        List<String> letters = new ArrayList<>();
        for (JsonNode o : optionsNode) {
            String text = o.asText();
            Matcher m = LETTERED_OPTION.matcher(text);
            letters.add(m.matches() ? m.group(1).toUpperCase(Locale.ROOT)
                    : String.valueOf((char) ('A' + letters.size())));
            options.add(m.matches() ? m.group(2).strip() : text.strip());
        }
        Matcher letter = LETTER_ANSWER.matcher(groundTruth);
        int index = letter.matches() ? letters.indexOf(letter.group(1).toUpperCase(Locale.ROOT)) : -1;
        if (index < 0) {
            for (int k = 0; k < options.size(); k++) {
                if (options.get(k).equalsIgnoreCase(groundTruth.strip())) {
                    index = k;
                }
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("ground_truth '" + groundTruth + "' is neither a letter nor the text of"
                    + " one of the options " + optionsNode);
        }
        return new Truth.Choice(index, options);
    }

    /** A numeric truth: a count, a length in the question's unit, or an area in square meters. */
    private static Truth vsiNumber(String type, String question, String groundTruth) {
        double value;
        try {
            value = Double.parseDouble(groundTruth.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ground_truth '" + groundTruth + "' is not a number", e);
        }
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("ground_truth " + groundTruth + " is not a number >= 0");
        }
        String q = question.toLowerCase(Locale.ROOT);
        if (type.equals("room_size_estimation") || q.contains("square meter") || q.contains("square metre")) {
            return new Truth.Area(value);
        }
        Optional<LengthUnit> asked = LengthUnit.askedIn(question);
        if (type.equals("object_abs_distance") || type.equals("object_size_estimation") || asked.isPresent()) {
            LengthUnit unit = asked.orElse(type.equals("object_size_estimation") ? LengthUnit.CENTIMETER
                    : LengthUnit.METER);
            return new Truth.Length(value * unit.meters(), Optional.of(unit));
        }
        if (type.equals("object_counting") || q.startsWith("how many")) {
            if (value != Math.rint(value)) {
                throw new IllegalArgumentException("ground_truth " + groundTruth + " of a count is not a whole number");
            }
            return new Truth.Count((long) value);
        }
        throw new IllegalArgumentException("question_type " + type + " has no options and asks for no known"
                + " quantity (count, length, area)");
    }

    /** Reads BLINK annotations, keeping the spatial sub-tasks (see the class comment). */
    public static Benchmark readBlink(Path file) throws IOException {
        List<EvalItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<JsonNode> records = readRecords(file);
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String id = text(r, "idx", "id");
            Matcher fromId = BLINK_IDX.matcher(id);
            String task = optionalText(r, "sub_task", "task").or(() -> fromId.matches()
                    ? Optional.of(fromId.group(1)) : Optional.empty())
                    .orElseThrow(() -> missing(r, "sub_task", "task", "idx (val_<Task>_<n>)"))
                    .strip().replace(' ', '_');
            if (!BLINK_SPATIAL_TASKS.contains(task)) {
                skipped.add(id + ": not a spatial sub-task (" + task + ")");
                continue;
            }
            List<String> options = choices(r);
            String answer = text(r, "answer", "label");
            Matcher letter = LETTER_ANSWER.matcher(answer);
            int index = letter.matches() ? letter.group(1).toUpperCase(Locale.ROOT).charAt(0) - 'A' : -1;
            if (index < 0 || index >= options.size()) {
                skipped.add(id + ": answer '" + answer + "' is not the letter of one of the choices " + options
                        + (answer.equalsIgnoreCase("hidden") ? " (test split answers are hidden)" : ""));
                continue;
            }
            String question = optionalText(r, "prompt").orElseGet(() -> blinkPrompt(text(r, "question"), options));
            Optional<String> image = imagePath(r.get("image_1")).or(() -> optionalText(r, "image", "image_path"));
            items.add(new EvalItem(id, task, question, new Truth.Choice(index, options), image));
        }
        return new Benchmark("BLINK", items, skipped);
    }

    /** BLINK's prompt layout: the question, then "Select from the following choices." and "(A) ...". */
    private static String blinkPrompt(String question, List<String> options) {
        StringBuilder s = new StringBuilder(question).append("\nSelect from the following choices.");
        for (int k = 0; k < options.size(); k++) {
            s.append("\n(").append((char) ('A' + k)).append(") ").append(options.get(k));
        }
        return s.toString();
    }

    /** An image field: a path, or an object with a {@code path} (Hugging Face's image struct). */
    private static Optional<String> imagePath(JsonNode n) {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (n.isTextual()) {
            return Optional.of(n.asText());
        }
        return n.isObject() ? optionalText(n, "path") : Optional.empty();
    }

    /** The fields a prediction's text is read from, in order of preference. */
    public static final List<String> PREDICTION_FIELDS = List.of("full_prediction", "prediction", "pred",
            "response", "output", "text", "answer");

    /**
     * Reads model answers. Accepted layouts:
     * <ul>
     *   <li>JSON Lines or a JSON array, one object per question with {@code id} (or
     *       {@code question_id}, {@code idx}; string or number) and the answer in the first of
     *       {@link #PREDICTION_FIELDS} present: a raw output ({@code full_prediction}) before an
     *       extracted one ({@code prediction}), and {@code answer} last, because outputs such as
     *       BLINK's keep the gold answer there;</li>
     *   <li>one JSON object of splits, each an array of such objects (BLINK's saved outputs:
     *       {@code {"val": [...], "test": [...]}});</li>
     *   <li>one JSON object mapping ids to answers (BLINK's final prediction file).</li>
     * </ul>
     *
     * @return answers by id, in file order
     * @throws IllegalArgumentException on a missing field, a duplicate id, or a file without a prediction
     */
    public static Map<String, String> readPredictions(Path file) throws IOException {
        String text = readText(file).strip();
        List<JsonNode> records;
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode root = text.startsWith("{") ? singleObject(text) : null;
        if (root != null && !(root.has("id") || root.has("question_id") || root.has("idx"))) {
            boolean splits = true;
            boolean flat = true;
            for (JsonNode v : root) {
                splits &= v.isArray();
                flat &= v.isValueNode() && !v.isNull();
            }
            if (root.isEmpty() || !(splits || flat)) {
                throw new IllegalArgumentException(file + " is one JSON object but neither a map of ids to answers nor"
                        + " of splits to arrays of predictions" + (root.isEmpty() ? " (it is empty)" : ""));
            }
            if (flat) {
                root.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
                return out;
            }
            records = new ArrayList<>();
            for (JsonNode split : root) {
                for (JsonNode n : split) {
                    records.add(requireObject(n, file + " element " + records.size()));
                }
            }
        } else {
            records = readRecords(file);
        }
        for (JsonNode r : records) {
            String id = text(r, "id", "question_id", "idx");
            String answer = text(r, PREDICTION_FIELDS.toArray(new String[0]));
            if (out.put(id, answer) != null) {
                throw new IllegalArgumentException("Duplicate prediction id '" + id + "' in " + file);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no predictions");
        }
        return out;
    }

    /** A record's {@code choices} (or {@code options}): an array of at least two strings. */
    private static List<String> choices(JsonNode r) {
        JsonNode choices = field(r, "choices", "options");
        if (!choices.isArray() || choices.size() < 2) {
            throw new IllegalArgumentException("Field 'choices' must be an array of at least two strings, got "
                    + choices + " in " + abbreviate(r));
        }
        List<String> options = new ArrayList<>();
        choices.forEach(c -> options.add(c.asText()));
        return options;
    }

    private static Optional<String> turn(JsonNode conv, int index) {
        if (conv == null || !conv.isArray() || conv.size() <= index) {
            return Optional.empty();
        }
        JsonNode v = conv.get(index).get("value");
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static JsonNode field(JsonNode r, String... names) {
        for (String n : names) {
            JsonNode v = r.get(n);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        throw missing(r, names);
    }

    private static String text(JsonNode r, String... names) {
        JsonNode v = field(r, names);
        if (!v.isValueNode()) {
            throw new IllegalArgumentException("Field '" + names[0] + "' must be a string or number, got "
                    + abbreviate(v) + " in " + abbreviate(r));
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode r, String... names) {
        for (String n : names) {
            JsonNode v = r.get(n);
            if (v != null && v.isValueNode() && !v.isNull()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }

    private static IllegalArgumentException missing(JsonNode r, String... names) {
        return new IllegalArgumentException("Missing field '" + names[0] + "' (also accepted: "
                + String.join(", ", List.of(names).subList(1, names.length)) + ") in " + abbreviate(r));
    }

    private static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
