package io.github.spatialvlm4j.datagen.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * One output format of a run: how a shard of records becomes the file
 * {@code <directory>/part-<shard, 5 digits>.<extension>} under the output directory, and which run-level
 * files the format adds when the run finishes. {@link ShardedOutput} owns everything else (images,
 * markers, skipped frames, the manifest) and calls these methods for each format of the run.
 *
 * <p>A format is registered by one constant of {@link OutputFormat}, which gives it its command-line
 * name; see docs/ARCHITECTURE.md, "Output formats". A format that also holds the conversations of a
 * fine-tuning split implements {@link ConversationFormat}. Implementations are stateless and
 * thread-safe: distinct shards are written from several threads at once. Output must be deterministic:
 * equal records give equal bytes.
 */
public interface ShardFormat {

    /**
     * What a format writes one shard's file from.
     *
     * @param shard the shard number
     * @param records the shard's records, in write order, validated (distinct ids and image paths, finite numbers)
     * @param recordJson each record's {@link RecordJson} line, without line end, in the same order: computed once
     *     during validation, reused by the formats that carry the facts
     * @param parquetCodec the Parquet page codec the output was opened with (UNCOMPRESSED, SNAPPY or ZSTD)
     */
    record Shard(int shard, List<FrameRecord> records, List<String> recordJson, CompressionCodecName parquetCodec) {
        public Shard {
            records = List.copyOf(records);
            recordJson = List.copyOf(recordJson);
            Objects.requireNonNull(parquetCodec, "parquetCodec");
            if (records.size() != recordJson.size()) {
                throw new IllegalArgumentException("Shard " + shard + ": " + records.size() + " records but "
                        + recordJson.size() + " JSON lines");
            }
        }
    }

    /** The name used on the command line and in the manifest, lower case, e.g. {@code jsonl}. */
    String id();

    /** The directory, relative to the output directory, holding this format's shard files; by default the id. */
    default String directory() {
        return id();
    }

    /** The shard files' extension, without the dot. */
    String extension();

    /**
     * Writes one shard's file. The caller makes the write atomic: {@code file} is an empty temporary
     * file beside the final one, renamed over it once this returns.
     *
     * @param shard what to write
     * @param file the file to fill (exists, empty)
     */
    void writeShard(Shard shard, Path file) throws IOException;

    /**
     * Writes the run-level files this format adds when a run finishes (a merged file, a description
     * for a trainer), from the committed shards, each atomically
     * ({@link io.github.spatialvlm4j.geometry.io.AtomicFiles}). Called once
     * per finish, after every shard file of this format was checked to exist; calling it again must
     * write the same bytes. None by default.
     *
     * @param dir the output directory
     * @param shards the committed shards, ascending
     * @return the files written, relative to {@code dir}, forward slashes; the manifest lists them
     */
    default List<String> finishRun(Path dir, SortedSet<Integer> shards) throws IOException {
        return List.of();
    }

    /** Writes items to a stream and says how many. */
    @FunctionalInterface
    interface CountingBody {
        int write(OutputStream out) throws IOException;
    }

    /**
     * Fills {@code file} (replacing what it holds) through a buffered stream (64 KiB), closing it after
     * {@code body}.
     *
     * @return what {@code body} returned: the items written
     */
    static int writeStream(Path file, CountingBody body) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return body.write(out);
        }
    }
}
