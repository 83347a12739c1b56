package io.github.spatialvlm4j.datagen.pipeline;

/**
 * The normal equations of a least-squares fit of inverse depth to a quadratic in the pixel offsets, over the
 * pixels of a fixed set that fall in a square window, in O(1) per window: summed-area tables (Crow, SIGGRAPH
 * 1984) of the set's moments.
 *
 * <p>The fit's unknowns are the coefficients of {@code 1, du, dv, du^2, dv^2, du dv}, with
 * {@code (du, dv) = ((x - cu) / reach, (y - cv) / reach)} the offset of a pixel from the window's centre in units
 * of its reach; the normal matrix holds the sums of the products of two of them (moments of the offsets up to
 * the fourth order) and the right-hand side the sums of each times {@code 1 / z}. One table per raw moment
 * {@code X^a Y^b} (and per {@code X^a Y^b / z}) of the coordinates centred on the region and divided by the
 * reach, so that the values stay small (a few hundred thousand at the fourth power) and the shift to each
 * window's centre by the binomial theorem keeps the sums to 1e-9 of the pixel-by-pixel ones
 * ({@code WindowMomentsTest}), where raw pixel coordinates (10^11 at the fourth power) would lose far more.
 * Package-private; the instance is immutable; memory {@value #CHANNELS} doubles per pixel of the rows it covers.
 */
final class WindowMoments {
    /** Exponents (a, b) of the raw moments X^a Y^b, a + b at most 4, in table order. */
    private static final int[] RAW_A = {0, 1, 0, 2, 1, 0, 3, 2, 1, 0, 4, 3, 2, 1, 0};
    private static final int[] RAW_B = {0, 0, 1, 0, 1, 2, 0, 1, 2, 3, 0, 1, 2, 3, 4};
    /** Exponents of the fit's terms 1, du, dv, du^2, dv^2, du dv (also of the moments weighted by 1 / z). */
    static final int[] TERM_A = {0, 1, 0, 2, 0, 1};
    static final int[] TERM_B = {0, 0, 1, 0, 2, 1};
    /** Number of unknowns of the fit. */
    static final int TERMS = TERM_A.length;
    private static final int RAW = RAW_A.length;
    private static final int CHANNELS = RAW + TERMS;
    /** Length of the scratch that {@link #normalEquations} needs. */
    static final int SCRATCH = CHANNELS;
    private static final int[][] RAW_INDEX = new int[5][5];
    private static final int[][] TERM_INDEX = new int[3][3];
    private static final double[][] BINOMIAL = new double[5][5];

    static {
        for (int k = 0; k < RAW; k++) {
            RAW_INDEX[RAW_A[k]][RAW_B[k]] = k;
        }
        for (int k = 0; k < TERM_A.length; k++) {
            TERM_INDEX[TERM_A[k]][TERM_B[k]] = k;
        }
        for (int n = 0; n < 5; n++) {
            BINOMIAL[n][0] = 1;
            for (int k = 1; k <= n; k++) {
                BINOMIAL[n][k] = BINOMIAL[n - 1][k - 1] + (k < n ? BINOMIAL[n - 1][k] : 0);
            }
        }
    }

    private final int width;
    private final int height;
    private final double reach;
    private final double centerU;
    private final double centerV;
    /** Row-major over {@code (width + 1) x (height + 1)} corners, {@link #CHANNELS} interleaved values each. */
    private final double[] table;

    /** First and one past the last row of the region that the tables cover. */
    private final int rowFrom;
    private final int rowTo;

    /** Tables over the whole region. */
    WindowMoments(float[] depth, boolean[] member, int width, int height, int reach) {
        this(depth, member, width, height, reach, 0, height);
    }

