package io.github.spatialvlm4j.datagen.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * {@link OutputFormat#PARQUET}: Hugging Face Parquet ({@link ParquetShardWriter}: {@code id}, {@code image}
 * struct&lt;bytes, path&gt;, {@code messages}, {@code qa_json}), one row per frame with questions,
 * {@code parquet/part-00000.parquet}, pages compressed with the output's codec. A fine-tuning split is
 * {@code parquet/train.parquet}, Snappy-compressed.
 */
final class ParquetFormat implements ConversationFormat {

    @Override
    public String id() {
        return "parquet";
    }

    @Override
    public String directory() {
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
    public int writeConversations(List<ImageConversation> conversations, Path file) throws IOException {
        return ParquetShardWriter.writeRows(conversations, file, CompressionCodecName.SNAPPY);
    }
}
