package io.github.spatialvlm4j.kernels.search;

/**
 * The k-d tree queries shared by the outlier and gap families: k nearest neighbours of a point
 * in an implicit tree ({@link KdTree}), with explicit stacks in caller-provided scratch.
 *
 * <p>Kernel bodies in the TornadoVM-compatible subset of {@code io.github.spatialvlm4j.kernels}'s
 * package documentation: public static, primitives and primitive arrays only, no allocation, no
 * exceptions, one element per call writing disjoint output slots. Arguments are trusted: the
 * facade checks everything before launch. Layouts: {@code xyz[3i..3i+2]} is point i (meters);
 * {@code x[i], y[i], z[i]} the same coordinates as structure of arrays; images are row-major
 * {@code data[v * width + u]}.
 */
public final class KdTreeBodies {
    private KdTreeBodies() {
    }

    /**
     * Entries of the traversal stack a k-d tree query needs: half for the root-to-leaf path of
     * {@link #kdNearestOfTreePoint}, half for a subtree search (2 per level + 1); enough for any
     * tree of up to 2^31 points.
     */
    public static final int KD_STACK = 160;

    /**
     * The {@code k} nearest neighbours of {@code (qx, qy, qz)} in an implicit k-d tree
     * ({@link KdTree}: node of range {@code [lo, hi)} is its middle {@code (lo + hi) >>> 1}, split
     * on {@code split[mid]}; {@code bounds} = {minX, minY, minZ, maxX, maxY, maxZ} of all its
     * points; ranges of at most {@code leafSize} points are leaves), skipping tree
     * position {@code skip} (-1 for none), trying tree positions {@code [warmFrom, warmTo)} first
     * (an empty range for none; good guesses, e.g. the previous query's answer, tighten pruning
     * from the start; each point is offered once). Leaves the squared distances in
     * {@code best[bestOffset ..]} as a max-heap (see {@link #kdOffer}), their tree positions in
     * {@code bestIndex[bestOffset ..]}, and returns how many were found ({@code min(k, points)}).
     * Scratch: a stack of {@link #KD_STACK} entries, see {@link #kdSearch}.
     */
    public static int kdNearest(float qx, float qy, float qz, int skip, int warmFrom, int warmTo, int k, float[] tx,
            float[] ty, float[] tz, int[] split, float[] bounds, int n, int leafSize, float[] best, int[] bestIndex,
            int bestOffset, int[] stackRange, float[] stackBox, int stackOffset) {
        int found = 0;
        for (int i = warmFrom; i < warmTo; i++) {
            if (i != skip) {
                found = kdOffer(qx, qy, qz, i, tx, ty, tz, k, found, best, bestIndex, bestOffset);
            }
        }
        // The root's box is the points' tight bounding box: a query outside it starts with a
        // positive offset, which every subtree inherits (split planes alone leave it open).
        return kdSearch(qx, qy, qz, skip, warmFrom, warmTo, k, found, 0, n, boxOffset(qx, bounds[0], bounds[3]),
                boxOffset(qy, bounds[1], bounds[4]), boxOffset(qz, bounds[2], bounds[5]), tx, ty, tz, split, leafSize,
                best, bestIndex, bestOffset, stackRange, stackBox, stackOffset);
    }

