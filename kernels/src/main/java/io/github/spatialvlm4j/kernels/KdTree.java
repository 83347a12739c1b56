package io.github.spatialvlm4j.kernels;

/**
 * An implicit, balanced k-d tree over a point set, built on the host and queried by the
 * {@link KernelBodies#kdNearest} body. The points are permuted into tree order and stored as
 * structure of arrays {@code x, y, z}; the node of index range {@code [lo, hi)} is its middle
 * {@code (lo + hi) >>> 1}, splitting on axis {@code split[mid]} (the axis of largest extent of the
 * range): points of {@code [lo, mid)} are &lt;= the node on that axis, points of
 * {@code [mid + 1, hi)} are &gt;= it. Ranges of at most {@link #LEAF_SIZE} points are leaves
 * scanned linearly. Build O(n log n), no node objects, no recursion.
 */
final class KdTree {
    /** Largest range scanned linearly instead of split. */
    static final int LEAF_SIZE = 12;

    final int n;
    final float[] x;
    final float[] y;
    final float[] z;
    final int[] split;
    /** Tree position to index in the input array. */
    final int[] perm;

    private KdTree(int n, float[] x, float[] y, float[] z, int[] split, int[] perm) {
        this.n = n;
        this.x = x;
        this.y = y;
        this.z = z;
        this.split = split;
        this.perm = perm;
    }

    /** Builds the tree of the points {@code xyz} (3n floats, meters, finite). */
    static KdTree build(float[] xyz) {
        int n = xyz.length / 3;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
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
            int dim = widestAxis(xyz, perm, lo, hi);
            int mid = (lo + hi) >>> 1;
            select(xyz, dim, perm, lo, hi - 1, mid);
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
        float[] x = new float[n];
        float[] y = new float[n];
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            int p = perm[i];
            x[i] = xyz[3 * p];
            y[i] = xyz[3 * p + 1];
            z[i] = xyz[3 * p + 2];
        }
        return new KdTree(n, x, y, z, split, perm);
    }

    private static int widestAxis(float[] xyz, int[] perm, int lo, int hi) {
        float minX = Float.POSITIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float minZ = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        float maxZ = Float.NEGATIVE_INFINITY;
        for (int i = lo; i < hi; i++) {
            int p = 3 * perm[i];
            minX = Math.min(minX, xyz[p]);
            maxX = Math.max(maxX, xyz[p]);
            minY = Math.min(minY, xyz[p + 1]);
            maxY = Math.max(maxY, xyz[p + 1]);
            minZ = Math.min(minZ, xyz[p + 2]);
            maxZ = Math.max(maxZ, xyz[p + 2]);
        }
        float ex = maxX - minX;
        float ey = maxY - minY;
        float ez = maxZ - minZ;
        return ex >= ey && ex >= ez ? 0 : ey >= ez ? 1 : 2;
    }

    /**
     * Wirth's selection: reorders {@code perm[l..r]} (inclusive) so that position {@code kth}
     * holds the point of rank kth on axis {@code dim}, smaller-or-equal before, larger-or-equal after.
     */
    private static void select(float[] xyz, int dim, int[] perm, int l, int r, int kth) {
        while (r > l) {
            float pivot = xyz[3 * perm[(l + r) >>> 1] + dim];
            int i = l;
            int j = r;
            do {
                while (xyz[3 * perm[i] + dim] < pivot) {
                    i++;
                }
                while (pivot < xyz[3 * perm[j] + dim]) {
                    j--;
                }
                if (i <= j) {
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
}
