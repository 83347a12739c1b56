package io.github.spatialvlm4j.datagen.sink;

import java.util.Objects;

/**
 * A conversation about one image, with what the formats that embed the image or the exact answers
 * need: the unit a {@link ConversationFormat} writes, from a run's records or from a fine-tuning split
 * (spatial records and general visual question answering mixed in).
 *
 * @param conversation the conversation; the formats put their image token before its first user turn
 * @param imageBytes the encoded image (PNG, JPEG, ...: Hugging Face decodes any format PIL reads);
 *     shared, not copied
 * @param qaJson the questions with exact answers, as in the JSONL {@code qa} field: a JSON array, {@code []}
 *     when there are no exact answers
 */
public record ImageConversation(ChatFormats.Conversation conversation, byte[] imageBytes, String qaJson) {
    public ImageConversation {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(imageBytes, "imageBytes");
        Objects.requireNonNull(qaJson, "qaJson");
    }

    /** The conversation of a record's questions about its chat image (empty turns when it has none). */
    public static ImageConversation of(FrameRecord record) {
        return new ImageConversation(ChatFormats.Conversation.of(record), record.chatImageBytes(),
                RecordJson.qaJson(record));
    }
}