    /**
     * Tables over rows {@code [rowFrom, rowTo)} of the region only (a strip: the memory is then
     * {@value #CHANNELS} doubles per pixel of the strip, not of the region), for the windows that lie in them.
     *
     * @param depth depth of the region's pixels, meters, row-major {@code width x height}
     * @param member which pixels of the region the fit uses (their depth must be &gt; 0)
     * @param reach the windows' reach, pixels, &gt; 0: the unit of the offsets
     */
    WindowMoments(float[] depth, boolean[] member, int width, int height, int reach, int rowFrom, int rowTo) {
        if (depth.length != width * height || member.length != width * height) {
            throw new IllegalArgumentException("Invalid region " + width + "x" + height + " for " + depth.length
                    + " depths and " + member.length + " flags (need width x height of each)");
        }
        if (reach <= 0) {
            throw new IllegalArgumentException("Invalid reach: " + reach + " (pixels, must be > 0)");
        }
        if (rowFrom < 0 || rowTo > height || rowFrom >= rowTo) {
            throw new IllegalArgumentException("Invalid rows [" + rowFrom + ", " + rowTo + ") of a region "
                    + height + " rows tall (need 0 <= from < to <= height)");
        }
        this.width = width;
        this.height = height;
        this.reach = reach;
        this.rowFrom = rowFrom;
        this.rowTo = rowTo;
        this.centerU = 0.5 * (width - 1);
        this.centerV = 0.5 * (height - 1);
        int stride = (width + 1) * CHANNELS;
        table = new double[(rowTo - rowFrom + 1) * stride];
        double[] row = new double[CHANNELS];
        double[] xPow = new double[5];
        double[] yPow = new double[5];
        for (int y = rowFrom; y < rowTo; y++) {
            java.util.Arrays.fill(row, 0);
            int above = (y - rowFrom) * stride;
            int here = (y - rowFrom + 1) * stride;
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                if (member[p]) {
                    powers((x - centerU) / reach, xPow);
                    powers((y - centerV) / reach, yPow);
                    for (int k = 0; k < RAW; k++) {
                        row[k] += xPow[RAW_A[k]] * yPow[RAW_B[k]];
                    }
                    double inverse = 1.0 / depth[p];
                    for (int k = 0; k < TERMS; k++) {
                        row[RAW + k] += xPow[TERM_A[k]] * yPow[TERM_B[k]] * inverse;
                    }
                }
                int c = (x + 1) * CHANNELS;
                for (int k = 0; k < CHANNELS; k++) {
                    table[here + c + k] = table[above + c + k] + row[k];
                }
            }
        }
    }

    private static void powers(double t, double[] out) {
        out[0] = 1;
        for (int i = 1; i < out.length; i++) {
            out[i] = out[i - 1] * t;
        }
    }

    /**
     * The normal equations of the fit over the member pixels in the window of {@code reach} around pixel
     * (cu, cv), clipped to the region; the window's rows (so clipped) must lie in the tables' rows.
     *
     * @param normal out: the {@code TERMS x TERMS} normal matrix, row-major, both triangles
     * @param rhs out: the {@code TERMS} right-hand sides
     * @param raw scratch of at least {@link #SCRATCH} values
     * @return the number of member pixels in the window
     */
    int normalEquations(int cu, int cv, double[] normal, double[] rhs, double[] raw) {
        int r = (int) reach;
        int x0 = Math.max(0, cu - r);
        int x1 = Math.min(width, cu + r + 1);
        int y0 = Math.max(0, cv - r);
        int y1 = Math.min(height, cv + r + 1);
        if (y0 < rowFrom || y1 > rowTo) {
            throw new IllegalArgumentException("Invalid window rows [" + y0 + ", " + y1 + ") around row " + cv
                    + ": the tables cover rows [" + rowFrom + ", " + rowTo + ")");
        }
        y0 -= rowFrom;
        y1 -= rowFrom;
        int stride = (width + 1) * CHANNELS;
        int a = y1 * stride + x1 * CHANNELS;
        int b = y1 * stride + x0 * CHANNELS;
        int c = y0 * stride + x1 * CHANNELS;
        int d = y0 * stride + x0 * CHANNELS;
        for (int k = 0; k < CHANNELS; k++) {
            raw[k] = table[a + k] - table[b + k] - table[c + k] + table[d + k];
        }
        int n = (int) Math.round(raw[0]);
        // Offsets from the window's centre: X - s and Y - t in the table's units, s and t the centre's X and Y.
        double[] sp = new double[5];
        double[] tp = new double[5];
        powers(-(cu - centerU) / reach, sp);
        powers(-(cv - centerV) / reach, tp);
        for (int i = 0; i < TERMS; i++) {
            for (int j = i; j < TERMS; j++) {
                double m = shifted(raw, 0, TERM_A[i] + TERM_A[j], TERM_B[i] + TERM_B[j], sp, tp);
                normal[i * TERMS + j] = m;
                normal[j * TERMS + i] = m;
            }
            rhs[i] = shifted(raw, RAW, TERM_A[i], TERM_B[i], sp, tp);
        }
        return n;
    }

    /**
     * The window's sum of {@code (X - s)^a (Y - t)^b} (times {@code 1/z} when {@code offset} is {@link #RAW}),
     * from the raw moments by the binomial theorem; {@code sp[i] = (-s)^i}, {@code tp[j] = (-t)^j}.
     */
    private static double shifted(double[] raw, int offset, int a, int b, double[] sp, double[] tp) {
        int[][] index = offset == 0 ? RAW_INDEX : TERM_INDEX;
        double sum = 0;
        for (int i = 0; i <= a; i++) {
            double fi = BINOMIAL[a][i] * sp[a - i];
            for (int j = 0; j <= b; j++) {
                sum += fi * BINOMIAL[b][j] * tp[b - j] * raw[offset + index[i][j]];
            }
        }
        return sum;
    }
}
