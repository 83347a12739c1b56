package io.github.spatialvlm4j.kernels.ransac;

/**
 * The RANSAC bodies: one hypothesis, one (hypothesis, block of points) or one point per call.
 *
 * <p>Kernel bodies in the TornadoVM-compatible subset of {@code io.github.spatialvlm4j.kernels}'s
 * package documentation: public static, primitives and primitive arrays only, no allocation, no
 * exceptions, one element per call writing disjoint output slots. Arguments are trusted: the
 * facade checks everything before launch. Layouts: {@code xyz[3i..3i+2]} is point i (meters);
 * {@code x[i], y[i], z[i]} the same coordinates as structure of arrays; images are row-major
 * {@code data[v * width + u]}.
 */
public final class RansacBodies {
    private RansacBodies() {
    }

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
}
