package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * _shards/run.json                   the formats and options the directory was started with
 * _shards/part-00000.done            the shard's marker, written after all its files, with its counts
 * llava.json                         at finish, with LLAVA: all LLaVA parts merged in shard order
 * dataset_info.json                  at finish, with SHAREGPT: LLaMA-Factory dataset description
 * manifest.json                      at finish: formats, options, per-shard and total counts
 * </pre>
 *
 * <p>Atomicity: each file is written to a temporary file {@code .<name>.<random>.tmp} in its own
 * directory, forced to disk, and renamed over its final name with {@code ATOMIC_MOVE}; the marker is
 * written the same way after all the shard's files. Opening the directory deletes the temporary files
 * a crash left behind. A shard whose marker is missing may have some of its final files already; they
 * are replaced when it is written again, so records are never duplicated. An image that already
 * exists must hold the same bytes (a rewritten shard produces the same image), else writing fails.
 *
 * <p>Concurrency: distinct shards may be written from several threads at once. One process per
 * directory. Image paths must be unique across the run: a collision with an image already on disk
 * is detected, one between two shards being written at the same moment is not. Output is deterministic: equal records give equal bytes, whatever the thread or shard
 * order, and the finish files are built from the committed shards in shard order.
 */
public final class ShardedOutput {

    /** The largest shard number (five digits). */
    public static final int MAX_SHARD = 99_999;
    /** The marker directory. */
    public static final String SHARDS_DIR = "_shards";
    /** The images directory. */
    public static final String IMAGES_DIR = "images";
    /** The run's manifest: formats, options, per-shard and total counts. */
    public static final String MANIFEST = "manifest.json";
    /** All LLaVA conversations in one JSON array, in shard order. */
    public static final String LLAVA_MERGED = "llava.json";
    /** LLaMA-Factory's dataset description of the ShareGPT directory. */
    public static final String DATASET_INFO = "dataset_info.json";
    /** The dataset name in {@code dataset_info.json}. */
    public static final String DATASET_NAME = "spatialvlm4j";

