package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.OutputLock;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The output directory of a run on cluster storage, through Hadoop's {@link FileSystem} API: {@code hdfs://},
 * {@code s3a://}, {@code gs://}, {@code abfs://}, {@code file://} (whatever connectors the Spark installation
 * has). The final layout is {@link ShardedOutput}'s, byte for byte; only the way there differs, because on
 * object stores a rename is a copy and not atomic, and several attempts of one task may run at once.
 *
 * <p>The commit protocol:
 * <ol>
 * <li>A task attempt writes its shard with {@link ShardedOutput} into a task-local temporary directory (the
 *     same code and bytes as the local runner: images, one file per format, the skipped frames, the
 *     shard's marker listing every file with its size and SHA-256), then uploads these files, the marker
 *     last, under its own attempt path {@code _attempts/<run>/part-NNNNN-<attempt>/}. It never writes a
 *     final path.</li>
 * <li>The driver, for each task result Spark accepted (one per shard), checks the attempt's files against
 *     the attempt's marker (present, same sizes), moves them to their final paths, and then places the
 *     marker at {@code _shards/part-NNNNN.done}: the marker is the shard's commit record. A shard counts as
 *     written only once its marker is there; a shard's final files without a marker are overwritten when
 *     the shard is committed again, so nothing is duplicated. Then it deletes the attempt path.</li>
 * <li>Readers and resumption trust only markers: a restarted run lists them, checks each committed
 *     shard's files (present, with the sizes committed; the SHA-256 is not recomputed, which would read
 *     the whole output back), uncommits a damaged shard, deletes every leftover attempt path, and runs
 *     the other shards. Unlike {@link ShardedOutput#verifyCommitted}, it does not re-run a committed
 *     shard whose skipped frames' input files changed since.</li>
 * <li>At the end the driver mirrors, into a local temporary directory, the markers and the files the
 *     run-level files are built from ({@code skipped/}, the LLaVA parts, {@code objects/}), writes
 *     {@code llava.json}, {@code dataset_info.json}, {@code skipped.jsonl} and {@code manifest.json} there
 *     with {@link ShardedOutput#finish(int, java.util.function.Predicate)}, and uploads them, the manifest
 *     last.</li>
 * </ol>
 *
 * <p>The lock: {@code .spatialvlm4j.lock} ({@link OutputLock#FILE}), created with
 * {@code create(overwrite = false)} and deleted when the run ends. On HDFS the creation is atomic; on an
 * object store it is only as exclusive as the connector's create (S3A checks, then writes: two drivers
 * starting at the same moment may both get it). A driver that is killed (SIGKILL, lost node) leaves the
 * lock behind: the next run refuses to start and names it; delete it when no run is alive.
 */
final class ClusterOutput {

    /** The attempt paths, under the output directory; deleted at the start and the end of a run. */
    static final String ATTEMPTS_DIR = "_attempts";

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):.*");

    private final FileSystem fs;
    private final org.apache.hadoop.fs.Path root;

    private ClusterOutput(FileSystem fs, org.apache.hadoop.fs.Path root) {
        this.fs = fs;
        this.root = root;
    }

    /**
     * Whether {@code location} is a URI with a scheme ({@code hdfs://nn/out}, {@code s3a://bucket/out},
     * {@code file:///data/out}) rather than a plain path, which the local file system serves directly.
     * A one-letter scheme is a Windows drive, not a URI.
     */
    static boolean isUri(String location) {
        return SCHEME.matcher(location).matches();
    }

    /** The output at {@code uri}, through its file system. */
    static ClusterOutput open(String uri, HadoopConf conf) throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = root.getFileSystem(conf.configuration());
        if (fs instanceof LocalFileSystem local) {
            // file://: the files themselves, without Hadoop's .crc side files, as the local runner writes them.
            fs = local.getRawFileSystem();
        }
        return new ClusterOutput(fs, fs.makeQualified(root));
    }

    /** The output directory, qualified ({@code hdfs://namenode:8020/out}). */
    String location() {
        return root.toString();
    }

    private org.apache.hadoop.fs.Path at(String relative) {
        return new org.apache.hadoop.fs.Path(root, relative);
    }

    private org.apache.hadoop.fs.Path markerPath(int shard) {
        return at(ShardedOutput.markerName(shard));
    }

    /** Whether shard {@code shard} is committed: its marker is in place. */
    boolean isCommitted(int shard) throws IOException {
        return fs.exists(markerPath(shard));
    }

    /** The attempt path of one task attempt, relative to the output directory. */
    static String attemptDir(String runId, int shard, int attempt) {
        return ATTEMPTS_DIR + "/" + runId + "/" + ShardedOutput.shardName(shard) + "-" + attempt;
    }

    // ---- the lock -------------------------------------------------------------------------------

    /** The run's hold on the output directory; {@link #close} deletes the lock. */
    final class Lock implements AutoCloseable {
        private final org.apache.hadoop.fs.Path file;

        private Lock(org.apache.hadoop.fs.Path file) {
            this.file = file;
        }

        @Override
        public void close() throws IOException {
            fs.delete(file, false);
        }
    }

    /**
     * Creates the lock object, refusing when it exists.
     *
     * @throws IllegalStateException naming the lock and what it holds, when it exists
     */
    Lock lock(String runId) throws IOException {
        fs.mkdirs(root);
        org.apache.hadoop.fs.Path file = at(OutputLock.FILE);
        String me = "run " + runId + " on host " + InetAddress.getLocalHost().getHostName() + " since "
                + Instant.now() + "\n";
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(me.getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw lockedBy(file);
        } catch (IOException e) {
            if (fs.exists(file)) {
                throw lockedBy(file);
            }
            throw e;
        }
        return new Lock(file);
    }

    private IllegalStateException lockedBy(org.apache.hadoop.fs.Path file) throws IOException {
        String holder;
        try (InputStream in = fs.open(file)) {
            holder = new String(in.readNBytes(400), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            holder = "unreadable: " + e.getMessage();
        }
        return new IllegalStateException("Output " + root + " is locked by another run (" + holder + "): wait for it"
                + " to end or write elsewhere; if no such run is alive (a killed driver leaves its lock), delete "
                + file);
    }

    // ---- the driver: start, commit, finish ---------------------------------------------------------

    /** Deletes every attempt path (leftovers of killed attempts and runs); call under the lock. */
    void deleteAttempts() throws IOException {
        fs.delete(at(ATTEMPTS_DIR), true);
    }

    /**
     * Checks the run file ({@code _shards/run.json}: same formats and options, written when absent) and every
     * committed shard: each file its marker lists must exist with the size it was committed with, else the
     * shard is uncommitted (its marker deleted) and so written again.
     *
     * @return one note per shard uncommitted, in shard order
     * @throws IllegalStateException when the directory was started with other formats or options
     */
    List<String> start(Set<OutputFormat> formats, Map<String, String> recorded) throws IOException {
        Path mirror = Files.createTempDirectory("spatialvlm4j-driver-");
        try {
            download(ShardedOutput.SHARDS_DIR, mirror);
            boolean hadRunFile = Files.exists(mirror.resolve(ShardedOutput.SHARDS_DIR).resolve(ShardedOutput.RUN_FILE));
            new ShardedOutput(mirror, formats, recorded); // checks or writes run.json
            if (!hadRunFile) {
                String runFile = ShardedOutput.SHARDS_DIR + "/" + ShardedOutput.RUN_FILE;
                upload(mirror.resolve(runFile), at(runFile));
            }
            List<String> notes = new ArrayList<>();
            for (int shard : ShardedOutput.committedShards(mirror)) {
                String problem;
                try {
                    Path marker = mirror.resolve(ShardedOutput.markerName(shard));
                    problem = damage(ShardedOutput.markerFiles(marker, shard), root);
                } catch (IOException e) {
                    problem = e.getMessage();
                }
                if (problem != null) {
                    fs.delete(markerPath(shard), false);
                    notes.add("shard " + shard + ": " + problem + "; written again");
                }
            }
            return notes;
        } finally {
            AtomicFiles.deleteTree(mirror);
        }
    }

    /** The first file of {@code files} missing under {@code base} or of another size, described; null when none. */
    private String damage(List<ShardedOutput.FileEntry> files, org.apache.hadoop.fs.Path base) throws IOException {
        for (ShardedOutput.FileEntry e : files) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(base, e.path());
            FileStatus st;
            try {
                st = fs.getFileStatus(p);
            } catch (java.io.FileNotFoundException missing) {
                return e.path() + " is missing";
            }
            if (st.getLen() != e.size()) {
                return e.path() + " is " + st.getLen() + " bytes, committed with " + e.size();
            }
        }
        return null;
    }

    /**
     * Commits the shard that attempt {@code attempt} of run {@code runId} uploaded: checks its files against
     * its marker, moves them to their final paths (replacing what an uncommitted earlier attempt left), then
     * places the marker, then deletes the attempt path. A shard already committed (by this run, or found so
     * by the task) is left as it is.
     *
     * @throws IllegalStateException when the attempt's files are incomplete (a bug: Spark accepted the result
     *     of an attempt that returned only after its upload)
     */
    void commit(String runId, int shard, int attempt) throws IOException {
        org.apache.hadoop.fs.Path dir = at(attemptDir(runId, shard, attempt));
        if (isCommitted(shard)) {
            fs.delete(dir, true);
            return;
        }
        String markerName = ShardedOutput.markerName(shard);
        Path local = Files.createTempFile("spatialvlm4j-marker-", ".done");
        List<ShardedOutput.FileEntry> files;
        try {
            try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(dir, markerName))) {
                Files.copy(in, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.FileNotFoundException e) {
                throw new IllegalStateException("Attempt " + dir + " of shard " + shard + " has no marker", e);
            }
            files = ShardedOutput.markerFiles(local, shard);
        } finally {
            Files.deleteIfExists(local);
        }
        String damage = damage(files, dir);
        if (damage != null) {
            throw new IllegalStateException("Attempt " + dir + " of shard " + shard + " is incomplete: " + damage);
        }
        Map<String, Long> moves = new TreeMap<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            String rel = relative(dir, f.getPath());
            if (!rel.equals(markerName)) {
                moves.put(rel, f.getLen());
            }
        }
        for (Map.Entry<String, Long> m : moves.entrySet()) {
            requireSameImage(m.getKey(), m.getValue(), shard);
            move(new org.apache.hadoop.fs.Path(dir, m.getKey()), at(m.getKey()));
        }
        move(new org.apache.hadoop.fs.Path(dir, markerName), markerPath(shard));
        fs.delete(dir, true);
    }

    /**
     * An image already in place must be the one being committed (a shard written again gives the same
     * bytes; images are named by frame id): a size that differs means two frames of the run map to one image
     * path, as {@link ShardedOutput} refuses on a local disk.
     */
    private void requireSameImage(String rel, long size, int shard) throws IOException {
        if (!rel.startsWith(ShardedOutput.IMAGES_DIR + "/")) {
            return;
        }
        FileStatus existing;
        try {
            existing = fs.getFileStatus(at(rel));
        } catch (java.io.FileNotFoundException absent) {
            return;
        }
        if (existing.getLen() != size) {
            throw new IllegalStateException("Image " + at(rel) + " exists with other content (" + existing.getLen()
                    + " bytes) than shard " + shard + "'s (" + size + " bytes): two frames map to the same image path,"
                    + " or the output directory was written by another run");
        }
    }

    /** Renames {@code from} over {@code to}, replacing it (on object stores a copy, then a delete). */
    private void move(org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to) throws IOException {
        fs.mkdirs(to.getParent());
        fs.delete(to, false);
        if (!fs.rename(from, to)) {
            throw new IOException("Cannot rename " + from + " to " + to);
        }
    }

    /**
     * Writes the run-level files (see the class comment, step 4) and returns the totals.
     *
     * @throws IllegalStateException when a shard of {@code 0 .. shardCount-1} is not committed
     */
    ShardedOutput.Totals finish(Set<OutputFormat> formats, Map<String, String> recorded, int shardCount)
            throws IOException {
        Path mirror = Files.createTempDirectory("spatialvlm4j-driver-");
        try {
            download(ShardedOutput.SHARDS_DIR, mirror);
            download(ShardedOutput.SKIPPED_DIR, mirror);
            download(ShardedOutput.OBJECTS_DIR, mirror);
            if (formats.contains(OutputFormat.LLAVA)) {
                download(OutputFormat.LLAVA.directory(), mirror);
            }
            ShardedOutput output = new ShardedOutput(mirror, formats, recorded);
            ShardedOutput.Totals totals = output.finish(shardCount, rel -> {
                try {
                    return fs.exists(at(rel));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<Path> runFiles;
            try (Stream<Path> top = Files.list(mirror)) {
                runFiles = top.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals(ShardedOutput.MANIFEST)).sorted().toList();
            }
            for (Path f : runFiles) {
                upload(f, at(f.getFileName().toString()));
            }
            upload(mirror.resolve(ShardedOutput.MANIFEST), at(ShardedOutput.MANIFEST));
            deleteAttempts();
            return totals;
        } finally {
            AtomicFiles.deleteTree(mirror);
        }
    }

    // ---- transfers ----------------------------------------------------------------------------------

    /** Copies the output's file {@code relative} to the local file {@code target}, replacing it. */
    void copyToLocal(String relative, Path target) throws IOException {
        try (InputStream in = fs.open(at(relative))) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies the remote folder {@code relative} (recursively, when it exists) into {@code local}. */
    private void download(String relative, Path local) throws IOException {
        org.apache.hadoop.fs.Path dir = at(relative);
        if (!fs.exists(dir)) {
            return;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            org.apache.hadoop.fs.Path p = it.next().getPath();
            Path target = local.resolve(relative(root, p));
            Files.createDirectories(target.getParent());
            try (InputStream in = fs.open(p)) {
                Files.copy(in, target);
            }
        }
    }

    /** The path of {@code file} under {@code base}, with forward slashes. */
    private static String relative(org.apache.hadoop.fs.Path base, org.apache.hadoop.fs.Path file) {
        String b = base.toUri().getPath();
        String prefix = b.endsWith("/") ? b : b + "/";
        String f = file.toUri().getPath();
        if (!f.startsWith(prefix)) {
            throw new IllegalStateException(file + " is not under " + base);
        }
        return f.substring(prefix.length());
    }

    private void upload(Path local, org.apache.hadoop.fs.Path target) throws IOException {
        try (OutputStream out = fs.create(target, true); InputStream in = Files.newInputStream(local)) {
            in.transferTo(out);
        }
    }

    // ---- the task attempt --------------------------------------------------------------------------

    /**
     * Uploads a shard that a task attempt wrote with {@link ShardedOutput} into the local directory
     * {@code staged} to its attempt path: every file except the run file, the shard's marker last.
     * What an earlier try of the same attempt path left is deleted first.
     */
    void uploadAttempt(Path staged, String runId, int shard, int attempt) throws IOException {
        org.apache.hadoop.fs.Path dir = at(attemptDir(runId, shard, attempt));
        fs.delete(dir, true);
        String runFile = ShardedOutput.SHARDS_DIR + "/" + ShardedOutput.RUN_FILE;
        String marker = ShardedOutput.markerName(shard);
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(staged)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.add(staged.relativize(p).toString().replace(java.io.File.separatorChar, '/'));
            }
        }
        if (!files.contains(marker)) {
            throw new IllegalStateException("Shard " + shard + " was not committed in " + staged);
        }
        files.sort(Comparator.naturalOrder());
        for (String rel : files) {
            if (!rel.equals(runFile) && !rel.equals(marker)) {
                upload(staged.resolve(rel), new org.apache.hadoop.fs.Path(dir, rel));
            }
        }
        upload(staged.resolve(marker), new org.apache.hadoop.fs.Path(dir, marker));
    }

    /**
     * The driver's Hadoop configuration, shipped to the tasks (a {@link Configuration} is not serializable):
     * every entry, so that {@code spark.hadoop.*} settings (credentials, endpoints) reach the executors.
     *
     * @param entries the configuration's entries
     */
    record HadoopConf(Map<String, String> entries) implements Serializable {
        HadoopConf {
            entries = Map.copyOf(Objects.requireNonNull(entries, "entries"));
        }

        /** A copy of {@code conf}'s entries. */
        static HadoopConf of(Configuration conf) {
            Map<String, String> m = new TreeMap<>();
            for (Map.Entry<String, String> e : conf) {
                m.put(e.getKey(), e.getValue());
            }
            return new HadoopConf(m);
        }

        /** A configuration holding these entries (and no default resource). */
        Configuration configuration() {
            Configuration c = new Configuration(false);
            entries.forEach(c::set);
            return c;
        }
    }
}
