package io.github.spatialvlm4j.kernels;

/**
 * The kernel bodies: one element (a pixel row, a point, a grid cell, a hypothesis, a block of
 * points) per call, in the TornadoVM-compatible subset described in the package documentation.
 * Backends call these unchanged; a {@code @Parallel} loop over the element index may call them
 * directly. Bodies trust their arguments: {@link Kernels} checks everything before launch.
 *
 * <p>Layouts: {@code xyz[3i..3i+2]} is point i (meters); {@code x[i], y[i], z[i]} are the same
 * coordinates as structure of arrays; images are row-major {@code data[v * width + u]}.
 */
public final class KernelBodies {
    /** Number of neighbour rows of a DBSCAN grid cell: offsets -2..2 in y times -2..2 in z. */
    public static final int GRID_ROWS = 25;
    /** Cells per neighbour row (x offsets -2..2). */
    public static final int GRID_ROW_CELLS = 5;
    /** Ints of link bits per grid cell (125 neighbour positions). */
    public static final int LINK_WORDS = 4;
    /** Entries of the traversal stack a k-d tree query needs (two per tree level). */
    public static final int KD_STACK = 128;

    private KernelBodies() {
    }

    // ---------------------------------------------------------------- back-projection

    /** True when depth {@code z} (meters) is kept: {@code minDepth < z <= maxDepth} (false for NaN). */
    public static boolean depthInRange(float z, float minDepth, float maxDepth) {
        return z > minDepth && z <= maxDepth;
    }

    /** Element = image row {@code v}: writes the number of kept pixels of the row to {@code rowCounts[v]}. */
    public static void backProjectCountRow(int v, float[] depth, int width, float minDepth, float maxDepth,
            int[] rowCounts) {
        int base = v * width;
        int count = 0;
        for (int u = 0; u < width; u++) {
            float z = depth[base + u];
            count += depthInRange(z, minDepth, maxDepth) ? 1 : 0;
        }
        rowCounts[v] = count;
    }

    /**
     * Element = image row {@code v}: back-projects the kept pixels of the row to points
     * {@code rowStart[v], rowStart[v]+1, ...} in the camera frame, {@code X = (u - cx) Z / fx},
     * {@code Y = (v - cy) Z / fy}, and records each point's pixel and, when {@code hasLabels != 0},
     * its label.
     */
    public static void backProjectRow(int v, float[] depth, int[] labels, int hasLabels, int width, float fx,
            float fy, float cx, float cy, float minDepth, float maxDepth, int[] rowStart, float[] xyz,
            int[] pixelIndex, int[] pointLabel) {
        int base = v * width;
        int p = rowStart[v];
        float invFx = 1f / fx;
        float yScale = (v - cy) / fy;
        for (int u = 0; u < width; u++) {
            float z = depth[base + u];
            if (depthInRange(z, minDepth, maxDepth)) {
                xyz[3 * p] = (u - cx) * invFx * z;
                xyz[3 * p + 1] = yScale * z;
                xyz[3 * p + 2] = z;
                pixelIndex[p] = base + u;
                if (hasLabels != 0) {
                    pointLabel[p] = labels[base + u];
                }
                p++;
            }
        }
    }

    // ---------------------------------------------------------------- uniform grid (DBSCAN)

    /**
     * Element = point {@code i}: its grid cell key {@code (iz * ny + iy) * nx + ix} where
     * {@code ix = floor((x - minX) * invCell) + 2} (two empty margin cells on every side, so
     * neighbour offsets -2..2 never wrap), likewise y and z.
     */
    public static void gridCellKey(int i, float[] xyz, double minX, double minY, double minZ, double invCell,
            long nx, long ny, long[] keys) {
        long ix = (long) Math.floor((xyz[3 * i] - minX) * invCell) + 2;
        long iy = (long) Math.floor((xyz[3 * i + 1] - minY) * invCell) + 2;
        long iz = (long) Math.floor((xyz[3 * i + 2] - minZ) * invCell) + 2;
        keys[i] = (iz * ny + iy) * nx + ix;
    }

