package io.github.spatialvlm4j.datagen.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.sink.ChatFormats;
import io.github.spatialvlm4j.datagen.sink.ChatFormats.Turn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a general visual question answering set in LLaVA JSON, the layout of LLaVA's own
 * instruction data: {@code [{"id", "image", "conversations": [{"from": "human", "value":
 * "<image>\nQ"}, {"from": "gpt", "value": "A"}, ...]}]}. Entries without an image, with a missing
 * image file, or whose turns do not alternate human/gpt starting with human are skipped and
 * counted. Image tokens are removed from the text (the writers put one back before the first
 * question). Cost: the whole file and every image are read into memory.
 */
final class GeneralVqa {

    /**
     * One usable entry.
     *
     * @param id the entry's id (its position when the file gives none)
     * @param imageBytes the encoded image
     * @param extension the image file's extension, lower case, without the dot
     * @param turns the turns without image tokens
     */
    record Entry(String id, byte[] imageBytes, String extension, List<Turn> turns) {
    }

    /** @param entries the usable entries, in file order; @param skipped how many were not usable */
    record Loaded(List<Entry> entries, int skipped) {
    }

    private GeneralVqa() {
    }

    static Loaded read(Path file, Path imageDir, ObjectMapper mapper) throws IOException {
        Objects.requireNonNull(file, "file");
        JsonNode root = mapper.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("General VQA file " + file + " is not a JSON array of LLaVA entries");
        }
        List<Entry> entries = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            JsonNode image = e.get("image");
            JsonNode conv = e.get("conversations");
            List<Turn> turns = conv == null ? List.of() : turns(conv);
            Path imageFile = image != null && image.isTextual() ? imageDir.resolve(image.asText()) : null;
            if (turns.isEmpty() || imageFile == null || !Files.isRegularFile(imageFile)) {
                skipped++;
                continue;
            }
            String name = imageFile.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "img" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            JsonNode id = e.get("id");
            entries.add(new Entry(id != null && !id.isNull() ? id.asText() : Integer.toString(i),
                    Files.readAllBytes(imageFile), ext.matches("[a-z0-9]{1,5}") ? ext : "img", turns));
        }
        return new Loaded(entries, skipped);
    }

    /** The turns, or an empty list when they do not alternate human/gpt starting with human. */
    private static List<Turn> turns(JsonNode conv) {
        List<Turn> turns = new ArrayList<>();
        if (!conv.isArray() || conv.size() < 2 || conv.size() % 2 != 0) {
            return List.of();
        }
        for (int i = 0; i < conv.size(); i++) {
            JsonNode from = conv.get(i).get("from");
            JsonNode value = conv.get(i).get("value");
            String expected = i % 2 == 0 ? "human" : "gpt";
            if (from == null || !expected.equals(from.asText()) || value == null || !value.isTextual()) {
                return List.of();
            }
            String text = value.asText().replace(ChatFormats.IMAGE_TOKEN, "").strip();
            if (text.isEmpty()) {
                return List.of();
            }
            turns.add(new Turn(i % 2 == 0, text));
        }
        return turns;
    }
}
