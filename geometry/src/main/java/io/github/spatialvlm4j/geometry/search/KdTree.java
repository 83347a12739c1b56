package io.github.spatialvlm4j.geometry.search;

import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;

/**
 * A static 3D k-d tree over points {@code xyz[3i..3i+2]} (meters, any frame) for radius and
 * k-nearest-neighbour queries. Immutable after construction and safe to query from many threads.
 *
 * <p>Structure: a balanced implicit tree. Each inner node splits its points at the median
 * (Hoare quickselect with a median-of-three pivot) along the axis of largest spread; ranges of
 * at most {@value #LEAF_SIZE} points are leaves. The coordinates are copied in tree order, so
 * later changes to the caller's array do not affect the tree.
 *
 * <p>Complexity: build O(n log n) expected time, O(n) memory (3n floats, n ints, and about
 * 2n / {@value #LEAF_SIZE} nodes). Queries are iterative (explicit stack): a radius query costs
 * O(log n + m log m) for m results on well-spread data, a k-nearest query about O(log n + k log k);
 * distances are compared in float exactly as {@code dx*dx + dy*dy + dz*dz}, so results equal a
 * linear scan's, ties broken by index.
 *
 * <p>When not to use: for a single query (a linear scan is cheaper than building); for many
 * radius queries with one fixed radius over dense, bounded data, where {@link UniformGrid} is
 * simpler and usually faster; for high-dimensional data (a k-d tree needs n much larger than
 * 2^d to beat a linear scan). Extreme clustering (millions of exact duplicates) keeps results
 * correct but queries that touch the cluster scan all of it.
 */
public final class KdTree {
    /** Largest number of points in a leaf. */
    public static final int LEAF_SIZE = 8;

    private final int n;
    /** Coordinates in tree order, {@code pts[3j..3j+2]} is the point at tree position j. */
    private final float[] pts;
    /** Original index of the point at each tree position. */
    private final int[] index;
    /** Split axis (0, 1, 2) of each inner node, by implicit node id (root 0, children 2k+1, 2k+2). */
    private final byte[] splitAxis;
    private final float[] splitValue;
    /** Upper bound on the explicit stack size of a query. */
    private final int stackCapacity;

    /**
     * Builds a tree over {@code xyz} (length 3n, finite, meters). The array is copied.
     *
     * @throws ShapeMismatchException when the length is not a multiple of 3
     * @throws IllegalArgumentException naming the first non-finite point
     */
    public KdTree(float[] xyz) {
        if (xyz == null) {
            throw new IllegalArgumentException("xyz array is null");
        }
        if (xyz.length % 3 != 0) {
            throw new ShapeMismatchException("xyz array length " + xyz.length + " is not a multiple of 3");
        }
        PointCloud.requireFinite(xyz);
        n = xyz.length / 3;
        int depth = 0;
        for (int s = n; s > LEAF_SIZE; s = (s + 1) / 2) {
            depth++;
        }
        int nodes = (1 << (depth + 1)) - 1;
        splitAxis = new byte[nodes];
        splitValue = new float[nodes];
        stackCapacity = 2 * (depth + 2);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        build(xyz, perm);
        pts = new float[3 * n];
        index = perm;
        for (int j = 0; j < n; j++) {
            int i = perm[j];
            pts[3 * j] = xyz[3 * i];
            pts[3 * j + 1] = xyz[3 * i + 1];
            pts[3 * j + 2] = xyz[3 * i + 2];
        }
    }

    /** A tree over the points of {@code cloud}; indices refer to the cloud's points. */
    public static KdTree of(PointCloud cloud) {
        return new KdTree(cloud.xyz());
    }

    /** Number of points. */
    public int size() {
        return n;
    }

    private void build(float[] xyz, int[] perm) {
        int[] stack = rootStack();
        for (int top = 3; top > 0;) {
            top -= 3;
            int node = stack[top];
            int lo = stack[top + 1];
            int hi = stack[top + 2];
            if (hi - lo <= LEAF_SIZE) {
                continue;
            }
            int axis = widestAxis(xyz, perm, lo, hi);
            int mid = (lo + hi) >>> 1;
            select(xyz, perm, axis, lo, hi - 1, mid);
            splitAxis[node] = (byte) axis;
            splitValue[node] = xyz[3 * perm[mid] + axis];
            top = pushChild(stack, top, node, lo, hi, true);
            top = pushChild(stack, top, node, lo, hi, false);
        }
    }