    /**
     * Element = neighbour row {@code r} (0..24): for every cell {@code c} (keys ascending), the
     * first cell whose key is &gt;= {@code cellKey[c] + rowDelta[r] - 2}, written to
     * {@code rowFirst[r * m + c]} (a merge walk, O(m)).
     */
    public static void gridRowFirst(int r, long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        int p = 0;
        long delta = rowDelta[r] - 2;
        for (int c = 0; c < m; c++) {
            long target = cellKey[c] + delta;
            while (p < m && cellKey[p] < target) {
                p++;
            }
            rowFirst[r * m + c] = p;
        }
    }

    /**
     * One past the last cell of neighbour row {@code r} of cell {@code c}: cells
     * {@code [rowFirst[r*m+c], gridRowEnd(...))} have keys within {@code cellKey[c] + rowDelta[r] +- 2}.
     */
    public static int gridRowEnd(int c, int r, long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        long last = cellKey[c] + rowDelta[r] + 2;
        int e = rowFirst[r * m + c];
        while (e < m && cellKey[e] <= last) {
            e++;
        }
        return e;
    }

    /** Squared distance between sorted points p and q (float arithmetic, the one neighbour test of DBSCAN). */
    public static float distanceSquared(float[] x, float[] y, float[] z, int p, int q) {
        float dx = x[p] - x[q];
        float dy = y[p] - y[q];
        float dz = z[p] - z[q];
        return dx * dx + dy * dy + dz * dz;
    }

    /**
     * Element = grid cell {@code c}: marks its core points ({@code core[p] = 1}): at least
     * {@code minPoints} points within eps ({@code distanceSquared <= eps2}), the point itself
     * included. The cell side is at most eps / sqrt(3), so all points of a cell are within eps
     * of each other: a cell holding {@code minPoints} points is all core without a search.
     * Otherwise each point scans the 125 neighbour cells and stops at {@code minPoints}.
     * Points are in grid order (sorted by cell).
     */
    public static void dbscanCoreCell(int c, float[] x, float[] y, float[] z, int[] cellStart, long[] cellKey,
            int m, long[] rowDelta, int[] rowFirst, float eps2, int minPoints, int[] core) {
        int start = cellStart[c];
        int end = cellStart[c + 1];
        if (end - start >= minPoints) {
            for (int p = start; p < end; p++) {
                core[p] = 1;
            }
            return;
        }
        for (int p = start; p < end; p++) {
            int count = 0;
            for (int r = 0; r < GRID_ROWS && count < minPoints; r++) {
                int q0 = cellStart[rowFirst[r * m + c]];
                int q1 = cellStart[gridRowEnd(c, r, cellKey, m, rowDelta, rowFirst)];
                for (int q = q0; q < q1; q++) {
                    count += distanceSquared(x, y, z, p, q) <= eps2 ? 1 : 0;
                }
            }
            core[p] = count >= minPoints ? 1 : 0;
        }
    }

    /**
     * Element = grid cell {@code c}: sets link bit {@code r * 5 + (dx + 2)} of
     * {@code links[c * 4 .. c * 4 + 3]} for every neighbour cell (row r, x offset dx) holding a
     * core point within eps of a core point of {@code c}. With {@code upperOnly != 0} only
     * neighbours with a higher cell index are tested (enough for union-find); otherwise links
     * are symmetric (for min-label propagation).
     */
    public static void dbscanCellLinks(int c, float[] x, float[] y, float[] z, int[] core, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float eps2, int upperOnly, int[] links) {
        for (int w = 0; w < LINK_WORDS; w++) {
            links[c * LINK_WORDS + w] = 0;
        }
        int start = cellStart[c];
        int end = cellStart[c + 1];
        int hasCore = 0;
        for (int p = start; p < end; p++) {
            hasCore |= core[p];
        }
        if (hasCore == 0) {
            return;
        }
        for (int r = 0; r < GRID_ROWS; r++) {
            long rowBase = cellKey[c] + rowDelta[r] - 2;
            int d1 = gridRowEnd(c, r, cellKey, m, rowDelta, rowFirst);
            for (int d = rowFirst[r * m + c]; d < d1; d++) {
                if (d != c && (upperOnly == 0 || d > c)) {
                    int found = 0;
                    for (int p = start; p < end && found == 0; p++) {
                        if (core[p] != 0) {
                            for (int q = cellStart[d]; q < cellStart[d + 1] && found == 0; q++) {
                                if (core[q] != 0 && distanceSquared(x, y, z, p, q) <= eps2) {
                                    found = 1;
                                }
                            }
                        }
                    }
                    if (found != 0) {
                        int bit = r * GRID_ROW_CELLS + (int) (cellKey[d] - rowBase);
                        links[c * LINK_WORDS + (bit >> 5)] |= 1 << (bit & 31);
                    }
                }
            }
        }
    }

