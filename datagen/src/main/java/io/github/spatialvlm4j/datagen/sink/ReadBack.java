package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks the conversation formats share when reading a fine-tuning split back
 * ({@link ConversationFormat#readBack}): each adds a problem, naming the file and the item, instead of
 * throwing, so that one pass reports everything.
 */
final class ReadBack {

    /** A plain mapper: read-back parses the files as trainers would, without the sink's writer settings. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ReadBack() {
    }

    /** The JSON in {@code file}, or null (with a problem) when it cannot be read. */
    static JsonNode readJson(Path file, List<String> problems) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(file.getFileName() + ": unreadable JSON: " + e.getMessage());
            return null;
        }
    }

    /** The texts of a JSON turn list, checking that roles alternate user, assistant, ... */
    static List<String> turns(JsonNode list, String roleField, String textField, String user,
            String assistant, String where, List<String> problems) {
        List<String> texts = new ArrayList<>();
        for (JsonNode t : list) {
            String expected = texts.size() % 2 == 0 ? user : assistant;
            if (!expected.equals(t.path(roleField).asText())) {
                problems.add(where + ": turn " + texts.size() + " has " + roleField + " '" + t.path(roleField).asText()
                        + "' (expected '" + expected + "')");
            }
            texts.add(t.path(textField).asText());
        }
        return texts;
    }

    /** Checks an even, non-empty turn list with one image token, at the start. */
    static void checkTurns(String where, List<String> texts, String prefix, List<String> problems) {
        if (texts.isEmpty() || texts.size() % 2 != 0) {
            problems.add(where + ": " + texts.size() + " turns (expected a positive even number)");
            return;
        }
        int tokens = 0;
        for (String t : texts) {
            for (int at = t.indexOf(ChatFormats.IMAGE_TOKEN); at >= 0; at = t.indexOf(ChatFormats.IMAGE_TOKEN, at + 1)) {
                tokens++;
            }
        }
        if (tokens != 1 || !texts.get(0).startsWith(prefix)) {
            problems.add(where + ": expected one image token at the start of the first turn, found " + tokens);
        }
    }

    /** Checks that the image {@code path} (relative to {@code dir}) exists. */
    static void checkImage(Path dir, String where, String path, List<String> problems) {
        if (path.isEmpty() || !Files.isRegularFile(dir.resolve(path))) {
            problems.add(where + ": image '" + path + "' does not exist under " + dir);
        }
    }

    /** The texts with {@code prefix} removed from the start of the first one, when it is there. */
    static List<String> strip(List<String> texts, String prefix) {
        List<String> out = new ArrayList<>(texts);
        if (!out.isEmpty() && out.get(0).startsWith(prefix)) {
            out.set(0, out.get(0).substring(prefix.length()));
        }
        return out;
    }
}
