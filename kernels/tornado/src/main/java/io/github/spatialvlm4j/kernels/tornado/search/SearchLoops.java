package io.github.spatialvlm4j.kernels.tornado.search;

import io.github.spatialvlm4j.kernels.search.GridBodies;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * The {@code @Parallel} loops TornadoVM compiles for the uniform grid: cell keys per point,
 * neighbour rows by binary search per (row, cell). Each calls the family's bodies per work item
 * (TornadoVM inlines them), so the device computes exactly what the JVM backend computes; scalars
 * that change from call to call travel in small parameter arrays (see the package documentation of
 * {@code io.github.spatialvlm4j.kernels.tornado}). Every method also runs as plain sequential Java,
 * giving the same result. Launched by {@link TornadoSearch}.
 */
public final class SearchLoops {
    private SearchLoops() {
    }

    /**
     * Per point: {@link GridBodies#gridCellKey}'s key; dp = {minX, minY, minZ, invCell} (meters,
     * 1/meters), lp = {nx, ny}. {@code Math.floor} is written as truncation corrected downwards
     * (same value for every finite double in long range): TornadoVM's OpenCL backend cannot
     * compile {@code Math.floor(double)} (its Java body reinterprets the bits).
     */
    public static void gridCellKeys(float[] xyz, int n, double[] dp, long[] lp, long[] keys) {
        for (@Parallel int i = 0; i < n; i++) {
            long ix = floor((xyz[3 * i] - dp[0]) * dp[3]) + 2;
            long iy = floor((xyz[3 * i + 1] - dp[1]) * dp[3]) + 2;
            long iz = floor((xyz[3 * i + 2] - dp[2]) * dp[3]) + 2;
            keys[i] = (iz * lp[1] + iy) * lp[0] + ix;
        }
    }

    /** Largest long not above v, for finite v within the long range. */
    public static long floor(double v) {
        long t = (long) v;
        return t > v ? t - 1 : t;
    }

    /**
     * Per (row r, cell c): the first cell whose key is at least {@code cellKey[c] + rowDelta[r] - 2}.
     * A binary search over the ascending keys gives the index that
     * {@link GridBodies#gridRowFirst}'s merge walk gives, one work item per entry instead of one
     * per row.
     */
    public static void gridRowFirst(long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        for (@Parallel int r = 0; r < GridBodies.GRID_ROWS; r++) {
            for (@Parallel int c = 0; c < m; c++) {
                long target = cellKey[c] + rowDelta[r] - 2;
                int lo = 0;
                int hi = m;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cellKey[mid] < target) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                rowFirst[r * m + c] = lo;
            }
        }
    }
}
