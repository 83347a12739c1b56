package io.github.spatialvlm4j.geometry;

import java.util.Arrays;

/**
 * Order statistics that a few percent of wild values cannot move: median, median absolute deviation
 * and quantiles. The mean and standard deviation of a point cloud are pulled by every outlier in
 * proportion to its distance; the median and the MAD ignore up to half the values however far they are
 * (breakdown point 50%). Stateless; each call sorts a copy, O(n log n).
 */
public final class RobustStats {
    /** MAD times this is the standard deviation of a normal distribution (1 / Phi^-1(3/4)). */
    public static final double MAD_TO_SIGMA = 1.482602218505602;

    private RobustStats() {
    }

    /** The median of the first {@code n} values (mean of the two middle ones for even n); NaN when n is 0. */
    public static double median(double[] values, int n) {
        if (n < 0 || n > values.length) {
            throw new IllegalArgumentException("Invalid count: " + n + " (must be in [0, " + values.length + "])");
        }
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return sortedQuantile(sorted, 0.5);
    }

    /**
     * The median absolute deviation of the first {@code n} values from {@code center}; NaN when n is 0.
     * Times {@link #MAD_TO_SIGMA} it estimates the standard deviation of normally distributed values.
     */
    public static double mad(double[] values, int n, double center) {
        if (n < 0 || n > values.length) {
            throw new IllegalArgumentException("Invalid count: " + n + " (must be in [0, " + values.length + "])");
        }
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(values[i] - center);
        }
        return median(dev, n);
    }

    /**
     * The q-quantile of ascending {@code sorted} values with linear interpolation between ranks
     * ({@code q = 0} is the minimum, 1 the maximum); NaN when empty.
     */
    public static double sortedQuantile(double[] sorted, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("Invalid quantile: " + q + " (must be in [0, 1])");
        }
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        double t = pos - lo;
        return sorted[lo] + t * (sorted[hi] - sorted[lo]);
    }
}
