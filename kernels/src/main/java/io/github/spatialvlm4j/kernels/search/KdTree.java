package io.github.spatialvlm4j.kernels.search;

/**
 * An implicit, balanced k-d tree over a point set, built on the host and queried by the
 * {@link KdTreeBodies#kdNearest} body. The points are permuted into tree order and stored as
 * structure of arrays {@code x, y, z}; the node of index range {@code [lo, hi)} is its middle
 * {@code (lo + hi) >>> 1}, splitting on axis {@code split[mid]} (the axis of largest extent of the
 * range): points of {@code [lo, mid)} are &lt;= the node on that axis, points of
 * {@code [mid + 1, hi)} are &gt;= it. Ranges of at most {@link #LEAF_SIZE} points are leaves
 * scanned linearly. Build O(n log n), no node objects, no recursion.
 */
public final class KdTree {
    /** Largest range scanned linearly instead of split. */
    public static final int LEAF_SIZE = 24;

    public final int n;
    public final float[] x;
    public final float[] y;
    public final float[] z;
    public final int[] split;
    /** {minX, minY, minZ, maxX, maxY, maxZ} of all points (the root's box). */
    public final float[] bounds;
    /** Tree position to index in the input array. */
    public final int[] perm;

    private KdTree(int n, float[] x, float[] y, float[] z, int[] split, int[] perm) {
        this.bounds = new float[] {min(x), min(y), min(z), max(x), max(y), max(z)};
        this.n = n;
        this.x = x;
        this.y = y;
        this.z = z;
        this.split = split;
        this.perm = perm;
    }

    /** Builds the tree of the points {@code xyz} (3n floats, meters, finite). */
    public static KdTree build(float[] xyz) {
        int n = xyz.length / 3;
        int[] perm = new int[n];
        float[] x = new float[n];
        float[] y = new float[n];
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
            x[i] = xyz[3 * i];
            y[i] = xyz[3 * i + 1];
            z[i] = xyz[3 * i + 2];
        }
        int[] split = new int[n];
        int[] stack = new int[2 * 64];
        int sp = 0;
        if (n > LEAF_SIZE) {
            stack[0] = 0;
            stack[1] = n;
            sp = 1;
        }
        while (sp > 0) {
            sp--;
            int lo = stack[2 * sp];
            int hi = stack[2 * sp + 1];
            int dim = widestAxis(x, y, z, lo, hi);
            int mid = (lo + hi) >>> 1;
            select(dim == 0 ? x : dim == 1 ? y : z, x, y, z, perm, lo, hi - 1, mid);
            split[mid] = dim;
            if (mid - lo > LEAF_SIZE) {
                stack[2 * sp] = lo;
                stack[2 * sp + 1] = mid;
                sp++;
            }
            if (hi - mid - 1 > LEAF_SIZE) {
                stack[2 * sp] = mid + 1;
                stack[2 * sp + 1] = hi;
                sp++;
            }
        }
        return new KdTree(n, x, y, z, split, perm);
    }

    private static float min(float[] v) {
        float m = Float.POSITIVE_INFINITY;
        for (float f : v) {
            m = Math.min(m, f);
        }
        return m;
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float f : v) {
            m = Math.max(m, f);
        }
        return m;
    }

    private static int widestAxis(float[] x, float[] y, float[] z, int lo, int hi) {
        float ex = extent(x, lo, hi);
        float ey = extent(y, lo, hi);
        float ez = extent(z, lo, hi);
        return ex >= ey && ex >= ez ? 0 : ey >= ez ? 1 : 2;
    }

    private static float extent(float[] v, int lo, int hi) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = lo; i < hi; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        return max - min;
    }

    /**
     * Wirth's selection on {@code key} (one of x, y, z): reorders positions {@code l..r}
     * (inclusive) of x, y, z and perm together so that position {@code kth} holds the point of
     * rank kth, smaller-or-equal keys before it, larger-or-equal after.
     */
    private static void select(float[] key, float[] x, float[] y, float[] z, int[] perm, int l, int r, int kth) {
        while (r > l) {
            float pivot = key[(l + r) >>> 1];
            int i = l;
            int j = r;
            do {
                while (key[i] < pivot) {
                    i++;
                }
                while (pivot < key[j]) {
                    j--;
                }
                if (i <= j) {
                    swap(x, i, j);
                    swap(y, i, j);
                    swap(z, i, j);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < kth) {
                l = i;
            }
            if (kth < i) {
                r = j;
            }
        }
    }

    private static void swap(float[] v, int i, int j) {
        float t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}
