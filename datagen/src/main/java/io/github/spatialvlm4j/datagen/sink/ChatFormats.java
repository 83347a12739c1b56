package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
     * A conversation about one image, independent of where it came from (a {@link FrameRecord}, or a
     * general visual question answering dataset mixed into a fine-tuning set).
     *
     * @param id the conversation's id
     * @param imagePath the image path relative to the dataset directory, forward slashes
     * @param turns user and assistant turns, starting with a user turn, without any image token:
     *     the writers put it before the first user turn
     */
    public record Conversation(String id, String imagePath, List<Turn> turns) {
        public Conversation {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(imagePath, "imagePath");
            turns = List.copyOf(turns);
        }

        /**
         * The conversation of a record's questions ({@link #conversation(FrameRecord, String)} without prefix),
         * about its {@linkplain FrameRecord#chatImagePath() marked image} when it has one.
         */
        public static Conversation of(FrameRecord record) {
            return new Conversation(record.frameId(), record.chatImagePath(), conversation(record, ""));
        }
    }

    /**
     * Writes the LLaVA layout of {@code records} (those with questions) as one JSON array, one
     * element per line: {@code [\n e1,\n e2\n]\n}; {@code []\n} when none has questions.
     *
     * @return the number of conversations written
     */
    public static int writeLlava(List<FrameRecord> records, OutputStream out) throws IOException {
        return writeLlavaConversations(records.stream().map(Conversation::of).toList(), out);
    }

    /**
     * Writes the LLaVA layout of {@code conversations} (those with turns) as one JSON array, one
     * element per line, {@code "<image>\n"} before the first user turn.
     *
     * @return the number of conversations written
     */
    public static int writeLlavaConversations(List<Conversation> conversations, OutputStream out) throws IOException {
        try (LlavaArrayWriter w = new LlavaArrayWriter(out)) {
            for (Conversation c : conversations) {
                List<Turn> turns = withImagePrefix(c.turns(), IMAGE_TOKEN + "\n");
                if (!turns.isEmpty()) {
                    w.element(g -> {
                        g.writeStartObject();
                        g.writeStringField("id", c.id());
                        g.writeStringField("image", c.imagePath());
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
        return writeShareGptConversations(records.stream().map(Conversation::of).toList(), out);
    }

    /**
     * Writes the ShareGPT (LLaMA-Factory) layout of {@code conversations} (those with turns), one
     * JSON object per line, {@code "<image>"} before the first user turn.
     *
     * @return the number of conversations written
     */
    public static int writeShareGptConversations(List<Conversation> conversations, OutputStream out)
            throws IOException {
        int count = 0;
        for (Conversation c : conversations) {
            List<Turn> turns = withImagePrefix(c.turns(), IMAGE_TOKEN);
            if (turns.isEmpty()) {
                continue;
            }
            JsonGenerator g = Json.generator(out);
            g.writeStartObject();
            g.writeFieldName("messages");
            writeTurns(g, turns, "role", "content", "user", "assistant");
            g.writeFieldName("images");
            g.writeStartArray();
            g.writeString(c.imagePath());
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
            count++;
        }
        return count;
    }

    /**
     * Adds to {@code datasetInfo} (LLaMA-Factory's {@code dataset_info.json}) the entry {@code name}
     * describing ShareGPT files written by {@link #writeShareGpt}: {@code file_name} (a file or a
     * folder, relative to LLaMA-Factory's {@code dataset_dir}), the sharegpt formatting, the
     * {@code messages}/{@code images} columns and the role tags.
     *
     * @return the entry added
     */
    public static ObjectNode putShareGptDataset(
            ObjectNode datasetInfo, String name, String fileName) {
        ObjectNode ds = datasetInfo.putObject(name);
        ds.put("file_name", fileName);
        ds.put("formatting", "sharegpt");
        ObjectNode columns = ds.putObject("columns");
        columns.put("messages", "messages");
        columns.put("images", "images");
        ObjectNode tags = ds.putObject("tags");
        tags.put("role_tag", "role");
        tags.put("content_tag", "content");
        tags.put("user_tag", "user");
        tags.put("assistant_tag", "assistant");
        return ds;
    }

    /** The turns with {@code prefix} put before the text of the first one. */
    static List<Turn> withImagePrefix(List<Turn> turns, String prefix) {
        if (turns.isEmpty()) {
            return turns;
        }
        List<Turn> out = new ArrayList<>(turns);
        out.set(0, new Turn(turns.get(0).user(), prefix + turns.get(0).text()));
        return out;
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
