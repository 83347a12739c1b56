package io.github.spatialvlm4j.datagen.sink;

import io.github.spatialvlm4j.datagen.sink.ChatFormats.Turn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes records as a Parquet file in the Hugging Face image-dataset layout, one row per record that
 * has questions:
 *
 * <pre>
 * id       string
 * image    struct&lt;bytes: binary (PNG), path: string (relative to the output directory)&gt;
 * messages list&lt;struct&lt;role: string ("user" | "assistant"), content: string&gt;&gt;
 * qa_json  string (the questions with exact answers, as in the JSONL qa field)
 * </pre>
 *
 * <p>{@code messages} is the chat layout of TRL and Hugging Face chat templates; the first user turn
 * starts with {@code <image>}. The file's key-value metadata carries a {@code huggingface} entry
 * declaring {@code image} an Image feature, so {@code datasets} decodes it as a picture.
 *
 * <p>Runs without Hadoop: the file is written through {@link LocalOutputFile} with a
 * {@link PlainParquetConfiguration} and {@link HadoopFreeCodecFactory}; the methods that take a
 * Hadoop {@code Configuration} are never called. Hadoop is needed to compile this class only.
 * Deterministic: equal records give equal bytes. Cost: linear in the bytes written; one row group
 * (up to {@value #ROW_GROUP_BYTES} bytes) is buffered in memory, as compressed pages of about
 * {@value #PAGE_BYTES} bytes.
 *
 * <p>Pages: a column's page is cut as soon as its values pass {@value #PAGE_BYTES} bytes, checked after
 * every row, so the image column holds one image or a few per page (a reader inflates one page to read
 * a row, and the writer compresses one page at a time). Parquet's own default checks the size after
 * 100 rows at first, which put a whole shard of images (64 rows, about 110 MB at 1280x720) into one page,
 * copied three times while compressed: the largest allocations of a run.
 */
public final class ParquetShardWriter {

    /** Row group size, bytes. */
    public static final int ROW_GROUP_BYTES = 128 << 20;

    /** Page size, bytes: a column's page is written once its values pass it. */
    public static final int PAGE_BYTES = 1 << 20;

    /** The Parquet schema of the rows. */
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message spatialvlm4j_frame {\n"
            + "  required binary id (STRING);\n"
            + "  required group image {\n"
            + "    optional binary bytes;\n"
            + "    optional binary path (STRING);\n"
            + "  }\n"
            + "  required group messages (LIST) {\n"
            + "    repeated group list {\n"
            + "      required group element {\n"
            + "        required binary role (STRING);\n"
            + "        required binary content (STRING);\n"
            + "      }\n"
            + "    }\n"
            + "  }\n"
            + "  required binary qa_json (STRING);\n"
            + "}\n");

    /** The {@code huggingface} metadata entry: the dataset features of the columns. */
    static final String HF_FEATURES = "{\"info\":{\"features\":{"
            + "\"id\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
            + "\"image\":{\"_type\":\"Image\"},"
            + "\"messages\":[{\"role\":{\"dtype\":\"string\",\"_type\":\"Value\"},"
            + "\"content\":{\"dtype\":\"string\",\"_type\":\"Value\"}}],"
            + "\"qa_json\":{\"dtype\":\"string\",\"_type\":\"Value\"}}}}";

    private ParquetShardWriter() {
    }

    /**
     * Writes the records that have questions to {@code file}, replacing it if it exists.
     *
     * @param records the records, written in this order
     * @param file the Parquet file
     * @param codec UNCOMPRESSED, SNAPPY or ZSTD
     * @return the number of rows written
     * @throws IllegalArgumentException for another codec
     */
    public static int write(List<FrameRecord> records, Path file, CompressionCodecName codec) throws IOException {
        return writeRows(records, ImageConversation::of, file, codec);
    }

    /**
     * Writes the conversations that have turns to {@code file}, replacing it if it exists.
     *
     * @param rows the rows, written in this order
     * @param file the Parquet file
     * @param codec UNCOMPRESSED, SNAPPY or ZSTD
     * @return the number of rows written
     * @throws IllegalArgumentException for another codec
     */
    public static int writeRows(List<ImageConversation> rows, Path file, CompressionCodecName codec) throws IOException {
        return writeRows(rows, Function.identity(), file, codec);
    }

    /**
     * Writes {@code rows}, each turned into its conversation just before it is written (so that one image
     * at a time is read back when the rows' images are on disk).
     */
    private static <T> int writeRows(List<T> rows, Function<T, ImageConversation> conversation, Path file,
            CompressionCodecName codec) throws IOException {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(file, "file");
        HadoopFreeCodecFactory.INSTANCE.getCompressor(codec); // validates the codec
        int written = 0;
        try (ParquetWriter<ImageConversation> writer = new Builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(HadoopFreeCodecFactory.INSTANCE)
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withPageSize(PAGE_BYTES)
                .withMinRowCountForPageSizeCheck(1)
                .withDictionaryEncoding("image.bytes", false)
                .withStatisticsEnabled("image.bytes", false)
                .withSizeStatisticsEnabled("image.bytes", false)
                .withBloomFilterEnabled(false)
                .build()) {
            for (T row : rows) {
                ImageConversation r = conversation.apply(row);
                if (!r.conversation().turns().isEmpty()) {
                    writer.write(r);
                    written++;
                }
            }
        }
        return written;
    }

    private static final class Builder extends ParquetWriter.Builder<ImageConversation, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ImageConversation> getWriteSupport(Configuration conf) {
            throw new UnsupportedOperationException("Hadoop configurations are not used; pass a ParquetConfiguration");
        }

        @Override
        protected WriteSupport<ImageConversation> getWriteSupport(ParquetConfiguration conf) {
            return new RecordWriteSupport();
        }
    }

    private static final class RecordWriteSupport extends WriteSupport<ImageConversation> {
        private RecordConsumer consumer;

        @Override
        public WriteContext init(Configuration configuration) {
            throw new UnsupportedOperationException("Hadoop configurations are not used; pass a ParquetConfiguration");
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(SCHEMA, Map.of("huggingface", HF_FEATURES));
        }

        @Override
        public String getName() {
            return "spatialvlm4j";
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(ImageConversation r) {
            RecordConsumer c = consumer;
            c.startMessage();
            string(c, "id", 0, r.conversation().id());
            c.startField("image", 1);
            c.startGroup();
            c.startField("bytes", 0);
            c.addBinary(Binary.fromConstantByteArray(r.imageBytes()));
            c.endField("bytes", 0);
            string(c, "path", 1, r.conversation().imagePath());
            c.endGroup();
            c.endField("image", 1);
            c.startField("messages", 2);
            c.startGroup();
            List<Turn> turns = ChatFormats.withImagePrefix(r.conversation().turns(), ChatFormats.IMAGE_TOKEN);
            if (!turns.isEmpty()) {
                c.startField("list", 0);
                for (Turn t : turns) {
                    c.startGroup();
                    c.startField("element", 0);
                    c.startGroup();
                    string(c, "role", 0, t.user() ? "user" : "assistant");
                    string(c, "content", 1, t.text());
                    c.endGroup();
                    c.endField("element", 0);
                    c.endGroup();
                }
                c.endField("list", 0);
            }
            c.endGroup();
            c.endField("messages", 2);
            string(c, "qa_json", 3, r.qaJson());
            c.endMessage();
        }

        private static void string(RecordConsumer c, String field, int index, String value) {
            c.startField(field, index);
            c.addBinary(Binary.fromString(value));
            c.endField(field, index);
        }
    }
}
