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
        rejected("distanceThreshold", "0.0", () -> o(0f, 1000, 0.5, 80, 15, 0.02, 0.015, 0.9, 3.5, 0.02, 30000));
        rejected("iterations", "0", () -> o(0.05f, 0, 0.5, 80, 15, 0.02, 0.015, 0.9, 3.5, 0.02, 30000));
        rejected("earlyExitProbability", "1.0", () -> o(0.05f, 1000, 1, 80, 15, 0.02, 0.015, 0.9, 3.5, 0.02, 30000));
        rejected("maxUpAngleDegrees", "90.0", () -> o(0.05f, 1000, 0.5, 90, 15, 0.02, 0.015, 0.9, 3.5, 0.02, 30000));
        rejected("horizontalToleranceDegrees", "45.0",
                () -> o(0.05f, 1000, 0.5, 80, 45, 0.02, 0.015, 0.9, 3.5, 0.02, 30000));
        rejected("minHorizontalShare", "0.0", () -> o(0.05f, 1000, 0.5, 80, 15, 0, 0.015, 0.9, 3.5, 0.02, 30000));
        rejected("minFloorShare", "1.0", () -> o(0.05f, 1000, 0.5, 80, 15, 0.02, 1, 0.9, 3.5, 0.02, 30000));
        rejected("camera height", "[2.0, 1.0]", () -> o(0.05f, 1000, 0.5, 80, 15, 0.02, 0.015, 2, 1, 0.02, 30000));
        rejected("maxBelowShare", "0.0", () -> o(0.05f, 1000, 0.5, 80, 15, 0.02, 0.015, 0.9, 3.5, 0, 30000));
        rejected("samplePixels", "2", () -> o(0.05f, 1000, 0.5, 80, 15, 0.02, 0.015, 0.9, 3.5, 0.02, 2));
        CanonicalizeOptions.defaults();
    }

    private static CanonicalizeOptions o(float distance, int iterations, double earlyExit, double maxUp, double tolerance,
            double horizontal, double floor, double minHeight, double maxHeight, double below, int samples) {
        return new CanonicalizeOptions(distance, iterations, earlyExit, maxUp, tolerance, horizontal, floor, minHeight,
                maxHeight, below, samples);
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
