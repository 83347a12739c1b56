package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hadoop-client-api is a {@code provided} dependency, so it is on the test class path but not on a
 * user's run-time class path. This test rebuilds the test class path without any Hadoop jar, in a
 * class loader that does not delegate to the application loader, and runs a whole sharded write with
 * Parquet in it: any Hadoop class touched at run time would fail with NoClassDefFoundError.
 */
class NoHadoopTest {

    @TempDir
    Path tmp;

    @Test
    void parquetAndTheOtherFormatsRunWithoutHadoop() throws Exception {
        String classPath = System.getProperty("java.class.path");
        List<URL> urls = new ArrayList<>();
        int removed = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (new File(entry).getName().startsWith("hadoop-")) {
                removed++;
            } else {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        assertTrue(removed > 0, "hadoop-client-api must be on the test class path, or this test proves nothing: "
                + classPath);
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                    () -> Class.forName("org.apache.hadoop.conf.Configuration", false, isolated));
            Class<?> probe = Class.forName(NoHadoopProbe.class.getName(), true, isolated);
            assertFalse(probe == NoHadoopProbe.class, "the probe must come from the isolated loader");
            Method run = probe.getMethod("run", String.class);
            assertEquals(8, run.invoke(null, tmp.toString()));
        }
        // The isolated run wrote real Parquet: check it with DuckDB from this (normal) loader.
        List<FrameRecord> records = SinkFixtures.records(new Random(5), "nohadoop", 8);
        ParquetShardWriterTest.assertParquetMatches(tmp.resolve(OutputFormat.PARQUET.shardFile(0)),
                records.subList(0, 4));
        ParquetShardWriterTest.assertParquetMatches(tmp.resolve(OutputFormat.PARQUET.shardFile(1)),
                records.subList(4, 8));
    }
}
