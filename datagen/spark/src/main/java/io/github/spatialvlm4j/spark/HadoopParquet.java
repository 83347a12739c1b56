package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.cli.SourceOptions;
import io.github.spatialvlm4j.datagen.source.SourceSpec;
import io.github.spatialvlm4j.datagen.source.parquet.ParquetFrameSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/**
 * Parquet tables for the Spark runner, listed and read through Hadoop's {@link FileSystem}: {@code --input}
 * may be a local path, a URI ({@code hdfs://}, {@code s3a://}, {@code gs://}, {@code abfs://},
 * {@code file://}), a glob ({@code s3a://bucket/data/train-*.parquet}), or a comma-separated list of
 * these. A folder stands for every {@code *.parquet} file under it (recursively; names starting with
 * {@code .} or {@code _} are skipped). Files are read in the order given, each glob's and folder's files
 * sorted by path; a file named twice is an error.
 *
 * <p>The driver lists the files and reads each footer once (row groups and their row counts, carried to
 * the tasks in the {@link SourceSpec.Parquet}); each task opens only the files of its shard and decodes
 * only the row groups that hold its rows ({@link ParquetFrameSource}), directly from the file system
 * (random-access reads through {@link HadoopInputFile}, nothing staged).
 */
final class HadoopParquet {

    private HadoopParquet() {
    }

    /** The {@link SourceOptions.ParquetTables} of the Spark runner, with the driver's Hadoop configuration. */
    static SourceOptions.ParquetTables tables(ClusterOutput.HadoopConf conf) {
        return (input, limit, limitGiven, maxPixels) -> {
            if (!ClusterOutput.isUri(input) && !input.contains(",") && !hasGlob(input)) {
                // A local file or folder: the local lister, so paths and output match the local runner's.
                return SourceOptions.LOCAL_PARQUET.table(input, limit, limitGiven, maxPixels);
            }
            Opener opener = new Opener(conf);
            return new SourceSpec.Parquet(ParquetFrameSource.scan(list(input, opener.configuration()), opener), limit,
                    limitGiven, maxPixels, opener);
        };
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /**
     * The files of {@code input} (see the class comment), as {@link Opener} opens them: local files as plain
     * paths, others as qualified URIs.
     *
     * @throws IOException naming the entry that matches no file, or a file named twice
     */
    static List<String> list(String input, Configuration conf) throws IOException {
        Set<String> files = new LinkedHashSet<>();
        for (String entry : input.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                throw new IOException("Empty entry in the Parquet input list '" + input + "'");
            }
            org.apache.hadoop.fs.Path pattern = new org.apache.hadoop.fs.Path(e);
            FileSystem fs = pattern.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(pattern);
            if (matches == null || matches.length == 0) {
                throw new IOException("Parquet input not found: " + e);
            }
            List<String> found = new ArrayList<>();
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        String name = f.getPath().getName();
                        if (f.isFile() && name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
                            found.add(name(f.getPath(), e));
                        }
                    }
                } else {
                    found.add(name(m.getPath(), e));
                }
            }
            if (found.isEmpty()) {
                throw new IOException("No *.parquet file under " + e);
            }
            found.sort(null);
            for (String f : found) {
                if (!files.add(f)) {
                    throw new IOException("Parquet file " + f + " is named twice in the input '" + input + "'");
                }
            }
        }
        return List.copyOf(files);
    }

    /** A local file as its plain path when the entry was a plain path; else the qualified URI. */
    private static String name(org.apache.hadoop.fs.Path file, String entry) {
        return ClusterOutput.isUri(entry) ? file.toString() : file.toUri().getPath();
    }

    /** Opens plain paths as local files and URIs through Hadoop; serializable, so it travels to the tasks. */
    static final class Opener implements ParquetFrameSource.Opener {
        private static final long serialVersionUID = 1L;

        private final ClusterOutput.HadoopConf conf;
        private transient Configuration configuration;

        Opener(ClusterOutput.HadoopConf conf) {
            this.conf = Objects.requireNonNull(conf, "conf");
        }

        synchronized Configuration configuration() {
            if (configuration == null) {
                configuration = conf.configuration();
            }
            return configuration;
        }

        @Override
        public InputFile open(String path) throws IOException {
            if (!ClusterOutput.isUri(path)) {
                return new LocalInputFile(Path.of(path));
            }
            return HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(path), configuration());
        }
    }
}
