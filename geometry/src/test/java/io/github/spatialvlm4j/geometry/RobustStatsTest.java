package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Known answers of {@link RobustStats}: median, MAD, quantiles, their robustness and argument errors. */
class RobustStatsTest {
    private static final double EXACT = 1e-12;

    @Test
    void medianOfOddAndEvenCountsAndOfAPrefix() {
        assertEquals(3, RobustStats.median(new double[] {5, 1, 3}, 3), EXACT);
        assertEquals(2.5, RobustStats.median(new double[] {4, 1, 3, 2}, 4), EXACT);
        assertEquals(7, RobustStats.median(new double[] {7}, 1), EXACT);
        // Only the first n values count.
        assertEquals(2, RobustStats.median(new double[] {1, 3, 2, -100, 1e9}, 3), EXACT);
        assertTrue(Double.isNaN(RobustStats.median(new double[] {1, 2}, 0)));
        double[] values = {9, 8, 7, 6};
        RobustStats.median(values, 4);
        assertArrayEquals(new double[] {9, 8, 7, 6}, values, 0, "the input is left as it was");
    }

    @Test
    void medianAbsoluteDeviation() {
        // Deviations from 3: 2, 1, 0, 1, 97 -> median 1.
        assertEquals(1, RobustStats.mad(new double[] {1, 2, 3, 4, 100}, 5, 3), EXACT);
        assertEquals(0, RobustStats.mad(new double[] {4, 4, 4}, 3, 4), EXACT);
        // About another centre: deviations from 10 of 1..4 are 9, 8, 7, 6 -> 7.5.
        assertEquals(7.5, RobustStats.mad(new double[] {1, 2, 3, 4, -50}, 4, 10), EXACT);
        assertTrue(Double.isNaN(RobustStats.mad(new double[] {1}, 0, 0)));
        assertEquals(1 / 0.6744897501960817, RobustStats.MAD_TO_SIGMA, 1e-12, "1 / Phi^-1(3/4)");
    }

    /** Normal values with 5% wild outliers: the MAD still gives sigma, the standard deviation does not. */
    @Test
    void madTimesTheFactorEstimatesSigmaDespiteOutliers() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 20_000;
        double sigma = 0.02;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 20 == 0 ? rnd.nextDouble(-9, 9) : 3 + sigma * rnd.nextGaussian();
        }
        double median = RobustStats.median(v, n);
        assertEquals(3, median, 0.002);
        double robustSigma = RobustStats.MAD_TO_SIGMA * RobustStats.mad(v, n, median);
        // 5% contamination moves the half-mass radius from 0.674 sigma to 0.716 sigma: 6% high.
        assertEquals(sigma, robustSigma, 0.1 * sigma);
        double mean = 0;
        for (double x : v) {
            mean += x / n;
        }
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean) / n;
        }
        assertTrue(Math.sqrt(var) > 10 * sigma, "the plain standard deviation is blown up: " + Math.sqrt(var));
    }

    @Test
    void sortedQuantileInterpolatesBetweenRanks() {
        double[] sorted = {0, 10, 20, 30};
        assertEquals(0, RobustStats.sortedQuantile(sorted, 0), EXACT);
        assertEquals(30, RobustStats.sortedQuantile(sorted, 1), EXACT);
        assertEquals(15, RobustStats.sortedQuantile(sorted, 0.5), EXACT);
        assertEquals(10, RobustStats.sortedQuantile(sorted, 1.0 / 3), 1e-9);
        assertEquals(7.5, RobustStats.sortedQuantile(sorted, 0.25), EXACT);
        assertEquals(27, RobustStats.sortedQuantile(sorted, 0.9), 1e-9);
        assertEquals(4, RobustStats.sortedQuantile(new double[] {4}, 0.7), EXACT);
        assertTrue(Double.isNaN(RobustStats.sortedQuantile(new double[0], 0.5)));
    }

    @Test
    void badArgumentsNameTheValue() {
        double[] v = {1, 2, 3};
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RobustStats.median(v, -1)), "-1", "[0, 3]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RobustStats.median(v, 4)), "4", "[0, 3]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RobustStats.mad(v, 5, 0)), "5", "[0, 3]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RobustStats.mad(v, -2, 0)), "-2");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RobustStats.sortedQuantile(v, -0.1)),
                "-0.1", "[0, 1]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RobustStats.sortedQuantile(v, 1.5)), "1.5");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> RobustStats.sortedQuantile(v, Double.NaN)),
                "NaN");
        // The quantile is checked even on an empty array.
        assertThrows(IllegalArgumentException.class, () -> RobustStats.sortedQuantile(new double[0], 2));
    }

    private static void assertMessage(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }
}
