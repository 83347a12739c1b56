package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.sink.ChatFormats.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Parquet written by {@link ParquetShardWriter}, read back by DuckDB: a second, independent reader. */
class ParquetShardWriterTest {

    @TempDir
    Path tmp;

    static Connection duckdb() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    static String sqlPath(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /** Checks every row of {@code file} against the records that have questions, in order. */
    static void assertParquetMatches(Path file, List<FrameRecord> records) throws SQLException {
        List<FrameRecord> expected = new ArrayList<>();
        for (FrameRecord r : records) {
            if (!r.qa().isEmpty()) {
                expected.add(r);
            }
        }
        try (Connection c = duckdb(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, image.path, octet_length(image.bytes), messages[1].role, "
                    + "image.bytes, len(messages), qa_json FROM " + sqlPath(file))) {
                int row = 0;
                while (rs.next()) {
                    FrameRecord r = expected.get(row);
                    assertEquals(r.frameId(), rs.getString(1));
                    assertEquals(r.chatImagePath(), rs.getString(2));
                    assertEquals(r.chatImageBytes().length, rs.getLong(3));
                    assertEquals("user", rs.getString(4));
                    assertArrayEquals(r.chatImageBytes(), rs.getBytes(5));
                    assertEquals(2L * r.qa().size(), rs.getLong(6));
                    assertEquals(RecordJson.qaJson(r), rs.getString(7));
                    row++;
                }
                assertEquals(expected.size(), row);
            }
            // Every message, in order, through UNNEST with an ordinal.
            try (ResultSet rs = s.executeQuery("SELECT id, m.role, m.content FROM (SELECT id, "
                    + "unnest(messages) AS m, generate_subscripts(messages, 1) AS k FROM " + sqlPath(file)
                    + ") ORDER BY id, k")) {
                List<String[]> got = new ArrayList<>();
                while (rs.next()) {
                    got.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
                List<String[]> want = new ArrayList<>();
                expected.stream().sorted((a, b) -> a.frameId().compareTo(b.frameId())).forEach(r -> {
                    for (Turn t : ChatFormats.conversation(r, ChatFormats.IMAGE_TOKEN)) {
                        want.add(new String[] {r.frameId(), t.user() ? "user" : "assistant", t.text()});
                    }
                });
                assertEquals(want.size(), got.size());
                for (int i = 0; i < want.size(); i++) {
                    assertArrayEquals(want.get(i), got.get(i), "message " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "ZSTD", "UNCOMPRESSED"})
    void duckDbReadsBackEveryValue(CompressionCodecName codec) throws Exception {
        List<FrameRecord> records = SinkFixtures.records(new Random(31), "pq", 30);
        Path file = tmp.resolve("part.parquet");
        int rows = ParquetShardWriter.write(records, file, codec);
        assertEquals(records.stream().filter(r -> !r.qa().isEmpty()).count(), rows);
        assertParquetMatches(file, records);
        try (Connection c = duckdb(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT compression FROM parquet_metadata("
                        + sqlPath(file) + ")")) {
            assertTrue(rs.next());
            assertEquals(codec.name(), rs.getString(1));
            assertFalse(rs.next());
        }
    }

    @Test
    void schemaIsTheHuggingFaceImageLayout() throws Exception {
        Path file = tmp.resolve("schema.parquet");
        ParquetShardWriter.write(SinkFixtures.records(new Random(32), "s", 3), file, CompressionCodecName.SNAPPY);
        try (Connection c = duckdb(); Statement s = c.createStatement()) {
            List<String> types = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + sqlPath(file))) {
                while (rs.next()) {
                    types.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            assertEquals(List.of("id VARCHAR", "image STRUCT(bytes BLOB, path VARCHAR)",
                    "messages STRUCT(\"role\" VARCHAR, \"content\" VARCHAR)[]", "qa_json VARCHAR"), types);
            try (ResultSet rs = s.executeQuery("SELECT decode(value) FROM parquet_kv_metadata(" + sqlPath(file)
                    + ") WHERE decode(key) = 'huggingface'")) {
                assertTrue(rs.next());
                assertEquals(Json.MAPPER.readTree(ParquetShardWriter.HF_FEATURES), Json.MAPPER.readTree(
                        rs.getString(1)));
            }
        }
    }

    @Test
    void equalRecordsGiveEqualBytes() throws Exception {
        Path a = tmp.resolve("a.parquet");
        Path b = tmp.resolve("b.parquet");
        ParquetShardWriter.write(SinkFixtures.records(new Random(33), "d", 12), a, CompressionCodecName.SNAPPY);
        ParquetShardWriter.write(SinkFixtures.records(new Random(33), "d", 12), b, CompressionCodecName.SNAPPY);
        assertEquals(-1, Files.mismatch(a, b));
    }

    @Test
    void imagesLargerThanAPageGetAPageEachAndReadBackWhole() throws Exception {
        Random random = new Random(35);
        List<ImageConversation> rows = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] png = new byte[ParquetShardWriter.PAGE_BYTES + 200_000 + i]; // incompressible
            random.nextBytes(png);
            System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
            images.add(png);
            rows.add(new ImageConversation(new ChatFormats.Conversation("f" + i, "images/f" + i + ".png",
                    List.of(new Turn(true, "How wide is it?"), new Turn(false, "About 1 m."))), png, "[]"));
        }
        Path file = tmp.resolve("big.parquet");
        assertEquals(6, ParquetShardWriter.writeRows(rows, file, CompressionCodecName.SNAPPY));
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                new org.apache.parquet.io.LocalInputFile(file), org.apache.parquet.ParquetReadOptions.builder(
                        new org.apache.parquet.conf.PlainParquetConfiguration()).build())) {
            assertEquals(1, reader.getRowGroups().size());
            for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData column : reader.getRowGroups().get(0)
                    .getColumns()) {
                int pages = reader.readOffsetIndex(column).getPageCount();
                String path = column.getPath().toDotString();
                assertEquals(path.equals("image.bytes") ? 6 : 1, pages, path);
            }
        }
        try (Connection c = duckdb(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT image.bytes FROM " + sqlPath(file))) {
            for (byte[] png : images) {
                assertTrue(rs.next());
                assertArrayEquals(png, rs.getBytes(1));
            }
            assertFalse(rs.next());
        }
        List<org.apache.parquet.example.data.Group> back = HadoopFreeParquetReader.read(file, ParquetShardWriter.SCHEMA);
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(images.get(i), back.get(i).getGroup("image", 0).getBinary("bytes", 0).getBytes());
        }
    }

    @Test
    void noQuestionsGivesAnEmptyReadableFile() throws Exception {
        Path file = tmp.resolve("empty.parquet");
        assertEquals(0, ParquetShardWriter.write(List.of(SinkFixtures.record(new Random(34), "e", 2, 0)), file,
                CompressionCodecName.SNAPPY));
        try (Connection c = duckdb(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + sqlPath(file))) {
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1));
        }
    }

    @Test
    void unsupportedCodecIsRejectedBeforeWriting() {
        Path file = tmp.resolve("gzip.parquet");
        assertThrows(IllegalArgumentException.class,
                () -> ParquetShardWriter.write(List.of(), file, CompressionCodecName.GZIP));
        assertFalse(Files.exists(file));
    }
}
