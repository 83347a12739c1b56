package io.github.spatialvlm4j.datagen.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import io.github.spatialvlm4j.datagen.runner.LocalRunner;
import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.datagen.facts.GroundTruth;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditTest {
    /** Least share of right qualitative answers on noise-free scenes. */
    private static final double MIN_QUALITATIVE_ACCURACY = 0.9;
    private static final int FRAMES = 6;
    /** Frames at these indices lose the depth of every non-object pixel: no floor can be found in them. */
    private static final int FIRST_FLOORLESS = 4;

    private static Kernels kernels;

    @BeforeAll
    static void open() {
        kernels = Kernels.jvm(2);
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

    /** Noise-free synthetic frames; the last ones without background depth (their ground truth keeps the floor). */
    private static FrameSource source() {
        SyntheticSource synthetic = new SyntheticSource(
                SyntheticSceneOptions.defaults().withSize(160, 120).withObjects(3, 6), 3, FRAMES);
        return new FrameSource() {
            @Override
            public int size() {
                return synthetic.size();
            }

            @Override
            public Frame load(int index) {
                Frame f = synthetic.load(index);
                return index < FIRST_FLOORLESS ? f : withoutBackgroundDepth(f);
            }

            @Override
            public String describe() {
                return "audit test: " + synthetic.describe();
            }
        };
    }

    static Frame withoutBackgroundDepth(Frame f) {
        float[] z = f.depth().orElseThrow().meters().clone();
        int[] ids = f.labels().orElseThrow().ids();
        for (int i = 0; i < z.length; i++) {
            if (ids[i] == LabelImage.NONE) {
                z[i] = DepthMap.INVALID;
            }
        }
        DepthMap d = new DepthMap(f.image().width(), f.image().height(), z);
        // The floor is out of the depth, so it is not visible: a floor claim would be false.
        return new Frame(f.id(), f.image(), Optional.of(d), f.intrinsics(), f.labels(), f.captions(),
                Optional.of(new GroundTruth(f.groundTruth().orElseThrow(), false, 1)), Optional.empty(), f.gravity());
    }

    private static AuditReport audit(FrameSource source, int threads) throws IOException {
        PipelineOptions options = PipelineOptions.defaults().withQa(QaOptions.defaults().withExact(true));
        try (LocalRunner runner = new LocalRunner(threads, 4)) {
            return new Audit(new FramePipeline(kernels, options)).run(source, 9, runner, ProgressListener.NONE);
        }
    }

    @Test
    void noiseFreeScenesAreAnsweredRightAndFloorlessFramesGetNoFloorQuestion() throws IOException {
        AuditReport report = audit(source(), 2);
        assertEquals(FRAMES, report.frames());
        assertEquals(FRAMES, report.framesScored(), () -> "skipped: " + report.skipped());
        // The floorless frames really were not canonicalized, so the rule below is exercised.
        assertEquals(FIRST_FLOORLESS, report.floors().floorStates().get(FloorState.FLOOR), report.summary());
        assertEquals(0, report.floors().upQuestionsWithoutUp(), report.summary());
        assertEquals(0, report.floors().floorQuestionsWithoutFloor(), report.summary());
        assertEquals(0, report.floors().falseFloorClaims(), report.summary());
        assertEquals(FRAMES - FIRST_FLOORLESS, report.floors().floorStates().get(FloorState.UP_ONLY), report.summary());
        assertTrue(report.qualitative().decided() > 20, report.summary());
        assertTrue(report.qualitative().accuracy() >= MIN_QUALITATIVE_ACCURACY, report.summary());
        assertTrue(report.metric().decided() > 0, report.summary());
        assertTrue(report.floors().floorAngleMedianDegrees() < 1.0, report.summary());
        assertTrue(report.floors().floorHeightMedianError() < 0.02, report.summary());
        long asked = report.categories().values().stream().mapToLong(CategoryStats::asked).sum();
        assertEquals(report.qualitative().asked() + report.metric().asked(), asked);
        assertFalse(report.toJson().isBlank());
    }

    @Test
    void sameSeedSameReportOnAnyThreadCount() throws IOException {
        AuditReport one = audit(source(), 1);
        AuditReport two = audit(source(), 2);
        assertEquals(one.toJson(), two.toJson());
        assertEquals(one.failuresJsonl(), two.failuresJsonl());
    }

    @Test
    void frameWithoutGroundTruthIsACountedSkip() throws IOException {
        FrameSource noTruth = new FrameSource() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public Frame load(int index) {
                Frame f = new SyntheticSource(SyntheticSceneOptions.defaults().withSize(160, 120), 1, 1).load(0);
                return new Frame(f.id(), f.image(), f.depth(), f.intrinsics(), f.labels(), f.captions(), Optional.empty());
            }

            @Override
            public String describe() {
                return "no truth";
            }
        };
        AuditReport report = audit(noTruth, 1);
        assertEquals(1, report.frames());
        assertEquals(0, report.framesScored());
        assertEquals(java.util.Map.of(SkipReason.NO_GROUND_TRUTH, 1L), report.skipped());
    }

    /**
     * Each noise model on a few frames, with thresholds a little under what the full audit gives (README):
     * sensor depth with outliers and bled masks, and a monocular network's depth (scale error, warp, ramps).
     */
    @ParameterizedTest
    @CsvSource({"sensor, 0.97, 0.85, 0", "monocular, 0.96, 0, 0.85"})
    void noisyInputKeepsItsLabels(String noise, double qualitative, double metric, double metricBeyondScale)
            throws IOException {
        SyntheticSource noisy = new SyntheticSource(SyntheticSceneOptions.defaults().withSize(320, 240)
                .withNoise(NoiseModel.preset(noise)), 3, 10);
        AuditReport report = audit(noisy, 2);
        assertEquals(10, report.framesScored(), report.summary());
        assertEquals(0, report.floors().falseFloorClaims(), report.summary());
        assertTrue(report.qualitative().accuracy() >= qualitative, report.summary());
        assertTrue(report.metric().decided() >= 20, report.summary());
        assertTrue(report.metric().accuracy() >= metric, report.summary());
        assertTrue(report.metric().geometryShareWithin(0.1) >= metricBeyondScale, report.summary());
        assertEquals(noise.equals("monocular"), report.depthScaleInjected(), report.summary());
        // Every metric answer more than 10% off beyond an injected scale is listed, right as given or not.
        long offBeyondScale = report.frameAudits().stream().filter(f -> f.depthScale() != 1)
                .flatMap(f -> f.checks().stream())
                .filter(r -> r.applicable() && !r.generatedUncertain() && !r.truthUncertain())
                .filter(r -> r.geometryError().isPresent() && r.geometryError().getAsDouble() > 0.1).count();
        long listedBeyondScale = 0;
        for (String line : report.failuresJsonl().lines().toList()) {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            assertEquals(noise.equals("monocular"), n.has("depth_scale") && n.has("wrong_as_given"), line);
            if (n.has("relative_error_beyond_scale") && n.get("relative_error_beyond_scale").asDouble() > 0.1) {
                listedBeyondScale++;
            }
        }
        assertEquals(offBeyondScale, listedBeyondScale, report.summary());
        assertEquals(noise.equals("monocular"), offBeyondScale > 0, report.summary());
    }
}
