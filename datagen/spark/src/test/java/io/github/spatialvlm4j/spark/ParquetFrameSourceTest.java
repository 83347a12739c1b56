package io.github.spatialvlm4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.parquet.ParquetFrameSource;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ParquetFrameSource} against the frames its rows were written from. */
class ParquetFrameSourceTest {

    @TempDir
    Path tmp;

    private final FrameSource scenes = Fixtures.synthetic(5).open();

    /** Two files: rows 0-2 in groups of 2 (two row groups), rows 3-4 in one group. */
    private Path twoFileTable() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("table"));
        Fixtures.writeTable(dir.resolve("a.parquet"), Fixtures.RGBD_SCHEMA, Fixtures.rgbdRows(scenes, 0, 3), 2);
        Fixtures.writeTable(dir.resolve("b.parquet"), Fixtures.RGBD_SCHEMA, Fixtures.rgbdRows(scenes, 3, 5), 2);
        return dir;
    }

    @Test
    void rowsComeBackAsTheFramesTheyWereWrittenFrom() throws IOException {
        List<ParquetFrameSource.Part> parts = ParquetFrameSource.scan(twoFileTable());
        assertEquals(2, parts.size());
        assertEquals(List.of(2L, 1L), parts.get(0).rowGroupRows(), "rows per row group of a.parquet");
        ParquetFrameSource source = new ParquetFrameSource(parts);
        assertEquals(5, source.size());
        // Out of order, so that row groups are decoded again and again.
        int[] order = {4, 0, 3, 1, 2, 2, 0};
        for (int index : order) {
            Frame expected = scenes.load(index);
            Frame actual = source.load(index);
            assertEquals(expected.id(), actual.id());
            assertArrayEquals(expected.image().rgb(), actual.image().rgb(), "pixels of " + expected.id());
            assertEquals(expected.intrinsics(), actual.intrinsics());
            assertArrayEquals(expected.labels().orElseThrow().ids(), actual.labels().orElseThrow().ids());
            assertEquals(expected.captions(), actual.captions());
            // The reference: the same depth through a 16-bit PNG in millimetres.
            float[] quantized = DepthPng.read(new ByteArrayInputStream(DepthPng.encode(expected.depth().orElseThrow(),
                    Fixtures.DEPTH_SCALE)), Fixtures.DEPTH_SCALE).meters();
            assertArrayEquals(quantized, actual.depth().orElseThrow().meters(), "depth of " + expected.id());
            assertTrue(actual.groundTruth().isEmpty());
        }
    }

    @Test
    void concurrentLoadsGiveTheSameFramesAsSequentialOnes() throws Exception {
        ParquetFrameSource source = new ParquetFrameSource(ParquetFrameSource.scan(twoFileTable()));
        SplittableRandom random = new SplittableRandom(11);
        int[] indices = random.ints(40, 0, source.size()).toArray();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int offset = t;
            threads.add(new Thread(() -> {
                try {
                    for (int k = offset; k < indices.length; k += 4) {
                        assertEquals(scenes.load(indices[k]).id(), source.load(indices[k]).id());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void anImageOnlyRowIsSkippedForLackOfDepthNamingTheModel() throws IOException {
        Path file = tmp.resolve("photos.parquet");
        Fixtures.writeTable(file, Fixtures.RGBD_SCHEMA, List.of(Fixtures.imageOnlyRow(scenes.load(0), "img/cat.jpg"),
                Fixtures.imageOnlyRow(scenes.load(1), null)), 10);
        ParquetFrameSource source = new ParquetFrameSource(ParquetFrameSource.scan(file));
        Frame withPath = source.load(0);
        assertEquals("img/cat.jpg", withPath.id(), "id falls back to image.path");
        assertTrue(withPath.depth().isEmpty() && withPath.intrinsics().isEmpty() && withPath.labels().isEmpty());
        assertEquals("photos-1", source.load(1).id(), "then to <file>-<row>");
        try (Kernels kernels = Kernels.jvm(1)) {
            FramePipeline.Result r = new FramePipeline(kernels, PipelineOptions.defaults()).process(withPath, 1);
            assertEquals(SkipReason.NO_DEPTH, r.skip().orElseThrow());
            assertTrue(r.detail().contains("depth model"), r.detail());
        }
    }

    @Test
    void aTableWithoutAnImageColumnIsRejectedNamingTheFile() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message t { optional binary text (STRING); }");
        Path file = tmp.resolve("text.parquet");
        Group row = new SimpleGroupFactory(schema).newGroup().append("text", "hello");
        Fixtures.writeTable(file, schema, List.of(row), 10);
        IOException e = assertThrows(IOException.class, () -> ParquetFrameSource.scan(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("image"), e.getMessage());
    }

    @Test
    void depthWithoutItsScaleFailsTheFrameNamingFileAndRow() throws IOException {
        Group row = Fixtures.rgbdRow(scenes.load(0));
        Group copy = new SimpleGroupFactory(Fixtures.RGBD_SCHEMA).newGroup();
        copy.append("id", "no-scale");
        copy.addGroup("image").append("bytes", row.getGroup("image", 0).getBinary("bytes", 0));
        copy.append("depth_png", row.getBinary("depth_png", 0));
        Path file = tmp.resolve("bad.parquet");
        Fixtures.writeTable(file, Fixtures.RGBD_SCHEMA, List.of(Fixtures.rgbdRow(scenes.load(1)), copy), 10);
        ParquetFrameSource source = new ParquetFrameSource(ParquetFrameSource.scan(file));
        assertEquals(scenes.load(1).id(), source.load(0).id());
        IOException e = assertThrows(IOException.class, () -> source.load(1));
        assertTrue(e.getMessage().contains(file + " row 1") && e.getMessage().contains("depth_scale"), e.getMessage());
    }

    @Test
    void malformedIntrinsicsFailTheFrame() throws IOException {
        Group row = Fixtures.rgbdRow(scenes.load(0));
        Group bad = new SimpleGroupFactory(Fixtures.RGBD_SCHEMA).newGroup();
        bad.addGroup("image").append("bytes", row.getGroup("image", 0).getBinary("bytes", 0));
        bad.append("intrinsics_json", "{\"fx\": \"wide\"}");
        Path file = tmp.resolve("k.parquet");
        Fixtures.writeTable(file, Fixtures.RGBD_SCHEMA, List.of(bad), 10);
        ParquetFrameSource source = new ParquetFrameSource(ParquetFrameSource.scan(file));
        IOException e = assertThrows(IOException.class, () -> source.load(0));
        assertTrue(e.getMessage().contains("fx"), e.getMessage());
    }

    @Test
    void missingInputsAndBadIndicesAreRejected() throws IOException {
        IOException none = assertThrows(IOException.class, () -> ParquetFrameSource.scan(tmp.resolve("absent")));
        assertTrue(none.getMessage().contains("absent"), none.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException noFiles = assertThrows(IOException.class, () -> ParquetFrameSource.scan(empty));
        assertTrue(noFiles.getMessage().contains("No *.parquet"), noFiles.getMessage());
        ParquetFrameSource source = new ParquetFrameSource(ParquetFrameSource.scan(twoFileTable()));
        assertThrows(IndexOutOfBoundsException.class, () -> source.load(5));
        assertThrows(IndexOutOfBoundsException.class, () -> source.load(-1));
        assertEquals(0, new ParquetFrameSource(List.of()).size());
    }
}
