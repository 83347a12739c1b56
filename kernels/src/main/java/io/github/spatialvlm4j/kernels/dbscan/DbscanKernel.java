package io.github.spatialvlm4j.kernels.dbscan;

import io.github.spatialvlm4j.kernels.search.CellGrid;
import io.github.spatialvlm4j.kernels.search.CloudArrays;
import io.github.spatialvlm4j.kernels.search.GridBodies;
import java.util.Arrays;

/**
 * The host side of exact DBSCAN (Ester et al. 1996) on a uniform grid of cells of side
 * eps / sqrt(3): core points, cell links, connected components (union-find on the host, or
 * min-label propagation on a device), border points, and clusters numbered by their smallest point
 * index. See {@code io.github.spatialvlm4j.kernels.Kernels#dbscan} for the semantics; the facade
 * checks the arguments, this class checks that eps suits the cloud's extent (before any launch).
 * O(n) expected for bounded density, plus O(n * density) worst case; memory O(n + 25 cells).
 */
public final class DbscanKernel {
    /** The DBSCAN grid cell is eps / sqrt(3) shrunk by this margin, so a cell's points are surely within eps. */
    private static final double CELL_MARGIN = 1e-5;

    private DbscanKernel() {
    }

    /**
     * DBSCAN labels of a cloud.
     *
     * @param xyz 3n finite coordinates, meters
     * @param eps neighbourhood radius, meters, finite and &gt; 0
     * @param minPoints points within eps, itself included, for a core point, &gt;= 1
     * @throws IllegalArgumentException when eps is too small for the cloud's extent (more than
     *     {@link CellGrid#MAX_CELLS_PER_AXIS} cells of eps / sqrt(3) along an axis)
     */
    public static DbscanResult dbscan(DbscanBackend backend, float[] xyz, float eps, int minPoints,
            DbscanLabelling labelling) {
        int n = xyz.length / 3;
        if (n == 0) {
            return new DbscanResult(new int[0], new int[0]);
        }
        float[] bounds = CloudArrays.bounds(xyz);
        double cellSide = eps / Math.sqrt(3.0) * (1 - CELL_MARGIN);
        for (int axis = 0; axis < 3; axis++) {
            long cells = CellGrid.cellsAlong((double) bounds[axis + 3] - bounds[axis], 1.0 / cellSide);
            if (cells > CellGrid.MAX_CELLS_PER_AXIS) {
                throw new IllegalArgumentException("Invalid eps: " + eps + " (meters, too small for the cloud's extent "
                        + (bounds[axis + 3] - bounds[axis]) + " m along " + "xyz".charAt(axis) + ": at most "
                        + CellGrid.MAX_CELLS_PER_AXIS + " grid cells of eps/sqrt(3) per axis)");
            }
        }
        CellGrid g = CellGrid.build(backend, xyz, cellSide, bounds);
        float eps2 = eps * eps;
        int m = g.m;
        int[] core = new int[n];
        backend.dbscanCore(g.x, g.y, g.z, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2, minPoints, core);
        boolean propagate = labelling == DbscanLabelling.LABEL_PROPAGATION
                || (labelling == DbscanLabelling.BACKEND_DEFAULT && backend.prefersLabelPropagation());
        int[] links = new int[DbscanBodies.LINK_WORDS * m];
        int[] cellLabel;
        if (propagate) {
            backend.dbscanCellLinks(g.x, g.y, g.z, core, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2, 0,
                    DbscanBodies.LINKS_ALL, new int[0], 0, links);
            cellLabel = propagateLabels(backend, g, links);
        } else {
            // Inner neighbours first; outer neighbours are then tested only across different
            // components (in a dense cloud nearly all are already connected, and a failed test
            // of two cells scans every pair).
            int[] parent = new int[m];
            for (int c = 0; c < m; c++) {
                parent[c] = c;
            }
            backend.dbscanCellLinks(g.x, g.y, g.z, core, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2, 1,
                    DbscanBodies.LINKS_INNER, parent, 0, links);
            unionLinks(g, links, parent);
            backend.dbscanCellLinks(g.x, g.y, g.z, core, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2, 1,
                    DbscanBodies.LINKS_OUTER, parent, 1, links);
            unionLinks(g, links, parent);
            cellLabel = parent;
        }
        int[] borderCore = new int[n];
        backend.dbscanBorder(g.x, g.y, g.z, core, g.order, n, g.cellStart, g.cellKey, m, g.rowDelta, g.rowFirst, eps2,
                borderCore);
        return numberClusters(g, cellLabel, borderCore);
    }

    /**
     * Unites linked cells (union by smaller index), then flattens: {@code parent[c]} becomes the
     * smallest cell index of c's component so far.
     */
    private static void unionLinks(CellGrid g, int[] links, int[] parent) {
        int m = g.m;
        for (int c = 0; c < m; c++) {
            for (int w = 0; w < DbscanBodies.LINK_WORDS; w++) {
                int bits = links[c * DbscanBodies.LINK_WORDS + w];
                while (bits != 0) {
                    int bit = 32 * w + Integer.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    int d = linkedCell(g, c, bit);
                    int a = find(parent, c);
                    int b = find(parent, d);
                    if (a != b) {
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
        }
        for (int c = 0; c < m; c++) {
            parent[c] = find(parent, c);
        }
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }

    /** The cell at link bit {@code bit} (row {@code bit / 5}, x offset {@code bit % 5 - 2}) of cell c. */
    private static int linkedCell(CellGrid g, int c, int bit) {
        int r = bit / GridBodies.GRID_ROW_CELLS;
        long key = g.cellKey[c] + g.rowDelta[r] - 2 + bit % GridBodies.GRID_ROW_CELLS;
        int d = g.rowFirst[r * g.m + c];
        while (g.cellKey[d] != key) {
            d++;
        }
        return d;
    }

    /** Cell labels by Jacobi min-label propagation until nothing changes (the device path). */
    private static int[] propagateLabels(DbscanBackend backend, CellGrid g, int[] links) {
        int m = g.m;
        int[] in = new int[m];
        int[] out = new int[m];
        for (int c = 0; c < m; c++) {
            in[c] = c;
        }
        int[] changed = new int[1];
        do {
            changed[0] = 0;
            backend.dbscanPropagate(g.cellKey, m, g.rowDelta, g.rowFirst, links, in, out, changed);
            int[] t = in;
            in = out;
            out = t;
        } while (changed[0] != 0);
        return in;
    }

    /** Final labels in input order, clusters numbered by their smallest point index. */
    private static DbscanResult numberClusters(CellGrid g, int[] cellLabel, int[] borderCore) {
        int n = g.n;
        int[] cellOf = new int[n];
        for (int c = 0; c < g.m; c++) {
            Arrays.fill(cellOf, g.cellStart[c], g.cellStart[c + 1], c);
        }
        int[] root = new int[n];
        for (int p = 0; p < n; p++) {
            int q = borderCore[p];
            root[g.order[p]] = q == n ? g.m : cellLabel[cellOf[q]];
        }
        int[] number = new int[g.m + 1];
        Arrays.fill(number, Integer.MIN_VALUE);
        number[g.m] = DbscanResult.NOISE;
        int clusters = 0;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int r = root[i];
            if (number[r] == Integer.MIN_VALUE) {
                number[r] = clusters++;
            }
            labels[i] = number[r];
        }
        int[] sizes = new int[clusters];
        for (int l : labels) {
            if (l != DbscanResult.NOISE) {
                sizes[l]++;
            }
        }
        return new DbscanResult(labels, sizes);
    }
}
