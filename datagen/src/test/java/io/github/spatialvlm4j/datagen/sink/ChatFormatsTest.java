package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChatFormatsTest {

    private static List<FrameRecord> withQuestions(List<FrameRecord> records) {
        List<FrameRecord> out = new ArrayList<>();
        for (FrameRecord r : records) {
            if (!r.qa().isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void llavaHasOneMultiTurnConversationPerFrameWithQuestions() throws IOException {
        List<FrameRecord> records = SinkFixtures.records(new Random(11), "llava", 25);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int written = ChatFormats.writeLlava(records, out);
        List<FrameRecord> expected = withQuestions(records);
        assertTrue(expected.size() < records.size(), "the fixture must contain frames without questions");
        assertEquals(expected.size(), written);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("[\n{") && text.endsWith("}\n]\n"), text);
        assertEquals(expected.size() + 2, text.split("\n", -1).length - 1, "one element per line");
        JsonNode array = Json.MAPPER.readTree(text);
        assertEquals(expected.size(), array.size());
        for (int i = 0; i < expected.size(); i++) {
            FrameRecord r = expected.get(i);
            JsonNode e = array.get(i);
            assertEquals(List.of("id", "image", "conversations"), fieldNames(e));
            assertEquals(r.frameId(), e.get("id").asText());
            assertEquals(r.imagePath(), e.get("image").asText());
            assertTurns(r, e.get("conversations"), "from", "value", "human", "gpt", "<image>\n");
        }
    }

    @Test
    void shareGptHasMessagesAndImages() throws IOException {
        List<FrameRecord> records = SinkFixtures.records(new Random(12), "sg", 25);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int written = ChatFormats.writeShareGpt(records, out);
        List<FrameRecord> expected = withQuestions(records);
        assertEquals(expected.size(), written);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(expected.size() + 1, lines.length);
        assertEquals("", lines[lines.length - 1]);
        for (int i = 0; i < expected.size(); i++) {
            FrameRecord r = expected.get(i);
            JsonNode e = Json.MAPPER.readTree(lines[i]);
            assertEquals(List.of("messages", "images"), fieldNames(e));
            assertEquals(1, e.get("images").size());
            assertEquals(r.imagePath(), e.get("images").get(0).asText());
            assertTurns(r, e.get("messages"), "role", "content", "user", "assistant", "<image>");
        }
    }

    @Test
    void noQuestionsGivesEmptyOutputs() throws IOException {
        ByteArrayOutputStream llava = new ByteArrayOutputStream();
        assertEquals(0, ChatFormats.writeLlava(List.of(), llava));
        assertEquals("[]\n", llava.toString(StandardCharsets.UTF_8));
        FrameRecord noQa = SinkFixtures.record(new Random(13), "empty", 2, 0);
        llava.reset();
        assertEquals(0, ChatFormats.writeLlava(List.of(noQa), llava));
        assertEquals("[]\n", llava.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream sg = new ByteArrayOutputStream();
        assertEquals(0, ChatFormats.writeShareGpt(List.of(noQa), sg));
        assertEquals(0, sg.size());
        assertTrue(ChatFormats.conversation(noQa, "<image>").isEmpty());
    }

    @Test
    void outputIsDeterministic() throws IOException {
        List<FrameRecord> a = SinkFixtures.records(new Random(14), "det", 10);
        List<FrameRecord> b = SinkFixtures.records(new Random(14), "det", 10);
        ByteArrayOutputStream outA = new ByteArrayOutputStream();
        ByteArrayOutputStream outB = new ByteArrayOutputStream();
        ChatFormats.writeLlava(a, outA);
        ChatFormats.writeLlava(b, outB);
        assertEquals(outA.toString(StandardCharsets.UTF_8), outB.toString(StandardCharsets.UTF_8));
        assertFalse(outA.toString(StandardCharsets.UTF_8).contains("\r"));
    }

    /** Question, answer, question, ...: the image token once, before the first question. */
    private static void assertTurns(FrameRecord r, JsonNode turns, String roleField, String textField,
            String userName, String assistantName, String imagePrefix) {
        assertEquals(2 * r.qa().size(), turns.size());
        for (int t = 0; t < turns.size(); t++) {
            QaPair q = r.qa().get(t / 2);
            JsonNode turn = turns.get(t);
            assertEquals(List.of(roleField, textField), fieldNames(turn));
            assertEquals(t % 2 == 0 ? userName : assistantName, turn.get(roleField).asText());
            String want = t == 0 ? imagePrefix + q.question() : t % 2 == 0 ? q.question() : q.answer();
            assertEquals(want, turn.get(textField).asText());
        }
        assertEquals(1, countImageTokens(turns, textField));
    }

    private static int countImageTokens(JsonNode turns, String field) {
        int n = 0;
        for (JsonNode t : turns) {
            String s = t.get(field).asText();
            n += s.split(java.util.regex.Pattern.quote(ChatFormats.IMAGE_TOKEN), -1).length - 1;
        }
        return n;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
