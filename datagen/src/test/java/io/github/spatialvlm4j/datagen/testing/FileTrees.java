package io.github.spatialvlm4j.datagen.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Whole output folders as sorted maps from relative path ('/'-separated) to bytes, for byte-for-byte comparisons. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Every regular file under {@code dir}, keyed by its path relative to {@code dir}. */
    public static TreeMap<String, byte[]> tree(Path dir) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString().replace(File.separatorChar, '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Asserts that {@code got} holds exactly the files of {@code want}, with the same bytes. */
    public static void assertSameTree(Path want, Path got) throws IOException {
        TreeMap<String, byte[]> w = tree(want);
        TreeMap<String, byte[]> g = tree(got);
        assertEquals(w.keySet(), g.keySet(), "file lists differ");
        for (String name : w.keySet()) {
            assertArrayEquals(w.get(name), g.get(name), name);
        }
    }
}
