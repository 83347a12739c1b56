package io.github.spatialvlm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example's run(...) on small synthetic input (160x120), with its printed output captured. */
class ExamplesTest {

    private static final int W = 160;
    private static final int H = 120;
    /** Floor points in the floor frame: RANSAC's threshold is 5 cm, no sensor noise. */
    private static final double FLOOR_Z_TOLERANCE = 0.01;
    private static final double CAMERA_HEIGHT_TOLERANCE = 0.02;
    /** Measured centre distances from noisy 160x120 depth against the truth. */
    private static final double DISTANCE_TOLERANCE = 0.08;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private String printed() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void backProjectAndCleanKeepsMostOfEachObject() {
        List<BackProjectAndClean.ObjectReport> objects = BackProjectAndClean.run(2, W, H, out);
        assertFalse(objects.isEmpty());
        long kept = objects.stream().filter(BackProjectAndClean.ObjectReport::kept).count();
        assertTrue(kept >= 1, printed());
        for (BackProjectAndClean.ObjectReport o : objects) {
            assertTrue(o.cleanedPoints() <= o.rawPoints(), o.toString());
            if (o.kept()) {
                assertTrue(o.cleanedPoints() > 0 && o.widthMeters() > 0 && o.widthMeters() < 3, o.toString());
            }
        }
        assertTrue(printed().contains("valid points of " + (W * H) + " pixels"), printed());
    }

    @Test
    void fitFloorPutsTheFloorAtZeroAndTheCameraAtItsHeight() {
        for (long seed : new long[] {1, 5}) {
            FitFloor.Result r = FitFloor.run(seed, W, H, out);
            assertTrue(r.found(), printed());
            assertEquals(0, r.medianAbsFloorZ(), FLOOR_Z_TOLERANCE);
            assertEquals(r.trueCameraHeight(), r.cameraHeight(), CAMERA_HEIGHT_TOLERANCE);
        }
        assertTrue(printed().contains("camera -> floor transform"));
    }

    @Test
    void generateQaIsDeterministicAndNonEmpty() {
        FramePipeline.Result a = GenerateQa.run(4, W, H, out);
        FramePipeline.Result b = GenerateQa.run(4, W, H, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(a.skip().isEmpty(), a.detail());
        assertFalse(a.qa().isEmpty());
        assertEquals(a.qa(), b.qa());
        assertTrue(printed().contains("Q: " + a.qa().get(0).question()), printed());
    }

    @Test
    void kernelsAgreeWithTheJvm() {
        TornadoKernels.Result r = TornadoKernels.run(1, W, H, out);
        assertTrue(r.points() > W * H / 2, r.toString());
        assertEquals(0, r.maxPointDifference(), 1e-5);
        assertTrue(r.sameClusters(), r.toString());
        assertTrue(r.clusters() >= 1, r.toString());
        assertTrue(printed().startsWith("backend: " + r.backend()));
    }

    @Test
    void chainOfThoughtFindsTheNearestObjectFromGroundTruth() {
        int tested = 0;
        for (long seed = 1; seed <= 8; seed++) {
            SceneFacts facts = new SyntheticSceneGenerator(SyntheticSceneOptions.defaults().withSize(W, H)
                    .withObjects(3, 6)).generate("cot", seed).groundTruth().orElseThrow();
            if (facts.objects().size() < 3 || !facts.canonicalized()) {
                continue;
            }
            tested++;
            ChainOfThought.Trace t = ChainOfThought.run(facts, 0, ChainOfThought.groundTruth(facts), out);
            // Slow, obvious reference: the smallest centre distance to object 0.
            int nearest = -1;
            for (int i = 1; i < facts.objects().size(); i++) {
                if (nearest < 0 || facts.distance(0, i) < facts.distance(0, nearest)) {
                    nearest = i;
                }
            }
            assertEquals(facts.objects().size(), t.steps().size(), "one distance per other object, one height");
            // Answers are printed to 1 cm: a tie closer than that could go either way.
            if (Math.abs(facts.distance(0, t.nearest()) - facts.distance(0, nearest)) > 0.01) {
                assertEquals(nearest, t.nearest());
            }
            float hc = facts.objects().get(t.nearest()).height();
            float ha = facts.objects().get(0).height();
            if (Math.abs(hc - ha) > 0.05 * Math.max(hc, ha) + 1e-3) {
                assertEquals(Optional.of(hc > ha), t.taller(), t.toString());
            }
        }
        assertTrue(tested >= 3, "scenes with three objects or more: " + tested);
        assertTrue(printed().contains("step 1: How far is the"), printed());
    }

    @Test
    void metersAreReadFromFreeText() {
        double tol = 1e-9;
        assertEquals(1.5, ChainOfThought.meters("About 1.5 meters.").orElseThrow(), tol);
        assertEquals(0.3, ChainOfThought.meters("30 cm").orElseThrow(), tol);
        assertEquals(0.6096, ChainOfThought.meters("roughly 2 feet apart").orElseThrow(), tol);
        assertEquals(2.0, ChainOfThought.meters("2").orElseThrow(), tol);
        assertTrue(ChainOfThought.meters("far away").isEmpty());
        ChainOfThought.Oracle silent = (q, c, a, b) -> Category.DISTANCE == c ? "no idea" : "yes";
        SceneFacts facts = new SyntheticSceneGenerator(SyntheticSceneOptions.defaults().withSize(W, H).withObjects(2, 3))
                .generate("cot", 9).groundTruth().orElseThrow();
        assertEquals(-1, ChainOfThought.run(facts, 0, silent, out).nearest());
    }

    @Test
    void rewardRisesAsTheGripperApproaches() throws IOException {
        Path png = tmp.resolve("reward.png");
        // 320x240, not the 160x120 of the other examples: at 160x120 the floating gripper is about 15
        // pixels wide, and the sensor model's one-pixel mask bleed onto the floor far behind it is
        // enough to drag its measured centre by more than the tolerance.
        RoboticsReward.Result r = RoboticsReward.run(8, 320, 240, png, out);
        for (int i = 0; i < r.reward().length; i++) {
            assertEquals(r.truth()[i], r.measured()[i], DISTANCE_TOLERANCE, "step " + i);
            assertEquals(-r.measured()[i], r.reward()[i], 0.0);
            if (i > 0) {
                assertTrue(r.truth()[i] < r.truth()[i - 1]);
            }
        }
        assertTrue(r.reward()[r.reward().length - 1] > r.reward()[0] + 0.3, printed());
        assertEquals(660, ImageIO.read(png.toFile()).getWidth());
    }
}
