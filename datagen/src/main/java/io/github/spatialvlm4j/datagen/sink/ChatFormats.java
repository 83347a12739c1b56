package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The chat layouts used to fine-tune vision-language models, built from a record's questions: all of
 * a frame's questions become one multi-turn conversation (question, answer, question, answer, ...),
 * with the image token only in the first user turn. A frame without questions has no conversation
 * and is left out of these layouts (the JSONL output keeps it).
 *
 * <ul>
 *   <li>LLaVA: one JSON array, {@code [{"id", "image", "conversations":[{"from":"human",
 *       "value":"<image>\nQ1"}, {"from":"gpt", "value":"A1"}, ...]}]}, written one element per line.
 *   <li>ShareGPT for LLaMA-Factory: JSON lines, {@code {"messages":[{"role":"user",
 *       "content":"<image>Q1"}, {"role":"assistant", "content":"A1"}, ...], "images":["images/x.png"]}}.
 * </ul>
 *
 * <p>Output is UTF-8 with {@code \n} line ends, deterministic for given records. Cost: linear in
 * the text written.
 */
public final class ChatFormats {

    /** The image placeholder both LLaVA and LLaMA-Factory expect in the text. */
    public static final String IMAGE_TOKEN = "<image>";

    private ChatFormats() {
    }

    /**
     * One turn of a conversation.
     *
     * @param user true for the user's (human's) turn, false for the assistant's
     * @param text the turn's text
     */
    public record Turn(boolean user, String text) {
        public Turn {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The conversation of a record: for each question a user turn and an assistant turn, in question
     * order; {@code imagePrefix} is put before the first question. Empty when the record has no
     * questions.
     */
    public static List<Turn> conversation(FrameRecord record, String imagePrefix) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(imagePrefix, "imagePrefix");
        List<Turn> turns = new ArrayList<>(2 * record.qa().size());
        for (QaPair pair : record.qa()) {
            turns.add(new Turn(true, turns.isEmpty() ? imagePrefix + pair.question() : pair.question()));
            turns.add(new Turn(false, pair.answer()));
        }
        return turns;
    }

    /**
     * Writes the LLaVA layout of {@code records} (those with questions) as one JSON array, one
     * element per line: {@code [\n e1,\n e2\n]\n}; {@code []\n} when none has questions.
     *
     * @return the number of conversations written
     */
    public static int writeLlava(List<FrameRecord> records, OutputStream out) throws IOException {
        try (LlavaArrayWriter w = new LlavaArrayWriter(out)) {
            for (FrameRecord r : records) {
                List<Turn> turns = conversation(r, IMAGE_TOKEN + "\n");
                if (!turns.isEmpty()) {
                    w.element(g -> {
                        g.writeStartObject();
                        g.writeStringField("id", r.frameId());
                        g.writeStringField("image", r.imagePath());
                        g.writeFieldName("conversations");
                        writeTurns(g, turns, "from", "value", "human", "gpt");
                        g.writeEndObject();
                    });
                }
            }
            return w.count();
        }
    }

    /**
     * Writes the ShareGPT (LLaMA-Factory) layout of {@code records} (those with questions), one JSON
     * object per line.
     *
     * @return the number of conversations written
     */
    public static int writeShareGpt(List<FrameRecord> records, OutputStream out) throws IOException {
        int count = 0;
        for (FrameRecord r : records) {
            List<Turn> turns = conversation(r, IMAGE_TOKEN);
            if (turns.isEmpty()) {
                continue;
            }
            JsonGenerator g = Json.generator(out);
            g.writeStartObject();
            g.writeFieldName("messages");
            writeTurns(g, turns, "role", "content", "user", "assistant");
            g.writeFieldName("images");
            g.writeStartArray();
            g.writeString(r.imagePath());
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
            count++;
        }
        return count;
    }

    /** Writes turns as a JSON array of {@code {roleField: user|assistant name, textField: text}}. */
    private static void writeTurns(JsonGenerator g, List<Turn> turns, String roleField, String textField,
            String userName, String assistantName) throws IOException {
        g.writeStartArray();
        for (Turn t : turns) {
            g.writeStartObject();
            g.writeStringField(roleField, t.user() ? userName : assistantName);
            g.writeStringField(textField, t.text());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
