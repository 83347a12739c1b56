package io.github.spatialvlm4j.datagen.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.sink.ChatFormats;
import io.github.spatialvlm4j.datagen.sink.ParquetShardWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.parquet.example.data.Group;

/**
 * Reads a fine-tuning dataset ({@link FinetuneDatasetBuilder}'s layout) back the way trainers do and
 * checks that the three layouts of each split hold the same conversations:
 * <ul>
 * <li>LLaVA JSON: an array of {@code {id, image, conversations}}, turns alternating human/gpt,
 *     exactly one {@code <image>} token, at the start of the first turn; the image file exists.</li>
 * <li>ShareGPT: one object per line, {@code messages} alternating user/assistant, as many
 *     {@code <image>} tokens as {@code images} entries (LLaMA-Factory's rule), image files exist;
 *     {@code dataset_info.json} names every split's file with the sharegpt formatting.</li>
 * <li>Parquet ({@link HadoopFreeParquetReader}, no Hadoop): {@code id}, {@code image.bytes} equal to the file at
 *     {@code image.path}, {@code messages}, {@code qa_json}.</li>
 * </ul>
 * Cost: reads every export and every image once.
 */
public final class ExportValidator {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExportValidator() {
    }

    /**
     * What reading back found.
     *
     * @param conversations per split, the conversations in the LLaVA file
     * @param problems every problem found, naming the file; empty when the dataset is sound
     */
    public record Report(Map<Split, Integer> conversations, List<String> problems) {
        public Report {
            conversations = Map.copyOf(conversations);
            problems = List.copyOf(problems);
        }

        /** True when no problem was found. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** A conversation as read back: id, image path and the turns' texts in order. */
    private record Read(String id, String image, List<String> texts) {
    }

    /** Reads every export of {@code dir} back. */
    public static Report validate(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        List<String> problems = new ArrayList<>();
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        JsonNode info = readJson(dir.resolve(FinetuneDatasetBuilder.DATASET_INFO), problems);
        for (Split s : Split.values()) {
            List<Read> llava = readLlava(dir, FinetuneDatasetBuilder.llavaFile(s), problems);
            List<Read> sharegpt = readShareGpt(dir, FinetuneDatasetBuilder.shareGptFile(s), problems);
            List<Read> parquet = readParquet(dir, FinetuneDatasetBuilder.parquetFile(s), problems);
            counts.put(s, llava.size());
            List<Read> noIds = llava.stream().map(r -> new Read("", r.image(), r.texts())).toList();
            if (!noIds.equals(sharegpt)) {
                problems.add(FinetuneDatasetBuilder.shareGptFile(s) + ": conversations differ from "
                        + FinetuneDatasetBuilder.llavaFile(s));
            }
            if (!llava.equals(parquet)) {
                problems.add(FinetuneDatasetBuilder.parquetFile(s) + ": conversations differ from "
                        + FinetuneDatasetBuilder.llavaFile(s));
            }
            String name = FinetuneDatasetBuilder.DATASET_PREFIX + s.id();
            JsonNode entry = info == null ? null : info.get(name);
            if (entry == null || !FinetuneDatasetBuilder.shareGptFile(s).equals(entry.path("file_name").asText())
                    || !"sharegpt".equals(entry.path("formatting").asText())) {
                problems.add(FinetuneDatasetBuilder.DATASET_INFO + ": no sharegpt entry '" + name + "' for "
                        + FinetuneDatasetBuilder.shareGptFile(s));
            }
        }
        return new Report(counts, problems);
    }

