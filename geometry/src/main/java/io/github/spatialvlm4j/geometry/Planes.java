package io.github.spatialvlm4j.geometry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Plane fitting. Stateless.
 */
public final class Planes {
    /**
     * Relative size of the second-smallest covariance eigenvalue below which points are taken as
     * collinear (a line or a single point has no unique plane).
     */
    private static final double DEGENERACY_RATIO = 1e-10;

    private Planes() {
    }

    /**
     * Total least-squares plane through points {@code xyz} (3n floats, meters): the plane through
     * the centroid whose normal is the eigenvector of the smallest eigenvalue of the covariance
     * matrix (EJML symmetric eigen decomposition). Minimises the sum of squared orthogonal
     * distances. O(n). The normal's sign is arbitrary: orient it with
     * {@link Plane#orientedTowards(double, double, double)}.
     *
     * @param xyz coordinates, meters, finite
     * @param indices the points to use, or null for all
     * @return FOUND with the plane and RMS distance; TOO_FEW_POINTS below 3 points; DEGENERATE
     *     when the points are collinear or coincident
     */
    public static PlaneFit fitLeastSquares(float[] xyz, int[] indices) {
        if (xyz.length % 3 != 0) {
            throw new ShapeMismatchException("xyz array length " + xyz.length + " is not a multiple of 3");
        }
        int n = indices == null ? xyz.length / 3 : indices.length;
        if (n < 3) {
            return PlaneFit.failed(PlaneFit.Status.TOO_FEW_POINTS, n);
        }
        double mx = 0;
        double my = 0;
        double mz = 0;
        for (int k = 0; k < n; k++) {
            int i = indices == null ? k : indices[k];
            if (!Float.isFinite(xyz[3 * i]) || !Float.isFinite(xyz[3 * i + 1]) || !Float.isFinite(xyz[3 * i + 2])) {
                // Checked here, before the mean spreads a NaN to every point, to name the bad one.
                throw new IllegalArgumentException("Invalid coordinate at point " + i + ": (" + xyz[3 * i] + ", "
                        + xyz[3 * i + 1] + ", " + xyz[3 * i + 2] + ") (coordinates must be finite)");
            }
            mx += xyz[3 * i];
            my += xyz[3 * i + 1];
            mz += xyz[3 * i + 2];
        }
        mx /= n;
        my /= n;
        mz /= n;
        double xx = 0;
        double xy = 0;
        double xz = 0;
        double yy = 0;
        double yz = 0;
        double zz = 0;
        for (int k = 0; k < n; k++) {
            int i = indices == null ? k : indices[k];
            double dx = xyz[3 * i] - mx;
            double dy = xyz[3 * i + 1] - my;
            double dz = xyz[3 * i + 2] - mz;
            xx += dx * dx;
            xy += dx * dy;
            xz += dx * dz;
            yy += dy * dy;
            yz += dy * dz;
            zz += dz * dz;
        }
        DMatrixRMaj cov = new DMatrixRMaj(3, 3, true, xx, xy, xz, xy, yy, yz, xz, yz, zz);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, true, true);
        if (!eig.decompose(cov)) {
            return PlaneFit.failed(PlaneFit.Status.DEGENERATE, n);
        }
        int smallest = 0;
        double[] values = new double[3];
        for (int e = 0; e < 3; e++) {
            values[e] = eig.getEigenvalue(e).getReal();
            if (values[e] < values[smallest]) {
                smallest = e;
            }
        }
        double largest = Math.max(values[0], Math.max(values[1], values[2]));
        double middle = values[0] + values[1] + values[2] - largest - values[smallest];
        if (!(largest > 0) || middle <= DEGENERACY_RATIO * largest) {
            return PlaneFit.failed(PlaneFit.Status.DEGENERATE, n);
        }
        DMatrixRMaj v = eig.getEigenVector(smallest);
        Plane plane = Plane.fromPointAndNormal(mx, my, mz, v.get(0), v.get(1), v.get(2));
        double sq = 0;
        for (int k = 0; k < n; k++) {
            int i = indices == null ? k : indices[k];
            double dist = plane.signedDistance(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
            sq += dist * dist;
        }
        return PlaneFit.found(plane, Math.sqrt(sq / n), n);
    }
}