    /**
     * Element = grid cell {@code c}, one Jacobi step of min-label propagation (the atomic-free
     * device labelling): {@code labelOut[c]} = the smallest of {@code labelIn[c]} and the labels
     * of its linked cells; sets {@code changed[0] = 1} when it differs (a benign race: every
     * writer writes 1). Also takes the label of its own label (pointer jumping), so chains
     * shrink geometrically. Cells without core points keep their label. Needs symmetric links.
     */
    public static void dbscanPropagateCell(int c, long[] cellKey, int m, long[] rowDelta, int[] rowFirst,
            int[] links, int[] labelIn, int[] labelOut, int[] changed) {
        // Pointer jumping (the label of my label) shortens long chains; labels stay cells of my component.
        int best = Math.min(labelIn[c], labelIn[labelIn[c]]);
        for (int r = 0; r < GRID_ROWS; r++) {
            long rowBase = cellKey[c] + rowDelta[r] - 2;
            int d1 = gridRowEnd(c, r, cellKey, m, rowDelta, rowFirst);
            for (int d = rowFirst[r * m + c]; d < d1; d++) {
                int bit = r * GRID_ROW_CELLS + (int) (cellKey[d] - rowBase);
                if ((links[c * LINK_WORDS + (bit >> 5)] & (1 << (bit & 31))) != 0) {
                    best = Math.min(best, labelIn[d]);
                }
            }
        }
        labelOut[c] = best;
        if (best != labelIn[c]) {
            changed[0] = 1;
        }
    }

    /**
     * Element = grid cell {@code c}: for each non-core point p of the cell, {@code borderCore[p]}
     * = the grid position of its core neighbour (within eps) with the lowest original index
     * ({@code order[q]}), or {@code n} when it has none (noise). Core points get {@code p}.
     */
    public static void dbscanBorderCell(int c, float[] x, float[] y, float[] z, int[] core, int[] order, int n,
            int[] cellStart, long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float eps2, int[] borderCore) {
        for (int p = cellStart[c]; p < cellStart[c + 1]; p++) {
            if (core[p] != 0) {
                borderCore[p] = p;
            } else {
                int best = n;
                int bestOriginal = n;
                for (int r = 0; r < GRID_ROWS; r++) {
                    int q0 = cellStart[rowFirst[r * m + c]];
                    int q1 = cellStart[gridRowEnd(c, r, cellKey, m, rowDelta, rowFirst)];
                    for (int q = q0; q < q1; q++) {
                        if (core[q] != 0 && order[q] < bestOriginal && distanceSquared(x, y, z, p, q) <= eps2) {
                            best = q;
                            bestOriginal = order[q];
                        }
                    }
                }
                borderCore[p] = best;
            }
        }
    }

    // ---------------------------------------------------------------- RANSAC