    private static JsonNode readJson(Path file, List<String> problems) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(file.getFileName() + ": unreadable JSON: " + e.getMessage());
            return null;
        }
    }

    private static List<Read> readLlava(Path dir, String file, List<String> problems) {
        JsonNode root = readJson(dir.resolve(file), problems);
        List<Read> out = new ArrayList<>();
        if (root == null || !root.isArray()) {
            problems.add(file + ": not a JSON array");
            return out;
        }
        for (JsonNode e : root) {
            String where = file + " id " + e.path("id").asText();
            List<String> texts = turns(e.path("conversations"), "from", "value", "human", "gpt", where, problems);
            checkTurns(where, texts, ChatFormats.IMAGE_TOKEN + "\n", problems);
            checkImage(dir, where, e.path("image").asText(), problems);
            out.add(new Read(e.path("id").asText(), e.path("image").asText(), strip(texts, ChatFormats.IMAGE_TOKEN + "\n")));
        }
        return out;
    }

    private static List<Read> readShareGpt(Path dir, String file, List<String> problems) throws IOException {
        List<Read> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String where = file + " line " + (n + 1);
            JsonNode e;
            try {
                e = MAPPER.readTree(lines.get(n));
            } catch (IOException ex) {
                problems.add(where + ": unreadable JSON: " + ex.getMessage());
                continue;
            }
            List<String> texts = turns(e.path("messages"), "role", "content", "user", "assistant", where, problems);
            JsonNode images = e.path("images");
            if (!images.isArray() || images.size() != 1) {
                problems.add(where + ": expected one image, got " + images);
                continue;
            }
            checkTurns(where, texts, ChatFormats.IMAGE_TOKEN, problems);
            checkImage(dir, where, images.get(0).asText(), problems);
            out.add(new Read("", images.get(0).asText(), strip(texts, ChatFormats.IMAGE_TOKEN)));
        }
        return out;
    }

    private static List<Read> readParquet(Path dir, String file, List<String> problems) throws IOException {
        List<Read> out = new ArrayList<>();
        List<Group> rows;
        try {
            rows = HadoopFreeParquetReader.read(dir.resolve(file), ParquetShardWriter.SCHEMA);
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": unreadable Parquet: " + e.getMessage());
            return out;
        }
        for (Group g : rows) {
            String id = g.getString("id", 0);
            Group image = g.getGroup("image", 0);
            String path = image.getString("path", 0);
            byte[] bytes = image.getBinary("bytes", 0).getBytes();
            Path imageFile = dir.resolve(path);
            if (!Files.isRegularFile(imageFile) || !Arrays.equals(bytes, Files.readAllBytes(imageFile))) {
                problems.add(file + " id " + id + ": embedded image differs from " + path);
            }
            Group messages = g.getGroup("messages", 0);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < messages.getFieldRepetitionCount("list"); i++) {
                Group m = messages.getGroup("list", i).getGroup("element", 0);
                if (!(i % 2 == 0 ? "user" : "assistant").equals(m.getString("role", 0))) {
                    problems.add(file + " id " + id + ": message " + i + " has role " + m.getString("role", 0));
                }
                texts.add(m.getString("content", 0));
            }
            if (!g.getString("qa_json", 0).startsWith("[")) {
                problems.add(file + " id " + id + ": qa_json is not a JSON array");
            }
            out.add(new Read(id, path, strip(texts, ChatFormats.IMAGE_TOKEN)));
        }
        return out;
    }

    /** The texts of a JSON turn list, checking that roles alternate user, assistant, ... */
    private static List<String> turns(JsonNode list, String roleField, String textField, String user,
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
    private static void checkTurns(String where, List<String> texts, String prefix, List<String> problems) {
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

    private static void checkImage(Path dir, String where, String path, List<String> problems) {
        if (path.isEmpty() || !Files.isRegularFile(dir.resolve(path))) {
            problems.add(where + ": image '" + path + "' does not exist under " + dir);
        }
    }

    private static List<String> strip(List<String> texts, String prefix) {
        List<String> out = new ArrayList<>(texts);
        if (!out.isEmpty() && out.get(0).startsWith(prefix)) {
            out.set(0, out.get(0).substring(prefix.length()));
        }
        return out;
    }
}
