package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * {@link OutputFormat#SHAREGPT}: ShareGPT conversations for LLaMA-Factory ({@link ChatFormats}), one
 * JSON object per line, {@code sharegpt/part-00000.jsonl}; at finish LLaMA-Factory's
 * {@value #DATASET_INFO} describes the folder as the dataset {@value #DATASET_NAME}. A fine-tuning
 * split is {@code sharegpt/train.jsonl}, described by the same file. Read back as LLaMA-Factory does: one
 * object per line, {@code messages} alternating user/assistant, as many {@code <image>} tokens as
 * {@code images} entries (here one), image files exist; {@value #DATASET_INFO} names every file with the
 * sharegpt formatting.
 */
public final class ShareGptFormat implements ConversationFormat {

    /** LLaMA-Factory's dataset description, beside the data. */
    public static final String DATASET_INFO = "dataset_info.json";
    /** The dataset name of a run's ShareGPT folder in {@value #DATASET_INFO}. */
    public static final String DATASET_NAME = "spatialvlm4j";

    ShareGptFormat() {
    }

    @Override
    public String id() {
        return "sharegpt";
    }

    @Override
    public String extension() {
        return "jsonl";
    }

    @Override
    public void writeShard(Shard shard, Path file) throws IOException {
        ShardFormat.writeStream(file, out -> ChatFormats.writeShareGpt(shard.records(), out));
    }

    @Override
    public int writeConversations(List<ImageConversation> conversations, Path file) throws IOException {
        return ShardFormat.writeStream(file, out -> ChatFormats.writeShareGptConversations(
                conversations.stream().map(ImageConversation::conversation).toList(), out));
    }

    @Override
    public List<ReadConversation> readBack(Path dir, String file, List<String> problems) throws IOException {
        List<ReadConversation> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String where = file + " line " + (n + 1);
            JsonNode e;
            try {
                e = ReadBack.MAPPER.readTree(lines.get(n));
            } catch (IOException ex) {
                problems.add(where + ": unreadable JSON: " + ex.getMessage());
                continue;
            }
            List<String> texts = ReadBack.turns(e.path("messages"), "role", "content", "user", "assistant", where,
                    problems);
            JsonNode images = e.path("images");
            if (!images.isArray() || images.size() != 1) {
                problems.add(where + ": expected one image, got " + images);
                continue;
            }
            ReadBack.checkTurns(where, texts, ChatFormats.IMAGE_TOKEN, problems);
            ReadBack.checkImage(dir, where, images.get(0).asText(), problems);
            out.add(new ReadConversation("", images.get(0).asText(), ReadBack.strip(texts, ChatFormats.IMAGE_TOKEN)));
        }
        return out;
    }

    @Override
    public void checkDescription(Path dir, Map<String, String> datasets, List<String> problems) {
        JsonNode info = ReadBack.readJson(dir.resolve(DATASET_INFO), problems);
        datasets.forEach((name, file) -> {
            JsonNode entry = info == null ? null : info.get(name);
            if (entry == null || !file.equals(entry.path("file_name").asText())
                    || !"sharegpt".equals(entry.path("formatting").asText())) {
                problems.add(DATASET_INFO + ": no sharegpt entry '" + name + "' for " + file);
            }
        });
    }

    @Override
    public List<String> finishRun(Path dir, SortedSet<Integer> shards) throws IOException {
        return describeDatasets(dir, Map.of(DATASET_NAME, directory()));
    }

    @Override
    public List<String> describeDatasets(Path dir, Map<String, String> datasets) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        datasets.forEach((name, file) -> ChatFormats.putShareGptDataset(root, name, file));
        AtomicFiles.write(dir.resolve(DATASET_INFO), Json.pretty(root));
        return List.of(DATASET_INFO);
    }
}
