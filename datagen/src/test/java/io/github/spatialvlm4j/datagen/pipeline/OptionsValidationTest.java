package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.qa.NormalizedTextSimilarity;
import io.github.spatialvlm4j.datagen.qa.QaOptions;
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
        rejected("scaleStdMultiplier", "0.0", () -> new CleanupOptions(0, 50, 1.2, 0.01, 20, 3.6, 0.1, 20));
        rejected("outlierNeighbours", "0", () -> new CleanupOptions(3, 0, 1.2, 0.01, 20, 3.6, 0.1, 20));
        rejected("outlierStdRatio", "NaN", () -> new CleanupOptions(3, 50, Double.NaN, 0.01, 20, 3.6, 0.1, 20));
        rejected("minVoxelSize", "-0.01", () -> new CleanupOptions(3, 50, 1.2, -0.01, 20, 3.6, 0.1, 20));
        rejected("voxelScaleDivisor", "Infinity",
                () -> new CleanupOptions(3, 50, 1.2, 0.01, Double.POSITIVE_INFINITY, 3.6, 0.1, 20));
        rejected("dbscanEpsDivisor", "0.0", () -> new CleanupOptions(3, 50, 1.2, 0.01, 20, 0, 0.1, 20));
        rejected("dbscanMinPointsFraction", "1.5", () -> new CleanupOptions(3, 50, 1.2, 0.01, 20, 3.6, 1.5, 20));
        rejected("minObjectPoints", "0", () -> new CleanupOptions(3, 50, 1.2, 0.01, 20, 3.6, 0.1, 0));
        assertTrue(d.outlierNeighbours() == 50 && d.minVoxelSize() == 0.01 && d.dbscanEpsDivisor() == 3.6);
    }

    @Test
    void canonicalizeOptions() {
        rejected("distanceThreshold", "0.0", () -> new CanonicalizeOptions(0f, 1000, 45, 3, 0.05, 0.2, 10, 30000, 0));
        rejected("iterations", "0", () -> new CanonicalizeOptions(0.05f, 0, 45, 3, 0.05, 0.2, 10, 30000, 0));
        rejected("maxNormalAngleDegrees", "90.0", () -> new CanonicalizeOptions(0.05f, 1000, 90, 3, 0.05, 0.2, 10, 30000, 0));
        rejected("maxPlanes", "0", () -> new CanonicalizeOptions(0.05f, 1000, 45, 0, 0.05, 0.2, 10, 30000, 0));
        rejected("minInlierFraction", "0.0", () -> new CanonicalizeOptions(0.05f, 1000, 45, 3, 0, 0.2, 10, 30000, 0));
        rejected("camera height", "[2.0, 1.0]", () -> new CanonicalizeOptions(0.05f, 1000, 45, 3, 0.05, 2, 1, 30000, 0));
        rejected("maxSampledPoints", "2", () -> new CanonicalizeOptions(0.05f, 1000, 45, 3, 0.05, 0.2, 10, 2, 0));
        rejected("earlyExitProbability", "1.0", () -> new CanonicalizeOptions(0.05f, 1000, 45, 3, 0.05, 0.2, 10, 30000, 1));
        CanonicalizeOptions.defaults();
    }

    @Test
    void measureAndPipelineOptions() {
        CleanupOptions c = CleanupOptions.paperDefaults();
        CanonicalizeOptions k = CanonicalizeOptions.defaults();
        rejected("depth range", "(0.5, 0.5]", () -> new MeasureOptions(0.5f, 0.5f, c, k));
        rejected("depth range", "(-1.0", () -> new MeasureOptions(-1f, 5f, c, k));
        rejected("depth range", "Infinity", () -> new MeasureOptions(0f, Float.POSITIVE_INFINITY, c, k));
        assertThrows(NullPointerException.class, () -> new MeasureOptions(0f, 5f, null, k));
        assertThrows(NullPointerException.class, () -> new MeasureOptions(0f, 5f, c, null));
        rejected("ambiguity threshold", "0.0", () -> new PipelineOptions(MeasureOptions.defaults(), QaOptions.defaults(),
                new NormalizedTextSimilarity(), 0));
        rejected("ambiguity threshold", "1.1", () -> new PipelineOptions(MeasureOptions.defaults(), QaOptions.defaults(),
                new NormalizedTextSimilarity(), 1.1));
        assertThrows(NullPointerException.class, () -> new PipelineOptions(null, QaOptions.defaults(),
                new NormalizedTextSimilarity(), 0.9));
        PipelineOptions d = PipelineOptions.defaults();
        QaOptions exact = QaOptions.defaults().withExact(true);
        assertTrue(d.withQa(exact).qa() == exact && d.withQa(exact).measure() == d.measure());
    }
}
