package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.spatialvlm4j.datagen.JsonErrors;
import io.github.spatialvlm4j.datagen.Sha256;
import io.github.spatialvlm4j.datagen.runner.FrameSkip;
import io.github.spatialvlm4j.datagen.runner.InputFile;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The output directory of a run, written shard by shard so that a run can be killed at any moment
 * and restarted: every file is written atomically (see below), a shard counts as done only once its
 * marker exists, a restart skips the shards that are done and rewrites the others, and the finished
 * directory does not depend on the order or the number of threads the shards were written with.
 *
 * <p>Layout, relative to the output directory:
 *
 * <pre>
 * images/&lt;name&gt;.png                 each frame's image, written once ({@link FrameRecord#imagePath()})
 * images/&lt;name&gt;.marks.png           its marked copy, when the questions refer to marks ({@link FrameRecord#marked()})
 * jsonl/part-00000.jsonl             {@link OutputFormat#JSONL}: one {@link RecordJson} line per frame
 * llava/part-00000.json              {@link OutputFormat#LLAVA}: a JSON array per shard
 * sharegpt/part-00000.jsonl          {@link OutputFormat#SHAREGPT}: one conversation per line
 * parquet/part-00000.parquet         {@link OutputFormat#PARQUET}: {@link ParquetShardWriter}
 * skipped/part-00000.jsonl           the shard's skipped frames ({@link FrameSkip}), when it has any
 * _shards/run.json                   the formats and options the directory was started with
 * _shards/part-00000.done            the shard's marker, written after all its files: its counts, and the
 *                                    size and SHA-256 of every file it committed
 * llava.json                         at finish, with LLAVA: all LLaVA parts merged in shard order
 * dataset_info.json                  at finish, with SHAREGPT: LLaMA-Factory dataset description
 *                                    (the run-level files of a format: {@link ShardFormat#finishRun})
 * skipped.jsonl                      at finish: every skipped frame, in frame order (empty when none)
 * manifest.json                      at finish: formats, options, per-shard and total counts, skips per
 *                                    reason, and every file of the run with its size and SHA-256
 * </pre>
 *
 * <p>A skipped-frame line: {@code {"index": 7, "id": "kitchen_0042", "reason": "load_error", "files":
 * ["/data/in/kitchen_0042.depth.png", ...], "message": "Cannot decode PNG ...: truncated (...)"}}
 * ({@code id} is null when the frame could not be named).
 *
 * <p>Verification: {@link #verifyCommitted} checks each committed shard's files against its marker
 * (size and SHA-256) and the input files of its skipped frames against their fingerprints, and
 * uncommits a shard that differs, so that it is written again.
 *
 * <p>Atomicity: each file is written to a temporary file {@code .<name>.<random>.tmp} in its own
 * directory, forced to disk, and renamed over its final name with {@code ATOMIC_MOVE}; the marker is
 * written the same way after all the shard's files. Opening the directory deletes the temporary files
 * a crash left behind. A shard whose marker is missing may have some of its final files already (its
 * images too, written ahead by {@link #writeImages}); they are replaced when it is written again, so
 * records are never duplicated. An image that already
 * exists must hold the same bytes (a rewritten shard produces the same image), else writing fails.
 *
 * <p>Concurrency: distinct shards may be written from several threads at once. One run per
 * directory: a runner holds an {@link OutputLock} on it. Image paths must be unique across the run:
 * a collision with an image already on disk is detected, one between two shards being written at
 * the same moment is not. Output is deterministic: equal records give equal bytes, whatever the
 * thread or shard order, and the finish files are built from the committed shards in shard order.
 *
 * <p>Size: about 840 lines, kept in one class on purpose: it is the single owner of the directory's
 * crash-safety contract (what is written when, what a marker proves, what a restart checks and
 * rewrites, what finish may assume), whose parts must change together. It knows no format's layout:
 * each format is a {@link ShardFormat} registered in {@link OutputFormat}, which writes its shard file
 * and its run-level files (docs/ARCHITECTURE.md, "Output formats").
 */
public final class ShardedOutput {

    /** The largest shard number (five digits). */
    public static final int MAX_SHARD = 99_999;
    /** The marker directory. */
    public static final String SHARDS_DIR = "_shards";
    /** The images directory. */
    public static final String IMAGES_DIR = "images";
    /** The per-shard skipped-frame files, {@code skipped/part-00000.jsonl}. */
    public static final String SKIPPED_DIR = "skipped";
    /** Every skipped frame of the run, one JSON line each, in frame order. */
    public static final String SKIPPED = "skipped.jsonl";
    /** Folder of the optional per-object point clouds, listed in the manifest at finish. */
    public static final String OBJECTS_DIR = "objects";
    /** The run's manifest: formats, options, per-shard and total counts. */
    public static final String MANIFEST = "manifest.json";

    /** The formats and options a directory was started with, under {@value #SHARDS_DIR}. */
    public static final String RUN_FILE = "run.json";
    private static final Pattern MARKER = Pattern.compile("part-(\\d{5})\\.done");

    private final Path dir;
    private final Set<OutputFormat> formats;
    private final SortedMap<String, String> options;
    private final CompressionCodecName parquetCodec;
    private final Set<Integer> inProgress = ConcurrentHashMap.newKeySet();
    private volatile boolean finished;
    /** Whether the directory held a run of this tool when it was opened (a resume). */
    private final boolean resumed;

    /**
     * Opens (creating it if needed) an output directory and deletes the temporary files a killed run
     * left. Parquet pages are Snappy-compressed.
     *
     * @param dir the output directory; created with its parents when absent
     * @param formats the formats to write, at least one
     * @param options the run's options (seed, thresholds, ...), recorded in the manifest; a restart
     *     must pass the same formats and options
     * @throws IllegalArgumentException if {@code dir} exists and is not a directory, or no format is given
     * @throws IllegalStateException if the directory was started with other formats or options
     */
    public ShardedOutput(Path dir, Set<OutputFormat> formats, Map<String, String> options) throws IOException {
        this(dir, formats, options, CompressionCodecName.SNAPPY);
    }

    /**
     * As {@link #ShardedOutput(Path, Set, Map)}, with the Parquet codec (UNCOMPRESSED, SNAPPY or ZSTD).
     */
    public ShardedOutput(Path dir, Set<OutputFormat> formats, Map<String, String> options,
            CompressionCodecName parquetCodec) throws IOException {
        this(dir, formats, options, parquetCodec, true);
    }

    /**
     * Opens, for writing shards only, a directory that a coordinator process already opened with
     * the same formats, options and codec: unlike the constructors it deletes no temporary file (the
     * other writers' files in flight) and requires {@code _shards/run.json} to exist and match. For
     * the workers of a distributed run (one per task, several processes), beside the coordinator that
     * opened the directory and later calls {@link #finish(int)}. Distinct workers must write distinct
     * shards, except for duplicates of one task (retries, speculation) that write equal records.
     *
     * @throws IllegalStateException if the directory was not opened by a coordinator, or with other
     *     formats or options
     */
    public static ShardedOutput join(Path dir, Set<OutputFormat> formats, Map<String, String> options,
            CompressionCodecName parquetCodec) throws IOException {
        return new ShardedOutput(dir, formats, options, parquetCodec, false);
    }

    private ShardedOutput(Path dir, Set<OutputFormat> formats, Map<String, String> options,
            CompressionCodecName parquetCodec, boolean coordinator) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(formats, "formats");
        Objects.requireNonNull(options, "options");
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("No output format given (at least one of " + Arrays.toString(
                    OutputFormat.values()) + ")");
        }
        HadoopFreeCodecFactory.INSTANCE.getCompressor(parquetCodec); // validates the codec
        this.parquetCodec = parquetCodec;
        this.formats = Collections.unmodifiableSet(EnumSet.copyOf(formats));
        TreeMap<String, String> sorted = new TreeMap<>();
        options.forEach((k, v) -> sorted.put(Objects.requireNonNull(k, "option name"),
                Objects.requireNonNull(v, () -> "value of option " + k)));
        this.options = Collections.unmodifiableSortedMap(sorted);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Output path is not a directory: " + dir
                    + " (a file exists there; give a directory, existing or not)");
        }
        this.dir = dir;
        this.resumed = Files.isRegularFile(dir.resolve(SHARDS_DIR).resolve(RUN_FILE));
        if (!coordinator) {
            if (!resumed) {
                throw new IllegalStateException("Output directory " + dir + " has no " + SHARDS_DIR + "/" + RUN_FILE
                        + ": open it with the constructor (the coordinator) before workers join it");
            }
            checkRunFile();
            return;
        }
        Files.createDirectories(dir);
        List<Path> dirs = new ArrayList<>(List.of(dir, dir.resolve(IMAGES_DIR), dir.resolve(SHARDS_DIR)));
        for (OutputFormat f : this.formats) {
            dirs.add(dir.resolve(f.directory()));
        }
        for (Path d : dirs) {
            Files.createDirectories(d);
            AtomicFiles.deleteTemps(d);
        }
        checkRunFile();
    }

    private void checkRunFile() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(buf)) {
            g.setPrettyPrinter(Json.prettyPrinter());
            g.writeStartObject();
            writeFormats(g);
            writeOptions(g);
            g.writeEndObject();
        }
        buf.write('\n');
        byte[] wanted = buf.toByteArray();
        Path runFile = dir.resolve(SHARDS_DIR).resolve(RUN_FILE);
        if (Files.exists(runFile)) {
            byte[] existing = Files.readAllBytes(runFile);
            if (!Arrays.equals(existing, wanted)) {
                String differences = differences(existing, runFile);
                if (!differences.isEmpty()) {
                    throw new IllegalStateException("Output directory " + dir + " was started with other options ("
                            + differences + "): resume with the same options, or use a new directory");
                }
            }
        } else {
            AtomicFiles.write(runFile, wanted);
        }
    }

    /** What differs between {@code run.json}'s formats and options and this run's, e.g. "seed: 7 there, 8 now". */
    private String differences(byte[] existing, Path runFile) {
        JsonNode there;
        try {
            there = Json.MAPPER.readTree(existing);
        } catch (IOException e) {
            return runFile + " is not valid JSON";
        }
        List<String> diffs = new ArrayList<>();
        List<String> formatsThere = new ArrayList<>();
        there.path("formats").forEach(f -> formatsThere.add(f.asText()));
        List<String> formatsNow = formats.stream().map(OutputFormat::id).toList();
        if (!formatsThere.equals(formatsNow)) {
            diffs.add("formats: " + String.join(",", formatsThere) + " there, " + String.join(",", formatsNow) + " now");
        }
        SortedMap<String, String> optionsThere = new TreeMap<>();
        there.path("options").properties().forEach(e -> optionsThere.put(e.getKey(), e.getValue().asText()));
        SortedSet<String> keys = new TreeSet<>(optionsThere.keySet());
        keys.addAll(options.keySet());
        for (String k : keys) {
            String a = optionsThere.get(k);
            String b = options.get(k);
            if (!Objects.equals(a, b)) {
                diffs.add(k + ": " + (a == null ? "(unset)" : a) + " there, " + (b == null ? "(unset)" : b) + " now");
            }
        }
        return String.join("; ", diffs);
    }

    /** The output directory. */
    public Path directory() {
        return dir;
    }

    /** The formats written, in declaration order. */
    public Set<OutputFormat> formats() {
        return formats;
    }

    /** The name of a shard's files without extension: {@code part-00042}. */
    public static String shardName(int shard) {
        checkShard(shard);
        return String.format(java.util.Locale.ROOT, "part-%05d", shard);
    }

    private static void checkShard(int shard) {
        if (shard < 0 || shard > MAX_SHARD) {
            throw new IllegalArgumentException("Invalid shard: " + shard + " (must be in [0, " + MAX_SHARD + "])");
        }
    }

    /**
     * The marker of shard {@code shard} relative to the output directory, {@code _shards/part-00000.done}: written
     * last, it commits the shard.
     */
    public static String markerName(int shard) {
        return SHARDS_DIR + "/" + shardName(shard) + ".done";
    }

    private Path marker(int shard) {
        return dir.resolve(markerName(shard));
    }

    /** Whether shard {@code shard} is complete (its marker exists): a restart skips it. */
    public boolean isCommitted(int shard) {
        return Files.exists(marker(shard));
    }

    /** The committed shards, ascending. Cost: one directory listing. */
    public SortedSet<Integer> committedShards() throws IOException {
        return committedShards(dir);
    }

    /** The shards committed in the output directory {@code dir}, ascending; none when it has no marker folder. */
    public static SortedSet<Integer> committedShards(Path dir) throws IOException {
        SortedSet<Integer> shards = new TreeSet<>();
        if (!Files.isDirectory(dir.resolve(SHARDS_DIR))) {
            return shards;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(SHARDS_DIR))) {
            for (Path f : files) {
                Matcher m = MARKER.matcher(f.getFileName().toString());
                if (m.matches()) {
                    shards.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return shards;
    }

    /**
     * What a committed shard holds.
     *
     * @param shard the shard number
     * @param records the frames (JSONL lines)
     * @param questions the questions over all frames
     * @param conversations the frames with at least one question (LLaVA, ShareGPT and Parquet rows)
     * @param skipped the frames skipped, per reason code ({@link FrameSkip#reasonCode()}), sorted
     */
    public record ShardSummary(int shard, int records, int questions, int conversations, Map<String, Long> skipped) {
        public ShardSummary {
            skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
        }

        /** Frames skipped, all reasons. */
        public long skippedTotal() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One committed file: where, how long, what it held.
     *
     * @param path relative to the output directory, with forward slashes
     * @param size bytes
     * @param sha256 the hex SHA-256 of its bytes
     */
    public record FileEntry(String path, long size, String sha256) {
        public FileEntry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /**
     * What a finished directory holds over all its shards, whichever run wrote them.
     *
     * @param records frames with a record
     * @param questions questions
     * @param conversations frames with at least one question
     * @param skipped frames skipped, per reason code, sorted
     */
    public record Totals(long records, long questions, long conversations, Map<String, Long> skipped) {
        public Totals {
            skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
        }

        /** Frames skipped, all reasons. */
        public long skippedTotal() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Frames of the run: with a record or skipped. */
        public long frames() {
            return records + skippedTotal();
        }
    }

    /** A shard's marker: its counts, its files, and the inputs of its skipped frames. */
    private record Marker(ShardSummary summary, List<FileEntry> files, Map<Integer, List<InputFile>> skippedInputs) {
    }

    /** As {@link #writeShard(int, List, List)} with no skipped frame. */
    public ShardSummary writeShard(int shard, List<FrameRecord> records) throws IOException {
        return writeShard(shard, records, List.of());
    }

    /**
     * Writes shard {@code shard}: the records' images, then one file per format, then the skipped frames,
     * then the marker with the size and SHA-256 of each of these files. Records are validated (ids and
     * image paths distinct, every number finite) before any file is touched. If this throws, the shard
     * is not committed and no committed shard has changed.
     *
     * @param shard the shard number, in [0, {@value #MAX_SHARD}]
     * @param records the shard's records, written in this order (may be empty)
     * @param skipped the shard's skipped frames, written in this order (may be empty)
     * @return the shard's counts, as recorded in its marker
     * @throws IllegalStateException if the shard is already committed or being written, or after
     *     {@link #finish(int)}, or if an image file exists with different bytes
     * @throws IllegalArgumentException for an invalid shard number, duplicate frame ids or image
     *     paths, or non-finite numbers
     */
    public ShardSummary writeShard(int shard, List<FrameRecord> records, List<FrameSkip> skipped) throws IOException {
        checkShard(shard);
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(skipped, "skipped");
        if (finished) {
            throw new IllegalStateException("Output " + dir + " is finished; shard " + shard + " cannot be added");
        }
        if (!inProgress.add(shard)) {
            throw new IllegalStateException("Shard " + shard + " is already being written");
        }
        try {
            if (isCommitted(shard)) {
                throw new IllegalStateException("Shard " + shard + " is already committed in " + dir);
            }
            List<String> lines = validate(shard, records);
            Map<Path, byte[]> images = new LinkedHashMap<>();
            List<FileEntry> files = new ArrayList<>();
            for (FrameRecord r : records) {
                files.add(addImage(images, r, r.imagePath(), r.png()));
                if (r.marked().isPresent()) {
                    files.add(addImage(images, r, r.marked().get().path(), r.marked().get().png()));
                }
            }
            AtomicFiles.writeAll(images);
            int questions = 0;
            int conversations = 0;
            for (FrameRecord r : records) {
                questions += r.qa().size();
                conversations += r.qa().isEmpty() ? 0 : 1;
            }
            ShardFormat.Shard content = new ShardFormat.Shard(shard, records, lines, parquetCodec);
            for (OutputFormat f : formats) {
                AtomicFiles.writeFile(dir.resolve(f.shardFile(shard)), tmp -> f.format().writeShard(content, tmp));
                files.add(entry(f.shardFile(shard)));
            }
            Map<String, Long> byReason = new TreeMap<>();
            if (skipped.isEmpty()) {
                // Written again with no skip (a fixed input): an earlier attempt's list must go.
                Files.deleteIfExists(dir.resolve(skippedFile(shard)));
            } else {
                String file = skippedFile(shard);
                Files.createDirectories(dir.resolve(SKIPPED_DIR));
                AtomicFiles.write(dir.resolve(file), out -> {
                    for (FrameSkip skip : skipped) {
                        out.write(skipLine(skip));
                    }
                });
                files.add(entry(file));
                skipped.forEach(k -> byReason.merge(k.reasonCode(), 1L, Long::sum));
            }
            ShardSummary summary = new ShardSummary(shard, records.size(), questions, conversations, byReason);
            AtomicFiles.write(marker(shard), markerJson(summary, files, skipped));
            return summary;
        } finally {
            inProgress.remove(shard);
        }
    }

    /** The skipped-frame file of a shard, relative to the output directory. */
    public static String skippedFile(int shard) {
        return SKIPPED_DIR + "/" + shardName(shard) + ".jsonl";
    }

    private static byte[] skipLine(FrameSkip skip) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(buf)) {
            g.writeStartObject();
            g.writeNumberField("index", skip.index());
            g.writeFieldName("id");
            if (skip.frameId().isPresent()) {
                g.writeString(skip.frameId().get());
            } else {
                g.writeNull();
            }
            g.writeStringField("reason", skip.reasonCode());
            g.writeArrayFieldStart("files");
            for (InputFile f : skip.inputs()) {
                if (!InputFile.MISSING.equals(f.fingerprint())) {
                    g.writeString(f.path());
                }
            }
            g.writeEndArray();
            g.writeStringField("message", skip.message());
            g.writeEndObject();
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    private static List<String> validate(int shard, List<FrameRecord> records) {
        Set<String> ids = new HashSet<>();
        Set<String> images = new HashSet<>();
        List<String> lines = new ArrayList<>(records.size());
        for (FrameRecord r : records) {
            Objects.requireNonNull(r, "record");
            if (!ids.add(r.frameId())) {
                throw new IllegalArgumentException("Shard " + shard + ": frame id '" + r.frameId() + "' appears twice");
            }
            for (String image : r.marked().isPresent() ? List.of(r.imagePath(), r.marked().get().path())
                    : List.of(r.imagePath())) {
                if (!images.add(image)) {
                    throw new IllegalArgumentException("Shard " + shard + ": image path '" + image
                            + "' is used by two frames");
                }
            }
            lines.add(RecordJson.toJson(r)); // throws on non-finite numbers, which the other formats share
        }
        return lines;
    }

    /**
     * Writes a record's images (its image and its marked copy) to the output directory now, before its
     * shard is committed, and returns the record with its images on disk ({@link EncodedPng#file()}):
     * a runner holding shards of records waiting to be committed then holds no image bytes. The shard's
     * {@link #writeShard} later lists the images in its marker without writing them again; a format that
     * embeds an image (Parquet) reads it back. An image that already exists must hold the same bytes, as
     * in {@link #writeShard}; a shard that is never committed may leave its images behind, as a crash
     * during {@link #writeShard} may: writing it again finds them identical. Images already on disk under
     * this directory are returned as they are. Thread-safe for records with distinct image paths.
     *
     * @return the record with its images written, or {@code record} itself when they already were
     * @throws IllegalStateException if an image exists with different bytes
     */
    public FrameRecord writeImages(FrameRecord record) throws IOException {
        Objects.requireNonNull(record, "record");
        if (writtenHere(record.png(), record.imagePath())
                && record.marked().map(m -> writtenHere(m.png(), m.path())).orElse(true)) {
            return record;
        }
        Map<Path, byte[]> images = new LinkedHashMap<>();
        EncodedPng image = toWrite(images, record, record.imagePath(), record.png());
        Optional<EncodedPng> markedImage = Optional.empty();
        if (record.marked().isPresent()) {
            markedImage = Optional.of(toWrite(images, record, record.marked().get().path(), record.marked().get().png()));
        }
        AtomicFiles.writeAll(images);
        return record.withImages(image, markedImage);
    }

    /**
     * Adds a record's image to the images to write unless it is on disk at {@code path} already, and
     * returns the image as it will be once they are written.
     */
    private EncodedPng toWrite(Map<Path, byte[]> images, FrameRecord r, String path, EncodedPng png)
            throws IOException {
        if (writtenHere(png, path)) {
            return png;
        }
        Path target = dir.resolve(path);
        byte[] bytes = png.bytes();
        if (!existsWith(target, bytes, r)) {
            images.put(target, bytes);
        }
        return EncodedPng.written(target, bytes.length, png.sha256());
    }

    /** Whether {@code png} was written by {@link #writeImages} to {@code path} of this directory. */
    private boolean writtenHere(EncodedPng png, String path) {
        return png.file().isPresent() && png.file().get().equals(dir.resolve(path));
    }

    /**
     * Adds a record's image to the images to write, unless it exists with the same bytes (or was written
     * there by {@link #writeImages}), and returns its manifest entry.
     */
    private FileEntry addImage(Map<Path, byte[]> images, FrameRecord r, String path, EncodedPng png)
            throws IOException {
        EncodedPng written = toWrite(images, r, path, png);
        return new FileEntry(path, written.size(), written.sha256());
    }

    /**
     * Whether image {@code target} exists (with {@code png}'s bytes).
     *
     * @throws IllegalStateException if it exists with other bytes
     */
    private static boolean existsWith(Path target, byte[] png, FrameRecord r) throws IOException {
        if (!Files.exists(target)) {
            return false;
        }
        if (!Arrays.equals(Files.readAllBytes(target), png)) {
            throw new IllegalStateException("Image " + target + " exists with other content than the image of"
                    + " frame '" + r.frameId() + "': two frames map to the same image path (ids that differ only"
                    + " in case, on a file system that ignores case), or the output directory was written by"
                    + " another run");
        }
        return true;
    }

    /** The entry of a file just written, read back. */
    private FileEntry entry(String path) throws IOException {
        Path file = dir.resolve(path);
        return new FileEntry(path, Files.size(file), Sha256.hex(file));
    }

    private static byte[] markerJson(ShardSummary s, List<FileEntry> files, List<FrameSkip> skipped)
            throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(buf)) {
            g.writeStartObject();
            writeCounts(g, s);
            writeFiles(g, files);
            g.writeArrayFieldStart("skipped_inputs");
            for (FrameSkip k : skipped) {
                g.writeStartObject();
                g.writeNumberField("index", k.index());
                g.writeArrayFieldStart("inputs");
                for (InputFile f : k.inputs()) {
                    g.writeStartObject();
                    g.writeStringField("path", f.path());
                    g.writeStringField("fingerprint", f.fingerprint());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    /** The shard's counts as fields of the current object (the marker's, or a manifest shard entry). */
    private static void writeCounts(JsonGenerator g, ShardSummary s) throws IOException {
        g.writeNumberField("shard", s.shard());
        g.writeNumberField("records", s.records());
        g.writeNumberField("questions", s.questions());
        g.writeNumberField("conversations", s.conversations());
        writeSkipped(g, s.skipped());
    }

    /** Fields {@code skipped} (the total) and {@code skipped_by_reason}. */
    private static void writeSkipped(JsonGenerator g, Map<String, Long> byReason) throws IOException {
        g.writeNumberField("skipped", byReason.values().stream().mapToLong(Long::longValue).sum());
        g.writeObjectFieldStart("skipped_by_reason");
        for (Map.Entry<String, Long> e : byReason.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeFiles(JsonGenerator g, List<FileEntry> files) throws IOException {
        g.writeArrayFieldStart("files");
        for (FileEntry f : files) {
            g.writeStartObject();
            g.writeStringField("path", f.path());
            g.writeNumberField("size", f.size());
            g.writeStringField("sha256", f.sha256());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * @throws IOException naming the marker when it cannot be read or is not a marker (a run of an
     *     older version wrote only counts: such a marker has no files, which are then not checked)
     */
    private Marker readMarker(int shard) throws IOException {
        return readMarker(marker(shard), shard);
    }

    /**
     * The files a shard's marker lists as committed (relative path, size, SHA-256), for a runner that
     * places a shard's files itself (the Spark runner on cluster storage).
     *
     * @param file the marker, {@code _shards/part-NNNNN.done}, on the local file system
     * @param shard the shard it must be the marker of
     * @throws IOException naming the marker when it cannot be read or is not the marker of {@code shard}
     */
    public static List<FileEntry> markerFiles(Path file, int shard) throws IOException {
        return readMarker(file, shard).files();
    }

    private static Marker readMarker(Path file, int shard) throws IOException {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("marker " + file + " is unreadable: " + JsonErrors.describe(e), e);
        }
        if (n == null || !n.path("shard").isInt() || n.path("shard").asInt() != shard || !n.path("records").isInt()) {
            throw new IOException("marker " + file + " is not the marker of shard " + shard);
        }
        Map<String, Long> skipped = new TreeMap<>();
        n.path("skipped_by_reason").properties().forEach(e -> skipped.put(e.getKey(), e.getValue().asLong()));
        List<FileEntry> files = new ArrayList<>();
        for (JsonNode f : n.path("files")) {
            files.add(new FileEntry(f.path("path").asText(), f.path("size").asLong(), f.path("sha256").asText()));
        }
        Map<Integer, List<InputFile>> inputs = new TreeMap<>();
        for (JsonNode k : n.path("skipped_inputs")) {
            List<InputFile> list = new ArrayList<>();
            for (JsonNode f : k.path("inputs")) {
                list.add(new InputFile(f.path("path").asText(), f.path("fingerprint").asText()));
            }
            inputs.put(k.path("index").asInt(), list);
        }
        return new Marker(new ShardSummary(shard, n.get("records").asInt(), n.path("questions").asInt(),
                n.path("conversations").asInt(), skipped), files, inputs);
    }

    /**
     * Checks every committed shard before a run resumes: each file its marker lists must exist with the
     * size and SHA-256 it was committed with (so a truncated part or a replaced image is found), and the
     * input files of each skipped frame must still hold what they held ({@code currentInputs} gives them
     * now, by frame index), so that a frame whose file was fixed since is processed again. A shard that
     * fails is uncommitted (its marker deleted, its damaged images removed) and so written again by the
     * run. Reads every committed file once.
     *
     * @param currentInputs the input files of a frame, by index, as the source sees them now
     * @return one note per shard uncommitted, naming what was found ("shard 3: jsonl/part-00003.jsonl is
     *     120 bytes, committed with 4521"), in shard order
     */
    public List<String> verifyCommitted(IntFunction<List<InputFile>> currentInputs) throws IOException {
        Objects.requireNonNull(currentInputs, "currentInputs");
        List<String> notes = new ArrayList<>();
        for (int shard : committedShards()) {
            String problem;
            List<Path> damagedImages = new ArrayList<>();
            try {
                Marker m = readMarker(shard);
                problem = damage(shard, m, damagedImages);
                if (problem == null) {
                    problem = changedInput(m, currentInputs);
                }
            } catch (IOException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                Files.delete(marker(shard));
                for (Path image : damagedImages) {
                    Files.deleteIfExists(image);
                }
                notes.add("shard " + shard + ": " + problem + "; written again");
            }
        }
        return notes;
    }

    /**
     * Deletes the images that no committed shard lists: what {@link #writeImages} (or a crash during
     * {@link #writeShard}) left of shards that were never committed. A runner that writes images ahead
     * calls it once before it starts (after {@link #verifyCommitted}), so that a shard written again
     * may hold other images than the attempt that was killed (an input fixed in between) instead of
     * failing on them. Only in a directory that already held a run when it was opened, and only files
     * named as a record's images are ({@code images/<name>.png}): a new run's directory is left as it is.
     * Reads every committed marker and lists {@code images/} once.
     *
     * @return the number of images deleted
     */
    public int removeUncommittedImages() throws IOException {
        if (!resumed) {
            return 0;
        }
        Set<String> committed = new HashSet<>();
        for (int shard : committedShards()) {
            for (FileEntry e : readMarker(shard).files()) {
                committed.add(e.path());
            }
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(IMAGES_DIR))) {
            for (Path file : files) {
                String path = IMAGES_DIR + "/" + file.getFileName();
                if (Files.isRegularFile(file) && FrameRecord.isImagePath(path) && !committed.contains(path)) {
                    Files.delete(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The first damage to a committed shard's files, or null; damaged images are added to {@code images}. */
    private String damage(int shard, Marker m, List<Path> images) throws IOException {
        String first = null;
        for (OutputFormat f : formats) {
            if (!Files.isRegularFile(dir.resolve(f.shardFile(shard)))) {
                first = f.shardFile(shard) + " is missing";
                break;
            }
        }
        for (FileEntry e : m.files()) {
            Path file = dir.resolve(e.path());
            String problem = null;
            if (!Files.isRegularFile(file)) {
                problem = e.path() + " is missing";
            } else if (Files.size(file) != e.size()) {
                problem = e.path() + " is " + Files.size(file) + " bytes, committed with " + e.size();
            } else if (!Sha256.hex(file).equals(e.sha256())) {
                problem = e.path() + " does not hold what was committed (SHA-256 differs)";
            }
            if (problem != null) {
                first = first == null ? problem : first;
                if (e.path().startsWith(IMAGES_DIR + "/")) {
                    images.add(file);
                }
            }
        }
        return first;
    }

    private static String changedInput(Marker m, IntFunction<List<InputFile>> currentInputs) {
        for (Map.Entry<Integer, List<InputFile>> e : m.skippedInputs().entrySet()) {
            List<InputFile> now = currentInputs.apply(e.getKey());
            if (!now.equals(e.getValue())) {
                for (InputFile f : now) {
                    if (!e.getValue().contains(f)) {
                        return "the input of skipped frame " + e.getKey() + " changed since (" + f.path() + ")";
                    }
                }
                return "the input of skipped frame " + e.getKey() + " changed since";
            }
        }
        return null;
    }

    /**
     * Writes the run-level files from the committed shards, in shard order: each format's
     * ({@link ShardFormat#finishRun}: {@code llava.json} for LLAVA, {@code dataset_info.json} for SHAREGPT),
     * {@code skipped.jsonl}, then {@code manifest.json},
     * which lists every file of the run with its size and SHA-256 (the shards' files from their markers,
     * the run-level files and the object clouds under {@code objects/}, hashed here). Calling it again
     * rewrites the same bytes. No shard may be written afterwards through this object.
     *
     * @param shardCount the number of shards of the run: shards {@code 0 .. shardCount-1} must all
     *     be committed, and no other
     * @return the totals over all shards
     * @throws IllegalStateException if a shard is missing, unexpected, incomplete or being written
     */
    public Totals finish(int shardCount) throws IOException {
        return finish(shardCount, path -> Files.isRegularFile(dir.resolve(path)));
    }

    /**
     * As {@link #finish(int)}, for a directory that mirrors output kept elsewhere (cluster storage): the
     * shards' markers and the files that the run-level files are built from ({@code skipped/}, the LLaVA
     * parts, {@code objects/}) are here, and whether each format's shard file exists is asked of
     * {@code exists}.
     *
     * @param exists whether the run's file at this relative path (forward slashes) exists
     */
    public Totals finish(int shardCount, Predicate<String> exists) throws IOException {
        Objects.requireNonNull(exists, "exists");
        if (shardCount < 0 || shardCount > MAX_SHARD + 1) {
            throw new IllegalArgumentException("Invalid shard count: " + shardCount + " (must be in [0, "
                    + (MAX_SHARD + 1) + "])");
        }
        if (!inProgress.isEmpty()) {
            throw new IllegalStateException("Shards " + new TreeSet<>(inProgress) + " are still being written");
        }
        SortedSet<Integer> committed = committedShards();
        List<Integer> missing = new ArrayList<>();
        for (int s = 0; s < shardCount; s++) {
            if (!committed.contains(s)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Shards not committed: " + abbreviate(missing) + " (of 0.."
                    + (shardCount - 1) + "); run again to write them");
        }
        if (!committed.isEmpty() && committed.last() >= shardCount) {
            throw new IllegalStateException("Shards " + committed.tailSet(shardCount) + " are committed but the run"
                    + " has " + shardCount + " shards");
        }
        List<Marker> markers = new ArrayList<>();
        for (int s : committed) {
            for (OutputFormat f : formats) {
                if (!exists.test(f.shardFile(s))) {
                    throw new IllegalStateException("Shard " + s + " is committed but " + f.shardFile(s)
                            + " is missing in " + dir);
                }
            }
            markers.add(readMarker(s));
        }
        List<FileEntry> files = new ArrayList<>();
        markers.forEach(m -> files.addAll(m.files()));
        for (OutputFormat f : formats) {
            for (String file : f.format().finishRun(dir, committed)) {
                files.add(entry(file));
            }
        }
        AtomicFiles.write(dir.resolve(SKIPPED), out -> {
            for (Marker m : markers) {
                if (m.summary().skippedTotal() > 0) {
                    Files.copy(dir.resolve(skippedFile(m.summary().shard())), out);
                }
            }
        });
        files.add(entry(SKIPPED));
        files.addAll(objectClouds());
        files.sort(Comparator.comparing(FileEntry::path));
        List<ShardSummary> summaries = markers.stream().map(Marker::summary).toList();
        Totals totals = totals(summaries);
        AtomicFiles.write(dir.resolve(MANIFEST), manifest(summaries, totals, files));
        finished = true;
        return totals;
    }

    private static Totals totals(List<ShardSummary> summaries) {
        Map<String, Long> skipped = new TreeMap<>();
        long records = 0;
        long questions = 0;
        long conversations = 0;
        for (ShardSummary s : summaries) {
            records += s.records();
            questions += s.questions();
            conversations += s.conversations();
            s.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
        }
        return new Totals(records, questions, conversations, skipped);
    }

    /** Every file under {@code objects/}, hashed. */
    private List<FileEntry> objectClouds() throws IOException {
        Path objects = dir.resolve(OBJECTS_DIR);
        List<FileEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(objects)) {
            return entries;
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(objects)) {
            found = walk.filter(Files::isRegularFile).filter(p -> !AtomicFiles.isTemp(p)).toList();
        }
        for (Path p : found) {
            entries.add(entry(dir.relativize(p).toString().replace(File.separatorChar, '/')));
        }
        return entries;
    }

    private byte[] manifest(List<ShardSummary> summaries, Totals totals, List<FileEntry> files) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(buf)) {
            g.setPrettyPrinter(Json.prettyPrinter());
            g.writeStartObject();
            writeFormats(g);
            writeOptions(g);
            g.writeNumberField("records", totals.records());
            g.writeNumberField("questions", totals.questions());
            g.writeNumberField("conversations", totals.conversations());
            writeSkipped(g, totals.skipped());
            g.writeArrayFieldStart("shards");
            for (ShardSummary s : summaries) {
                g.writeStartObject();
                writeCounts(g, s);
                g.writeEndObject();
            }
            g.writeEndArray();
            writeFiles(g, files);
            g.writeEndObject();
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    private void writeFormats(JsonGenerator g) throws IOException {
        g.writeFieldName("formats");
        g.writeStartArray();
        for (OutputFormat f : formats) {
            g.writeString(f.id());
        }
        g.writeEndArray();
    }

    private void writeOptions(JsonGenerator g) throws IOException {
        g.writeFieldName("options");
        g.writeStartObject();
        for (Map.Entry<String, String> e : options.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static String abbreviate(List<Integer> shards) {
        return shards.size() <= 20 ? shards.toString()
                : shards.subList(0, 20).toString().replace("]", ", ... (" + shards.size() + " in all)]");
    }
}
