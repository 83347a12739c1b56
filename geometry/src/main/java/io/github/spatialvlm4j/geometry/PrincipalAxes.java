package io.github.spatialvlm4j.geometry;

import java.util.Arrays;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.joml.Vector3d;

/**
 * Centroid and principal axes of a set of points: the eigen decomposition (EJML, symmetric) of
 * their covariance matrix, accumulated in double around the centroid. Shared by the plane fit
 * (normal = least-variance axis) and the PCA box. Package-private.
 *
 * @param mean the centroid, meters
 * @param variances eigenvalues of the covariance (divided by n), square meters, descending
 * @param axes the matching unit eigenvectors; their signs are whatever EJML returns
 */
public record PrincipalAxes(Vector3d mean, double[] variances, Vector3d[] axes) {

    /**
     * Principal axes of the points {@code xyz[3i..3i+2]} for {@code i} in {@code indices}, or of
     * all points when {@code indices} is null. O(n). Empty when EJML cannot decompose the matrix.
     *
     * @throws IllegalArgumentException naming the first used point with a non-finite coordinate
     */
    static Optional<PrincipalAxes> of(float[] xyz, int[] indices) {
        int n = indices == null ? xyz.length / 3 : indices.length;
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
        Optional<Eigen> eig = eigen(xx / n, xy / n, xz / n, yy / n, yz / n, zz / n);
        Vector3d mean = new Vector3d(mx, my, mz);
        return eig.map(e -> new PrincipalAxes(mean, e.values(), e.vectors()));
    }

    /**
     * The eigen decomposition of a symmetric 3x3 matrix, eigenvalues in descending order with unit
     * eigenvectors (EJML).
     *
     * @param values the eigenvalues, largest first
     * @param vectors the matching unit eigenvectors
     */
    public record Eigen(double[] values, Vector3d[] vectors) {
    }

    /**
     * Eigenvalues and eigenvectors of the symmetric matrix {@code [[xx xy xz] [xy yy yz] [xz yz zz]]};
     * empty when the decomposition fails.
     */
    public static Optional<Eigen> eigen(double xx, double xy, double xz, double yy, double yz, double zz) {
        DMatrixRMaj m = new DMatrixRMaj(3, 3, true, xx, xy, xz, xy, yy, yz, xz, yz, zz);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, true, true);
        if (!eig.decompose(m)) {
            return Optional.empty();
        }
        Integer[] order = {0, 1, 2};
        double[] values = new double[3];
        for (int e = 0; e < 3; e++) {
            values[e] = eig.getEigenvalue(e).getReal();
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[] sorted = new double[3];
        Vector3d[] axes = new Vector3d[3];
        for (int k = 0; k < 3; k++) {
            sorted[k] = values[order[k]];
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            axes[k] = new Vector3d(v.get(0), v.get(1), v.get(2)).normalize();
        }
        return Optional.of(new Eigen(sorted, axes));
    }
}