    /**
     * The k nearest other points of tree point {@code i} (same outputs as {@link #kdNearest} with
     * {@code skip = i}), searched bottom-up: the leaf holding i first, then, level by level
     * towards the root, each ancestor's point and its other subtree when the split plane is
     * closer than the k-th best so far. Near neighbours come first, so most subtrees are pruned
     * with one comparison. The root-to-leaf path lives in stack entries
     * {@code [KD_STACK / 2, KD_STACK)}; subtree searches use {@code [0, KD_STACK / 2)}.
     */
    public static int kdNearestOfTreePoint(int i, int k, float[] tx, float[] ty, float[] tz, int[] split, int n,
            int leafSize, float[] best, int[] bestIndex, int bestOffset, int[] stackRange, float[] stackBox,
            int stackOffset) {
        float qx = tx[i];
        float qy = ty[i];
        float qz = tz[i];
        int path = stackOffset + KD_STACK / 2;
        int levels = 0;
        int lo = 0;
        int hi = n;
        int atNode = 0;
        while (hi - lo > leafSize && atNode == 0) {
            int mid = (lo + hi) >>> 1;
            if (mid == i) {
                atNode = 1;
            } else {
                stackRange[2 * (path + levels)] = lo;
                stackRange[2 * (path + levels) + 1] = hi;
                levels++;
                if (i < mid) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
        }
        // The deepest range holding i: a leaf, or the node whose own point is i; i lies in its box.
        int found = kdSearch(qx, qy, qz, i, 0, 0, k, 0, lo, hi, 0f, 0f, 0f, tx, ty, tz, split, leafSize, best,
                bestIndex, bestOffset, stackRange, stackBox, stackOffset);
        for (int level = levels - 1; level >= 0; level--) {
            int plo = stackRange[2 * (path + level)];
            int phi = stackRange[2 * (path + level) + 1];
            int mid = (plo + phi) >>> 1;
            int dim = split[mid];
            float diff = dim == 0 ? qx - tx[mid] : dim == 1 ? qy - ty[mid] : qz - tz[mid];
            found = kdOffer(qx, qy, qz, mid, tx, ty, tz, k, found, best, bestIndex, bestOffset);
            if (found < k || diff * diff <= best[bestOffset]) {
                int slo = i < mid ? mid + 1 : plo;
                int shi = i < mid ? phi : mid;
                found = kdSearch(qx, qy, qz, i, 0, 0, k, found, slo, shi, dim == 0 ? diff : 0f, dim == 1 ? diff : 0f,
                        dim == 2 ? diff : 0f, tx, ty, tz, split, leafSize, best, bestIndex, bestOffset, stackRange,
                        stackBox, stackOffset);
            }
        }
        return found;
    }

    /**
     * Top-down search of the subtree of range {@code [lo, hi)}, whose box is offset from the
     * query by {@code (ox, oy, oz)} per axis, adding to a k-best list that already holds
     * {@code found} entries; positions {@code skip} and {@code [excludeFrom, excludeTo)} are not
     * offered. Returns the new count.
     *
     * <p>Pruning uses the squared distance from the query to each subtree's box, kept per axis
     * (Arya and Mount's incremental distance), computed exactly as a point distance is, so a
     * subtree is skipped only when float arithmetic proves it holds nothing closer: the result
     * equals a linear scan's. Iterative: an explicit stack of at most {@code 2 * depth + 1}
     * entries {@code e}, {@code stackRange[2 * (stackOffset + e)], [.. + 1]} and
     * {@code stackBox[3 * (stackOffset + e) ..]}.
     */
    public static int kdSearch(float qx, float qy, float qz, int skip, int excludeFrom, int excludeTo, int k,
            int found, int lo, int hi, float ox, float oy, float oz, float[] tx, float[] ty, float[] tz, int[] split,
            int leafSize, float[] best, int[] bestIndex, int bestOffset, int[] stackRange, float[] stackBox,
            int stackOffset) {
        int count = found;
        stackRange[2 * stackOffset] = lo;
        stackRange[2 * stackOffset + 1] = hi;
        stackBox[3 * stackOffset] = ox;
        stackBox[3 * stackOffset + 1] = oy;
        stackBox[3 * stackOffset + 2] = oz;
        int sp = 1;
        while (sp > 0) {
            sp--;
            int e = stackOffset + sp;
            int a = stackRange[2 * e];
            int b = stackRange[2 * e + 1];
            float bx = stackBox[3 * e];
            float by = stackBox[3 * e + 1];
            float bz = stackBox[3 * e + 2];
            float bound = bx * bx + by * by + bz * bz;
            if (count == k && bound > best[bestOffset]) {
                continue;
            }
            if (b - a <= leafSize) {
                for (int i = a; i < b; i++) {
                    if (i != skip && (i < excludeFrom || i >= excludeTo)) {
                        count = kdOffer(qx, qy, qz, i, tx, ty, tz, k, count, best, bestIndex, bestOffset);
                    }
                }
            } else {
                int mid = (a + b) >>> 1;
                int dim = split[mid];
                float diff = dim == 0 ? qx - tx[mid] : dim == 1 ? qy - ty[mid] : qz - tz[mid];
                // Push the far child (box offset along dim = diff), then the node's own point as a
                // one-point range (it lies on the split plane: same offset), then the near child,
                // which is popped first: points near the query fill the k-best list early.
                float fx = dim == 0 ? diff : bx;
                float fy = dim == 1 ? diff : by;
                float fz = dim == 2 ? diff : bz;
                stackRange[2 * e] = diff < 0f ? mid + 1 : a;
                stackRange[2 * e + 1] = diff < 0f ? b : mid;
                stackBox[3 * e] = fx;
                stackBox[3 * e + 1] = fy;
                stackBox[3 * e + 2] = fz;
                stackRange[2 * e + 2] = mid;
                stackRange[2 * e + 3] = mid + 1;
                stackBox[3 * e + 3] = fx;
                stackBox[3 * e + 4] = fy;
                stackBox[3 * e + 5] = fz;
                stackRange[2 * e + 4] = diff < 0f ? a : mid + 1;
                stackRange[2 * e + 5] = diff < 0f ? mid : b;
                stackBox[3 * e + 6] = bx;
                stackBox[3 * e + 7] = by;
                stackBox[3 * e + 8] = bz;
                sp += 3;
            }
        }
        return count;
    }

    /** Signed offset of coordinate q from the interval {@code [min, max]} (0 inside). */
    public static float boxOffset(float q, float min, float max) {
        return q < min ? q - min : q > max ? q - max : 0f;
    }

    /**
     * Offers tree point {@code i} to the k-best list {@code best[off .. off + found)}, a max-heap
     * of squared distances (the worst kept at {@code best[off]}) with tree positions in
     * {@code bestIndex}: inserted while fewer than k are kept, else it replaces the worst when
     * strictly closer. Returns the new count. O(log k).
     */
    public static int kdOffer(float qx, float qy, float qz, int i, float[] tx, float[] ty, float[] tz, int k,
            int found, float[] best, int[] bestIndex, int off) {
        float dx = qx - tx[i];
        float dy = qy - ty[i];
        float dz = qz - tz[i];
        float d2 = dx * dx + dy * dy + dz * dz;
        if (found < k) {
            int j = found;
            int moving = 1;
            while (j > 0 && moving != 0) {
                int parent = (j - 1) >> 1;
                if (best[off + parent] < d2) {
                    best[off + j] = best[off + parent];
                    bestIndex[off + j] = bestIndex[off + parent];
                    j = parent;
                } else {
                    moving = 0;
                }
            }
            best[off + j] = d2;
            bestIndex[off + j] = i;
            return found + 1;
        }
        if (!(d2 < best[off])) {
            return found;
        }
        int j = 0;
        int c = 1;
        while (c < k) {
            if (c + 1 < k && best[off + c + 1] > best[off + c]) {
                c++;
            }
            if (best[off + c] > d2) {
                best[off + j] = best[off + c];
                bestIndex[off + j] = bestIndex[off + c];
                j = c;
                c = 2 * j + 1;
            } else {
                c = k;
            }
        }
        best[off + j] = d2;
        bestIndex[off + j] = i;
        return found;
    }
}
