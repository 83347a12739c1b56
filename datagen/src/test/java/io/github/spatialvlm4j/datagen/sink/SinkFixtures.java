package io.github.spatialvlm4j.datagen.sink;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import io.github.spatialvlm4j.datagen.qa.ImagePoint;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.geometry.Plane;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/** Seeded random records for the sink tests: every value drawn from the caller's generator. */
final class SinkFixtures {

    private static final Category[] CATEGORIES = Category.values();

    private SinkFixtures() {
    }

    /** A small random PNG, {@code width x height}. */
    static byte[] png(Random rnd, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                img.setRGB(u, v, rnd.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("No PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A random record with {@code objectCount} objects and {@code questionCount} questions. */
    static FrameRecord record(Random rnd, String id, int objectCount, int questionCount) {
        boolean canonicalized = rnd.nextBoolean();
        int width = 16 + rnd.nextInt(32);
        int height = 12 + rnd.nextInt(24);
        List<ObjectFacts> objects = new ArrayList<>();
        for (int i = 0; i < objectCount; i++) {
            float bottom = (float) (rnd.nextDouble() * 2 - 0.5);
            float h = (float) (rnd.nextDouble() * 1.5);
            int u0 = rnd.nextInt(width - 1);
            int v0 = rnd.nextInt(height - 1);
            objects.add(new ObjectFacts(i + 1, captionFor(rnd, i),
                    new Vector3f(gauss(rnd, 2), gauss(rnd, 1), 1 + (float) rnd.nextDouble() * 8),
                    new Vector3f(gauss(rnd, 2), gauss(rnd, 5), bottom + h / 2), (float) rnd.nextDouble() * 2,
                    (float) rnd.nextDouble(), h, bottom, bottom + h, rnd.nextInt(100_000),
                    new PixelBox(u0, v0, u0 + 1 + rnd.nextInt(width - u0), v0 + 1 + rnd.nextInt(height - v0))));
        }
        List<ObjectFacts> unique = objects;
        int k = unique.size();
        float[] gaps = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                float g = (float) rnd.nextDouble() * 3;
                gaps[i * k + j] = g;
                gaps[j * k + i] = g;
            }
        }
        Optional<Plane> floor = canonicalized
                ? Optional.of(new Plane(gauss(rnd, 0.1), -1, gauss(rnd, 0.1), 1 + rnd.nextDouble()))
                : Optional.empty();
        Matrix4f cameraToUp = new Matrix4f().rotateX((float) (Math.PI / 2 + rnd.nextGaussian() * 0.1))
                .translate(0, (float) rnd.nextDouble(), 0);
        SceneFacts facts = new SceneFacts(id, width, height, unique, canonicalized, floor, cameraToUp, gaps);
        List<QaPair> qa = new ArrayList<>();
        for (int q = 0; q < questionCount && k > 0; q++) {
            qa.add(question(rnd, unique, width, height));
        }
        return new FrameRecord(id, FrameRecord.imagePathFor(id), png(rnd, width, height), facts, qa);
    }

    private static QaPair question(Random rnd, List<ObjectFacts> objects, int width, int height) {
        while (true) {
            Category c = CATEGORIES[rnd.nextInt(CATEGORIES.length)];
            if (c.objectCount() > objects.size()) {
                continue;
            }
            List<Integer> ids = new ArrayList<>();
            while (ids.size() < c.objectCount()) {
                int id = objects.get(rnd.nextInt(objects.size())).id();
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            List<ImagePoint> points = c == Category.POINT_DEPTH ? List.of(
                    new ImagePoint("A", rnd.nextInt(width), rnd.nextInt(height)),
                    new ImagePoint("B", rnd.nextInt(width), rnd.nextInt(height))) : List.of();
            ExactAnswer exact;
            if (rnd.nextInt(8) == 0 && c != Category.COUNT) {
                exact = new ExactAnswer.Uncertain();
            } else {
                exact = switch (c.kind()) {
                    case PREDICATE -> new ExactAnswer.YesNo(rnd.nextBoolean());
                    case CHOICE -> new ExactAnswer.Choice(ids.get(rnd.nextInt(ids.size())));
                    case CLASSIFY -> new ExactAnswer.Relation(rnd.nextBoolean() ? "left" : "right");
                    case METRIC -> new ExactAnswer.Metric(rnd.nextDouble() * 5);
                    case COUNT -> new ExactAnswer.Count(rnd.nextBoolean() ? "red box" : "chair", 1 + rnd.nextInt(6));
                    case CLOCK -> new ExactAnswer.Clock(1 + rnd.nextInt(12));
                    case DIRECTION -> new ExactAnswer.Direction(rnd.nextBoolean() ? "back-left" : "left");
                    case POINT -> new ExactAnswer.Point(rnd.nextBoolean() ? "A" : "B");
                };
            }
            String question = "Q" + rnd.nextInt(1000) + " about " + ids + " (" + c.id() + ", \"quoted\", ünïcode)?";
            String answer = "A" + rnd.nextInt(1000) + "\twith a tab";
            return new QaPair(c, ids, question, answer, exact, points, List.of());
        }
    }

    private static String captionFor(Random rnd, int i) {
        String[] colours = {"red", "blue", "green", "grey"};
        String[] things = {"chair", "table", "cylinder", "box", "lamp"};
        return colours[rnd.nextInt(colours.length)] + " " + things[rnd.nextInt(things.length)] + " " + i;
    }

    private static float gauss(Random rnd, double sigma) {
        return (float) (rnd.nextGaussian() * sigma);
    }

    /** {@code count} random records with ids {@code prefix-000..}, some without questions or objects. */
    static List<FrameRecord> records(Random rnd, String prefix, int count) {
        List<FrameRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int objects = i % 7 == 3 ? 0 : 1 + rnd.nextInt(4);
            int questions = i % 5 == 2 ? 0 : 1 + rnd.nextInt(5);
            out.add(record(rnd, String.format("%s-%03d", prefix, i), objects, questions));
        }
        return out;
    }
}
