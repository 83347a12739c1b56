package io.github.spatialvlm4j.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }

    @Test
    void writesReplaceTheTargetAndLeaveNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("report.txt");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second", Files.readString(target));
        assertEquals(1, files());
    }

    @Test
    void aFailingWriterKeepsTheOldContentAndCleansUp() throws IOException {
        Path target = tmp.resolve("keep.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(9);
            throw new IOException("disk full");
        }));
        assertEquals("Cannot write " + target + ": disk full", e.getMessage(), "the path is named");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(1, files());
    }

    @Test
    void writeAllWritesEveryFileOrNone() throws IOException {
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        Files.writeString(b, "old");
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        contents.put(a, new byte[] {1, 2, 3});
        contents.put(b, new byte[] {4});
        AtomicFiles.writeAll(contents);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(a));
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(b));
        assertEquals(2, files());

        // A target whose directory is missing fails the batch before any target is replaced.
        Map<Path, byte[]> failing = new LinkedHashMap<>();
        failing.put(a, new byte[] {9});
        failing.put(tmp.resolve("missing").resolve("c.png"), new byte[] {9});
        assertThrows(IOException.class, () -> AtomicFiles.writeAll(failing));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(a));
        assertEquals(2, files());
        AtomicFiles.writeAll(Map.of());
    }

    @Test
    void leftoverTemporaryFilesAreRecognisedAndDeleted() throws IOException {
        Path left = Files.createFile(tmp.resolve(".part-00001.jsonl.3f2a.tmp"));
        Path kept = Files.createFile(tmp.resolve("part-00001.jsonl"));
        assertTrue(AtomicFiles.isTemp(left));
        assertFalse(AtomicFiles.isTemp(kept));
        assertEquals(1, AtomicFiles.deleteTemps(tmp));
        assertFalse(Files.exists(left));
        assertTrue(Files.exists(kept));
    }
}
