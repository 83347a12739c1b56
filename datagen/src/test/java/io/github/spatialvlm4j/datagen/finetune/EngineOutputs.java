package io.github.spatialvlm4j.datagen.finetune;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.kernels.Kernels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/** Engine output directories for the fine-tuning tests: real synthetic runs and hand-made records. */
public final class EngineOutputs {

    private EngineOutputs() {
    }

    /** A real `generate` run: {@code count} synthetic 160x120 scenes through the whole pipeline. */
    public static Path synthetic(Path dir, long seed, int count) throws IOException {
        SyntheticSource source = new SyntheticSource(SyntheticSceneOptions.defaults().withSize(160, 120), seed, count);
        try (Kernels kernels = Kernels.jvm(2)) {
            GenerateJob.run(new GenerateJob.Config(source, dir, Set.of(OutputFormat.JSONL), seed, 2, 8, false, Map.of()),
                    new FramePipeline(kernels, PipelineOptions.defaults()), ProgressListener.NONE);
        }
        return dir;
    }

    /** Writes records as a finished one-shard engine output with JSONL. */
    static Path write(Path dir, List<FrameRecord> records) throws IOException {
        ShardedOutput out = new ShardedOutput(dir, Set.of(OutputFormat.JSONL), Map.of());
        out.writeShard(0, records);
        out.finish(1);
        return dir;
    }

    /** A random 8x6 PNG. */
    static byte[] png(Random rnd) throws IOException {
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < 6; v++) {
            for (int u = 0; u < 8; u++) {
                img.setRGB(u, v, rnd.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A two-object, canonicalized record whose questions have the given categories and texts. */
    static FrameRecord record(String id, byte[] png, List<Category> categories, List<String> questions) {
        List<ObjectFacts> objects = List.of(
                new ObjectFacts(1, "red chair", new Vector3f(-0.5f, 0.2f, 2), new Vector3f(-0.5f, 2, 0.4f), 0.5f, 0.5f,
                        0.8f, 0, 0.8f, 500, new PixelBox(0, 0, 4, 6)),
                new ObjectFacts(2, "blue table", new Vector3f(0.6f, 0.2f, 3), new Vector3f(0.6f, 3, 0.4f), 1, 0.8f,
                        0.8f, 0, 0.8f, 900, new PixelBox(4, 0, 8, 6)));
        SceneFacts facts = new SceneFacts(id, 8, 6, objects, true, Optional.of(new io.github.spatialvlm4j.geometry.Plane(0, -1, 0, 1.2)),
                new Matrix4f(), new float[] {0, 0.5f, 0.5f, 0});
        List<QaPair> qa = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            List<Integer> ids = c.objectCount() == 1 ? List.of(1) : List.of(1, 2);
            ExactAnswer exact = switch (c.kind()) {
                case PREDICATE -> new ExactAnswer.YesNo(true);
                case CHOICE -> new ExactAnswer.Choice(1);
                case CLASSIFY -> new ExactAnswer.Relation("left");
                case METRIC -> new ExactAnswer.Metric(1.25);
                default -> throw new IllegalArgumentException("not used here: " + c.id());
            };
            qa.add(new QaPair(c, ids, questions.get(i), "answer " + i, exact));
        }
        return new FrameRecord(id, FrameRecord.imagePathFor(id), png, facts, qa);
    }
}