    private static final String RUN_FILE = "run.json";
    private static final Pattern MARKER = Pattern.compile("part-(\\d{5})\\.done");
    /**
     * Template only: a {@link DefaultPrettyPrinter} counts nesting as it writes, so one instance shared by
     * generators on several threads (Spark tasks, parallel writers) corrupts the indentation. Every generator
     * gets its own copy from {@link #prettyPrinter()}.
     */
    private static final DefaultPrettyPrinter PRETTY_TEMPLATE = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private final Path dir;
    private final Set<OutputFormat> formats;
    private final SortedMap<String, String> options;
    private final CompressionCodecName parquetCodec;
    private final Set<Integer> inProgress = ConcurrentHashMap.newKeySet();
    private volatile boolean finished;

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
     * As {@link #ShardedOutput(Path, Set, Map)}, with the Parquet codec (UNCOMPRESSED or SNAPPY).
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
        if (!coordinator) {
            if (!Files.isRegularFile(dir.resolve(SHARDS_DIR).resolve(RUN_FILE))) {
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
            g.setPrettyPrinter(prettyPrinter());
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
                throw new IllegalStateException("Output directory " + dir + " was started with other formats or"
                        + " options:\n" + new String(existing, StandardCharsets.UTF_8) + "now:\n"
                        + new String(wanted, StandardCharsets.UTF_8)
                        + "Resume with the same settings, or use a new directory.");
            }
        } else {
            AtomicFiles.write(runFile, wanted);
        }
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

    private Path marker(int shard) {
        return dir.resolve(SHARDS_DIR).resolve(shardName(shard) + ".done");
    }

    /** Whether shard {@code shard} is complete (its marker exists): a restart skips it. */
    public boolean isCommitted(int shard) {
        return Files.exists(marker(shard));
    }

    /** The committed shards, ascending. Cost: one directory listing. */
    public SortedSet<Integer> committedShards() throws IOException {
        SortedSet<Integer> shards = new TreeSet<>();
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
     */
    public record ShardSummary(int shard, int records, int questions, int conversations) {
    }

    /**
     * Writes shard {@code shard}: the records' images, then one file per format, then the marker.
     * Records are validated (ids and image paths distinct, every number finite) before any file is
     * touched. If this throws, the shard is not committed and no committed shard has changed.
     *
     * @param shard the shard number, in [0, {@value #MAX_SHARD}]
     * @param records the shard's records, written in this order (may be empty)
     * @return the shard's counts, as recorded in its marker
     * @throws IllegalStateException if the shard is already committed or being written, or after
     *     {@link #finish(int)}, or if an image file exists with different bytes
     * @throws IllegalArgumentException for an invalid shard number, duplicate frame ids or image
     *     paths, or non-finite numbers
     */
    public ShardSummary writeShard(int shard, List<FrameRecord> records) throws IOException {
        checkShard(shard);
        Objects.requireNonNull(records, "records");
        if (finished) {
            throw new IllegalStateException("Output " + dir + " is finished; shard " + shard + " cannot be added");
        }
        if (!inProgress.add(shard)) {
            throw new IllegalStateException("Shard " + shard + " is already being written");
        }
        try {
            if (isCommitted(shard)) {
                throw new IllegalStateException("Shard " + shard + " is already committed in " + dir
                        + " (check isCommitted before writing)");
            }
            List<String> lines = validate(shard, records);
            Map<Path, byte[]> images = new LinkedHashMap<>();
            for (FrameRecord r : records) {
                addImage(images, r, r.imagePath(), r.pngBytes());
                if (r.marked().isPresent()) {
                    addImage(images, r, r.marked().get().path(), r.marked().get().pngBytes());
                }
            }
            AtomicFiles.writeAll(images);
            int questions = 0;
            int conversations = 0;
            for (FrameRecord r : records) {
                questions += r.qa().size();
                conversations += r.qa().isEmpty() ? 0 : 1;
            }
            for (OutputFormat f : formats) {
                Path target = dir.resolve(f.shardFile(shard));
                switch (f) {
                    case JSONL -> AtomicFiles.write(target, out -> {
                        for (String line : lines) {
                            out.write(line.getBytes(StandardCharsets.UTF_8));
                            out.write('\n');
                        }
                    });
                    case LLAVA -> AtomicFiles.write(target, out -> ChatFormats.writeLlava(records, out));
                    case SHAREGPT -> AtomicFiles.write(target, out -> ChatFormats.writeShareGpt(records, out));
                    case PARQUET -> AtomicFiles.writeFile(target,
                            tmp -> ParquetShardWriter.write(records, tmp, parquetCodec));
                    default -> throw new IllegalStateException("Unhandled format " + f);
                }
            }
            ShardSummary summary = new ShardSummary(shard, records.size(), questions, conversations);
            AtomicFiles.write(marker(shard), markerJson(summary));
            return summary;
        } finally {
            inProgress.remove(shard);
        }
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

    /** Adds a record's image to the images to write, unless it exists with the same bytes. */
    private void addImage(Map<Path, byte[]> images, FrameRecord r, String path, byte[] png) throws IOException {
        Path target = dir.resolve(path);
        if (Files.exists(target)) {
            if (!Arrays.equals(Files.readAllBytes(target), png)) {
                throw new IllegalStateException("Image " + target + " exists with other content than frame "
                        + r.frameId() + "'s image: two frames map to the same image path, or the output "
                        + "directory was written by another run");
            }
            return;
        }
        images.put(target, png);
    }

    private static byte[] markerJson(ShardSummary s) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(buf)) {
            writeSummary(g, s);
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    private static void writeSummary(JsonGenerator g, ShardSummary s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("shard", s.shard());
        g.writeNumberField("records", s.records());
        g.writeNumberField("questions", s.questions());
        g.writeNumberField("conversations", s.conversations());
        g.writeEndObject();
    }

    private ShardSummary readMarker(int shard) throws IOException {
        JsonNode n = Json.MAPPER.readTree(marker(shard).toFile());
        return new ShardSummary(n.get("shard").asInt(), n.get("records").asInt(), n.get("questions").asInt(),
                n.get("conversations").asInt());
    }

    /**
     * Writes the run-level files from the committed shards, in shard order: {@code llava.json}
     * (LLAVA), {@code dataset_info.json} (SHAREGPT), then {@code manifest.json}. Calling it again
     * rewrites the same bytes. No shard may be written afterwards through this object.
     *
     * @param shardCount the number of shards of the run: shards {@code 0 .. shardCount-1} must all
     *     be committed, and no other
     * @throws IllegalStateException if a shard is missing, unexpected, incomplete or being written
     */
    public void finish(int shardCount) throws IOException {
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
        List<ShardSummary> summaries = new ArrayList<>();
        for (int s : committed) {
            for (OutputFormat f : formats) {
                if (!Files.isRegularFile(dir.resolve(f.shardFile(s)))) {
                    throw new IllegalStateException("Shard " + s + " is committed but " + f.shardFile(s)
                            + " is missing in " + dir);
                }
            }
            summaries.add(readMarker(s));
        }
        if (formats.contains(OutputFormat.LLAVA)) {
            AtomicFiles.write(dir.resolve(LLAVA_MERGED), out -> {
                try (LlavaArrayWriter w = new LlavaArrayWriter(out)) {
                    for (int s : committed) {
                        copyArrayElements(dir.resolve(OutputFormat.LLAVA.shardFile(s)), w);
                    }
                }
            });
        }
        if (formats.contains(OutputFormat.SHAREGPT)) {
            AtomicFiles.write(dir.resolve(DATASET_INFO), pretty(datasetInfo()));
        }
        AtomicFiles.write(dir.resolve(MANIFEST), pretty(manifest(summaries)));
        finished = true;
    }

    private static void copyArrayElements(Path part, LlavaArrayWriter w) throws IOException {
        try (InputStream in = Files.newInputStream(part); JsonParser p = Json.FACTORY.createParser(in)) {
            p.setCodec(Json.MAPPER);
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("LLaVA part " + part + " is not a JSON array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                JsonNode element = p.readValueAsTree();
                w.element(g -> Json.MAPPER.writeTree(g, element));
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw new IOException("LLaVA part " + part + " holds a non-object element: " + p.currentToken());
            }
        }
    }

    private static ObjectNode datasetInfo() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ChatFormats.putShareGptDataset(root, DATASET_NAME, OutputFormat.SHAREGPT.directory());
        return root;
    }

    private ObjectNode manifest(List<ShardSummary> summaries) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode fs = root.putArray("formats");
        formats.forEach(f -> fs.add(f.id()));
        ObjectNode opts = root.putObject("options");
        options.forEach(opts::put);
        long records = 0;
        long questions = 0;
        long conversations = 0;
        ArrayNode shards = Json.MAPPER.createArrayNode();
        for (ShardSummary s : summaries) {
            records += s.records();
            questions += s.questions();
            conversations += s.conversations();
            ObjectNode n = shards.addObject();
            n.put("shard", s.shard());
            n.put("records", s.records());
            n.put("questions", s.questions());
            n.put("conversations", s.conversations());
        }
        root.put("records", records);
        root.put("questions", questions);
        root.put("conversations", conversations);
        root.set("shards", shards);
        return root;
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

    private static DefaultPrettyPrinter prettyPrinter() {
        return PRETTY_TEMPLATE.createInstance();
    }

    private static byte[] pretty(JsonNode node) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(buf)) {
            g.setPrettyPrinter(prettyPrinter());
            Json.MAPPER.writeTree(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory failed", e);
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    private static String abbreviate(List<Integer> shards) {
        return shards.size() <= 20 ? shards.toString()
                : shards.subList(0, 20).toString().replace("]", ", ... (" + shards.size() + " in all)]");
    }
}
