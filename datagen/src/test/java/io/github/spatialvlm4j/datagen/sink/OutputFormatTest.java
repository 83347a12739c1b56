package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    @Test
    void parsesTheCommandLineList() {
        assertEquals(EnumSet.allOf(OutputFormat.class), OutputFormat.parseList("jsonl,parquet,llava,sharegpt"));
        assertEquals(List.of(OutputFormat.JSONL, OutputFormat.PARQUET),
                List.copyOf(OutputFormat.parseList(" Parquet , JSONL,jsonl")));
        assertEquals(EnumSet.of(OutputFormat.LLAVA), OutputFormat.parseList("llava"));
    }

    @Test
    void unknownOrEmptyNamesListTheValidOnes() {
        for (String bad : List.of("jsonl,csv", "", " ", "jsonl,", "json")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OutputFormat.parseList(bad), bad);
            assertTrue(e.getMessage().contains("valid: jsonl, llava, sharegpt, parquet"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputFormat.parseList("jsonl,csv"));
        assertTrue(e.getMessage().contains("'csv'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.parseList(null));
    }

    @Test
    void shardFilesHaveFiveDigits() {
        assertEquals("jsonl/part-00000.jsonl", OutputFormat.JSONL.shardFile(0));
        assertEquals("llava/part-00042.json", OutputFormat.LLAVA.shardFile(42));
        assertEquals("sharegpt/part-99999.jsonl", OutputFormat.SHAREGPT.shardFile(99_999));
        assertEquals("parquet/part-00007.parquet", OutputFormat.PARQUET.shardFile(7));
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.JSONL.shardFile(100_000));
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.JSONL.shardFile(-1));
    }

    @Test
    void registryHasDistinctNamesAndFoldersAndKnowsWhichHoldConversations() {
        Set<String> ids = new HashSet<>();
        Set<String> dirs = new HashSet<>();
        for (OutputFormat f : OutputFormat.values()) {
            assertTrue(ids.add(f.id()), f.id());
            assertTrue(dirs.add(f.directory()), f.directory());
            assertEquals(f.id(), f.format().id());
        }
        assertEquals(List.of(OutputFormat.LLAVA, OutputFormat.SHAREGPT, OutputFormat.PARQUET),
                OutputFormat.conversationFormats());
        assertEquals("sharegpt/train.jsonl", OutputFormat.SHAREGPT.file("train"));
        IllegalStateException e = assertThrows(IllegalStateException.class, OutputFormat.JSONL::conversations);
        assertTrue(e.getMessage().contains("jsonl"), e.getMessage());
    }
}
