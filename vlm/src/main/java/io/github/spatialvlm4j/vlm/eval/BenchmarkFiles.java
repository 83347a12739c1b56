package io.github.spatialvlm4j.vlm.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers of public spatial benchmarks' annotation files (local copies; nothing is downloaded) and of
 * model predictions. Each file is either one JSON array of objects or JSON Lines (one object per
 * line; blank lines skipped). Field names follow the benchmarks' published layouts and accept the
 * aliases listed per reader; a missing field fails with a message naming the field, the accepted
 * aliases and the record.
 *
 * <ul>
 *   <li><b>Q-Spatial Bench</b> ({@link #readQSpatial}): {@code question}, {@code answer_value}
 *       (number), {@code answer_unit} ("meters", "cm", "inches", ...), optional {@code id},
 *       {@code image}, {@code category}/{@code split}. Success in the paper: max(pred/gt, gt/pred)
 *       &lt; 2, i.e. the [0.5x, 2x] band.</li>
 *   <li><b>SpatialRGPT-Bench</b> ({@link #readSpatialRgpt}): {@code question} (or {@code text_q},
 *       or the first turn of {@code conversations}), {@code answer} (or {@code text_a}, or the second
 *       turn), {@code qa_category} (top level or inside {@code qa_info}), optional {@code type}
 *       qualitative/quantitative. Quantitative truths are read from the answer text with
 *       {@link AnswerParser#parseLength}; predicates with {@link AnswerParser#parseYesNo}; other
 *       qualitative questions become choices among the regions the question names ("Region [0]").
 *       Success in the paper: within [0.75x, 1.25x].</li>
 *   <li><b>CV-Bench</b> ({@link #readCvBench}): {@code question} (or {@code prompt}), {@code choices}
 *       (array), {@code answer} ("(A)", "A" or the option text), {@code task}; only 3D items
 *       ({@code type} "3D", or task Depth/Distance) are kept.</li>
 * </ul>
 *
 * <p>Items whose truth cannot be derived are returned in {@link Benchmark#skipped()} with the reason,
 * never silently dropped. Cost: linear in the file size.
 */
public final class BenchmarkFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern REGION = Pattern.compile("region\\s*\\[\\s*(\\d+)\\s*\\]", Pattern.CASE_INSENSITIVE);

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

    /** The JSON objects of a JSON-array or JSON Lines file, in order. */
    public static List<JsonNode> readRecords(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String trimmed = text.strip();
        List<JsonNode> out = new ArrayList<>();
        if (trimmed.startsWith("[")) {
            JsonNode root = parse(trimmed, file + " (JSON array)");
            for (JsonNode n : root) {
                out.add(requireObject(n, file + " element " + out.size()));
            }
            return out;
        }
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                out.add(requireObject(parse(lines[i], file + " line " + (i + 1)), file + " line " + (i + 1)));
            }
        }
        return out;
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
            String question = optionalText(r, "question", "text_q")
                    .or(() -> turn(conv, 0))
                    .orElseThrow(() -> missing(r, "question", "text_q", "conversations[0].value"));
            String answer = optionalText(r, "answer", "text_a")
                    .or(() -> turn(conv, 1))
                    .orElseThrow(() -> missing(r, "answer", "text_a", "conversations[1].value"));
            JsonNode info = r.has("qa_info") ? r.get("qa_info") : r;
            String category = optionalText(r, "qa_category", "category")
                    .or(() -> optionalText(info, "qa_category", "category"))
                    .orElseThrow(() -> missing(r, "qa_category", "qa_info.qa_category", "category"));
            String type = optionalText(r, "type").or(() -> optionalText(info, "type"))
                    .orElse(category.endsWith("_data") ? "quantitative" : "qualitative").toLowerCase(Locale.ROOT);
            Optional<String> image = optionalText(r, "image", "image_path", "filename");
            if (type.startsWith("quant")) {
                ParsedAnswer p = AnswerParser.parseLength(answer);
                if (p.kind() != ParsedAnswer.Kind.LENGTH) {
                    skipped.add(id + ": no length in the answer '" + answer + "'");
                    continue;
                }
                items.add(new EvalItem(id, category, question, new Truth.Length(p.meters().getAsDouble()), image));
            } else if (category.contains("predicate")) {
                ParsedAnswer p = AnswerParser.parseYesNo(answer);
                if (p.kind() != ParsedAnswer.Kind.YES_NO) {
                    skipped.add(id + ": no yes/no in the answer '" + answer + "'");
                    continue;
                }
                items.add(new EvalItem(id, category, question, new Truth.YesNo(p.yes().get()), image));
            } else {
                Set<String> regions = new LinkedHashSet<>();
                Matcher m = REGION.matcher(question);
                while (m.find()) {
                    regions.add("Region [" + m.group(1) + "]");
                }
                if (regions.size() < 2) {
                    skipped.add(id + ": fewer than two regions named in the question");
                    continue;
                }
                List<String> options = new ArrayList<>(regions);
                ParsedAnswer p = AnswerParser.parseChoice(answer, options);
                if (p.kind() != ParsedAnswer.Kind.CHOICE) {
                    skipped.add(id + ": the answer '" + answer + "' names none of " + options);
                    continue;
                }
                items.add(new EvalItem(id, category, question, new Truth.Choice(p.choice().getAsInt(), options),
                        image));
            }
        }
        return new Benchmark("SpatialRGPT-Bench", items, skipped);
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
            JsonNode choices = field(r, "choices", "options");
            if (!choices.isArray() || choices.size() < 2) {
                throw new IllegalArgumentException("Field 'choices' must be an array of at least two strings, got "
                        + choices + " in " + abbreviate(r));
            }
            List<String> options = new ArrayList<>();
            choices.forEach(c -> options.add(c.asText()));
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

    /**
     * Reads model answers: one object per question with {@code id} (or {@code question_id},
     * {@code idx}; string or number) and {@code answer} (or {@code prediction}, {@code text},
     * {@code response}, {@code output}).
     *
     * @return answers by id, in file order
     * @throws IllegalArgumentException on a missing field or a duplicate id
     */
    public static Map<String, String> readPredictions(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode r : readRecords(file)) {
            String id = text(r, "id", "question_id", "idx");
            String answer = text(r, "answer", "prediction", "text", "response", "output");
            if (out.put(id, answer) != null) {
                throw new IllegalArgumentException("Duplicate prediction id '" + id + "' in " + file);
            }
        }
        return out;
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
