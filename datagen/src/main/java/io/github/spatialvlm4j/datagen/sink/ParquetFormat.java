package io.github.spatialvlm4j.datagen.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * {@link OutputFormat#PARQUET}: Hugging Face Parquet ({@link ParquetShardWriter}: {@code id}, {@code image}
 * struct&lt;bytes, path&gt;, {@code messages}, {@code qa_json}), one row per frame with questions,
 * {@code parquet/part-00000.parquet}, pages compressed with the output's codec. A fine-tuning split is
 * {@code parquet/train.parquet}, Snappy-compressed. Read back without Hadoop
 * ({@link HadoopFreeParquetReader}): {@code id}, {@code image.bytes} equal to the file at {@code image.path},
 * {@code messages} alternating user/assistant, {@code qa_json} a JSON array.
 */
final class ParquetFormat implements ConversationFormat {

    @Override
    public String id() {
        return "parquet";
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public void writeShard(Shard shard, Path file) throws IOException {
        ParquetShardWriter.write(shard.records(), file, shard.parquetCodec());
    }

    @Override
    public List<ReadConversation> readBack(Path dir, String file, List<String> problems) throws IOException {
        List<ReadConversation> out = new ArrayList<>();
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
            out.add(new ReadConversation(id, path, ReadBack.strip(texts, ChatFormats.IMAGE_TOKEN)));
        }
        return out;
    }

    @Override
    public int writeConversations(List<ImageConversation> conversations, Path file) throws IOException {
        return ParquetShardWriter.writeRows(conversations, file, CompressionCodecName.SNAPPY);
    }
}
