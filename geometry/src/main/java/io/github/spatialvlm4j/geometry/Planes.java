package io.github.spatialvlm4j.geometry;

import java.util.Optional;
import org.joml.Vector3d;

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
        Optional<PrincipalAxes> pca = PrincipalAxes.of(xyz, indices);
        if (pca.isEmpty()) {
            return PlaneFit.failed(PlaneFit.Status.DEGENERATE, n);
        }
        double[] variances = pca.get().variances();
        if (!(variances[0] > 0) || variances[1] <= DEGENERACY_RATIO * variances[0]) {
            return PlaneFit.failed(PlaneFit.Status.DEGENERATE, n);
        }
        Vector3d mean = pca.get().mean();
        Vector3d normal = pca.get().axes()[2];
        Plane plane = Plane.fromPointAndNormal(mean.x, mean.y, mean.z, normal.x, normal.y, normal.z);
        double sq = 0;
        for (int k = 0; k < n; k++) {
            int i = indices == null ? k : indices[k];
            double dist = plane.signedDistance(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
            sq += dist * dist;
        }
        return PlaneFit.found(plane, Math.sqrt(sq / n), n);
    }
}
