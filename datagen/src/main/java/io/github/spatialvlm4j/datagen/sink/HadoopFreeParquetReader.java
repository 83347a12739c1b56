package io.github.spatialvlm4j.datagen.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the rows of a Parquet file written with a known schema, without Hadoop on the class path.
 *
 * <p>parquet-java's reader needs {@code ParquetReadOptions}, whose builder always creates a
 * Hadoop codec factory, so it cannot run where Hadoop is absent (the command-line jar). This class
 * reads the footer and the page headers with the Thrift structures of parquet-format, decompresses
 * pages with {@link HadoopFreeCodecFactory} (uncompressed, Snappy or ZSTD), and hands v1 data pages and
 * dictionary pages to parquet-column's record assembly. It supports what our writers produce: no
 * encryption, data page v1. The footer's columns must be exactly the schema's columns.
 * Memory: the whole file.
 */
final class HadoopFreeParquetReader {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private HadoopFreeParquetReader() {
    }

    /** Every row of {@code file}, assembled as {@link Group}s of {@code schema}. */
    static List<Group> read(Path file, MessageType schema) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int n = bytes.length;
        if (n < 12 || !Arrays.equals(Arrays.copyOfRange(bytes, 0, 4), MAGIC)
                || !Arrays.equals(Arrays.copyOfRange(bytes, n - 4, n), MAGIC)) {
            throw new IOException(file + ": not a Parquet file (no PAR1 magic at both ends)");
        }
        int footerLength = ByteBuffer.wrap(bytes, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (footerLength <= 0 || footerLength > n - 12) {
            throw new IOException(file + ": invalid footer length " + footerLength);
        }
        FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(bytes, n - 8 - footerLength, footerLength));
        List<Group> rows = new ArrayList<>();
        for (RowGroup rg : meta.getRow_groups()) {
            Map<List<String>, ColumnChunk> chunks = new HashMap<>();
            for (ColumnChunk c : rg.getColumns()) {
                chunks.put(c.getMeta_data().getPath_in_schema(), c);
            }
            Map<ColumnDescriptor, PageReader> readers = new HashMap<>();
            for (ColumnDescriptor d : schema.getColumns()) {
                ColumnChunk c = chunks.get(Arrays.asList(d.getPath()));
                if (c == null || chunks.size() != schema.getColumns().size()) {
                    throw new IOException(file + ": columns " + chunks.keySet() + " do not match the schema " + schema);
                }
                readers.put(d, pages(bytes, c.getMeta_data(), file));
            }
            long rowCount = rg.getNum_rows();
            PageReadStore store = new PageReadStore() {
                @Override
                public PageReader getPageReader(ColumnDescriptor descriptor) {
                    return readers.get(descriptor);
                }

                @Override
                public long getRowCount() {
                    return rowCount;
                }
            };
            RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                    .getRecordReader(store, new GroupRecordConverter(schema));
            for (long r = 0; r < rowCount; r++) {
                rows.add(records.read());
            }
        }
        return rows;
    }

    /** The pages of one column chunk, decompressed. */
    private static PageReader pages(byte[] file, ColumnMetaData meta, Path name) throws IOException {
        long start = meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0
                ? Math.min(meta.getDictionary_page_offset(), meta.getData_page_offset()) : meta.getData_page_offset();
        long end = start + meta.getTotal_compressed_size();
        if (start < 4 || end > file.length) {
            throw new IOException(name + ": column chunk [" + start + ", " + end + ") outside the file");
        }
        CompressionCodecName codec = CompressionCodecName.fromParquet(meta.getCodec());
        ByteArrayInputStream in = new ByteArrayInputStream(file, (int) start, (int) (end - start));
        DictionaryPage dictionary = null;
        Deque<DataPage> data = new ArrayDeque<>();
        while (in.available() > 0) {
            PageHeader h = Util.readPageHeader(in);
            byte[] compressed = in.readNBytes(h.getCompressed_page_size());
            BytesInput body = HadoopFreeCodecFactory.INSTANCE.getDecompressor(codec)
                    .decompress(BytesInput.from(compressed), h.getUncompressed_page_size());
            body = BytesInput.copy(body);
            switch (h.getType()) {
                case DICTIONARY_PAGE -> dictionary = new DictionaryPage(body, h.getDictionary_page_header().getNum_values(),
                        encoding(h.getDictionary_page_header().getEncoding()));
                case DATA_PAGE -> data.add(new DataPageV1(body, h.getData_page_header().getNum_values(),
                        h.getUncompressed_page_size(), null,
                        encoding(h.getData_page_header().getRepetition_level_encoding()),
                        encoding(h.getData_page_header().getDefinition_level_encoding()),
                        encoding(h.getData_page_header().getEncoding())));
                case INDEX_PAGE -> { }
                default -> throw new IOException(name + ": unsupported page type " + h.getType()
                        + " (only data page v1 and dictionary pages)");
            }
        }
        DictionaryPage dict = dictionary;
        long total = meta.getNum_values();
        return new PageReader() {
            @Override
            public DictionaryPage readDictionaryPage() {
                return dict;
            }

            @Override
            public long getTotalValueCount() {
                return total;
            }

            @Override
            public DataPage readPage() {
                return data.poll();
            }
        };
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding e) {
        return Encoding.valueOf(e.name());
    }
}
