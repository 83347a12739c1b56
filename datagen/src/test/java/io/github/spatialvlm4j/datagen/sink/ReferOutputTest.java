package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.refer.CocoRle;
import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference styles end to end: {@code --refer marks} writes a marked image that every chat format
 * shows with questions about "[k]"; {@code --refer region} writes COCO RLE masks that decode to the
 * objects' pixels and names "Region [i]" the i-th object of the record's region order.
 */
class ReferOutputTest {
    private static final int FRAMES = 4;
    private static final long SEED = 11;

    @TempDir
    Path tmp;

    private static SyntheticSource source() {
        return new SyntheticSource(SyntheticSceneOptions.defaults().withSize(160, 120), SEED, FRAMES);
    }

    private static Path run(Path out, ReferStyle refer) throws IOException {
        GenerateJob.Config config = new GenerateJob.Config(source(), out, EnumSet.allOf(OutputFormat.class), SEED, 1,
                FRAMES, false, Map.of("refer", refer.id()));
        PipelineOptions options = PipelineOptions.defaults().withQa(QaOptions.defaults().withRefer(refer));
        try (Kernels kernels = Kernels.jvm(1)) {
            GenerateJob.run(config, new FramePipeline(kernels, options), ProgressListener.NONE);
        }
        return out;
    }

    private static List<RecordJson.Decoded> records(Path out) throws IOException {
        List<RecordJson.Decoded> out2 = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("jsonl/part-00000.jsonl"), StandardCharsets.UTF_8)) {
            out2.add(RecordJson.read(line));
        }
        return out2;
    }

    @Test
    void marksReachEveryFormatAsTheImageTheQuestionsAreAbout() throws IOException, java.sql.SQLException {
        Path out = run(tmp.resolve("marks"), ReferStyle.MARKS);
        List<RecordJson.Decoded> decoded = records(out);
        assertEquals(FRAMES, decoded.size());
        List<FrameRecord> full = new ArrayList<>();
        int named = 0;
        for (RecordJson.Decoded d : decoded) {
            assertEquals(ReferStyle.MARKS, d.refer());
            String marked = d.markedImagePath().orElseThrow();
            assertEquals(FrameRecord.markedPathFor(d.frameId()), marked);
            byte[] plain = Files.readAllBytes(out.resolve(d.imagePath()));
            byte[] marks = Files.readAllBytes(out.resolve(marked));
            assertTrue(!java.util.Arrays.equals(plain, marks), "marks drawn");
            assertEquals(ColorImages.decode(plain).width(), ColorImages.decode(marks).width());
            for (QaPair q : d.qa()) {
                for (int id : q.objectIds()) {
                    int mark = d.facts().objects().indexOf(d.facts().objects().stream().filter(o -> o.id() == id)
                            .findFirst().orElseThrow()) + 1;
                    assertTrue(q.question().contains("[" + mark + "]"), q.question());
                    named++;
                }
            }
            full.add(d.withImages(plain, Optional.of(marks)));
        }
        assertTrue(named > 20, "questions about marks: " + named);
        // LLaVA: the image the conversation is about is the marked one, and it exists.
        JsonNode llava = Json.MAPPER.readTree(out.resolve(LlavaFormat.MERGED).toFile());
        assertEquals(FRAMES, llava.size());
        for (JsonNode e : llava) {
            String image = e.get("image").asText();
            assertTrue(image.endsWith(".marks.png") && Files.isRegularFile(out.resolve(image)), image);
            String first = e.get("conversations").get(0).get("value").asText();
            assertTrue(first.startsWith(ChatFormats.IMAGE_TOKEN + "\n"), first);
            assertTrue(e.get("conversations").toString().contains("["), "questions about marks");
        }
        for (String line : Files.readAllLines(out.resolve("sharegpt/part-00000.jsonl"), StandardCharsets.UTF_8)) {
            String image = RecordJson.readTree(line).get("images").get(0).asText();
            assertTrue(image.endsWith(".marks.png") && Files.isRegularFile(out.resolve(image)), image);
        }
        ParquetShardWriterTest.assertParquetMatches(out.resolve("parquet/part-00000.parquet"), full);
    }

    @Test
    void regionMasksDecodeToTheObjectsPixelsInQuestionOrder() throws IOException {
        Path out = run(tmp.resolve("region"), ReferStyle.REGION);
        List<RecordJson.Decoded> decoded = records(out);
        SyntheticSource source = source();
        int regions = 0;
        for (int f = 0; f < decoded.size(); f++) {
            RecordJson.Decoded d = decoded.get(f);
            Frame frame = source.load(f);
            assertEquals(frame.id(), d.frameId());
            LabelImage labels = frame.labels().orElseThrow();
            for (ObjectFacts o : d.facts().objects()) {
                CocoRle rle = d.masks().get(o.id());
                boolean[] mask = rle.decode();
                assertEquals(labels.width(), rle.width());
                int[] ids = labels.ids();
                for (int i = 0; i < ids.length; i++) {
                    assertEquals(ids[i] == o.id(), mask[i], "frame " + d.frameId() + " object " + o.id() + " pixel " + i);
                }
            }
            List<Integer> order = FrameRecord.regionOrder(d.qa());
            JsonNode root = RecordJson.readTree(Files.readAllLines(out.resolve("jsonl/part-00000.jsonl")).get(f));
            assertEquals(order.size(), root.get("regions").size());
            for (int i = 0; i < order.size(); i++) {
                assertEquals(order.get(i).intValue(), root.get("regions").get(i).asInt());
            }
            for (QaPair q : d.qa()) {
                for (int id : q.objectIds()) {
                    assertTrue(q.question().contains(ReferStyle.regionName(order.indexOf(id))), q.question());
                    regions++;
                }
            }
            assertTrue(d.markedImagePath().isEmpty() || d.qa().stream().anyMatch(q -> !q.points().isEmpty()));
        }
        assertTrue(regions > 20, "region references: " + regions);
    }

    @Test
    void rleRoundTripsAndMatchesHandEncodedRuns() {
        // 3 rows x 2 columns, column-major: column 0 = 0,1,1; column 1 = 1,0,0 -> runs 1,3,2.
        LabelImage labels = new LabelImage(2, 3, new int[] {0, 5, 5, 0, 5, 0});
        CocoRle rle = CocoRle.of(labels, 5);
        assertEquals("132", rle.counts());
        assertArrayEquals(new long[] {1, 3, 2}, rle.runs());
        assertEquals(3, rle.area());
        // Large runs and deltas (runs after the third are written relative to the one two before).
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        int w = 97;
        int h = 61;
        int[] ids = new int[w * h];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rnd.nextInt(10) < 7 ? 0 : 1 + (i / 500) % 3;
        }
        LabelImage big = new LabelImage(w, h, ids);
        for (Map.Entry<Integer, CocoRle> e : CocoRle.all(big, new int[] {1, 2, 3, 4}).entrySet()) {
            boolean[] mask = e.getValue().decode();
            for (int i = 0; i < ids.length; i++) {
                assertEquals(ids[i] == e.getKey(), mask[i]);
            }
            assertEquals(e.getValue(), new CocoRle(h, w, e.getValue().counts()));
        }
        assertEquals(0, CocoRle.of(big, 4).area());
    }
}
