package io.github.spatialvlm4j.datagen.source.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.sink.HadoopFreeCodecFactory;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.PartStarts;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.geometry.io.ImageTooLargeException;
import io.github.spatialvlm4j.geometry.io.LabelPng;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Frames from a Parquet table in the Hugging Face image-dataset layout, so that image corpora and
 * RGB-D data can travel as Parquet. Columns (others are ignored and never read):
 *
 * <pre>
 * image            struct&lt;bytes: binary, path: string&gt;   required; PNG or JPEG bytes
 * id               string                     optional; the frame id (else image.path, else &lt;file&gt;-&lt;row&gt;)
 * depth_png        binary                     optional; 16-bit PNG, meters = value / depth_scale, 0 = invalid
 * depth_scale      double                     with depth_png: units per meter (1000 for millimetres)
 * intrinsics_json  string                     optional; {"fx":..,"fy":..,"cx":..,"cy":..} in pixels of the image
 * labels_png       binary                     optional; 8- or 16-bit PNG of instance ids, 0 = none
 * captions_json    string                     with labels_png: {"1": "red chair", ...}
 * </pre>
 *
 * A row with only an image gives a frame without depth: with models ({@code --models}) perception fills in
 * depth, intrinsics, regions and masks, as for photos; without, the pipeline skips it as {@code NO_DEPTH}.
 * Rows are numbered across the files in the order given ({@link #scan} sorts by path). Pages may
 * be uncompressed, Snappy- or ZSTD-compressed (what {@link HadoopFreeCodecFactory} reads).
 *
 * <p>parquet-java's reader needs Hadoop on the class path: the Spark job jar has it, the command-line
 * jar does not, so only the Spark runner reads Parquet frames.
 *
 * <p>Thread-safe. Frames are decoded a row group at a time: the source keeps the last decoded row
 * group in memory (reading a shard of consecutive rows decodes each row group once), so memory is
 * bounded by one row group's bytes. Random access costs up to one row group decode per frame.
 */
public final class ParquetFrameSource implements FrameSource {

    /**
     * One file of the table.
     *
     * @param path the file, as every process sees it
     * @param rowGroupRows the number of rows of each row group, in file order
     */
    public record Part(String path, List<Long> rowGroupRows) implements Serializable {
        public Part {
            Objects.requireNonNull(path, "path");
            rowGroupRows = List.copyOf(rowGroupRows);
        }

        /** Rows in the file. */
        public long rows() {
            return rowGroupRows.stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * How the tasks open a table's files by their {@link Part#path}: {@link #LOCAL} for local paths; the
     * Spark runner passes one that opens URIs ({@code hdfs://}, {@code s3a://}, ...) through Hadoop.
     */
    @FunctionalInterface
    public interface Opener extends Serializable {
        /**
         * @throws IOException naming the file when it cannot be opened
         */
        InputFile open(String path) throws IOException;
    }

    /** Files on the local file system. */
    public static final Opener LOCAL = path -> new LocalInputFile(Path.of(path));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of("id", "image", "depth_png", "depth_scale", "intrinsics_json",
            "labels_png", "captions_json");

    private final List<Part> parts;
    /** start[k] = global index of the first row of row group k, over all files; start[last] = size. */
    private final long[] start;
    private final int[] groupFile;
    private final int[] groupInFile;
    private final int size;

    private int cachedGroup = -1;
    private List<Group> cachedRows = List.of();

    private final long maxPixels;
    private final Opener opener;

    /** As {@link #ParquetFrameSource(List, long)} without a pixel limit. */
    public ParquetFrameSource(List<Part> parts) {
        this(parts, ColorImages.UNLIMITED);
    }

    /** As {@link #ParquetFrameSource(List, long, Opener)} for files on the local file system. */
    public ParquetFrameSource(List<Part> parts, long maxPixels) {
        this(parts, maxPixels, LOCAL);
    }

    /**
     * A source over the given files (from {@link #scan}).
     *
     * @param maxPixels the most pixels an image, depth or label PNG may have, &gt;= 1; a row with a larger
     *     one fails to load, naming the file and row, before it is decoded
     * @param opener how the files are opened by their paths
     * @throws IllegalArgumentException when the table holds more than {@link Integer#MAX_VALUE} rows
     */
    public ParquetFrameSource(List<Part> parts, long maxPixels, Opener opener) {
        ImageTooLargeException.requireLimit(maxPixels);
        this.opener = Objects.requireNonNull(opener, "opener");
        this.maxPixels = maxPixels;
        this.parts = List.copyOf(parts);
        int groups = 0;
        for (Part p : this.parts) {
            groups += p.rowGroupRows().size();
        }
        start = new long[groups + 1];
        groupFile = new int[groups];
        groupInFile = new int[groups];
        int k = 0;
        for (int f = 0; f < this.parts.size(); f++) {
            List<Long> rows = this.parts.get(f).rowGroupRows();
            for (int g = 0; g < rows.size(); g++) {
                groupFile[k] = f;
                groupInFile[k] = g;
                start[k + 1] = start[k] + rows.get(g);
                k++;
            }
        }
        if (start[groups] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Parquet table has " + start[groups] + " rows (at most "
                    + Integer.MAX_VALUE + " per run: split the table)");
        }
        size = (int) start[groups];
    }

    /**
     * Lists a table: {@code path} itself if it is a file, else every {@code *.parquet} file under it
     * (recursively, sorted by path), reading each footer once for its row groups and checking that
     * an {@code image} column with a binary {@code bytes} field exists. Cost: one footer read per file.
     *
     * @throws IOException naming the file when it is missing, not Parquet, or lacks the image column
     */
    public static List<Part> scan(Path path) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(path)) {
            files.add(path);
        } else if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".parquet")
                        && !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
            }
            if (files.isEmpty()) {
                throw new IOException("No *.parquet file under " + path);
            }
        } else {
            throw new IOException("Parquet input not found: " + path);
        }
        return scan(files.stream().map(Path::toString).toList(), LOCAL);
    }

    /**
     * Reads the footers of the given files, in this order, for their row groups (the unit a task decodes;
     * a shard reads only the row groups that hold its rows, so a large file is split, not read whole by
     * every task), checking that each has an {@code image} column with a binary {@code bytes} field.
     * Cost: one footer read per file.
     *
     * @param files the table's files, as {@code opener} opens them
     * @throws IOException naming the file when it is missing, not Parquet, or lacks the image column
     */
    public static List<Part> scan(List<String> files, Opener opener) throws IOException {
        List<Part> parts = new ArrayList<>(files.size());
        for (String f : files) {
            try (ParquetFileReader r = open(opener, f)) {
                requireImageColumn(r.getFooter().getFileMetaData().getSchema(), f);
                List<Long> rows = new ArrayList<>();
                for (BlockMetaData b : r.getRowGroups()) {
                    rows.add(b.getRowCount());
                }
                parts.add(new Part(f, rows));
            } catch (RuntimeException e) {
                throw new IOException("Cannot read the Parquet footer of " + f + ": " + e.getMessage(), e);
            }
        }
        return parts;
    }

    private static ParquetFileReader open(Opener opener, String file) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(HadoopFreeCodecFactory.INSTANCE).build();
        return ParquetFileReader.open(opener.open(file), options);
    }

    private static void requireImageColumn(MessageType schema, String file) throws IOException {
        if (!schema.containsField("image") || schema.getType("image").isPrimitive()
                || !schema.getType("image").asGroupType().containsField("bytes")
                || !schema.getType("image").asGroupType().getType("bytes").isPrimitive()
                || schema.getType("image").asGroupType().getType("bytes").asPrimitiveType().getPrimitiveTypeName()
                        != PrimitiveTypeName.BINARY) {
            throw new IOException(file + " has no column image struct<bytes: binary, path: string> (Hugging Face "
                    + "image-dataset layout); its schema is " + schema);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Frame load(int index) throws IOException {
        FrameSource.checkIndex(index, size);
        int group = groupOf(index);
        Group row = rowGroup(group).get((int) (index - start[group]));
        Part part = parts.get(groupFile[group]);
        long rowInFile = index - start[group];
        for (int g = 0; g < groupInFile[group]; g++) {
            rowInFile += part.rowGroupRows().get(g);
        }
        String where = part.path() + " row " + rowInFile;
        try {
            return toFrame(row, part, rowInFile, maxPixels);
        } catch (IOException | RuntimeException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
    }

    /** The Parquet file that holds row {@code index}. */
    @Override
    public List<Path> inputFiles(int index) {
        FrameSource.checkIndex(index, size);
        return List.of(Path.of(parts.get(groupFile[groupOf(index)]).path()));
    }

    /** The Parquet file that holds row {@code index}, as given. */
    @Override
    public Optional<String> containerOf(int index) {
        FrameSource.checkIndex(index, size);
        return Optional.of(parts.get(groupFile[groupOf(index)]).path());
    }

    /** The row group holding global row {@code index}. */
    private int groupOf(int index) {
        return PartStarts.partOf(start, index);
    }

    private synchronized List<Group> rowGroup(int group) throws IOException {
        if (group == cachedGroup) {
            return cachedRows;
        }
        String file = parts.get(groupFile[group]).path();
        try (ParquetFileReader r = open(opener, file)) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            for (String c : COLUMNS) {
                if (schema.containsField(c)) {
                    fields.add(schema.getType(c));
                }
            }
            MessageType projection = new MessageType(schema.getName(), fields);
            r.setRequestedSchema(projection);
            for (int g = 0; g < groupInFile[group]; g++) {
                r.skipNextRowGroup();
            }
            PageReadStore pages = r.readNextRowGroup();
            if (pages == null) {
                throw new IOException(file + " has fewer row groups than its footer listed when scanned (was it "
                        + "rewritten during the run?)");
            }
            RecordReader<Group> reader = new ColumnIOFactory().getColumnIO(projection, schema)
                    .getRecordReader(pages, new GroupRecordConverter(projection));
            List<Group> rows = new ArrayList<>((int) pages.getRowCount());
            for (long i = 0; i < pages.getRowCount(); i++) {
                rows.add(reader.read());
            }
            cachedGroup = group;
            cachedRows = rows;
            return rows;
        } catch (RuntimeException e) {
            throw new IOException("Cannot decode row group " + groupInFile[group] + " of " + file + ": " + e, e);
        }
    }

    private static Frame toFrame(Group row, Part part, long rowInFile, long maxPixels) throws IOException {
        Group image = has(row, "image") ? row.getGroup("image", 0) : null;
        if (image == null || !has(image, "bytes")) {
            throw new IOException("image.bytes is null");
        }
        String id;
        if (has(row, "id")) {
            id = row.getString("id", 0);
        } else if (has(image, "path") && !image.getString("path", 0).isEmpty()) {
            id = image.getString("path", 0);
        } else {
            String name = Path.of(part.path()).getFileName().toString().replaceFirst("\\.parquet$", "");
            id = name + "-" + rowInFile;
        }
        RgbImage rgb = ColorImages.decode(image.getBinary("bytes", 0).getBytes(), maxPixels);
        Optional<DepthMap> depth = Optional.empty();
        if (has(row, "depth_png")) {
            if (!has(row, "depth_scale")) {
                throw new IOException("depth_png is set but depth_scale (units per meter, double) is null");
            }
            double scale = row.getDouble("depth_scale", 0);
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IOException("Invalid depth_scale: " + scale + " (units per meter, must be finite and > 0)");
            }
            depth = Optional.of(DepthPng.decode(row.getBinary("depth_png", 0).getBytes(), scale, maxPixels));
        }
        Optional<CameraIntrinsics> intrinsics = Optional.empty();
        if (has(row, "intrinsics_json")) {
            JsonNode k = JSON.readTree(row.getString("intrinsics_json", 0));
            intrinsics = Optional.of(new CameraIntrinsics(number(k, "fx"), number(k, "fy"), number(k, "cx"),
                    number(k, "cy"), rgb.width(), rgb.height()));
        }
        Optional<LabelImage> labels = Optional.empty();
        Map<Integer, String> captions = Map.of();
        if (has(row, "labels_png")) {
            labels = Optional.of(LabelPng.decode(row.getBinary("labels_png", 0).getBytes(), maxPixels));
            if (!has(row, "captions_json")) {
                throw new IOException("labels_png is set but captions_json is null (expected {\"1\": \"red chair\"})");
            }
            captions = captions(row.getString("captions_json", 0));
        }
        return new Frame(id, rgb, depth, intrinsics, labels, captions, Optional.empty());
    }

    private static boolean has(Group g, String field) {
        GroupType type = g.getType();
        return type.containsField(field) && g.getFieldRepetitionCount(field) > 0;
    }

    private static double number(JsonNode node, String field) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IOException("intrinsics_json field \"" + field + "\" is "
                    + (v == null ? "missing" : "not a number: " + v) + " (expected pixels)");
        }
        return v.asDouble();
    }

    private static Map<Integer, String> captions(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (!root.isObject()) {
            throw new IOException("captions_json: expected an object mapping ids to captions, got " + root.getNodeType());
        }
        Map<Integer, String> captions = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            int id;
            try {
                id = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                throw new IOException("captions_json: id '" + e.getKey() + "' is not an integer", ex);
            }
            if (id <= 0 || !e.getValue().isTextual()) {
                throw new IOException("captions_json: entry " + e.getKey() + "=" + e.getValue()
                        + " (ids must be positive integers mapped to caption strings)");
            }
            captions.put(id, e.getValue().asText());
        }
        return captions;
    }

    @Override
    public String describe() {
        return "parquet: " + size + " rows in " + parts.size() + " file" + (parts.size() == 1 ? "" : "s");
    }
}
