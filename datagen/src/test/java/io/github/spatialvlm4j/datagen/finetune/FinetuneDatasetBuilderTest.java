package io.github.spatialvlm4j.datagen.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetuneDatasetBuilderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int FRAMES = 12;

    @TempDir
    static Path shared;
    static Path engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() throws IOException {
        engine = EngineOutputs.synthetic(shared.resolve("engine"), 7, FRAMES);
    }

    private static List<JsonNode> llava(Path dataset, Split s) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        MAPPER.readTree(dataset.resolve(FinetuneDatasetBuilder.llavaFile(s)).toFile()).forEach(out::add);
        return out;
    }

    @Test
    void noImageAndNoFrameIsInTwoSplits() throws IOException {
        FinetuneOptions options = FinetuneOptions.defaults(3).withSplits(0.3, 0.3);
        Path out = tmp.resolve("ft");
        // The same engine output twice: its images are merged, never split apart.
        FinetuneSummary summary = new FinetuneDatasetBuilder(options).build(List.of(engine, engine), out);
        Set<String> images = new HashSet<>();
        Set<String> frames = new HashSet<>();
        int conversations = 0;
        for (Split s : Split.values()) {
            for (JsonNode e : llava(out, s)) {
                assertTrue(images.add(e.get("image").asText()), "image in two splits: " + e);
                String id = e.get("id").asText();
                assertTrue(frames.add(id.substring(0, id.lastIndexOf('-'))), "frame in two splits: " + e);
                conversations++;
            }
            assertEquals(summary.splits().get(s).images(), llava(out, s).size());
        }
        int withQuestions = 0;
        for (String line : Files.readAllLines(Files.list(engine.resolve("jsonl")).findFirst().orElseThrow())) {
            withQuestions += MAPPER.readTree(line).get("qa").isEmpty() ? 0 : 1;
        }
        for (Path part : Files.list(engine.resolve("jsonl")).skip(1).toList()) {
            for (String line : Files.readAllLines(part)) {
                withQuestions += MAPPER.readTree(line).get("qa").isEmpty() ? 0 : 1;
            }
        }
        assertEquals(withQuestions, conversations, "every frame with questions is in exactly one split");
        assertTrue(summary.duplicateQuestions() > 0, "the second copy's questions are duplicates");
        assertTrue(summary.validation().ok(), summary.validation().problems().toString());
    }

    @Test
    void sameInputsGiveSameBytesAndInputOrderDoesNotMoveImages() throws IOException {
        Random rnd = new Random(11);
        List<FrameRecord> a = new ArrayList<>();
        List<FrameRecord> b = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            (i % 2 == 0 ? a : b).add(EngineOutputs.record("f" + i, EngineOutputs.png(rnd),
                    List.of(Category.LEFT_PREDICATE, Category.DISTANCE), List.of("left " + i + "?", "far " + i + "?")));
        }
        Path ea = EngineOutputs.write(tmp.resolve("a"), a);
        Path eb = EngineOutputs.write(tmp.resolve("b"), b);
        FinetuneOptions options = FinetuneOptions.defaults(5).withSplits(0.25, 0.25);
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        Path swapped = tmp.resolve("swapped");
        new FinetuneDatasetBuilder(options).build(List.of(ea, eb), one);
        new FinetuneDatasetBuilder(options).build(List.of(ea, eb), two);
        new FinetuneDatasetBuilder(options).build(List.of(eb, ea), swapped);
        for (Split s : Split.values()) {
            for (String f : List.of(FinetuneDatasetBuilder.llavaFile(s), FinetuneDatasetBuilder.shareGptFile(s),
                    FinetuneDatasetBuilder.parquetFile(s))) {
                assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
            }
            Set<String> x = new HashSet<>();
            Set<String> y = new HashSet<>();
            llava(one, s).forEach(e -> x.add(e.get("image").asText()));
            llava(swapped, s).forEach(e -> y.add(e.get("image").asText()));
            assertEquals(x, y, "split " + s + " depends on the input order");
        }
        assertArrayEquals(Files.readAllBytes(one.resolve(FinetuneDatasetBuilder.MANIFEST)),
                Files.readAllBytes(two.resolve(FinetuneDatasetBuilder.MANIFEST)));
    }

    @Test
    void splitSharesFollowTheFractions() {
        Random rnd = new Random(13);
        int n = 20_000;
        Map<Split, Integer> counts = new HashMap<>();
        int moved = 0;
        for (int i = 0; i < n; i++) {
            String key = Long.toHexString(rnd.nextLong());
            Split s = Split.of(key, 1, 0.1, 0.2);
            counts.merge(s, 1, Integer::sum);
            moved += s != Split.of(key, 2, 0.1, 0.2) ? 1 : 0;
        }
        double tolerance = 0.015; // about 5 binomial standard deviations at n = 20000
        assertEquals(0.2, counts.get(Split.TEST) / (double) n, tolerance);
        assertEquals(0.1, counts.get(Split.VAL) / (double) n, tolerance);
        assertTrue(moved > n / 5, "another seed should reassign many images, moved " + moved);
        assertThrows(IllegalArgumentException.class, () -> Split.of("k", 1, 0.6, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Split.of("k", 1, -0.1, 0.5));
    }

    /** Questions are written "<category id> #n?" so the exports can be recounted from the text alone. */
    private static Path categoryEngine(Path dir, int frames, List<Category> perFrame) throws IOException {
        Random rnd = new Random(17);
        List<FrameRecord> records = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < frames; i++) {
            List<String> texts = new ArrayList<>();
            for (Category c : perFrame) {
                texts.add(c.id() + " #" + n++ + "?");
            }
            records.add(EngineOutputs.record("c" + i, EngineOutputs.png(rnd), perFrame, texts));
        }
        return EngineOutputs.write(dir, records);
    }

    /** Questions per category id, counted from the user turns of every LLaVA split. */
    private static Map<String, Integer> recount(Path dataset) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (Split s : Split.values()) {
            for (JsonNode e : llava(dataset, s)) {
                for (JsonNode t : e.get("conversations")) {
                    if (t.get("from").asText().equals("human")) {
                        String text = t.get("value").asText().replace("<image>\n", "");
                        counts.merge(text.substring(0, text.indexOf(' ')), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    @Test
    void categoryCapKeepsAtMostCapPerCategory() throws IOException {
        Path in = categoryEngine(tmp.resolve("in"), 30,
                List.of(Category.LEFT_PREDICATE, Category.LEFT_PREDICATE, Category.LEFT_PREDICATE, Category.DISTANCE));
        Path out = tmp.resolve("out");
        FinetuneSummary summary = new FinetuneDatasetBuilder(FinetuneOptions.defaults(1).withMaxPerCategory(10))
                .build(List.of(in), out);
        Map<String, Integer> counts = recount(out);
        assertEquals(Map.of("left_predicate", 10, "distance", 10), counts);
        assertEquals(90 - 10 + 30 - 10, summary.cappedQuestions());
        assertEquals(Map.of(Category.LEFT_PREDICATE, 10, Category.DISTANCE, 10), summary.questionsPerCategory());
        // A larger cap than the data changes nothing.
        new FinetuneDatasetBuilder(FinetuneOptions.defaults(1).withMaxPerCategory(1000)).build(List.of(in), out);
        assertEquals(Map.of("left_predicate", 90, "distance", 30), recount(out));
    }

    @Test
    void qualitativeShareIsReachedWithinOneQuestion() throws IOException {
        Path in = categoryEngine(tmp.resolve("in"), 20,
                List.of(Category.LEFT_PREDICATE, Category.TALL_CHOICE, Category.BEHIND_FRONT_CLASSIFY, Category.GAP));
        for (double share : new double[] {0.5, 0.2, 0.9}) {
            Path out = tmp.resolve("out" + share);
            FinetuneSummary s = new FinetuneDatasetBuilder(FinetuneOptions.defaults(2).withQualitativeShare(share))
                    .build(List.of(in), out);
            Map<String, Integer> counts = recount(out);
            int quant = counts.getOrDefault("gap", 0);
            int qual = counts.values().stream().mapToInt(Integer::intValue).sum() - quant;
            double expectedQual = share * (qual + quant);
            assertEquals(expectedQual, qual, 1.0, "share " + share + ": " + counts);
            int reported = 0;
            for (FinetuneSummary.SplitCounts c : s.splits().values()) {
                reported += c.qualitative();
            }
            assertEquals(qual, reported);
        }
    }

    @Test
    void duplicateQuestionsAboutOneImageAreDroppedAcrossOutputs() throws IOException {
        Random rnd = new Random(19);
        byte[] png = EngineOutputs.png(rnd);
        FrameRecord first = EngineOutputs.record("x", png, List.of(Category.DISTANCE, Category.DISTANCE, Category.WIDTH),
                List.of("How far is the chair from the table?", "how  far is the CHAIR from the table", "How wide?"));
        // The same picture under another frame id in a second output, with one new question.
        FrameRecord again = EngineOutputs.record("y", png, List.of(Category.WIDTH, Category.GAP),
                List.of("How wide ?", "What is the gap?"));
        FrameRecord other = EngineOutputs.record("z", EngineOutputs.png(rnd), List.of(Category.WIDTH),
                List.of("How wide?"));
        Path a = EngineOutputs.write(tmp.resolve("a"), List.of(first, other));
        Path b = EngineOutputs.write(tmp.resolve("b"), List.of(again));
        Path out = tmp.resolve("out");
        FinetuneSummary s = new FinetuneDatasetBuilder(FinetuneOptions.defaults(1).withSplits(0, 0))
                .build(List.of(a, b), out);
        assertEquals(2, s.duplicateQuestions());
        List<JsonNode> train = llava(out, Split.TRAIN);
        assertEquals(2, train.size(), "two distinct images");
        int turns = 0;
        for (JsonNode e : train) {
            turns += e.get("conversations").size();
        }
        assertEquals(2 * 4, turns, "questions: far, wide, gap about x; wide about z");
    }

    @Test
    void generalVqaIsMixedIntoTrainAtTheShare() throws IOException {
        Path in = categoryEngine(tmp.resolve("in"), 40, List.of(Category.LEFT_PREDICATE, Category.DISTANCE));
        Path vqa = Files.createDirectories(tmp.resolve("vqa"));
        Random rnd = new Random(23);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            Files.write(vqa.resolve("img" + i + ".png"), EngineOutputs.png(rnd));
            json.append(i == 0 ? "" : ",").append("{\"id\":\"g").append(i).append("\",\"image\":\"img")
                    .append(i).append(".png\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\nWhat colour? ")
                    .append(i).append("\"},{\"from\":\"gpt\",\"value\":\"Red.\"}]}");
        }
        // Unusable: a missing image, and turns that do not alternate.
        json.append(",{\"id\":\"bad1\",\"image\":\"missing.png\",\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},"
                + "{\"from\":\"gpt\",\"value\":\"a\"}]}");
        json.append(",{\"id\":\"bad2\",\"image\":\"img0.png\",\"conversations\":[{\"from\":\"gpt\",\"value\":\"q\"},"
                + "{\"from\":\"human\",\"value\":\"a\"}]}]");
        Files.writeString(vqa.resolve("vqa.json"), json);
        Path out = tmp.resolve("out");
        double share = 0.25;
        FinetuneSummary s = new FinetuneDatasetBuilder(FinetuneOptions.defaults(4).withSplits(0.1, 0.1)
                .withGeneralVqa(new FinetuneOptions.GeneralVqaMix(vqa.resolve("vqa.json"), vqa, share)))
                .build(List.of(in), out);
        assertEquals(60, s.generalAvailable());
        assertEquals(2, s.generalSkipped());
        List<JsonNode> train = llava(out, Split.TRAIN);
        long general = train.stream().filter(e -> e.get("id").asText().startsWith("general-")).count();
        long spatial = train.size() - general;
        assertEquals(Math.round(share * spatial / (1 - share)), general);
        assertEquals(share, general / (double) train.size(), 1.0 / train.size());
        for (Split held : List.of(Split.VAL, Split.TEST)) {
            assertTrue(llava(out, held).stream().noneMatch(e -> e.get("id").asText().startsWith("general-")));
        }
        JsonNode g = train.stream().filter(e -> e.get("id").asText().startsWith("general-")).findFirst().orElseThrow();
        assertTrue(g.get("conversations").get(0).get("value").asText().startsWith("<image>\nWhat colour?"));
        assertTrue(Files.isRegularFile(out.resolve(g.get("image").asText())));
        assertTrue(s.validation().ok(), s.validation().problems().toString());
    }

    @Test
    void refusesToReplaceAForeignDirectory() throws IOException {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FinetuneDatasetBuilder(FinetuneOptions.defaults(1)).build(List.of(engine), foreign));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertTrue(Files.exists(foreign.resolve("notes.txt")));
        assertThrows(IllegalArgumentException.class,
                () -> new FinetuneDatasetBuilder(FinetuneOptions.defaults(1)).build(List.of(tmp.resolve("none")), tmp.resolve("o")));
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void optionsAreValidated() {
        FinetuneOptions d = FinetuneOptions.defaults(1);
        assertThrows(IllegalArgumentException.class, () -> d.withMaxPerCategory(0));
        assertThrows(IllegalArgumentException.class, () -> d.withQualitativeShare(1.0));
        assertThrows(IllegalArgumentException.class, () -> d.withQualitativeShare(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withSplits(0.5, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new FinetuneOptions.GeneralVqaMix(Path.of("a"), Path.of("b"), 1.0));
    }
}
