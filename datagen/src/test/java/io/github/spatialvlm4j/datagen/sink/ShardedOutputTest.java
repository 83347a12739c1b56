package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.runner.FrameSkip;
import io.github.spatialvlm4j.datagen.runner.InputFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedOutputTest {

    private static final Set<OutputFormat> ALL = EnumSet.allOf(OutputFormat.class);
    private static final Map<String, String> OPTIONS = Map.of("seed", "42", "exact", "false");
    private static final int SHARDS = 4;
    private static final int PER_SHARD = 6;

    @TempDir
    Path tmp;

    /** The run's records, shard by shard; the same for every call. */
    private static List<List<FrameRecord>> shards() {
        List<FrameRecord> all = SinkFixtures.records(new Random(77), "synthetic", SHARDS * PER_SHARD);
        List<List<FrameRecord>> shards = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            shards.add(all.subList(s * PER_SHARD, (s + 1) * PER_SHARD));
        }
        return shards;
    }

    /** Every file under {@code dir}: relative path (forward slashes) to content. */
    private static TreeMap<String, byte[]> tree(Path dir) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        TreeMap<String, byte[]> a = tree(expected);
        TreeMap<String, byte[]> b = tree(actual);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
    }

    private static Path uninterruptedRun(Path dir) throws IOException {
        ShardedOutput out = new ShardedOutput(dir, ALL, OPTIONS);
        List<List<FrameRecord>> shards = shards();
        for (int s = 0; s < SHARDS; s++) {
            out.writeShard(s, shards.get(s));
        }
        out.finish(SHARDS);
        return dir;
    }

    @Test
    void finishedRunHasEveryFileWithTheRightContent() throws Exception {
        Path dir = uninterruptedRun(tmp.resolve("run"));
        List<List<FrameRecord>> shards = shards();
        JsonSchema schema = RecordJsonTest.schema();
        Set<String> ids = new HashSet<>();
        int conversations = 0;
        int questions = 0;
        List<String> llavaIds = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            List<FrameRecord> records = shards.get(s);
            List<String> lines = Files.readAllLines(dir.resolve(OutputFormat.JSONL.shardFile(s)));
            assertEquals(records.size(), lines.size());
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(RecordJson.toJson(records.get(i)), lines.get(i));
                assertTrue(schema.validate(RecordJson.readTree(lines.get(i))).isEmpty());
                assertTrue(ids.add(records.get(i).frameId()));
            }
            for (FrameRecord r : records) {
                assertArrayEquals(r.pngBytes(), Files.readAllBytes(dir.resolve(r.imagePath())));
                questions += r.qa().size();
                if (!r.qa().isEmpty()) {
                    conversations++;
                    llavaIds.add(r.frameId());
                }
            }
            assertEquals(records.stream().filter(r -> !r.qa().isEmpty()).count(),
                    Files.readAllLines(dir.resolve(OutputFormat.SHAREGPT.shardFile(s))).size());
            ParquetShardWriterTest.assertParquetMatches(dir.resolve(OutputFormat.PARQUET.shardFile(s)), records);
            assertTrue(Files.exists(dir.resolve("_shards/part-0000" + s + ".done")));
        }
        // llava.json: the shards' arrays, concatenated in shard order.
        JsonNode llava = Json.MAPPER.readTree(dir.resolve(LlavaFormat.MERGED).toFile());
        List<String> merged = new ArrayList<>();
        llava.forEach(e -> merged.add(e.get("id").asText()));
        assertEquals(llavaIds, merged);
        for (JsonNode e : llava) {
            assertTrue(e.get("conversations").get(0).get("value").asText().startsWith("<image>\n"));
        }
        // dataset_info.json: LLaMA-Factory's description of the ShareGPT directory.
        JsonNode info = Json.MAPPER.readTree(dir.resolve(ShareGptFormat.DATASET_INFO).toFile())
                .get(ShareGptFormat.DATASET_NAME);
        assertEquals("sharegpt", info.get("file_name").asText());
        assertTrue(Files.isDirectory(dir.resolve(info.get("file_name").asText())));
        assertEquals("sharegpt", info.get("formatting").asText());
        assertEquals("messages", info.at("/columns/messages").asText());
        assertEquals("images", info.at("/columns/images").asText());
        assertEquals("role", info.at("/tags/role_tag").asText());
        assertEquals("content", info.at("/tags/content_tag").asText());
        assertEquals("user", info.at("/tags/user_tag").asText());
        assertEquals("assistant", info.at("/tags/assistant_tag").asText());
        // manifest.json
        JsonNode manifest = Json.MAPPER.readTree(dir.resolve(ShardedOutput.MANIFEST).toFile());
        assertEquals("[\"jsonl\",\"llava\",\"sharegpt\",\"parquet\"]", manifest.get("formats").toString());
        assertEquals("{\"exact\":\"false\",\"seed\":\"42\"}", manifest.get("options").toString());
        assertEquals(SHARDS * PER_SHARD, manifest.get("records").asInt());
        assertEquals(questions, manifest.get("questions").asInt());
        assertEquals(conversations, manifest.get("conversations").asInt());
        assertEquals(SHARDS, manifest.get("shards").size());
        assertEquals(PER_SHARD, manifest.get("shards").get(2).get("records").asInt());
        assertFalse(new String(Files.readAllBytes(dir.resolve(ShardedOutput.MANIFEST)), StandardCharsets.UTF_8)
                .contains("\r"));
        assertNoTempFiles(dir);
    }

    private static void assertNoTempFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> temps = walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(temps.isEmpty(), temps.toString());
        }
    }

    @Test
    void restartAfterACrashSkipsFinishedShardsAndMatchesAnUninterruptedRun() throws Exception {
        Path reference = uninterruptedRun(tmp.resolve("reference"));
        Path dir = tmp.resolve("crashed");
        List<List<FrameRecord>> shards = shards();
        ShardedOutput first = new ShardedOutput(dir, ALL, OPTIONS);
        first.writeShard(0, shards.get(0));
        first.writeShard(2, shards.get(2));
        // Shard 1 was killed after some of its files were moved in, before its marker.
        first.writeShard(1, shards.get(1));
        Files.delete(dir.resolve("_shards/part-00001.done"));
        Files.delete(dir.resolve(OutputFormat.PARQUET.shardFile(1)));
        // Shard 3 was killed while writing: only temporary files, some truncated.
        Files.write(dir.resolve("jsonl/.part-00003.jsonl.5f3a.tmp"), "{\"id\":\"synth".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("parquet/.part-00003.parquet.77.tmp"), new byte[] {'P', 'A', 'R', '1'});
        Files.write(dir.resolve("images/.synthetic-019.png.1.tmp"), new byte[] {(byte) 0x89, 'P'});
        Files.write(dir.resolve("_shards/.part-00003.done.9.tmp"), new byte[0]);

        ShardedOutput restarted = new ShardedOutput(dir, ALL, OPTIONS);
        assertNoTempFiles(dir);
        assertEquals(Set.of(0, 2), restarted.committedShards());
        List<Integer> rewritten = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            if (!restarted.isCommitted(s)) {
                restarted.writeShard(s, shards.get(s));
                rewritten.add(s);
            }
        }
        assertEquals(List.of(1, 3), rewritten);
        restarted.finish(SHARDS);
        assertSameTree(reference, dir);
        // No duplicates: every frame once in the JSONL output and in llava.json.
        Set<String> ids = new HashSet<>();
        int lines = 0;
        for (int s = 0; s < SHARDS; s++) {
            for (String line : Files.readAllLines(dir.resolve(OutputFormat.JSONL.shardFile(s)))) {
                assertTrue(ids.add(RecordJson.readTree(line).get("id").asText()), line);
                lines++;
            }
        }
        assertEquals(SHARDS * PER_SHARD, lines);
    }

    @Test
    void shardOrderAndThreadsDoNotChangeTheOutput() throws Exception {
        Path reference = uninterruptedRun(tmp.resolve("reference"));
        List<List<FrameRecord>> shards = shards();
        Path reversed = tmp.resolve("reversed");
        ShardedOutput out = new ShardedOutput(reversed, ALL, OPTIONS);
        for (int s : new int[] {3, 1, 0, 2}) {
            out.writeShard(s, shards.get(s));
        }
        out.finish(SHARDS);
        assertSameTree(reference, reversed);

        Path parallel = tmp.resolve("parallel");
        ShardedOutput shared = new ShardedOutput(parallel, ALL, OPTIONS);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<ShardedOutput.ShardSummary>> done = new ArrayList<>();
            for (int s = SHARDS - 1; s >= 0; s--) {
                int shard = s;
                done.add(pool.submit(() -> shared.writeShard(shard, shards.get(shard))));
            }
            for (Future<ShardedOutput.ShardSummary> f : done) {
                assertEquals(PER_SHARD, f.get().records());
            }
        } finally {
            pool.shutdown();
        }
        shared.finish(SHARDS);
        assertSameTree(reference, parallel);
        // Finishing again rewrites the same bytes.
        new ShardedOutput(parallel, ALL, OPTIONS).finish(SHARDS);
        assertSameTree(reference, parallel);
    }

    /**
     * Spark tasks join one directory from several threads at once; every join re-renders run.json and must
     * match the coordinator's bytes (a pretty printer shared between threads once mixed up the indentation).
     */
    @Test
    void workersJoiningAtOnceAllMatchTheCoordinatorsRunFile() throws Exception {
        Path dir = tmp.resolve("joined");
        new ShardedOutput(dir, ALL, OPTIONS);
        int workers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> joins = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                joins.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        ShardedOutput.join(dir, ALL, OPTIONS, CompressionCodecName.SNAPPY);
                    }
                    return 200;
                }));
            }
            start.countDown();
            for (Future<Integer> f : joins) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The shard's records, every second one with a marked copy (another record's image). */
    private static List<FrameRecord> withMarkedCopies(List<FrameRecord> records) {
        List<FrameRecord> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            FrameRecord r = records.get(i);
            if (i % 2 == 1) {
                byte[] marks = records.get(i - 1).pngBytes();
                r = new FrameRecord(r.frameId(), r.imagePath(), r.pngBytes(), r.facts(), r.qa(), r.refer(), r.masks(),
                        Optional.of(new FrameRecord.Marked(FrameRecord.markedPathFor(r.frameId()), marks)),
                        r.maskSources());
            }
            out.add(r);
        }
        return out;
    }

    @Test
    void imagesWrittenBeforeTheCommitGiveTheSameDirectoryAndLeaveNoBytesInTheRecords() throws Exception {
        Path inMemory = tmp.resolve("in-memory");
        Path early = tmp.resolve("early");
        ShardedOutput a = new ShardedOutput(inMemory, ALL, OPTIONS);
        ShardedOutput b = new ShardedOutput(early, ALL, OPTIONS);
        List<List<FrameRecord>> shards = shards();
        for (int s = 0; s < SHARDS; s++) {
            List<FrameRecord> records = withMarkedCopies(shards.get(s));
            a.writeShard(s, records);
            List<FrameRecord> written = new ArrayList<>();
            for (FrameRecord r : records) {
                FrameRecord w = b.writeImages(r);
                assertEquals(Optional.of(early.resolve(r.imagePath())), w.png().file());
                assertArrayEquals(r.pngBytes(), Files.readAllBytes(early.resolve(r.imagePath())));
                assertEquals(r.png().sha256(), w.png().sha256());
                if (r.marked().isPresent()) {
                    assertEquals(Optional.of(early.resolve(r.marked().get().path())), w.marked().get().png().file());
                    assertArrayEquals(r.marked().get().pngBytes(), w.chatImageBytes());
                }
                assertEquals(RecordJson.toJson(r), RecordJson.toJson(w));
                assertTrue(w == b.writeImages(w), "images already written are not written again");
                written.add(w);
            }
            assertFalse(b.isCommitted(s), "written images do not commit their shard");
            b.writeShard(s, written);
        }
        a.finish(SHARDS);
        b.finish(SHARDS);
        assertSameTree(inMemory, early);

        // A frame whose image path already holds other bytes is refused before anything is written.
        FrameRecord first = shards.get(0).get(0);
        FrameRecord other = shards.get(0).get(1);
        FrameRecord collision = new FrameRecord(other.frameId(), first.imagePath(), other.pngBytes(), other.facts(),
                other.qa());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.writeImages(collision));
        assertTrue(e.getMessage().contains("other content") && e.getMessage().contains(other.frameId()),
                e.getMessage());
        assertArrayEquals(first.pngBytes(), Files.readAllBytes(early.resolve(first.imagePath())));
    }

    @Test
    void imagesOfAShardNeverCommittedAreRemovedBeforeARunResumes() throws Exception {
        Path dir = tmp.resolve("killed");
        List<List<FrameRecord>> shards = shards();
        ShardedOutput first = new ShardedOutput(dir, ALL, OPTIONS);
        first.writeShard(0, shards.get(0));
        FrameRecord ahead = first.writeImages(shards.get(1).get(0)); // then the run is killed
        Path left = dir.resolve(ahead.imagePath());
        assertTrue(Files.exists(left));

        Path notes = dir.resolve("images/notes.txt");
        Files.writeString(notes, "not an image of a record");

        // Resumed after the frame's input changed: its image is another.
        ShardedOutput resumed = new ShardedOutput(dir, ALL, OPTIONS);
        assertEquals(1, resumed.removeUncommittedImages());
        assertFalse(Files.exists(left));
        assertTrue(Files.exists(notes), "only files named as a record's images go");
        for (FrameRecord r : shards.get(0)) {
            assertArrayEquals(r.pngBytes(), Files.readAllBytes(dir.resolve(r.imagePath())), "committed images stay");
        }
        FrameRecord other = shards.get(1).get(1);
        FrameRecord changed = new FrameRecord(ahead.frameId(), ahead.imagePath(), other.pngBytes(), ahead.facts(),
                ahead.qa());
        resumed.writeShard(1, List.of(resumed.writeImages(changed)));
        assertArrayEquals(other.pngBytes(), Files.readAllBytes(left));
        assertEquals(0, resumed.removeUncommittedImages());
        assertTrue(resumed.verifyCommitted(i -> List.of()).isEmpty());

        // A new run's directory is left as it is, whatever its images/ holds.
        Path fresh = tmp.resolve("fresh");
        Files.createDirectories(fresh.resolve("images"));
        Path theirs = fresh.resolve("images/theirs.png");
        Files.write(theirs, other.pngBytes());
        assertEquals(0, new ShardedOutput(fresh, ALL, OPTIONS).removeUncommittedImages());
        assertTrue(Files.exists(theirs));
    }

    @Test
    void anImageChangedOrRemovedAfterItWasWrittenIsNamedWhenReadBack() throws Exception {
        ShardedOutput out = new ShardedOutput(tmp.resolve("out"), ALL, OPTIONS);
        FrameRecord r = out.writeImages(shards().get(0).get(0));
        Path file = r.png().file().orElseThrow();
        Files.write(file, new byte[] {1, 2, 3});
        IllegalStateException changed = assertThrows(IllegalStateException.class, r::pngBytes);
        assertTrue(changed.getMessage().contains(file.toString()) && changed.getMessage().contains("3 bytes"),
                changed.getMessage());
        Files.delete(file);
        java.io.UncheckedIOException gone = assertThrows(java.io.UncheckedIOException.class, r::pngBytes);
        assertTrue(gone.getMessage().contains(file.toString()), gone.getMessage());
    }

    @Test
    void outputPathThatIsAFileIsAClearError() throws IOException {
        Path file = tmp.resolve("out.txt");
        Files.write(file, "keep me".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShardedOutput(file, ALL, OPTIONS));
        assertTrue(e.getMessage().contains("not a directory") && e.getMessage().contains(file.toString()),
                e.getMessage());
        assertEquals("keep me", Files.readString(file));
        assertThrows(IllegalArgumentException.class, () -> new ShardedOutput(tmp.resolve("x"), Set.of(), OPTIONS));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void badInputsNeverTouchCommittedShards() throws Exception {
        Path dir = tmp.resolve("bad");
        List<List<FrameRecord>> shards = shards();
        ShardedOutput out = new ShardedOutput(dir, ALL, OPTIONS);
        out.writeShard(0, shards.get(0));
        TreeMap<String, byte[]> before = tree(dir);

        // A record with a NaN exact answer fails before any file is written.
        FrameRecord good = shards.get(1).get(PER_SHARD - 1);
        assertFalse(good.facts().objects().isEmpty());
        FrameRecord nan = new FrameRecord(good.frameId(), good.imagePath(), good.pngBytes(), good.facts(),
                List.of(new QaPair(Category.WIDTH, List.of(good.facts().objects().get(0).id()), "How wide?", "?",
                        new ExactAnswer.Metric(Double.NaN))));
        List<FrameRecord> withNan = new ArrayList<>(shards.get(1));
        withNan.set(PER_SHARD - 1, nan);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> out.writeShard(1, withNan));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        // Duplicate frame ids within a shard.
        List<FrameRecord> dup = new ArrayList<>(shards.get(1));
        dup.add(dup.get(0));
        e = assertThrows(IllegalArgumentException.class, () -> out.writeShard(1, dup));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
        // A committed shard cannot be written again.
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> out.writeShard(0, shards.get(1)));
        assertTrue(s.getMessage().contains("already committed"), s.getMessage());
        // An image path already holding other bytes.
        FrameRecord other = shards.get(1).get(1);
        FrameRecord collision = new FrameRecord(other.frameId(), shards.get(0).get(0).imagePath(), other.pngBytes(),
                other.facts(), other.qa());
        s = assertThrows(IllegalStateException.class, () -> out.writeShard(2, List.of(collision)));
        assertTrue(s.getMessage().contains("other content"), s.getMessage());
        assertThrows(IllegalArgumentException.class, () -> out.writeShard(100_000, List.of()));
        assertThrows(IllegalArgumentException.class, () -> out.writeShard(-1, List.of()));
        // Finishing with shards missing, or more shards committed than the run has.
        s = assertThrows(IllegalStateException.class, () -> out.finish(SHARDS));
        assertTrue(s.getMessage().contains("[1, 2, 3]"), s.getMessage());
        s = assertThrows(IllegalStateException.class, () -> new ShardedOutput(dir, ALL, OPTIONS).finish(0));
        assertTrue(s.getMessage().contains("[0]"), s.getMessage());
        // Reopening with other options or formats.
        Map<String, String> otherSeed = new TreeMap<>(OPTIONS);
        otherSeed.put("seed", "43");
        s = assertThrows(IllegalStateException.class, () -> new ShardedOutput(dir, ALL, otherSeed));
        assertEquals("Output directory " + dir + " was started with other options (seed: 42 there, 43 now): resume"
                + " with the same options, or use a new directory", s.getMessage(), "one line naming what differs");
        s = assertThrows(IllegalStateException.class,
                () -> new ShardedOutput(dir, EnumSet.of(OutputFormat.JSONL), Map.of("seed", "42")));
        assertTrue(s.getMessage().contains("formats: jsonl,llava,sharegpt,parquet there, jsonl now")
                && s.getMessage().contains("exact: false there, (unset) now") && !s.getMessage().contains("\n"),
                s.getMessage());

        TreeMap<String, byte[]> after = tree(dir);
        assertEquals(before.keySet(), after.keySet(), "only shard 0's files, no partial shard 1 or 2");
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), name);
        }
        assertFalse(out.isCommitted(1));
        assertFalse(out.isCommitted(2));
    }

    @Test
    void emptyShardsAndNoWritesAfterFinish() throws Exception {
        Path dir = tmp.resolve("empty");
        ShardedOutput out = new ShardedOutput(dir, ALL, Map.of());
        ShardedOutput.ShardSummary summary = out.writeShard(0, List.of());
        assertEquals(new ShardedOutput.ShardSummary(0, 0, 0, 0, Map.of()), summary);
        out.finish(1);
        assertEquals("[]\n", Files.readString(dir.resolve(OutputFormat.LLAVA.shardFile(0))));
        assertEquals("[]\n", Files.readString(dir.resolve(LlavaFormat.MERGED)));
        assertEquals(0, Files.size(dir.resolve(OutputFormat.JSONL.shardFile(0))));
        ParquetShardWriterTest.assertParquetMatches(dir.resolve(OutputFormat.PARQUET.shardFile(0)), List.of());
        assertThrows(IllegalStateException.class, () -> out.writeShard(1, List.of()));
    }

    @Test
    void onlyTheRequestedFormatsAreWritten() throws Exception {
        Path dir = tmp.resolve("jsonl-only");
        ShardedOutput out = new ShardedOutput(dir, OutputFormat.parseList("jsonl"), OPTIONS);
        out.writeShard(0, shards().get(0));
        out.finish(1);
        Set<String> top = new HashSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> top.add(p.getFileName().toString()));
        }
        assertEquals(Set.of("jsonl", "images", "_shards", "manifest.json", "skipped.jsonl"), top);
    }

    @Test
    void theManifestListsEveryFileWithItsSizeAndSha256() throws Exception {
        Path dir = uninterruptedRun(tmp.resolve("listed"));
        Files.createDirectories(dir.resolve("objects/frame"));
        Files.writeString(dir.resolve("objects/frame/1.ply"), "ply");
        new ShardedOutput(dir, ALL, OPTIONS).finish(SHARDS);
        TreeMap<String, byte[]> files = tree(dir);
        files.remove(ShardedOutput.MANIFEST);
        files.keySet().removeIf(f -> f.startsWith(ShardedOutput.SHARDS_DIR + "/"));
        JsonNode manifest = Json.MAPPER.readTree(dir.resolve(ShardedOutput.MANIFEST).toFile());
        TreeMap<String, String> listed = new TreeMap<>();
        for (JsonNode f : manifest.get("files")) {
            byte[] bytes = files.get(f.get("path").asText());
            assertTrue(bytes != null, "listed but absent: " + f);
            assertEquals(bytes.length, f.get("size").asLong(), f.toString());
            assertEquals(io.github.spatialvlm4j.datagen.Sha256.hex(bytes), f.get("sha256").asText(), f.toString());
            listed.put(f.get("path").asText(), "");
        }
        assertEquals(files.keySet(), listed.keySet(), "every file of the run, the manifest and markers aside");
    }

    private static FrameSkip skip(int index, String id, SkipReason reason, String message) {
        return new FrameSkip(index, Optional.ofNullable(id), reason, message,
                List.of(new InputFile("/in/" + index + ".png", "sha256:00"), new InputFile("/in/gone", InputFile.MISSING)));
    }

    @Test
    void skippedFramesAreCommittedWithTheirShardAndListedInFrameOrder() throws Exception {
        Path dir = tmp.resolve("skips");
        ShardedOutput out = new ShardedOutput(dir, EnumSet.of(OutputFormat.JSONL), OPTIONS);
        List<List<FrameRecord>> shards = shards();
        out.writeShard(1, shards.get(1), List.of(skip(14, "b", SkipReason.NO_OBJECTS, "no object left"),
                skip(15, null, SkipReason.LOAD_ERROR, "Cannot decode PNG /in/15.png: truncated")));
        out.writeShard(0, shards.get(0), List.of(skip(3, "日本", SkipReason.LOAD_ERROR, "bad")));
        ShardedOutput.ShardSummary two = out.writeShard(2, shards.get(2), List.of());
        assertEquals(0, two.skippedTotal());
        assertTrue(Files.isRegularFile(dir.resolve("skipped/part-00001.jsonl")));
        assertFalse(Files.exists(dir.resolve("skipped/part-00002.jsonl")), "no file for a shard without skips");
        ShardedOutput.Totals totals = out.finish(3);
        assertEquals(3 * PER_SHARD, totals.records());
        assertEquals(Map.of("load_error", 2L, "no_objects", 1L), totals.skipped());
        assertEquals(3 * PER_SHARD + 3, totals.frames());
        assertEquals(List.of(
                "{\"index\":3,\"id\":\"日本\",\"reason\":\"load_error\",\"files\":[\"/in/3.png\"],\"message\":\"bad\"}",
                "{\"index\":14,\"id\":\"b\",\"reason\":\"no_objects\",\"files\":[\"/in/14.png\"],"
                        + "\"message\":\"no object left\"}",
                "{\"index\":15,\"id\":null,\"reason\":\"load_error\",\"files\":[\"/in/15.png\"],"
                        + "\"message\":\"Cannot decode PNG /in/15.png: truncated\"}"),
                Files.readAllLines(dir.resolve(ShardedOutput.SKIPPED)), "missing files are not listed");
        JsonNode manifest = Json.MAPPER.readTree(dir.resolve(ShardedOutput.MANIFEST).toFile());
        assertEquals(3, manifest.get("skipped").asInt());
        assertEquals(2, manifest.at("/skipped_by_reason/load_error").asInt());
        assertEquals(2, manifest.at("/shards/1/skipped").asInt());
    }

    @Test
    void verificationUncommitsDamagedAndStaleShardsOnly() throws Exception {
        Path dir = tmp.resolve("verify");
        ShardedOutput out = new ShardedOutput(dir, ALL, OPTIONS);
        List<List<FrameRecord>> shards = shards();
        for (int s = 0; s < SHARDS; s++) {
            out.writeShard(s, shards.get(s), s == 3 ? List.of(skip(20, "x", SkipReason.LOAD_ERROR, "bad")) : List.of());
        }
        IntFunction<List<InputFile>> unchanged = i -> List.of(new InputFile("/in/" + i + ".png", "sha256:00"),
                new InputFile("/in/gone", InputFile.MISSING));
        ShardedOutput again = new ShardedOutput(dir, ALL, OPTIONS);
        assertEquals(List.of(), again.verifyCommitted(unchanged), "nothing changed");

        Path parquet = dir.resolve(OutputFormat.PARQUET.shardFile(1));
        Files.write(parquet, new byte[] {1, 2, 3});
        Path image = dir.resolve(shards.get(2).get(0).imagePath());
        Files.delete(image);
        IntFunction<List<InputFile>> fixed = i -> List.of(new InputFile("/in/" + i + ".png", "sha256:11"),
                new InputFile("/in/gone", InputFile.MISSING));
        List<String> notes = again.verifyCommitted(fixed);
        assertEquals(3, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("shard 1: parquet/part-00001.parquet is 3 bytes, committed with "), notes.get(0));
        assertEquals("shard 2: " + shards.get(2).get(0).imagePath() + " is missing; written again", notes.get(1));
        assertEquals("shard 3: the input of skipped frame 20 changed since (/in/20.png); written again", notes.get(2));
        assertEquals(Set.of(0), again.committedShards());
        for (int s = 1; s < SHARDS; s++) {
            again.writeShard(s, shards.get(s), s == 3 ? List.of(skip(20, "x", SkipReason.LOAD_ERROR, "bad")) : List.of());
        }
        again.finish(SHARDS);
        Path reference = tmp.resolve("reference");
        ShardedOutput ref = new ShardedOutput(reference, ALL, OPTIONS);
        for (int s = 0; s < SHARDS; s++) {
            ref.writeShard(s, shards.get(s), s == 3 ? List.of(skip(20, "x", SkipReason.LOAD_ERROR, "bad")) : List.of());
        }
        ref.finish(SHARDS);
        assertSameTree(reference, dir);
    }
}
