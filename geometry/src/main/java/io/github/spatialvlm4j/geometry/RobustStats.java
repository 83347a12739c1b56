package io.github.spatialvlm4j.geometry;

import java.util.Arrays;

/**
 * Order statistics that a few percent of wild values cannot move: median, median absolute deviation
 * and quantiles. The mean and standard deviation of a point cloud are pulled by every outlier in
 * proportion to its distance; the median and the MAD ignore up to half the values however far they are
 * (breakdown point 50%). Stateless; the median and the MAD select the middle values of a copy
 * (introselect), O(n) expected, and give exactly what sorting the copy would.
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
        return medianInPlace(Arrays.copyOf(values, n), n);
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
        return medianInPlace(dev, n);
    }

    /**
     * {@link #sortedQuantile}{@code (sorted, 0.5)} of the first {@code n} values of {@code a}, which it
     * reorders: the two middle order statistics are selected instead of sorting everything, in the order
     * {@link Arrays#sort(double[])} uses ({@link Double#compare}: -0.0 before 0.0, NaN last), so the result
     * is the same double.
     */
    private static double medianInPlace(double[] a, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double pos = 0.5 * (n - 1);
        int lo = (int) Math.floor(pos);
        select(a, 0, n - 1, lo);
        double low = a[lo];
        double high = low;
        if (lo + 1 < n) {
            // After the selection everything right of lo compares >= a[lo]: the next order statistic is their minimum.
            high = a[lo + 1];
            for (int i = lo + 2; i < n; i++) {
                if (Double.compare(a[i], high) < 0) {
                    high = a[i];
                }
            }
        }
        double t = pos - lo;
        return low + t * (high - low);
    }

    /**
     * Reorders {@code a[from..to]} (inclusive) so that {@code a[k]} holds the value sorting would put there,
     * everything left of it compares &lt;= and everything right of it &gt;= ({@link Double#compare}).
     * Median-of-three quickselect; a range that has not shrunk enough after 2 log2(n) rounds is sorted
     * instead, so the worst case stays O(n log n).
     */
    private static void select(double[] a, int from, int to, int k) {
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(to - from + 1));
        while (to > from) {
            if (budget-- == 0 || to - from < 16) {
                Arrays.sort(a, from, to + 1);
                return;
            }
            int mid = (from + to) >>> 1;
            if (Double.compare(a[mid], a[from]) < 0) {
                swap(a, mid, from);
            }
            if (Double.compare(a[to], a[from]) < 0) {
                swap(a, to, from);
            }
            if (Double.compare(a[to], a[mid]) < 0) {
                swap(a, to, mid);
            }
            double pivot = a[mid];
            int i = from;
            int j = to;
            while (i <= j) {
                while (Double.compare(a[i], pivot) < 0) {
                    i++;
                }
                while (Double.compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            // Now a[from..j] <= pivot <= a[i..to], and a[j+1..i-1] == pivot.
            if (k <= j) {
                to = j;
            } else if (k >= i) {
                from = i;
            } else {
                return;
            }
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
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
