package io.github.spatialvlm4j.datagen.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips of the three exports, with an independent Parquet reader (DuckDB) and corrupted files. */
class ExportValidatorTest {

    @TempDir
    Path tmp;
    Path dataset;

    @BeforeEach
    void build() throws IOException {
        Random rnd = new Random(29);
        List<FrameRecord> records = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            records.add(EngineOutputs.record("r" + i, EngineOutputs.png(rnd),
                    List.of(Category.LEFT_PREDICATE, Category.HEIGHT),
                    List.of("Is the \"red\" chair left of the table " + i + "?", "How tall is it, ünïcode " + i + "?")));
        }
        dataset = tmp.resolve("ds");
        new FinetuneDatasetBuilder(FinetuneOptions.defaults(8).withSplits(0.25, 0.25))
                .build(List.of(EngineOutputs.write(tmp.resolve("engine"), records)), dataset);
    }

    @Test
    void everyExportReadsBack() throws IOException {
        ExportValidator.Report report = ExportValidator.validate(dataset);
        assertTrue(report.ok(), report.problems().toString());
        int total = report.conversations().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(16, total);
    }

    @Test
    void duckDbReadsTheParquetSplitsWithImagesEmbedded() throws IOException, SQLException {
        ObjectMapper mapper = new ObjectMapper();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (Split s : Split.values()) {
                JsonNode llava = mapper.readTree(dataset.resolve(FinetuneDatasetBuilder.llavaFile(s)).toFile());
                String file = dataset.resolve(FinetuneDatasetBuilder.parquetFile(s)).toString().replace("'", "''");
                try (ResultSet rs = st.executeQuery("SELECT id, image.path, image.bytes, len(messages), "
                        + "messages[2].content FROM read_parquet('" + file + "')")) {
                    int row = 0;
                    while (rs.next()) {
                        JsonNode e = llava.get(row++);
                        assertEquals(e.get("id").asText(), rs.getString(1));
                        assertEquals(e.get("image").asText(), rs.getString(2));
                        assertTrue(Arrays.equals(Files.readAllBytes(dataset.resolve(rs.getString(2))), rs.getBytes(3)));
                        assertEquals(e.get("conversations").size(), rs.getInt(4));
                        assertEquals(e.get("conversations").get(1).get("value").asText(), rs.getString(5));
                    }
                    assertEquals(llava.size(), row);
                }
            }
        }
    }

    @Test
    void aMissingShareGptLineIsFound() throws IOException {
        Path f = dataset.resolve(FinetuneDatasetBuilder.shareGptFile(Split.TRAIN));
        List<String> lines = Files.readAllLines(f);
        Files.write(f, lines.subList(1, lines.size()));
        ExportValidator.Report report = ExportValidator.validate(dataset);
        assertFalse(report.ok());
        assertTrue(report.problems().toString().contains(FinetuneDatasetBuilder.shareGptFile(Split.TRAIN)),
                report.problems().toString());
    }

    @Test
    void aChangedImageAndASecondImageTokenAreFound() throws IOException {
        JsonNode first = new ObjectMapper().readTree(dataset.resolve(FinetuneDatasetBuilder.llavaFile(Split.TRAIN)).toFile()).get(0);
        Files.write(dataset.resolve(first.get("image").asText()), new byte[] {1, 2, 3});
        Path llava = dataset.resolve(FinetuneDatasetBuilder.llavaFile(Split.TRAIN));
        Files.writeString(llava, Files.readString(llava).replaceFirst("\"gpt\",\"value\":\"", "\"gpt\",\"value\":\"<image>"));
        String problems = ExportValidator.validate(dataset).problems().toString();
        assertTrue(problems.contains("embedded image differs"), problems);
        assertTrue(problems.contains("expected one image token"), problems);
    }

    @Test
    void aMissingDatasetInfoEntryIsFound() throws IOException {
        Path info = dataset.resolve(FinetuneDatasetBuilder.DATASET_INFO);
        Files.writeString(info, Files.readString(info).replace("spatialvlm4j_test", "other"));
        String problems = ExportValidator.validate(dataset).problems().toString();
        assertTrue(problems.contains("spatialvlm4j_test"), problems);
    }

    @Test
    void truncatedParquetIsReportedNotThrown() throws IOException {
        Path f = dataset.resolve(FinetuneDatasetBuilder.parquetFile(Split.TRAIN));
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length / 2));
        String problems = ExportValidator.validate(dataset).problems().toString();
        assertTrue(problems.contains(FinetuneDatasetBuilder.parquetFile(Split.TRAIN) + ": unreadable Parquet"), problems);
        Files.write(f, new byte[0]);
        assertFalse(ExportValidator.validate(dataset).ok());
    }
}
