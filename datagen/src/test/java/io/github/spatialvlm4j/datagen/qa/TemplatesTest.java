package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

    private static String builtin(String name) {
        try (InputStream in = Templates.class.getResourceAsStream(Templates.RESOURCE_DIR + name)) {
            if (in == null) {
                throw new FileNotFoundException(name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in files with {@code name} replaced by {@code text}. */
    private static Templates.Source withFile(String name, String text) {
        return n -> new StringReader(n.equals(name) ? text : builtin(n));
    }

    @Test
    void builtInTemplatesMeetTheCounts() {
        Templates t = Templates.fromClasspath();
        Set<String> allQuestions = new HashSet<>();
        for (Category c : Category.values()) {
            int minQuestions = c.isClassic() ? Templates.MIN_QUESTIONS : Templates.MIN_QUESTIONS_NEW;
            int minAnswers = c.isClassic() ? Templates.MIN_ANSWERS : Templates.MIN_ANSWERS_NEW;
            assertTrue(t.questions(c).size() >= minQuestions, c.id());
            assertEquals(t.questions(c).size(), new HashSet<>(t.questions(c)).size(), c.id());
            allQuestions.addAll(t.questions(c));
            if (c.kind() == Category.Kind.PREDICATE) {
                assertTrue(t.yesAnswers(c).size() >= minAnswers, c.id());
                assertTrue(t.noAnswers(c).size() >= minAnswers, c.id());
            } else {
                assertTrue(t.answers(c).size() >= minAnswers, c.id());
            }
            if (c.kind() != Category.Kind.COUNT) {
                assertTrue(t.uncertainAnswers(c).size() >= minAnswers, c.id());
            }
        }
        for (Category.Kind k : List.of(Category.Kind.PREDICATE, Category.Kind.CHOICE, Category.Kind.CLASSIFY,
                Category.Kind.METRIC)) {
            assertTrue(t.uncertainAnswers(k).size() >= Templates.MIN_ANSWERS, k.name());
        }
        // Categories do not share their question wording.
        assertTrue(allQuestions.size() >= Category.values().length * Templates.MIN_QUESTIONS, "" + allQuestions.size());
    }

    @Test
    void unknownPlaceholderNamesFileAndLine() {
        String text = builtin("left_predicate.txt");
        String bad = text.replace("{is:A} {A} to the left of {B}?", "{is:A} {A} to the left of {C}?");
        int line = lineOf(bad, "{C}");
        TemplateFormatException e = assertThrows(TemplateFormatException.class,
                () -> Templates.load(withFile("left_predicate.txt", bad)));
        assertEquals("left_predicate.txt", e.fileName());
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith("left_predicate.txt:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("{C}"), e.getMessage());
    }

    @Test
    void metricAnswerWithoutValueIsRejected() {
        String bad = builtin("distance.txt").replace("About {value}.", "About right.");
        TemplateFormatException e = assertThrows(TemplateFormatException.class,
                () -> Templates.load(withFile("distance.txt", bad)));
        assertEquals(lineOf(bad, "About right."), e.line());
        assertTrue(e.getMessage().contains("{value}"), e.getMessage());
    }

    @Test
    void otherRuleBreaksAreRejected() {
        // Question of a single-object category naming B.
        assertRejected("height.txt", builtin("height.txt").replace("How tall {is:A} {A}?", "How tall {is:A} {A} next to {B}?"));
        // Question that does not name B.
        assertRejected("distance.txt", builtin("distance.txt").replace("How far {is:A} {A} from {B}?", "How far {is:A} {A}?"));
        // Choice answer naming {A}, and {other} before {choice}.
        assertRejected("left_choice.txt", builtin("left_choice.txt").replace("It's {choice}.", "It's {A}."));
        assertRejected("left_choice.txt", builtin("left_choice.txt").replace("It's {choice}.", "Not {other} but {choice}."));
        // Classify answer without the relation.
        assertRejected("wide_thin_classify.txt", builtin("wide_thin_classify.txt").replace("{word}.", "Hmm."));
        // Unbalanced brace, duplicate line, unknown section, missing section.
        assertRejected("gap.txt", builtin("gap.txt").replace("About {value}.", "About {value}. {"));
        assertRejected("gap.txt", builtin("gap.txt").replace("Roughly {value}.", "About {value}."));
        assertRejected("gap.txt", builtin("gap.txt").replace("[answers]", "[replies]"));
        assertRejected("uncertain.txt", builtin("uncertain.txt").replace("[metric]", "# no metric"));
        // Too few questions.
        String text = builtin("width.txt");
        int start = text.indexOf("[questions]") + "[questions]\n".length();
        int end = text.indexOf("[answers]");
        List<String> qs = List.of(text.substring(start, end).strip().split("\n"));
        String fewer = text.substring(0, start) + String.join("\n", qs.subList(0, Templates.MIN_QUESTIONS - 1))
                + "\n\n" + text.substring(end);
        TemplateFormatException e = assertRejected("width.txt", fewer);
        assertEquals(lineOf(fewer, "[questions]"), e.line());
    }

    @Test
    void agreementIsEnforced() {
        String left = builtin("left_predicate.txt");
        String q = "{is:A} {A} to the left of {B}?";
        // A bare verb next to an object, an unknown agreement word, an agreement with no object.
        assertRejected("left_predicate.txt", left.replace(q, "Is {A} to the left of {B}?"));
        assertRejected("left_predicate.txt", left.replace(q, "Tell me if {A} is to the left of {B}."));
        assertRejected("left_predicate.txt", left.replace(q, "{am:A} {A} to the left of {B}?"));
        assertRejected("left_predicate.txt", left.replace(q, "{is:choice} {A} to the left of {B}?"));
        // A possessive, and a bare "it" meaning A in an answer about A.
        assertRejected("left_predicate.txt", left.replace(q, "Is the side of {A}'s box left of {B}?"));
        assertRejected("left_predicate.txt", left.replace("Yes, {it:A} {is:A} on the left side of {B}.",
                "Yes, it is on the left side of {B}."));
        assertRejected("height.txt", builtin("height.txt").replace("{it's:A} about {value} tall.",
                "It's about {value} tall."));
        // "Which of {A} and {B} is" and "the height of {A} is" are fine: the verb agrees with something else.
        Templates.load(withFile("left_choice.txt", builtin("left_choice.txt").replace(
                "Which is further left, {A} or {B}?", "Which of {A} and {B} is further left, would you say?")));
    }

    @Test
    void renderMakesAgreementWordsAgree() {
        Map<String, String> names = Map.of("A", "the chairs", "B", "the lamp");
        assertEquals("Are the chairs taller than the lamp?", Templates.render("{is:A} {A} taller than {B}?", names,
                Set.of("A")));
        assertEquals("They are; they stand taller than the lamp.", Templates.render(
                "{it:A} {is:A}; {it:A} {stands:A} taller than {B}.", names, Set.of("A")));
        assertEquals("Is the chairs taller than the lamp?", Templates.render("{is:A} {A} taller than {B}?", names));
        assertThrows(IllegalArgumentException.class, () -> Templates.render("{am:A} {A}.", names, Set.of()));
    }

    private static TemplateFormatException assertRejected(String name, String text) {
        TemplateFormatException e = assertThrows(TemplateFormatException.class, () -> Templates.load(withFile(name, text)));
        assertEquals(name, e.fileName(), e.getMessage());
        return e;
    }

    @Test
    void missingFileIsAnIoError(@TempDir Path dir) throws IOException {
        for (Category c : Category.values()) {
            if (c != Category.GAP) {
                Files.writeString(dir.resolve(c.id() + ".txt"), builtin(c.id() + ".txt"));
            }
        }
        Files.writeString(dir.resolve(Templates.UNCERTAIN_FILE), builtin(Templates.UNCERTAIN_FILE));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Templates.fromDirectory(dir));
        assertTrue(e.getMessage().contains("gap.txt"), e.getMessage());
        Files.writeString(dir.resolve("gap.txt"), builtin("gap.txt"));
        assertEquals(Templates.fromClasspath().questions(Category.GAP), Templates.fromDirectory(dir).questions(Category.GAP));
    }

    @Test
    void renderFillsAndCapitalises() {
        assertEquals("The red box is left of the chair.",
                Templates.render("{A} is left of {B}.", Map.of("A", "the red box", "B", "the chair")));
        assertThrows(IllegalArgumentException.class, () -> Templates.render("{A} and {B}", Map.of("A", "x")));
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }
}
