package io.github.spatialvlm4j.kernels.gap;

import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.Arrays;
import java.util.Optional;
import org.joml.Vector3f;

/**
 * The host side of the closest-pair sweep ({@link GapBodies#sweepNearestWithin}): two clouds
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
    /** Queries and targets nearest each other along u whose pairs seed {@link #pairBound()}. */
    private static final int PROBE = 16;
    /** Points per cloud on which {@link #whenItPaysOff} first estimates the sweep's work. */
    static final int ESTIMATE_POINTS = 512;
    /** Clouds above this many points get the sampled estimate first (below, a full sort is cheap). */
    static final int ESTIMATE_ABOVE = 4096;
    /** Factor by which the sampled estimate must clear the limit. */
    private static final int ESTIMATE_MARGIN = 4;

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

    /**
     * The sweep of queries {@code q} against targets {@code t} (non-empty) when it {@link #paysOff()}; for
     * clouds of more than {@value #ESTIMATE_ABOVE} points judged first on stride samples
     * ({@link PointCloud#strideSample}) of at most {@value #ESTIMATE_POINTS} points of each (the pair bound
     * scaled up, with a margin of {@value #ESTIMATE_MARGIN}), so that clouds that go to the k-d
     * tree pay little for the question. The choice never changes the result, only the time.
     */
    static Optional<AxisSweep> whenItPaysOff(PointCloud q, PointCloud t) {
        int n = q.size();
        int m = t.size();
        if (Math.max(n, m) > ESTIMATE_ABOVE) {
            AxisSweep sample = of(q.strideSample(ESTIMATE_POINTS), t.strideSample(ESTIMATE_POINTS));
            double scale = (double) n / sample.qk.length * m / sample.tk.length;
            // A sample's bound is a rough guess (its probe pairs are few and far between): ask it
            // for four times less, so that clouds near the limit go to the tree without a full sort.
            if (sample.pairBound() * scale * ESTIMATE_MARGIN > (double) n * PAIRS_PER_QUERY) {
                return Optional.empty();
            }
        }
        AxisSweep sweep = of(q, t);
        return sweep.paysOff() ? Optional.of(sweep) : Optional.empty();
    }

    /** The sweep of {@code queries} against {@code targets} (non-empty, in one frame, meters). */
    static AxisSweep of(PointCloud queries, PointCloud targets) {
        Vector3f u = targets.centroid(new Vector3f()).sub(queries.centroid(new Vector3f()));
        double ux = u.x;
        double uy = u.y;
        double uz = u.z;
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
        float[] q = queries.xyz();
        float[] t = targets.xyz();
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
     * True when the sweep compares at most {@link #PAIRS_PER_QUERY} pairs per query (by
     * {@link #pairBound()}): about what a k-d query costs when its pruning works. Far-apart
     * objects sweep (few targets lie within the gap of a query along u, while the k-d search
     * balls reach over the whole other cloud); close, large ones, whose facing surfaces all lie
     * within the gap along u, search the tree.
     */
    boolean paysOff() {
        return pairBound() <= (long) qk.length * PAIRS_PER_QUERY;
    }

    /**
     * An upper bound of the pairs the sweep compares: every query meets the targets up to its own
     * projection plus the distance of a real pair (the closest among the first {@value #PROBE}
     * queries and targets), plus the slack; the sweep's reach only shrinks from there.
     * O(n log m).
     */
    long pairBound() {
        // The closest of the pairs among the first queries and targets (those nearest each other
        // along u): a real pair, usually close to the gap, so the bound is tight.
        float best2 = Float.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(PROBE, qx.length); i++) {
            for (int j = 0; j < Math.min(PROBE, tx.length); j++) {
                float dx = qx[i] - tx[j];
                float dy = qy[i] - ty[j];
                float dz = qz[i] - tz[j];
                best2 = Math.min(best2, dx * dx + dy * dy + dz * dz);
            }
        }
        float reach = (float) Math.sqrt(best2) + slack;
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
