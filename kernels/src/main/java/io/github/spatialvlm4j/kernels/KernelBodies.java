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
    /** The first 9 neighbour rows are the inner ones (y and z offsets -1..1). */
    public static final int GRID_INNER_ROWS = 9;
    /** {@link #dbscanCellLinks} phase: every neighbour. */
    public static final int LINKS_ALL = 0;
    /** {@link #dbscanCellLinks} phase: the 26 inner neighbours only (offsets -1..1 on every axis). */
    public static final int LINKS_INNER = 1;
    /** {@link #dbscanCellLinks} phase: the outer neighbours only (some offset +-2). */
    public static final int LINKS_OUTER = 2;
    /** Cells per neighbour row (x offsets -2..2). */
    public static final int GRID_ROW_CELLS = 5;
    /** Ints of link bits per grid cell (125 neighbour positions). */
    public static final int LINK_WORDS = 4;
    /**
     * Entries of the traversal stack a k-d tree query needs: half for the root-to-leaf path of
     * {@link #kdNearestOfTreePoint}, half for a subtree search (2 per level + 1); enough for any
     * tree of up to 2^31 points.
     */
    public static final int KD_STACK = 160;

    private KernelBodies() {
    }

    // ---------------------------------------------------------------- back-projection

    /** True when depth {@code z} (meters) is kept: {@code minDepth < z <= maxDepth} (false for NaN). */
    public static boolean depthInRange(float z, float minDepth, float maxDepth) {
        return z > minDepth && z <= maxDepth;
    }

    /**
     * X (meters) of the point of pixel column {@code u} at depth {@code z}: {@code (u - cx) * invFx * z} with
     * {@code invFx = 1f / fx}, in float, as every back-projection computes it.
     */
    public static float liftX(int u, float cx, float invFx, float z) {
        return (u - cx) * invFx * z;
    }

    /** The factor of pixel row {@code v}: {@code (v - cy) / fy} in float; the point's Y is this times its depth. */
    public static float rowScale(int v, float cy, float fy) {
        return (v - cy) / fy;
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
        float yScale = rowScale(v, cy, fy);
        for (int u = 0; u < width; u++) {
            float z = depth[base + u];
            if (depthInRange(z, minDepth, maxDepth)) {
                xyz[3 * p] = liftX(u, cx, invFx, z);
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
     * core point within eps of a core point of {@code c}; bits of neighbours not tested are left
     * as they are. Tested: with {@code upperOnly != 0} only neighbours with a higher cell index
     * (enough for union-find), otherwise all (symmetric links for min-label propagation); only
     * neighbours of the given {@code phase} ({@link #LINKS_ALL}, {@link #LINKS_INNER},
     * {@link #LINKS_OUTER}); and with {@code useLabel != 0} only neighbours with a different
     * {@code label} than {@code c} (pairs already known to be connected need no test).
     */
    public static void dbscanCellLinks(int c, float[] x, float[] y, float[] z, int[] core, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float eps2, int upperOnly, int phase,
            int[] label, int useLabel, int[] links) {
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
                int a = (int) (cellKey[d] - rowBase);
                int inner = r < GRID_INNER_ROWS && a >= 1 && a <= 3 ? 1 : 0;
                int wanted = phase == LINKS_ALL || (phase == LINKS_INNER) == (inner != 0) ? 1 : 0;
                if (d != c && wanted != 0 && (upperOnly == 0 || d > c) && (useLabel == 0 || label[d] != label[c])) {
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
                        int bit = r * GRID_ROW_CELLS + a;
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
                    int d1 = gridRowEnd(c, r, cellKey, m, rowDelta, rowFirst);
                    for (int d = rowFirst[r * m + c]; d < d1; d++) {
                        // A cell's points are in ascending input order: its first hit is its
                        // best, and a cell starting above the best so far has nothing better.
                        int q = cellStart[d];
                        int q1 = cellStart[d + 1];
                        while (q < q1 && order[q] < bestOriginal) {
                            if (core[q] != 0 && distanceSquared(x, y, z, p, q) <= eps2) {
                                best = q;
                                bestOriginal = order[q];
                            }
                            q++;
                        }
                    }
                }
                borderCore[p] = best;
            }
        }
    }

    // ---------------------------------------------------------------- RANSAC

    /**
     * RANSAC hypothesis status set by the host between scoring rounds: the hypothesis can no
     * longer win, so {@link #ransacCountBlock} skips it like a degenerate or rejected one.
     */
    public static final int RANSAC_PRUNED = 3;

    /**
     * Element = hypothesis {@code h}: the plane through points {@code samples[3h..3h+2]} as
     * {@code planes[4h..4h+3] = (nx, ny, nz, d)}, unit normal, {@code n . p + d = 0}, and
     * {@code status[h]}: 0 usable, 1 degenerate (collinear or coincident samples: the normal's
     * length is below {@code 1e-5 |e1| |e2|}), 2 rejected by the normal prior
     * ({@code |n . axis| < priorCos}, axis a unit vector; no prior when {@code hasPrior == 0}).
     * The host may later set {@link #RANSAC_PRUNED}.
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
     * Relative slack of {@link #ransacBoxSide}: bounds the float rounding of
     * {@code nx * x + ny * y + nz * z + d} (four operations, at most {@code 4u / (1 - 4u)}, u =
     * 2^-24, about 2.4e-7, times the sum of the magnitudes of the terms) plus the double rounding of
     * the box test itself.
     */
    public static final double RANSAC_BOX_SLACK = 1e-6;

    /**
     * Where the points of box {@code box} ({@code bounds[6 box ..]} = {minX, minY, minZ, maxX, maxY,
     * maxZ}, meters) lie for {@link #planeInlier} with plane {@code (nx, ny, nz, d)}: 0 when every
     * point of the box is an outlier, 1 when every point is an inlier, 2 when undecided. Exact, not
     * a heuristic: the residual over the box lies in {@code c +- e} (c at the box centre, e the
     * half-extents weighted by {@code |n|}), and the float evaluation of a point's residual is within
     * {@link #RANSAC_BOX_SLACK} times {@code |nx| max|x| + |ny| max|y| + |nz| max|z| + |d|} of it, so a
     * box whose whole range clears the threshold by that slack is decided for every point in it.
     * A box of +-{@code Float.MAX_VALUE} is always undecided.
     */
    public static int ransacBoxSide(float nx, float ny, float nz, float d, float threshold, float[] bounds, int box) {
        double lx = bounds[6 * box];
        double ly = bounds[6 * box + 1];
        double lz = bounds[6 * box + 2];
        double ux = bounds[6 * box + 3];
        double uy = bounds[6 * box + 4];
        double uz = bounds[6 * box + 5];
        double ax = Math.abs(nx);
        double ay = Math.abs(ny);
        double az = Math.abs(nz);
        double c = nx * (0.5 * (lx + ux)) + ny * (0.5 * (ly + uy)) + nz * (0.5 * (lz + uz)) + d;
        double e = ax * (0.5 * (ux - lx)) + ay * (0.5 * (uy - ly)) + az * (0.5 * (uz - lz));
        double magnitude = ax * Math.max(Math.abs(lx), Math.abs(ux)) + ay * Math.max(Math.abs(ly), Math.abs(uy))
                + az * Math.max(Math.abs(lz), Math.abs(uz)) + Math.abs(d);
        double slack = RANSAC_BOX_SLACK * magnitude + 1e-30;
        if (c - e - slack > threshold || c + e + slack < -threshold) {
            return 0;
        }
        return Math.abs(c) + e + slack < threshold ? 1 : 2;
    }

    /**
     * Element = (hypothesis {@code h}, block {@code block}): the number of points
     * {@code [block * blockSize, min(n, (block + 1) * blockSize))} within {@code threshold} of
     * plane {@code h}, written to {@code partial[block * hypotheses + h]} (0 when {@code status[h] != 0}:
     * degenerate, rejected by the prior or {@link #RANSAC_PRUNED}). A block whose bounding box
     * ({@code bounds[6 block ..]}, see {@link #ransacBoxSide}) lies wholly outside or inside the
     * threshold is counted without reading its points. Otherwise two passes over the block through
     * {@code scratch[i]} (same indices as the points, so the JIT vectorises both loops; a
     * comparison in the second loop runs twice as slow on C2): the first computes
     * {@code threshold - |distance|}, the second counts the non-negative ones by their sign bit.
     * Same test as {@link #planeInlier}: in round-to-nearest {@code t - a >= 0} exactly when
     * {@code a <= t}, and {@code t - a} is never -0 for {@code a > t}.
     */
    public static void ransacCountBlock(int h, int block, int blockSize, int n, float[] x, float[] y, float[] z,
            float[] bounds, float[] planes, int[] status, float threshold, int hypotheses, float[] scratch,
            int[] partial) {
        int count = 0;
        if (status[h] == 0) {
            float nx = planes[4 * h];
            float ny = planes[4 * h + 1];
            float nz = planes[4 * h + 2];
            float d = planes[4 * h + 3];
            int start = block * blockSize;
            int end = Math.min(n, start + blockSize);
            int side = ransacBoxSide(nx, ny, nz, d, threshold, bounds, block);
            if (side == 1) {
                count = end - start;
            } else if (side == 2) {
                for (int i = start; i < end; i++) {
                    scratch[i] = threshold - Math.abs(nx * x[i] + ny * y[i] + nz * z[i] + d);
                }
                int outliers = 0;
                for (int i = start; i < end; i++) {
                    outliers += Float.floatToRawIntBits(scratch[i]) >>> 31;
                }
                count = end - start - outliers;
            }
        }
        partial[block * hypotheses + h] = count;
    }

    /** Element = point {@code i}: {@code flags[i] = planeInlier(point i, plane, threshold)}. */
    public static void planeInlierFlag(int i, float[] xyz, float nx, float ny, float nz, float d, float threshold,
            int[] flags) {
        flags[i] = planeInlier(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], nx, ny, nz, d, threshold);
    }

    // ---------------------------------------------------------------- grid k-nearest neighbours

    /**
     * Floats of scratch per work item of {@link #gridMeanKnnCell} for {@code k} neighbours: a
     * candidate buffer of {@code gridKnnCapacity(k)} squared distances, one slot for the current
     * filter bound and one for the warm start carried from cell to cell.
     */
    public static int gridKnnScratch(int k) {
        return gridKnnCapacity(k) + 2;
    }

    /** Candidate buffer length of {@link #gridMeanKnnCell}: room for k + 1 kept values and a batch of new ones. */
    public static int gridKnnCapacity(int k) {
        return Math.max(256, 4 * (k + 1));
    }

    /**
     * Element = grid cell {@code c} of a uniform grid (points sorted by cell, cell side
     * {@code 1 / invCell} meters, cell of a point {@code floor((x - minX) * invCell)} etc. as in
     * {@link #gridCellKey}): for each point p of the cell, its {@code k} nearest other points
     * among the 27 cells around its own (offsets -1..1), then, when that does not prove the
     * answer, among the 125 (offsets -2..2). Proven: the (k+1)-th smallest squared distance,
     * the point itself (0) included, is below the squared distance from p to the boundary of
     * the scanned block (less a relative margin of {@value #GRID_KNN_MARGIN}, far above float
     * rounding), so no point outside can be closer. Then {@code meanDistance[p]} = the mean
     * distance (meters) to those k neighbours, exactly what {@link #kdMeanKnnDistance} gives
     * (the same multiset of squared distances, see {@link #meanSquareRoot}), and
     * {@code resolved[p] = 1}; otherwise {@code resolved[p] = 0} and the caller searches
     * elsewhere, as for every point of a cell whose 27 cells hold more than
     * {@value #GRID_KNN_MAX_BLOCK} (k + 1) points (work per point stays bounded).
     *
     * <p>Candidates stream through {@code scratch[off .. off + gridKnnCapacity(k))}, filtered by
     * a bound kept at {@code scratch[off + gridKnnCapacity(k)]}: values at or above the k+1
     * smallest so far cannot change that multiset. The bound starts from the previous point
     * this work item proved (1.5 times its (k+1)-th squared distance, kept at
     * {@code scratch[off + gridKnnCapacity(k) + 1]}: points in grid order are neighbours, of
     * similar density), and the 27 cells are scanned again without a bound when that keeps fewer
     * than k + 1. The warm start only saves work: any value (0 in fresh scratch) gives the same
     * results.
     */
    public static void gridMeanKnnCell(int c, int k, float[] x, float[] y, float[] z, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, double minX, double minY, double minZ,
            double invCell, float[] scratch, int off, float[] meanDistance, int[] resolved) {
        int boundAt = off + gridKnnCapacity(k);
        int block = 0;
        for (int r = 0; r < GRID_INNER_ROWS; r++) {
            block += cellStart[gridRowCell(c, r, 2, cellKey, m, rowDelta, rowFirst)]
                    - cellStart[gridRowCell(c, r, -1, cellKey, m, rowDelta, rowFirst)];
        }
        // An overfull block (a dense clump in a sparse cloud) is left to the k-d tree.
        int open = block <= GRID_KNN_MAX_BLOCK * (k + 1) ? 1 : 0;
        for (int p = cellStart[c]; p < cellStart[c + 1] && open == 0; p++) {
            resolved[p] = 0;
        }
        for (int p = cellStart[c]; p < cellStart[c + 1] && open != 0; p++) {
            float warm = scratch[boundAt + 1];
            float qx = x[p];
            float qy = y[p];
            float qz = z[p];
            // Distance, in cells (0 .. 0.5), from p to the nearest face of its own cell.
            double edge = Math.min(Math.min(faceOffset(qx, minX, invCell), faceOffset(qy, minY, invCell)),
                    faceOffset(qz, minZ, invCell));
            scratch[boundAt] = warm;
            int count = 0;
            int done = 0;
            for (int ring = 1; ring <= 2 && done == 0; ring++) {
                count = gridKnnRing(p, c, ring, k, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, scratch, off,
                        count);
                if (ring == 1 && count <= k && warm < Float.POSITIVE_INFINITY) {
                    scratch[boundAt] = Float.POSITIVE_INFINITY;
                    count = gridKnnRing(p, c, 1, k, x, y, z, cellStart, cellKey, m, rowDelta, rowFirst, scratch, off,
                            0);
                }
                count = gridKnnKeep(k, count, scratch, off);
                done = gridKnnProven(k, count, scratch, off, ring + edge, invCell);
            }
            if (done != 0) {
                // The k + 1 values include p's own 0: their root sum is the sum over its k neighbours.
                meanDistance[p] = meanSquareRoot(scratch, off, k + 1, k);
                scratch[boundAt + 1] = 1.5f * scratch[boundAt];
            }
            resolved[p] = done;
        }
    }

    /** Most points, in multiples of k + 1, of the 27 cells around a cell searched by {@link #gridMeanKnnCell}. */
    public static final int GRID_KNN_MAX_BLOCK = 64;

    /** Margin of {@link #gridMeanKnnCell}'s proof, relative to a squared distance. */
    public static final double GRID_KNN_MARGIN = 1e-5;

    /**
     * Distance, in cells, from coordinate q to the nearer face of its grid cell: the fractional
     * part f of {@code (q - min) * invCell} (computed as {@link #gridCellKey} does; non-negative,
     * so truncation is the floor), then {@code min(f, 1 - f)}.
     */
    public static double faceOffset(float q, double min, double invCell) {
        double t = (q - min) * invCell;
        double f = t - (long) t;
        return Math.min(f, 1.0 - f);
    }

    /**
     * 1 when the search of {@link #gridMeanKnnCell} is proven: k + 1 values kept (the (k+1)-th
     * smallest at {@code scratch[off + k]}) and that value below the squared distance of
     * {@code cells} cell sides, less the margin; else 0.
     */
    public static int gridKnnProven(int k, int count, float[] scratch, int off, double cells, double invCell) {
        double gap = cells / invCell;
        return count == k + 1 && scratch[off + k] <= gap * gap * (1.0 - GRID_KNN_MARGIN) ? 1 : 0;
    }

    /**
     * Reduces the candidates {@code scratch[off .. off + count)} to their k + 1 smallest
     * ({@code scratch[off + k]} the largest of them) and tightens the filter bound to it; returns
     * the new count (unchanged when at most k + 1).
     */
    public static int gridKnnKeep(int k, int count, float[] scratch, int off) {
        if (count <= k + 1) {
            if (count == k + 1) {
                selectSmallest(scratch, off, off + count, off + k);
                scratch[off + gridKnnCapacity(k)] = scratch[off + k];
            }
            return count;
        }
        selectSmallest(scratch, off, off + count, off + k);
        scratch[off + gridKnnCapacity(k)] = scratch[off + k];
        return k + 1;
    }

    /** Appends the squared distances from point p to points {@code [from, to)} below the bound; see {@link #gridMeanKnnCell}. */
    public static int gridKnnAppend(int p, int from, int to, int k, float[] x, float[] y, float[] z, float[] scratch,
            int off, int count) {
        int capacity = gridKnnCapacity(k);
        float qx = x[p];
        float qy = y[p];
        float qz = z[p];
        int j = count;
        float bound = scratch[off + capacity];
        for (int q = from; q < to; q++) {
            float dx = qx - x[q];
            float dy = qy - y[q];
            float dz = qz - z[q];
            float d2 = dx * dx + dy * dy + dz * dz;
            scratch[off + j] = d2;
            j += d2 < bound ? 1 : 0;
            if (j == capacity) {
                j = gridKnnKeep(k, j, scratch, off);
                bound = scratch[off + capacity];
            }
        }
        return j;
    }

    /**
     * {@link #gridKnnAppend} over the cells at Chebyshev distance {@code ring} from cell c when
     * ring is 2 (the 98 outer cells of the 5x5x5 block), within distance 1 when ring is 1 (the
     * 27 cells of the 3x3x3 block). Each row contributes one run of consecutive cells (x
     * offsets -1..1, or -2..2 on the outer rows), or on the inner rows of ring 2 two single cells
     * (x offsets -2 and 2).
     */
    public static int gridKnnRing(int p, int c, int ring, int k, float[] x, float[] y, float[] z, int[] cellStart,
            long[] cellKey, int m, long[] rowDelta, int[] rowFirst, float[] scratch, int off, int count) {
        int j = count;
        int rows = ring == 1 ? GRID_INNER_ROWS : GRID_ROWS;
        for (int r = 0; r < rows; r++) {
            int split = ring == 2 && r < GRID_INNER_ROWS ? 1 : 0;
            for (int part = 0; part <= split; part++) {
                int lo = split == 0 ? -ring : 4 * part - 2;
                int hi = split == 0 ? ring + 1 : 4 * part - 1;
                int d0 = gridRowCell(c, r, lo, cellKey, m, rowDelta, rowFirst);
                int d1 = gridRowCell(c, r, hi, cellKey, m, rowDelta, rowFirst);
                j = gridKnnAppend(p, cellStart[d0], cellStart[d1], k, x, y, z, scratch, off, j);
            }
        }
        return j;
    }

    /**
     * The first cell of neighbour row r of cell c at x offset {@code dx} (-2..3) or beyond: a
     * short walk from {@code rowFirst[r * m + c]} (the first at offset -2 or beyond).
     */
    public static int gridRowCell(int c, int r, int dx, long[] cellKey, int m, long[] rowDelta, int[] rowFirst) {
        long first = cellKey[c] + rowDelta[r] + dx;
        int d = rowFirst[r * m + c];
        while (d < m && cellKey[d] < first) {
            d++;
        }
        return d;
    }

    /**
     * Wirth's selection: reorders {@code v[from .. to)} so that {@code v[kth]} holds the value
     * of its rank, values &lt;= it before, &gt;= it after. O(to - from) expected; iterative.
     */
    public static void selectSmallest(float[] v, int from, int to, int kth) {
        int l = from;
        int r = to - 1;
        while (r > l) {
            float pivot = v[(l + r) >>> 1];
            int i = l;
            int j = r;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (pivot < v[j]) {
                    j--;
                }
                if (i <= j) {
                    float t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (j < kth) {
                l = i;
            }
            if (kth < i) {
                r = j;
            }
        }
    }

    // ---------------------------------------------------------------- k-d tree queries

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

    /**
     * Element = {@code j}: the mean distance (meters) from tree point {@code positions[j]} to its
     * {@code k} nearest other points, written to {@code meanDistance[j]} (0 when it has no other
     * point). Scratch as in {@link #kdNearest}.
     */
    public static void kdMeanKnnDistance(int j, int[] positions, int k, float[] tx, float[] ty, float[] tz,
            int[] split, int n, int leafSize, float[] best, int[] bestIndex, int bestOffset, int[] stackRange,
            float[] stackBox, int stackOffset, float[] meanDistance) {
        int found = kdNearestOfTreePoint(positions[j], k, tx, ty, tz, split, n, leafSize, best, bestIndex,
                bestOffset, stackRange, stackBox, stackOffset);
        meanDistance[j] = found == 0 ? 0f : meanSquareRoot(best, bestOffset, found, found);
    }

    /**
     * {@code sum(sqrt(d2[from + j]), j < count) / divisor} for squared distances {@code d2}: each
     * root rounded to float, summed in double (exact for any realistic count, so the order of
     * the entries does not matter), the quotient rounded to float. The one definition of a
     * point's mean neighbour distance, whichever search found the neighbours.
     */
    public static float meanSquareRoot(float[] d2, int from, int count, int divisor) {
        double sum = 0.0;
        for (int j = 0; j < count; j++) {
            sum += (float) Math.sqrt(d2[from + j]);
        }
        return (float) (sum / divisor);
    }

    /**
     * Element = query point {@code i} of {@code (qx, qy, qz)}: the distance (meters) to its nearest
     * point in the tree, written to {@code nearest[i]}; returns that point's tree position (pass it
     * as the next query's {@code hint} when queries are spatially coherent, or -1). Scratch as in
     * {@link #kdNearest} with k = 1.
     */
    public static int kdNearestDistance(int i, float[] qx, float[] qy, float[] qz, int hint, float[] tx, float[] ty,
            float[] tz, int[] split, float[] bounds, int n, int leafSize, float[] best, int[] bestIndex, int bestOffset,
            int[] stackRange, float[] stackBox, int stackOffset, float[] nearest) {
        kdNearest(qx[i], qy[i], qz[i], -1, Math.max(0, hint), Math.max(0, hint + 1), 1, tx, ty, tz, split, bounds, n,
                leafSize, best, bestIndex, bestOffset, stackRange, stackBox, stackOffset);
        nearest[i] = (float) Math.sqrt(best[bestOffset]);
        return bestIndex[bestOffset];
    }

    /**
     * Element = query point {@code i} of {@code (qx, qy, qz)}: the smaller of {@code bound2} and
     * the squared distance to its nearest tree point. Subtrees farther than {@code bound2} are
     * never opened, so with a tight bound (the best so far of a closest-pair search) most queries
     * end at the root. Scratch as in {@link #kdNearest} with k = 1.
     */
    public static float kdNearestWithin(int i, float[] qx, float[] qy, float[] qz, float bound2, float[] tx,
            float[] ty, float[] tz, int[] split, float[] bounds, int leafSize, int n, float[] best, int[] bestIndex,
            int bestOffset, int[] stackRange, float[] stackBox, int stackOffset) {
        float x = qx[i];
        float y = qy[i];
        float z = qz[i];
        best[bestOffset] = bound2;
        bestIndex[bestOffset] = -1;
        kdSearch(x, y, z, -1, 0, 0, 1, 1, 0, n, boxOffset(x, bounds[0], bounds[3]), boxOffset(y, bounds[1], bounds[4]),
                boxOffset(z, bounds[2], bounds[5]), tx, ty, tz, split, leafSize, best, bestIndex, bestOffset,
                stackRange, stackBox, stackOffset);
        return best[bestOffset];
    }

    /**
     * Element = query point {@code i} of {@code (qx, qy, qz)}: the smaller of {@code bound2} and the
     * squared distance to its nearest target point, by a sweep along a unit axis {@code u}.
     * {@code qk[i]} and {@code tk[j]} are the points' coordinates along u (meters), the targets
     * sorted ascending by it. Since {@code |t - q| >= tk - qk}, the scan stops at the first target
     * with {@code tk - qk > sqrt(best) + slack}; {@code slack} (meters, >= 0) covers the rounding of
     * the projections, so no pair closer than the result is skipped and the result is exactly the
     * minimum of the same float expression over all pairs. Targets before the query along u are
     * all scanned: the sweep pays off when the query cloud lies before the target cloud along u
     * (two separated objects, u from one centroid to the other). O(candidates).
     */
    public static float sweepNearestWithin(int i, float[] qx, float[] qy, float[] qz, float[] qk, float bound2,
            float[] tx, float[] ty, float[] tz, float[] tk, int n, float slack) {
        float x = qx[i];
        float y = qy[i];
        float z = qz[i];
        float k = qk[i];
        float best2 = bound2;
        float reach = (float) Math.sqrt(best2) + slack;
        int j = 0;
        while (j < n && tk[j] - k <= reach) {
            float dx = x - tx[j];
            float dy = y - ty[j];
            float dz = z - tz[j];
            float d2 = dx * dx + dy * dy + dz * dz;
            if (d2 < best2) {
                best2 = d2;
                reach = (float) Math.sqrt(best2) + slack;
            }
            j++;
        }
        return best2;
    }
}
