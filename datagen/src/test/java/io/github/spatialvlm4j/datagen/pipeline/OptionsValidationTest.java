package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.qa.NormalizedTextSimilarity;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every option record rejects bad values with a message naming the parameter and the value. */
class OptionsValidationTest {

    private static void rejected(String name, String value, Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().contains(name), () -> "message lacks '" + name + "': " + e.getMessage());
        assertTrue(e.getMessage().contains(value), () -> "message lacks '" + value + "': " + e.getMessage());
    }

    @Test
    void cleanupOptions() {
        CleanupOptions d = CleanupOptions.paperDefaults();
        rejected("scaleStdMultiplier", "0.0", () -> d.withScaleStdMultiplier(0));
        rejected("outlierNeighbours", "0", () -> d.withOutlierNeighbours(0));
        rejected("outlierStdRatio", "NaN", () -> d.withOutlierStdRatio(Double.NaN));
        rejected("minVoxelSize", "-0.01", () -> d.withMinVoxelSize(-0.01));
        rejected("voxelScaleDivisor", "Infinity", () -> d.withVoxelScaleDivisor(Double.POSITIVE_INFINITY));
        rejected("dbscanEpsDivisor", "0.0", () -> d.withDbscanEpsDivisor(0));
        rejected("dbscanMinPointsFraction", "1.5", () -> d.withDbscanMinPointsFraction(1.5));
        rejected("minObjectPoints", "0", () -> d.withMinObjectPoints(0));
        rejected("depthEmptyShare", "1.0", () -> d.withDepthEmptyShare(1));
        rejected("depthEmptyTypicalShare", "-0.1", () -> d.withDepthEmptyTypicalShare(-0.1));
        rejected("smoothingMinNeighbours", "2", () -> d.withSmoothingMinNeighbours(2));
        assertTrue(d.outlierNeighbours() == 50 && d.minVoxelSize() == 0.01 && d.dbscanEpsDivisor() == 3.6);
        assertEquals(30, d.withOutlierNeighbours(30).outlierNeighbours());
        assertEquals(d, d.withOutlierNeighbours(30).withOutlierNeighbours(50), "a with... method changes one value");
    }

    @Test
    void canonicalizeOptions() {
        CanonicalizeOptions d = CanonicalizeOptions.defaults();
        rejected("distanceThreshold", "0.0", () -> d.withDistanceThreshold(0f));
        rejected("iterations", "0", () -> d.withIterations(0));
        rejected("earlyExitProbability", "1.0", () -> d.withEarlyExitProbability(1));
        rejected("maxUpAngleDegrees", "90.0", () -> d.withMaxUpAngleDegrees(90));
        rejected("horizontalToleranceDegrees", "45.0", () -> d.withHorizontalToleranceDegrees(45));
        rejected("minHorizontalShare", "0.0", () -> d.withMinHorizontalShare(0));
        rejected("minFloorShare", "1.0", () -> d.withMinFloorShare(1));
        rejected("camera height", "[2.0, 1.0]", () -> d.withMinCameraHeight(2).withMaxCameraHeight(1));
        rejected("maxBelowShare", "0.0", () -> d.withMaxBelowShare(0));
        rejected("samplePixels", "2", () -> d.withSamplePixels(2));
        rejected("normalBins", "1", () -> d.withNormalBins(1));
        rejected("maxObjectShare", "1.0", () -> d.withMaxObjectShare(1));
    }

    @Test
    void liftFactsAndPipelineOptions() {
        LiftOptions l = LiftOptions.defaults();
        rejected("depth range", "(0.5, 0.5]", () -> l.withMinDepth(0.5f).withMaxDepth(0.5f));
        rejected("depth range", "(-1.0", () -> l.withMinDepth(-1f));
        rejected("depth range", "Infinity", () -> l.withMaxDepth(Float.POSITIVE_INFINITY));
        rejected("flyingMinJumpMeters", "0.0", () -> l.withFlyingMinJumpMeters(0f));
        rejected("speckleMinSupport", "9", () -> l.withSpeckleMinSupport(9));
        rejected("rampSurfaceBandPixels", "0", () -> l.withRampSurfaceBandPixels(0));
        FactsOptions f = FactsOptions.defaults();
        rejected("floorContactMaxShare", "1.0", () -> f.withFloorContactMaxShare(1));
        rejected("noiseMarginSigmas", "-1.0", () -> f.withNoiseMarginSigmas(-1));
        rejected("round diameter shares", "[1.3, 1.2]", () -> f.withRoundMinDiameterShare(1.3));
        rejected("ambiguity threshold", "0.0", () -> DisambiguateOptions.defaults()
                .withSimilarity(new NormalizedTextSimilarity(), 0));
        rejected("ambiguity threshold", "1.1", () -> new DisambiguateOptions(new NormalizedTextSimilarity(), 1.1));
        assertThrows(NullPointerException.class, () -> PipelineOptions.defaults().withLift(null));
        PipelineOptions d = PipelineOptions.defaults();
        QaOptions exact = QaOptions.defaults().withExact(true);
        assertTrue(d.withQa(exact).qa() == exact && d.withQa(exact).lift() == d.lift());
        assertEquals(0.2, d.withFacts(f.withFloorContactMaxMeters(0.2)).facts().floorContactMaxMeters());
    }

    @Test
    void everyOptionIsWrittenAsJsonPerStage() throws IOException {
        PipelineOptions d = PipelineOptions.defaults().withClean(CleanupOptions.paperDefaults().withMinObjectPoints(25));
        Map<String, Object> map = d.toMap();
        assertEquals(List.of("lift", "canonicalize", "clean", "facts", "disambiguate", "qa"), List.copyOf(map.keySet()));
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            d.writeJson(json);
        }
        JsonNode n = new ObjectMapper().readTree(text.toString());
        assertEquals(0.12, n.path("facts").path("floor_contact_max_meters").asDouble());
        assertEquals(25, n.path("clean").path("min_object_points").asInt());
        assertEquals(0.05, n.path("lift").path("min_depth").asDouble(), 1e-9);
        assertEquals(1000, n.path("canonicalize").path("iterations").asInt());
        assertEquals("NormalizedTextSimilarity", n.path("disambiguate").path("similarity").asText());
        assertEquals(0.75, n.path("disambiguate").path("threshold").asDouble());
        assertEquals(20, n.path("qa").path("questions_per_frame").asInt());
        assertEquals("caption", n.path("qa").path("refer").asText());
        assertEquals(0.02, n.path("qa").path("margins").path("position_meters").asDouble());
        assertTrue(n.path("qa").path("weights").size() > 10, n.path("qa").path("weights").toString());
        // Every component of every stage's record is there: a new option cannot be left out of the manifest.
        assertEquals(LiftOptions.class.getRecordComponents().length, n.path("lift").size());
        assertEquals(CanonicalizeOptions.class.getRecordComponents().length, n.path("canonicalize").size());
        assertEquals(CleanupOptions.class.getRecordComponents().length, n.path("clean").size());
        assertEquals(FactsOptions.class.getRecordComponents().length, n.path("facts").size());
    }
}
