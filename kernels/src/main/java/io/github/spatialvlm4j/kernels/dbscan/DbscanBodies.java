package io.github.spatialvlm4j.kernels.dbscan;

import io.github.spatialvlm4j.kernels.search.GridBodies;

/**
 * The DBSCAN bodies: one grid cell per call (core points, links to neighbour cells, label
 * propagation, border points).
 *
 * <p>Kernel bodies in the TornadoVM-compatible subset of {@code io.github.spatialvlm4j.kernels}'s
 * package documentation: public static, primitives and primitive arrays only, no allocation, no
 * exceptions, one element per call writing disjoint output slots. Arguments are trusted: the
 * facade checks everything before launch. Layouts: {@code xyz[3i..3i+2]} is point i (meters);
 * {@code x[i], y[i], z[i]} the same coordinates as structure of arrays; images are row-major
 * {@code data[v * width + u]}.
 */
public final class DbscanBodies {
    private DbscanBodies() {
    }

    /** {@link #dbscanCellLinks} phase: every neighbour. */
    public static final int LINKS_ALL = 0;
    /** {@link #dbscanCellLinks} phase: the 26 inner neighbours only (offsets -1..1 on every axis). */
    public static final int LINKS_INNER = 1;
    /** {@link #dbscanCellLinks} phase: the outer neighbours only (some offset +-2). */
    public static final int LINKS_OUTER = 2;
    /** Ints of link bits per grid cell (125 neighbour positions). */
    public static final int LINK_WORDS = 4;

    /**
     * Element = grid cell {@code c}: marks its core points ({@code core[p] = 1}): at least
     * {@code minPoints} points within eps ({@code GridBodies.distanceSquared <= eps2}), the point itself
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
            for (int r = 0; r < GridBodies.GRID_ROWS && count < minPoints; r++) {
                int q0 = cellStart[rowFirst[r * m + c]];
                int q1 = cellStart[GridBodies.gridRowEnd(c, r, cellKey, m, rowDelta, rowFirst)];
                for (int q = q0; q < q1; q++) {
                    count += GridBodies.distanceSquared(x, y, z, p, q) <= eps2 ? 1 : 0;
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
        for (int r = 0; r < GridBodies.GRID_ROWS; r++) {
            long rowBase = cellKey[c] + rowDelta[r] - 2;
            int d1 = GridBodies.gridRowEnd(c, r, cellKey, m, rowDelta, rowFirst);
            for (int d = rowFirst[r * m + c]; d < d1; d++) {
                int a = (int) (cellKey[d] - rowBase);
                int inner = r < GridBodies.GRID_INNER_ROWS && a >= 1 && a <= 3 ? 1 : 0;
                int wanted = phase == LINKS_ALL || (phase == LINKS_INNER) == (inner != 0) ? 1 : 0;
                if (d != c && wanted != 0 && (upperOnly == 0 || d > c) && (useLabel == 0 || label[d] != label[c])) {
                    int found = 0;
                    for (int p = start; p < end && found == 0; p++) {
                        if (core[p] != 0) {
                            for (int q = cellStart[d]; q < cellStart[d + 1] && found == 0; q++) {
                                if (core[q] != 0 && GridBodies.distanceSquared(x, y, z, p, q) <= eps2) {
                                    found = 1;
                                }
                            }
                        }
                    }
                    if (found != 0) {
                        int bit = r * GridBodies.GRID_ROW_CELLS + a;
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
        for (int r = 0; r < GridBodies.GRID_ROWS; r++) {
            long rowBase = cellKey[c] + rowDelta[r] - 2;
            int d1 = GridBodies.gridRowEnd(c, r, cellKey, m, rowDelta, rowFirst);
            for (int d = rowFirst[r * m + c]; d < d1; d++) {
                int bit = r * GridBodies.GRID_ROW_CELLS + (int) (cellKey[d] - rowBase);
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
                for (int r = 0; r < GridBodies.GRID_ROWS; r++) {
                    int d1 = GridBodies.gridRowEnd(c, r, cellKey, m, rowDelta, rowFirst);
                    for (int d = rowFirst[r * m + c]; d < d1; d++) {
                        // A cell's points are in ascending input order: its first hit is its
                        // best, and a cell starting above the best so far has nothing better.
                        int q = cellStart[d];
                        int q1 = cellStart[d + 1];
                        while (q < q1 && order[q] < bestOriginal) {
                            if (core[q] != 0 && GridBodies.distanceSquared(x, y, z, p, q) <= eps2) {
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
}
