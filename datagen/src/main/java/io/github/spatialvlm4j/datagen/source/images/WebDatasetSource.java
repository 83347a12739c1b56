package io.github.spatialvlm4j.datagen.source.images;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.FileNames;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.PartStarts;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.ImageTooLargeException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Photos from WebDataset shards: {@code .tar} files whose members are grouped by key, the member's path up
 * to the first dot of its file name ({@code 000123.jpg}, {@code 000123.json}, {@code 000123.txt} are one
 * sample, key {@code 000123}). A sample with a {@code jpg}, {@code jpeg} or {@code png} member is a frame;
 * its other members ({@code json}, {@code txt}, ...) are not read. Frames follow the shards in file-name
 * order and, within a shard, the order in which their keys first appear; the frame id is the key, with
 * {@code /} replaced by {@code _}. Like {@link ImageFolderSource}, frames carry only the image: depth,
 * intrinsics, masks and captions come from the perception models.
 *
 * <p>Tar layout read: POSIX ustar and GNU headers (with the ustar prefix, GNU long names and PAX
 * {@code path} records); directories, links and other special members are passed over. A header whose
 * checksum does not match, or a member that runs past the end of the file, is an error naming the shard
 * and the offset.
 *
 * <p>Indexing: {@link #scan} reads every shard's headers once (one 512-byte read per member, the image
 * bytes are skipped) to count the frames and check the keys; the counts travel with the source to the
 * runner's tasks. A task indexes only the shards that hold its frames (headers again, no image bytes),
 * keeping the last one's index, and reads each frame's image with one positioned read: a shard of a
 * 10 GB tar reads its own images and the tar's headers, not the whole file. Thread-safe.
 */
public final class WebDatasetSource implements FrameSource {

    /** The image members' extensions, in order of preference. */
    private static final List<String> IMAGE_EXTENSIONS = List.of("jpg", "jpeg", "png");
    private static final int BLOCK = 512;

    /**
     * A shard of the dataset.
     *
     * @param path the {@code .tar} file
     * @param frames its samples with an image, in order
     */
    public record Shard(String path, int frames) implements Serializable {
        public Shard {
            Objects.requireNonNull(path, "path");
            if (frames < 0) {
                throw new IllegalArgumentException("Invalid frame count of " + path + ": " + frames);
            }
        }
    }

    /**
     * A scanned dataset: its shards and what the scan noticed.
     *
     * @param shards the shards, in order
     * @param warnings one line each (samples without an image), for {@link FrameSource#warnings()}
     */
    public record Index(List<Shard> shards, List<String> warnings) implements Serializable {
        public Index {
            shards = List.copyOf(shards);
            warnings = List.copyOf(warnings);
        }

        /** Frames over all shards. */
        public long frames() {
            return shards.stream().mapToLong(Shard::frames).sum();
        }
    }

    /** One frame's image member in its shard. */
    private record Entry(String id, String member, long offset, long size) {
    }

    private final Index index;
    private final long[] start;
    private final int size;
    private final long maxPixels;

    private int cachedShard = -1;
    private List<Entry> cachedEntries = List.of();

    /**
     * A source over a scanned dataset ({@link #scan}).
     *
     * @param maxPixels the most pixels a photo may have, &gt;= 1; a larger one fails to load, naming it
     * @throws IllegalArgumentException when the dataset holds more than {@link Integer#MAX_VALUE} frames
     */
    public WebDatasetSource(Index index, long maxPixels) {
        ImageTooLargeException.requireLimit(maxPixels);
        this.index = Objects.requireNonNull(index, "index");
        this.maxPixels = maxPixels;
        List<Shard> shards = index.shards();
        start = new long[shards.size() + 1];
        for (int s = 0; s < shards.size(); s++) {
            start[s + 1] = start[s] + shards.get(s).frames();
        }
        if (start[shards.size()] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("WebDataset has " + start[shards.size()] + " frames (at most "
                    + Integer.MAX_VALUE + " per run: split it)");
        }
        size = (int) start[shards.size()];
    }