    /** A traversal stack of (node, lo, hi) triples holding the root. */
    private int[] rootStack() {
        int[] stack = new int[3 * stackCapacity];
        stack[2] = n;
        return stack;
    }

    /**
     * Writes the left or right child of {@code node} (covering {@code [lo, hi)}) as a (node, lo,
     * hi) triple at {@code stack[top..top+2]}; returns {@code top + 3}.
     */
    private static int pushChild(int[] stack, int top, int node, int lo, int hi, boolean left) {
        int mid = (lo + hi) >>> 1;
        stack[top] = left ? 2 * node + 1 : 2 * node + 2;
        stack[top + 1] = left ? lo : mid;
        stack[top + 2] = left ? mid : hi;
        return top + 3;
    }

    private static int widestAxis(float[] xyz, int[] perm, int lo, int hi) {
        float[] min = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] max = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int j = lo; j < hi; j++) {
            for (int a = 0; a < 3; a++) {
                float v = xyz[3 * perm[j] + a];
                min[a] = Math.min(min[a], v);
                max[a] = Math.max(max[a], v);
            }
        }
        int best = 0;
        for (int a = 1; a < 3; a++) {
            if ((double) max[a] - min[a] > (double) max[best] - min[best]) {
                best = a;
            }
        }
        return best;
    }

    /**
     * Quickselect (Hoare partition, median-of-three pivot): reorders {@code perm[left..right]} so
     * that position {@code k} holds the k-th smallest coordinate on {@code axis}, smaller-or-equal
     * ones before it and greater-or-equal ones after. Equal keys are swapped, so duplicates split
     * evenly. Expected O(right - left).
     */
    private static void select(float[] xyz, int[] perm, int axis, int left, int right, int k) {
        while (right > left) {
            float a = xyz[3 * perm[left] + axis];
            float b = xyz[3 * perm[(left + right) >>> 1] + axis];
            float c = xyz[3 * perm[right] + axis];
            float pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
            int i = left;
            int j = right;
            while (i <= j) {
                while (xyz[3 * perm[i] + axis] < pivot) {
                    i++;
                }
                while (xyz[3 * perm[j] + axis] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return;
            }
        }
    }

    /**
     * Indices of all points within distance {@code r} (inclusive) of {@code (x, y, z)}, in
     * ascending index order.
     *
     * @param r radius, meters, finite and {@code >= 0}
     * @param out cleared and filled; may be null (then allocated); reuse it across queries
     * @return {@code out}
     */
    public IntList radius(float x, float y, float z, float r, IntList out) {
        requireQuery(x, y, z);
        requireRadius(r);
        IntList result = out == null ? new IntList() : out;
        result.clear();
        if (n == 0) {
            return result;
        }
        float r2 = r * r;
        int[] stack = rootStack();
        for (int top = 3; top > 0;) {
            top -= 3;
            int node = stack[top];
            int lo = stack[top + 1];
            int hi = stack[top + 2];
            if (hi - lo <= LEAF_SIZE) {
                for (int j = lo; j < hi; j++) {
                    if (distanceSquared(pts, j, x, y, z) <= r2) {
                        result.add(index[j]);
                    }
                }
                continue;
            }
            float diff = splitOffset(node, x, y, z);
            boolean nearIsLeft = diff < 0;
            // Every point of the far child is at least |diff| away along the split axis.
            if (diff * diff <= r2) {
                top = pushChild(stack, top, node, lo, hi, !nearIsLeft);
            }
            top = pushChild(stack, top, node, lo, hi, nearIsLeft);
        }
        result.sort();
        return result;
    }

    /** {@link #radius(float, float, float, float, IntList)} into a new array. */
    public int[] radius(float x, float y, float z, float r) {
        return radius(x, y, z, r, null).toArray();
    }

    /**
     * The {@code min(k, size())} points nearest to {@code (x, y, z)}, sorted by distance, ties by
     * ascending index (so the answer is unique and deterministic).
     *
     * @param k number of neighbours, {@code >= 1}
     */
    public int[] nearest(float x, float y, float z, int k) {
        requireQuery(x, y, z);
        if (k < 1) {
            throw new IllegalArgumentException("Invalid k: " + k + " (must be >= 1)");
        }
        int capacity = Math.min(k, n);
        if (capacity == 0) {
            return new int[0];
        }
        // Max-heap on (distance, index): the root is the worst of the best found so far.
        float[] heapD = new float[capacity];
        int[] heapI = new int[capacity];
        int size = 0;
        int[] stack = rootStack();
        // Lower bound on the squared distance to the points of each stacked node, by triple.
        float[] bounds = new float[stackCapacity];
        for (int top = 3; top > 0;) {
            top -= 3;
            if (size == capacity && bounds[top / 3] > heapD[0]) {
                continue;
            }
            int node = stack[top];
            int lo = stack[top + 1];
            int hi = stack[top + 2];
            if (hi - lo <= LEAF_SIZE) {
                for (int j = lo; j < hi; j++) {
                    float d = distanceSquared(pts, j, x, y, z);
                    int i = index[j];
                    if (size < capacity) {
                        size = siftUp(heapD, heapI, size, d, i);
                    } else if (worse(heapD[0], heapI[0], d, i)) {
                        replaceRoot(heapD, heapI, size, d, i);
                    }
                }
                continue;
            }
            float diff = splitOffset(node, x, y, z);
            boolean nearIsLeft = diff < 0;
            float parentBound = bounds[top / 3];
            bounds[top / 3] = Math.max(parentBound, diff * diff);
            top = pushChild(stack, top, node, lo, hi, !nearIsLeft);
            bounds[top / 3] = parentBound;
            top = pushChild(stack, top, node, lo, hi, nearIsLeft);
        }
        int[] out = new int[size];
        for (int s = size; s > 0; s--) {
            out[s - 1] = heapI[0];
            replaceRoot(heapD, heapI, s - 1, heapD[s - 1], heapI[s - 1]);
        }
        return out;
    }

    /** Signed offset of (x, y, z) from the split plane of inner node {@code node}, meters. */
    private float splitOffset(int node, float x, float y, float z) {
        int axis = splitAxis[node];
        return (axis == 0 ? x : axis == 1 ? y : z) - splitValue[node];
    }

    /** Whether (d1, i1) ranks after (d2, i2): farther, or as far with a larger index. */
    private static boolean worse(float d1, int i1, float d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    private static int siftUp(float[] hd, int[] hi, int size, float d, int i) {
        int c = size;
        while (c > 0) {
            int p = (c - 1) >>> 1;
            if (!worse(d, i, hd[p], hi[p])) {
                break;
            }
            hd[c] = hd[p];
            hi[c] = hi[p];
            c = p;
        }
        hd[c] = d;
        hi[c] = i;
        return size + 1;
    }

    /** Replaces the root of a heap of {@code size} entries by (d, i) and restores the heap order. */
    private static void replaceRoot(float[] hd, int[] hi, int size, float d, int i) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                break;
            }
            int w = l + 1 < size && worse(hd[l + 1], hi[l + 1], hd[l], hi[l]) ? l + 1 : l;
            if (!worse(hd[w], hi[w], d, i)) {
                break;
            }
            hd[c] = hd[w];
            hi[c] = hi[w];
            c = w;
        }
        if (size > 0) {
            hd[c] = d;
            hi[c] = i;
        }
    }

    /** Squared distance of point {@code j} of {@code pts} to (x, y, z), in float, in a fixed order. */
    static float distanceSquared(float[] pts, int j, float x, float y, float z) {
        float dx = pts[3 * j] - x;
        float dy = pts[3 * j + 1] - y;
        float dz = pts[3 * j + 2] - z;
        return dx * dx + dy * dy + dz * dz;
    }

    static void requireQuery(float x, float y, float z) {
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
            throw new IllegalArgumentException("Invalid query point: (" + x + ", " + y + ", " + z
                    + ") (meters, must be finite)");
        }
    }

    static void requireRadius(float r) {
        if (!(r >= 0) || !Float.isFinite(r)) {
            throw new IllegalArgumentException("Invalid radius: " + r + " (meters, must be finite and >= 0)");
        }
    }
}
