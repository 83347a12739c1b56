package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Median and MAD by selection against the sort-and-interpolate reference: the same double, bit for bit. */
class RobustStatsSelectionTest {

    private static double sortedMedian(double[] values, int n) {
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return RobustStats.sortedQuantile(sorted, 0.5);
    }

    private static double[] sample(SplittableRandom random, int n, int kind) {
        double[] v = new double[n + 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (kind) {
                case 0 -> random.nextGaussian();
                case 1 -> random.nextInt(5) - 2.0; // many ties
                case 2 -> i; // sorted
                case 3 -> v.length - i; // reversed
                case 4 -> random.nextInt(4) == 0 ? -0.0 : random.nextInt(3) == 0 ? 0.0 : random.nextDouble() - 0.5;
                default -> random.nextInt(10) == 0 ? Double.POSITIVE_INFINITY
                        : random.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : random.nextGaussian() * 1e3;
            };
        }
        return v;
    }

    @Test
    void medianAndMadEqualTheSortedReferenceBitForBit() {
        SplittableRandom random = new SplittableRandom(13);
        for (int kind = 0; kind < 6; kind++) {
            for (int n : new int[] {1, 2, 3, 4, 5, 16, 17, 31, 100, 101, 1000, 4097}) {
                double[] v = sample(random, n, kind);
                double[] before = v.clone();
                double m = RobustStats.median(v, n);
                assertEquals(Double.doubleToRawLongBits(sortedMedian(v, n)), Double.doubleToRawLongBits(m),
                        "kind " + kind + ", n " + n);
                double[] dev = new double[n];
                for (int i = 0; i < n; i++) {
                    dev[i] = Math.abs(v[i] - 0.25);
                }
                assertEquals(Double.doubleToRawLongBits(sortedMedian(dev, n)),
                        Double.doubleToRawLongBits(RobustStats.mad(v, n, 0.25)), "mad, kind " + kind + ", n " + n);
                assertTrue(Arrays.equals(before, v), "the input is not reordered");
            }
        }
    }

    @Test
    void edgeCases() {
        assertTrue(Double.isNaN(RobustStats.median(new double[3], 0)));
        assertEquals(2.5, RobustStats.median(new double[] {4, 1, 3, 2}, 4));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(
                RobustStats.median(new double[] {0.0, -0.0}, 2)));
        assertTrue(Double.isNaN(RobustStats.median(new double[] {1, Double.NaN, 2}, 3)) == Double.isNaN(
                sortedMedian(new double[] {1, Double.NaN, 2}, 3)));
        assertThrows(IllegalArgumentException.class, () -> RobustStats.median(new double[2], 3));
    }
}