    /**
     * Element = hypothesis {@code h}: the plane through points {@code samples[3h..3h+2]} as
     * {@code planes[4h..4h+3] = (nx, ny, nz, d)}, unit normal, {@code n . p + d = 0}, and
     * {@code status[h]}: 0 usable, 1 degenerate (collinear or coincident samples: the normal's
     * length is below {@code 1e-5 |e1| |e2|}), 2 rejected by the normal prior
     * ({@code |n . axis| < priorCos}, axis a unit vector; no prior when {@code hasPrior == 0}).
     */
    public static void ransacHypothesis(int h, float[] xyz, int[] samples, int hasPrior, float ax, float ay,
            float az, float priorCos, float[] planes, int[] status) {
        int a = samples[3 * h];
        int b = samples[3 * h + 1];
        int c = samples[3 * h + 2];
        float px = xyz[3 * a];
        float py = xyz[3 * a + 1];
        float pz = xyz[3 * a + 2];
        float e1x = xyz[3 * b] - px;
        float e1y = xyz[3 * b + 1] - py;
        float e1z = xyz[3 * b + 2] - pz;
        float e2x = xyz[3 * c] - px;
        float e2y = xyz[3 * c + 1] - py;
        float e2z = xyz[3 * c + 2] - pz;
        float nx = e1y * e2z - e1z * e2y;
        float ny = e1z * e2x - e1x * e2z;
        float nz = e1x * e2y - e1y * e2x;
        float len2 = nx * nx + ny * ny + nz * nz;
        float l1 = e1x * e1x + e1y * e1y + e1z * e1z;
        float l2 = e2x * e2x + e2y * e2y + e2z * e2z;
        if (!(len2 > 1e-10f * l1 * l2) || !(len2 > 0f)) {
            planes[4 * h] = 0f;
            planes[4 * h + 1] = 0f;
            planes[4 * h + 2] = 0f;
            planes[4 * h + 3] = 0f;
            status[h] = 1;
            return;
        }
        float inv = 1f / (float) Math.sqrt(len2);
        nx *= inv;
        ny *= inv;
        nz *= inv;
        planes[4 * h] = nx;
        planes[4 * h + 1] = ny;
        planes[4 * h + 2] = nz;
        planes[4 * h + 3] = -(nx * px + ny * py + nz * pz);
        status[h] = hasPrior != 0 && Math.abs(nx * ax + ny * ay + nz * az) < priorCos ? 2 : 0;
    }

    /** 1 when point {@code (px, py, pz)} is within {@code threshold} of plane {@code (nx, ny, nz, d)}, else 0. */
    public static int planeInlier(float px, float py, float pz, float nx, float ny, float nz, float d,
            float threshold) {
        return Math.abs(nx * px + ny * py + nz * pz + d) <= threshold ? 1 : 0;
    }

    /**
     * Element = (hypothesis {@code h}, block {@code block}): the number of points
     * {@code [block * blockSize, min(n, (block + 1) * blockSize))} within {@code threshold} of
     * plane {@code h}, written to {@code partial[block * hypotheses + h]} (0 for unusable hypotheses).
     */
    public static void ransacCountBlock(int h, int block, int blockSize, int n, float[] x, float[] y, float[] z,
            float[] planes, int[] status, float threshold, int hypotheses, int[] partial) {
        int count = 0;
        if (status[h] == 0) {
            float nx = planes[4 * h];
            float ny = planes[4 * h + 1];
            float nz = planes[4 * h + 2];
            float d = planes[4 * h + 3];
            int end = Math.min(n, (block + 1) * blockSize);
            for (int i = block * blockSize; i < end; i++) {
                count += planeInlier(x[i], y[i], z[i], nx, ny, nz, d, threshold);
            }
        }
        partial[block * hypotheses + h] = count;
    }