    /**
     * Whether {@code input} is a WebDataset: a {@code .tar} file, or a folder holding {@code .tar} files.
     */
    public static boolean isWebDataset(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return isTar(input);
        }
        if (!Files.isDirectory(input)) {
            return false;
        }
        try (Stream<Path> listing = Files.list(input)) {
            return listing.anyMatch(p -> Files.isRegularFile(p) && isTar(p));
        }
    }

    private static boolean isTar(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".tar");
    }

    /**
     * Lists and indexes a dataset: {@code input} itself when it is a {@code .tar} file, else every
     * {@code .tar} file directly in the folder, sorted by name. Reads every member header once.
     *
     * @throws IOException naming the shard when it is not a readable tar, when the folder also holds photos
     *     or holds no frame at all, or when two samples have the same id
     */
    public static Index scan(Path input) throws IOException {
        List<Path> tars = new ArrayList<>();
        if (Files.isRegularFile(input)) {
            tars.add(input);
        } else {
            List<String> photos = new ArrayList<>();
            try (Stream<Path> listing = Files.list(input)) {
                for (Path p : (Iterable<Path>) listing.sorted()::iterator) {
                    String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (isTar(p)) {
                        tars.add(p);
                    } else if (IMAGE_EXTENSIONS.stream().anyMatch(x -> lower.endsWith("." + x))) {
                        photos.add(p.getFileName().toString());
                    }
                }
            }
            if (!photos.isEmpty()) {
                throw new IOException(input + " holds WebDataset .tar shards and photos ("
                        + FileNames.firstFew(photos) + "): give one kind per folder");
            }
        }
        List<Shard> shards = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        long withoutImage = 0;
        List<String> examples = new ArrayList<>();
        for (Path tar : tars) {
            Samples samples = samples(tar);
            for (Entry e : samples.frames()) {
                String previous = seen.putIfAbsent(e.id(), tar + ":" + e.member());
                if (previous != null) {
                    throw new IOException("Frame id " + e.id() + " appears twice: " + previous + " and " + tar + ":"
                            + e.member());
                }
            }
            shards.add(new Shard(tar.toString(), samples.frames().size()));
            withoutImage += samples.withoutImage().size();
            for (String k : samples.withoutImage()) {
                if (examples.size() < FileNames.SHOWN) {
                    examples.add(tar.getFileName() + ":" + k);
                }
            }
        }
        if (seen.isEmpty()) {
            throw new IOException("No photo in the WebDataset " + input + ": expected <key>.jpg, <key>.jpeg or"
                    + " <key>.png members in " + tars.size() + " .tar file" + (tars.size() == 1 ? "" : "s"));
        }
        List<String> warnings = withoutImage == 0 ? List.of()
                : List.of(withoutImage + " WebDataset sample" + (withoutImage == 1 ? " has" : "s have")
                        + " no .jpg/.jpeg/.png member and " + (withoutImage == 1 ? "is" : "are") + " not read: "
                        + String.join(", ", examples) + (withoutImage > examples.size() ? ", ..." : ""));
        return new Index(shards, warnings);
    }

    /** The frames of one shard, in order, and the keys of the samples without an image. */
    private record Samples(List<Entry> frames, List<String> withoutImage) {
    }

    private static Samples samples(Path tar) throws IOException {
        Map<String, Map<String, Member>> byKey = new LinkedHashMap<>();
        for (Member m : members(tar)) {
            int slash = m.name().lastIndexOf('/');
            String base = m.name().substring(slash + 1);
            int dot = base.indexOf('.');
            if (dot <= 0) {
                continue; // no extension, or a dot-file: belongs to no sample
            }
            String key = m.name().substring(0, slash + 1 + dot);
            String ext = base.substring(dot + 1).toLowerCase(Locale.ROOT);
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(ext, m);
        }
        List<Entry> frames = new ArrayList<>();
        List<String> withoutImage = new ArrayList<>();
        for (Map.Entry<String, Map<String, Member>> e : byKey.entrySet()) {
            List<String> images = IMAGE_EXTENSIONS.stream().filter(e.getValue()::containsKey).toList();
            if (images.isEmpty()) {
                withoutImage.add(e.getKey());
                continue;
            }
            if (images.size() > 1) {
                throw new IOException(tar + ": sample " + e.getKey() + " has " + images.size() + " images ("
                        + String.join(", ", images) + "): expected one");
            }
            Member m = e.getValue().get(images.get(0));
            frames.add(new Entry(e.getKey().replace('/', '_'), m.name(), m.offset(), m.size()));
        }
        return new Samples(frames, withoutImage);
    }

    /** A regular file in a tar: its path, where its bytes start, how many. */
    private record Member(String name, long offset, long size) {
    }

    /** The regular-file members of a tar, in order, from their headers only. */
    private static List<Member> members(Path tar) throws IOException {
        List<Member> members = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(tar, StandardOpenOption.READ)) {
            long length = ch.size();
            long pos = 0;
            String longName = null;
            String paxPath = null;
            ByteBuffer header = ByteBuffer.allocate(BLOCK);
            while (true) {
                if (pos + BLOCK > length) {
                    if (pos == length && pos > 0) {
                        break; // no end-of-archive blocks: tolerated, as GNU tar does with a warning
                    }
                    throw new IOException(tar + " is truncated: a header at offset " + pos + " runs past its "
                            + length + " bytes");
                }
                readFully(ch, header.clear(), pos, tar);
                byte[] h = header.array();
                if (allZero(h)) {
                    break;
                }
                checkChecksum(h, tar, pos);
                long size = number(h, 124, 12, tar, pos);
                byte type = h[156];
                long data = pos + BLOCK;
                long next = data + (size + BLOCK - 1) / BLOCK * BLOCK;
                if (size < 0 || data + size > length) {
                    throw new IOException(tar + " is truncated: member at offset " + pos + " has " + size
                            + " bytes, past the file's end");
                }
                switch (type) {
                    case 'L' -> longName = cString(readBytes(ch, data, size, tar), 0, (int) size);
                    case 'x' -> paxPath = paxPath(readBytes(ch, data, size, tar), tar, pos);
                    case 'g' -> { }
                    case '0', 0, '7' -> {
                        String name = paxPath != null ? paxPath : longName != null ? longName : ustarName(h);
                        members.add(new Member(name, data, size));
                        longName = null;
                        paxPath = null;
                    }
                    default -> {
                        longName = null;
                        paxPath = null;
                    }
                }
                pos = next;
            }
        }
        return members;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkChecksum(byte[] h, Path tar, long pos) throws IOException {
        long stored = number(h, 148, 8, tar, pos);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        if (sum != stored) {
            throw new IOException(tar + " is not a tar file: the header at offset " + pos + " has checksum " + stored
                    + ", its bytes sum to " + sum);
        }
    }

    /** An octal field (NUL- or space-terminated), or a base-256 one (high bit of its first byte set). */
    private static long number(byte[] h, int offset, int length, Path tar, long pos) throws IOException {
        if ((h[offset] & 0x80) != 0) {
            long v = h[offset] & 0x7f;
            for (int i = offset + 1; i < offset + length; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = offset;
        while (i < offset + length && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        for (; i < offset + length && h[i] != 0 && h[i] != ' '; i++) {
            if (h[i] < '0' || h[i] > '7') {
                throw new IOException(tar + " is not a tar file: header field at offset " + (pos + offset)
                        + " is not an octal number");
            }
            v = (v << 3) | (h[i] - '0');
        }
        return v;
    }

    private static String ustarName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** The {@code path} record of a PAX extended header ({@code "<len> path=<value>\n"} records), or null. */
    private static String paxPath(byte[] records, Path tar, long pos) throws IOException {
        int i = 0;
        String path = null;
        while (i < records.length && records[i] != 0) {
            int space = i;
            while (space < records.length && records[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(records, i, space - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException(tar + ": malformed PAX header at offset " + pos, e);
            }
            if (len <= space - i || i + len > records.length) {
                throw new IOException(tar + ": malformed PAX record length " + len + " at offset " + pos);
            }
            String record = new String(records, space + 1, i + len - space - 2, StandardCharsets.UTF_8);
            if (record.startsWith("path=")) {
                path = record.substring(5);
            }
            i += len;
        }
        return path;
    }

    private static byte[] readBytes(FileChannel ch, long offset, long size, Path tar) throws IOException {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException(tar + ": member at offset " + offset + " has " + size + " bytes (too large)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        readFully(ch, buf, offset, tar);
        return buf.array();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long offset, Path tar) throws IOException {
        long at = offset;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new EOFException(tar + " ends at offset " + at + " inside a member");
            }
            at += n;
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** The shard holding frame {@code index}. */
    private int shardOf(int index) {
        return PartStarts.partOf(start, FrameSource.checkIndex(index, size));
    }

    /** The frames of shard {@code s}, from its headers (kept for the next call). */
    private synchronized List<Entry> entries(int s) throws IOException {
        if (s != cachedShard) {
            Shard shard = index.shards().get(s);
            List<Entry> frames = samples(Path.of(shard.path())).frames();
            if (frames.size() != shard.frames()) {
                throw new IOException(shard.path() + " holds " + frames.size() + " photos, " + shard.frames()
                        + " when the run started (was it rewritten during the run?)");
            }
            cachedShard = s;
            cachedEntries = frames;
        }
        return cachedEntries;
    }

    private Entry entry(int index) throws IOException {
        int s = shardOf(index);
        return entries(s).get((int) (index - start[s]));
    }

    @Override
    public Optional<String> idOf(int index) {
        try {
            return Optional.of(entry(index).id());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code .tar} file that holds frame {@code index}. */
    @Override
    public List<Path> inputFiles(int index) {
        return List.of(Path.of(this.index.shards().get(shardOf(index)).path()));
    }

    /** The {@code .tar} shard that holds frame {@code index}. */
    @Override
    public Optional<String> containerOf(int index) {
        return Optional.of(this.index.shards().get(shardOf(index)).path());
    }

    @Override
    public List<String> warnings() {
        return index.warnings();
    }

    @Override
    public Frame load(int index) throws IOException {
        Path tar = Path.of(this.index.shards().get(shardOf(index)).path());
        Entry e = entry(index);
        String where = tar + ":" + e.member();
        byte[] bytes;
        try (FileChannel ch = FileChannel.open(tar, StandardOpenOption.READ)) {
            if (e.size() > Integer.MAX_VALUE - 8) {
                throw new IOException(where + " has " + e.size() + " bytes (too large for one photo)");
            }
            bytes = readBytes(ch, e.offset(), e.size(), tar);
        }
        ColorImages.Decoded photo = ColorImages.decode(bytes, where, maxPixels);
        return new Frame(e.id(), photo.image(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty()).withImagePng(photo.png());
    }

    @Override
    public String describe() {
        int shards = index.shards().size();
        return "webdataset: " + size + " photos in " + shards + " .tar shard" + (shards == 1 ? "" : "s");
    }
}
