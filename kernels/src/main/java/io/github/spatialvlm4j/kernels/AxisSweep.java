package io.github.spatialvlm4j.kernels;

import java.util.Arrays;

/**
 * The host side of the closest-pair sweep ({@link KernelBodies#sweepNearestWithin}): two clouds
 * projected on the unit axis {@code u} from the query cloud's centroid to the target cloud's, the
 * queries sorted by descending projection (nearest the targets first) and the targets by ascending
 * projection, both as structure of arrays. For two separated objects only the pairs in a thin slab
 * between them are ever compared, so the sweep is far cheaper than a k-d tree search, whose balls
 * reach over the whole other object when the gap is large.
 *
 * <p>{@link #pairBound()} bounds the sweep's work from above before it runs: the pairs within
 * the distance of one real pair along u. The facade runs the sweep only when that bound is small
 * (the clouds interleave little along u); else the k-d tree. Build O((n + m) log(n + m)).
 */
final class AxisSweep {
    /** Compared pairs per query below which the sweep always pays off. */
    static final int PAIRS_PER_QUERY = 64;

    /** Queries: coordinates and projection (meters), by descending projection. */
    final float[] qx;
    final float[] qy;
    final float[] qz;
    final float[] qk;
    /** Targets: coordinates and projection (meters), by ascending projection. */
    final float[] tx;
    final float[] ty;
    final float[] tz;
    final float[] tk;
    /** Meters added to every sweep reach: covers the rounding of the projections. */
    final float slack;

    private AxisSweep(float[] qx, float[] qy, float[] qz, float[] qk, float[] tx, float[] ty, float[] tz, float[] tk,
            float slack) {
        this.qx = qx;
        this.qy = qy;
        this.qz = qz;
        this.qk = qk;
        this.tx = tx;
        this.ty = ty;
        this.tz = tz;
        this.tk = tk;
        this.slack = slack;
    }

    /** The sweep of queries {@code q} against targets {@code t} (3n and 3m floats, meters, finite, non-empty). */
    static AxisSweep of(float[] q, float[] t) {
        double[] cq = centroid(q);
        double[] ct = centroid(t);
        double ux = ct[0] - cq[0];
        double uy = ct[1] - cq[1];
        double uz = ct[2] - cq[2];
        double len = Math.sqrt(ux * ux + uy * uy + uz * uz);
        if (!(len > 1e-9)) {
            ux = 1;
            uy = 0;
            uz = 0;
        } else {
            ux /= len;
            uy /= len;
            uz /= len;
        }
        float[] pq = project(q, ux, uy, uz);
        float[] pt = project(t, ux, uy, uz);
        int[] oq = order(pq, true);
        int[] ot = order(pt, false);
        // A projection (rounded once from double) is off by at most half an ulp of the largest
        // coordinate magnitude; the sweep compares differences of two, so 4 ulps is generous, and
        // the relative term covers the float rounding of the squared distances themselves.
        float maxAbs = Math.max(maxAbs(q), maxAbs(t));
        float slack = 4 * Math.ulp(maxAbs) + 1e-6f * maxAbs;
        return new AxisSweep(gather(q, oq, 0), gather(q, oq, 1), gather(q, oq, 2), gather(pq, oq),
                gather(t, ot, 0), gather(t, ot, 1), gather(t, ot, 2), gather(pt, ot), slack);
    }

    /**
     * True when the sweep compares at most {@link #PAIRS_PER_QUERY} pairs per query, or a quarter
     * of all pairs (by {@link #pairBound()}): a k-d query costs a few dozen comparisons when its
     * pruning works, and little less than a scan when the clouds are far apart (its search balls
     * then reach over the whole other cloud).
     */
    boolean paysOff() {
        int n = qk.length;
        int m = tk.length;
        return pairBound() <= (long) n * Math.max(PAIRS_PER_QUERY, m / 4);
    }

    /**
     * An upper bound of the pairs the sweep compares: every query meets the targets up to its own
     * projection plus the distance of one real pair (the first query and the first target), plus
     * the slack; the sweep's reach only shrinks from there. O(n log m).
     */
    long pairBound() {
        float dx = qx[0] - tx[0];
        float dy = qy[0] - ty[0];
        float dz = qz[0] - tz[0];
        float reach = (float) Math.sqrt(dx * dx + dy * dy + dz * dz) + slack;
        long pairs = 0;
        for (float k : qk) {
            pairs += upperIndex(tk, k + reach);
        }
        return pairs;
    }

    /** Number of entries of ascending {@code v} that are <= {@code limit}. */
    private static int upperIndex(float[] v, float limit) {
        int lo = 0;
        int hi = v.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] <= limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] centroid(float[] xyz) {
        double[] c = new double[3];
        for (int i = 0; i < xyz.length; i++) {
            c[i % 3] += xyz[i];
        }
        int n = xyz.length / 3;
        for (int a = 0; a < 3; a++) {
            c[a] /= n;
        }
        return c;
    }

    private static float[] project(float[] xyz, double ux, double uy, double uz) {
        float[] p = new float[xyz.length / 3];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (xyz[3 * i] * ux + xyz[3 * i + 1] * uy + xyz[3 * i + 2] * uz);
        }
        return p;
    }

    private static float maxAbs(float[] v) {
        float m = 0f;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Indices sorted by key, ties by index (deterministic). */
    private static int[] order(float[] key, boolean descending) {
        long[] packed = new long[key.length];
        for (int i = 0; i < key.length; i++) {
            // Order-preserving int image of a float (no NaN here), negated for a descending order.
            int bits = Float.floatToIntBits(key[i]);
            bits ^= (bits >> 31) & 0x7fffffff;
            long sortable = descending ? -(long) bits : bits;
            packed[i] = (sortable << 32) | i;
        }
        Arrays.sort(packed);
        int[] order = new int[key.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) packed[i];
        }
        return order;
    }

    private static float[] gather(float[] xyz, int[] order, int axis) {
        float[] out = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = xyz[3 * order[i] + axis];
        }
        return out;
    }

    private static float[] gather(float[] v, int[] order) {
        float[] out = new float[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = v[order[i]];
        }
        return out;
    }
}