    /** Element = point {@code i}: {@code flags[i] = planeInlier(point i, plane, threshold)}. */
    public static void planeInlierFlag(int i, float[] xyz, float nx, float ny, float nz, float d, float threshold,
            int[] flags) {
        flags[i] = planeInlier(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], nx, ny, nz, d, threshold);
    }

    // ---------------------------------------------------------------- k-d tree queries

    /**
     * The {@code k} nearest neighbours of {@code (qx, qy, qz)} in an implicit k-d tree
     * ({@link KdTree}: node of range {@code [lo, hi)} is its middle {@code (lo + hi) >>> 1}, split
     * on {@code split[mid]}; ranges of at most {@code leafSize} points are leaves), skipping tree
     * position {@code skip} (-1 for none). Writes the squared distances ascending to
     * {@code best[bestOffset ..]} and returns how many were found ({@code min(k, points)}).
     * Iterative with an explicit stack of {@link #KD_STACK} entries in
     * {@code stackRange[2 * stackOffset ..]} and {@code stackBound[stackOffset ..]}.
     */
    public static int kdNearest(float qx, float qy, float qz, int skip, int k, float[] tx, float[] ty, float[] tz,
            int[] split, int n, int leafSize, float[] best, int bestOffset, int[] stackRange, float[] stackBound,
            int stackOffset) {
        int found = 0;
        int sp = 0;
        stackRange[2 * stackOffset] = 0;
        stackRange[2 * stackOffset + 1] = n;
        stackBound[stackOffset] = 0f;
        sp = 1;
        while (sp > 0) {
            sp--;
            int lo = stackRange[2 * (stackOffset + sp)];
            int hi = stackRange[2 * (stackOffset + sp) + 1];
            float bound = stackBound[stackOffset + sp];
            if (found == k && bound > best[bestOffset + k - 1]) {
                continue;
            }
            if (hi - lo <= leafSize) {
                for (int i = lo; i < hi; i++) {
                    if (i != skip) {
                        found = kdOffer(qx, qy, qz, i, tx, ty, tz, k, found, best, bestOffset);
                    }
                }
            } else {
                int mid = (lo + hi) >>> 1;
                int dim = split[mid];
                float diff = dim == 0 ? qx - tx[mid] : dim == 1 ? qy - ty[mid] : qz - tz[mid];
                if (mid != skip) {
                    found = kdOffer(qx, qy, qz, mid, tx, ty, tz, k, found, best, bestOffset);
                }
                float farBound = Math.max(bound, diff * diff);
                int s = 2 * (stackOffset + sp);
                if (diff < 0f) {
                    stackRange[s] = mid + 1;
                    stackRange[s + 1] = hi;
                    stackBound[stackOffset + sp] = farBound;
                    stackRange[s + 2] = lo;
                    stackRange[s + 3] = mid;
                } else {
                    stackRange[s] = lo;
                    stackRange[s + 1] = mid;
                    stackBound[stackOffset + sp] = farBound;
                    stackRange[s + 2] = mid + 1;
                    stackRange[s + 3] = hi;
                }
                stackBound[stackOffset + sp + 1] = bound;
                sp += 2;
            }
        }
        return found;
    }

    /** Inserts tree point {@code i} into the ascending k-best list when it is closer than the worst kept; returns the new count. */
    public static int kdOffer(float qx, float qy, float qz, int i, float[] tx, float[] ty, float[] tz, int k,
            int found, float[] best, int off) {
        float dx = qx - tx[i];
        float dy = qy - ty[i];
        float dz = qz - tz[i];
        float d2 = dx * dx + dy * dy + dz * dz;
        if (found == k && !(d2 < best[off + k - 1])) {
            return found;
        }
        int j = found == k ? k - 1 : found;
        while (j > 0 && best[off + j - 1] > d2) {
            best[off + j] = best[off + j - 1];
            j--;
        }
        best[off + j] = d2;
        return found == k ? k : found + 1;
    }

    /**
     * Element = tree position {@code i}: the mean distance (meters) from tree point i to its
     * {@code k} nearest other points, written to {@code meanDistance[i]} (0 when it has no other
     * point). Scratch as in {@link #kdNearest}.
     */
    public static void kdMeanKnnDistance(int i, int k, float[] tx, float[] ty, float[] tz, int[] split, int n,
            int leafSize, float[] best, int bestOffset, int[] stackRange, float[] stackBound, int stackOffset,
            float[] meanDistance) {
        int found = kdNearest(tx[i], ty[i], tz[i], i, k, tx, ty, tz, split, n, leafSize, best, bestOffset,
                stackRange, stackBound, stackOffset);
        float sum = 0f;
        for (int j = 0; j < found; j++) {
            sum += (float) Math.sqrt(best[bestOffset + j]);
        }
        meanDistance[i] = found == 0 ? 0f : sum / found;
    }

    /**
     * Element = query point {@code i} of {@code qxyz}: the distance (meters) to its nearest point
     * in the tree, written to {@code nearest[i]}. Scratch as in {@link #kdNearest}.
     */
    public static void kdNearestDistance(int i, float[] qxyz, float[] tx, float[] ty, float[] tz, int[] split,
            int n, int leafSize, float[] best, int bestOffset, int[] stackRange, float[] stackBound,
            int stackOffset, float[] nearest) {
        kdNearest(qxyz[3 * i], qxyz[3 * i + 1], qxyz[3 * i + 2], -1, 1, tx, ty, tz, split, n, leafSize, best,
                bestOffset, stackRange, stackBound, stackOffset);
        nearest[i] = (float) Math.sqrt(best[bestOffset]);
    }
}
