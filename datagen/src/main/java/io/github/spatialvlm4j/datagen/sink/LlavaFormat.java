package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * {@link OutputFormat#LLAVA}: LLaVA conversations ({@link ChatFormats}), a JSON array per shard,
 * {@code llava/part-00000.json}; at finish all parts are merged in shard order into
 * {@value #MERGED}, element for element the same bytes. A fine-tuning split is {@code llava/train.json}.
 * Read back as LLaVA's loader does: an array of {@code {id, image, conversations}}, turns alternating
 * human/gpt, exactly one {@code <image>} token, at the start of the first turn; the image file exists.
 */
public final class LlavaFormat implements ConversationFormat {

    /** All LLaVA conversations of a run in one JSON array, in shard order. */
    public static final String MERGED = "llava.json";

    LlavaFormat() {
    }

    @Override
    public String id() {
        return "llava";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public void writeShard(Shard shard, Path file) throws IOException {
        ShardFormat.writeStream(file, out -> ChatFormats.writeLlava(shard.records(), out));
    }

    @Override
    public int writeConversations(List<ImageConversation> conversations, Path file) throws IOException {
        return ShardFormat.writeStream(file, out -> ChatFormats.writeLlavaConversations(
                conversations.stream().map(ImageConversation::conversation).toList(), out));
    }

    @Override
    public List<ReadConversation> readBack(Path dir, String file, List<String> problems) {
        JsonNode root = ReadBack.readJson(dir.resolve(file), problems);
        List<ReadConversation> out = new ArrayList<>();
        if (root == null || !root.isArray()) {
            problems.add(file + ": not a JSON array");
            return out;
        }
        String prefix = ChatFormats.IMAGE_TOKEN + "\n";
        for (JsonNode e : root) {
            String where = file + " id " + e.path("id").asText();
            List<String> texts = ReadBack.turns(e.path("conversations"), "from", "value", "human", "gpt", where, problems);
            ReadBack.checkTurns(where, texts, prefix, problems);
            ReadBack.checkImage(dir, where, e.path("image").asText(), problems);
            out.add(new ReadConversation(e.path("id").asText(), e.path("image").asText(), ReadBack.strip(texts, prefix)));
        }
        return out;
    }

    @Override
    public List<String> finishRun(Path dir, SortedSet<Integer> shards) throws IOException {
        AtomicFiles.write(dir.resolve(MERGED), out -> {
            try (LlavaArrayWriter w = new LlavaArrayWriter(out)) {
                for (int s : shards) {
                    copyArrayElements(dir.resolve(OutputFormat.LLAVA.shardFile(s)), w);
                }
            }
        });
        return List.of(MERGED);
    }

    private static void copyArrayElements(Path part, LlavaArrayWriter w) throws IOException {
        try (InputStream in = Files.newInputStream(part); JsonParser p = Json.FACTORY.createParser(in)) {
            p.setCodec(Json.MAPPER);
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("LLaVA part " + part + " is not a JSON array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                JsonNode element = p.readValueAsTree();
                w.element(g -> Json.MAPPER.writeTree(g, element));
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw new IOException("LLaVA part " + part + " holds a non-object element: " + p.currentToken());
            }
        }
    }
}
