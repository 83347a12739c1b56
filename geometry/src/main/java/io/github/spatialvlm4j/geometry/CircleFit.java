package io.github.spatialvlm4j.geometry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A circle fitted to 2D points, e.g. the footprint of a ball or a cylinder on the floor.
 *
 * @param cx centre x, meters
 * @param cy centre y, meters
 * @param radius radius, meters, &gt; 0
 * @param rms root-mean-square distance of the points to the circle, meters
 * @param points how many points were fitted
 */
public record CircleFit(double cx, double cy, double radius, double rms, int points) {

    /**
     * The algebraic least-squares circle (Kasa, "A circle fitting procedure and its error
     * analysis", IEEE Trans. Instrum. Meas. 1976): minimises {@code sum (x^2 + y^2 + D x + E y + F)^2}
     * over D, E, F with a QR solve (EJML), in coordinates centred on the points' mean for
     * conditioning. Unbiased enough for points spread over a good part of the circle; O(n).
     *
     * @param xy interleaved {@code x0, y0, x1, y1, ...}, meters, finite
     * @return the circle, or empty when there are fewer than 3 points or they are collinear
     */
    public static java.util.Optional<CircleFit> fit(double[] xy) {
        if (xy.length % 2 != 0) {
            throw new ShapeMismatchException("Interleaved xy array length " + xy.length + " is odd");
        }
        int n = xy.length / 2;
        if (n < 3) {
            return java.util.Optional.empty();
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(xy[2 * i]) || !Double.isFinite(xy[2 * i + 1])) {
                throw new IllegalArgumentException("Invalid point " + i + ": (" + xy[2 * i] + ", " + xy[2 * i + 1]
                        + "), coordinates must be finite");
            }
            mx += xy[2 * i];
            my += xy[2 * i + 1];
        }
        mx /= n;
        my /= n;
        DMatrixRMaj a = new DMatrixRMaj(n, 3);
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            double x = xy[2 * i] - mx;
            double y = xy[2 * i + 1] - my;
            a.set(i, 0, x);
            a.set(i, 1, y);
            a.set(i, 2, 1);
            b.set(i, 0, -(x * x + y * y));
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        if (!solver.setA(a) || solver.quality() < 1e-12) {
            return java.util.Optional.empty();
        }
        DMatrixRMaj sol = new DMatrixRMaj(3, 1);
        solver.solve(b, sol);
        double cx = -sol.get(0) / 2;
        double cy = -sol.get(1) / 2;
        double r2 = cx * cx + cy * cy - sol.get(2);
        if (!(r2 > 0) || !Double.isFinite(r2) || CommonOps_DDRM.elementMaxAbs(sol) > 1e12) {
            return java.util.Optional.empty();
        }
        double r = Math.sqrt(r2);
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = Math.hypot(xy[2 * i] - mx - cx, xy[2 * i + 1] - my - cy) - r;
            sq += d * d;
        }
        return java.util.Optional.of(new CircleFit(cx + mx, cy + my, r, Math.sqrt(sq / n), n));
    }
}
