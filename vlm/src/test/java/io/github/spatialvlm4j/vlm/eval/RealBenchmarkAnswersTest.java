package io.github.spatialvlm4j.vlm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser on 233 real answer strings, kept in {@code real-benchmark-answers.jsonl} (the strings
 * only, one per line with the question, the options and the expected reading):
 *
 * <ul>
 *   <li>157 SpatialRGPT-Bench ground-truth answers, one per answer template of every category (the
 *       benchmark's own phrasing: "Incorrect, Region [0] is not smaller in size than Region [1].",
 *       "No.", "Region [0] is 6.91 feet in height.", "... appears more on the left side.", "... at 2
 *       o'clock ..."); expected readings from the template's polarity, the region named, the clock
 *       hour and the number with its unit. Taken from a public copy of the benchmark's 1,406 answers
 *       with model predictions, github.com/kasohrab/theworld {@code
 *       outputs/spatial_results_combined/predictions/gemma-3-4b-it.jsonl} (commit 8a845e6).</li>
 *   <li>46 answers of gemma-3-4b-it to SpatialRGPT-Bench from the same file (verbose Markdown,
 *       option lists, pixel counts, ranges, directions without a clock position), each labelled by
 *       reading it.</li>
 *   <li>30 raw answers of GPT-4V, Gemini Pro Vision and Qwen-VL-Max to BLINK's Relative_Depth and
 *       Spatial_Relation from BLINK's saved outputs, github.com/zeyofu/BLINK_Benchmark {@code
 *       eval/saved_outputs/<model>/<task>.json} (commit 2d6a779), expected as BLINK's own extracted
 *       choice ((Z), no choice, as "none").</li>
 * </ul>
 *
 * <p>Expected values of ranges are the geometric mean of their ends, the parser's documented reading.
 */
class RealBenchmarkAnswersTest {

    private static final String TABLE = "real-benchmark-answers.jsonl";
    private static final double REL_TOL = 1e-6;

    static List<JsonNode> table() {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        try (InputStream in = RealBenchmarkAnswersTest.class.getResourceAsStream(TABLE)) {
            assertNotNull(in, TABLE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(mapper.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static Stream<Arguments> rows() {
        return table().stream().map(n -> Arguments.of(n.get("source").asText() + " " + n.get("id").asText(), n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void readsRealAnswer(String name, JsonNode row) {
        String answer = row.get("answer").asText();
        String question = row.has("question") ? row.get("question").asText() : null;
        String expected = row.get("expected").asText();
        ParsedAnswer p = switch (row.get("kind").asText()) {
            case "yes_no" -> AnswerParser.parseYesNo(answer, question);
            case "choice" -> {
                List<String> options = new ArrayList<>();
                row.get("options").forEach(o -> options.add(o.asText()));
                ParsedAnswer c = question == null ? AnswerParser.parseChoice(answer, options)
                        : AnswerParser.parseChoice(answer, options, question);
                if (c.kind() == ParsedAnswer.Kind.CHOICE) {
                    assertEquals(expected, options.get(c.choice().getAsInt()), () -> answer + " -> " + c);
                }
                yield c;
            }
            case "length" -> AnswerParser.parseLength(answer);
            case "clock" -> AnswerParser.parseClock(answer);
            default -> throw new IllegalArgumentException("Unknown kind in " + row);
        };
        if (expected.equals("none")) {
            assertTrue(Set.of(ParsedAnswer.Kind.NONE, ParsedAnswer.Kind.UNCERTAIN).contains(p.kind()),
                    () -> answer + " -> " + p);
            return;
        }
        switch (row.get("kind").asText()) {
            case "yes_no" -> assertEquals(expected.equals("yes"), p.yes().orElseThrow(() ->
                    new AssertionError(answer + " -> " + p)), () -> answer + " -> " + p);
            case "choice" -> assertEquals(ParsedAnswer.Kind.CHOICE, p.kind(), () -> answer + " -> " + p);
            case "length" -> {
                double meters = Double.parseDouble(expected);
                assertEquals(ParsedAnswer.Kind.LENGTH, p.kind(), () -> answer + " -> " + p);
                assertEquals(meters, p.meters().getAsDouble(), meters * REL_TOL, () -> answer + " -> " + p);
            }
            default -> assertEquals(Double.parseDouble(expected), p.value().orElseThrow(), 0,
                    () -> answer + " -> " + p);
        }
    }

    @Test
    void theTableHoldsTheIssuesExamplesAndEnoughRealStrings() {
        List<JsonNode> rows = table();
        assertTrue(rows.size() >= 100, "only " + rows.size() + " real answers");
        List<String> answers = rows.stream().map(n -> n.get("answer").asText()).toList();
        for (String s : List.of("Incorrect, Region [0] is not smaller in size than Region [1].", "No.",
                "Region [0] is 6.91 feet in height.")) {
            assertTrue(answers.contains(s), s);
        }
        assertTrue(answers.stream().anyMatch(a -> a.contains("appears more on the left side")));
        assertTrue(answers.stream().anyMatch(a -> a.contains("2 o'clock")));
    }
}
