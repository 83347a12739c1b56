package io.github.spatialvlm4j.kernels.ransac;

import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PlaneFit;
import java.util.Objects;

/**
 * The outcome of a RANSAC plane fit.
 *
 * @param status FOUND; TOO_FEW_POINTS below 3 points; DEGENERATE when every hypothesis was
 *     collinear or coincident; NOT_FOUND when the normal prior rejected every hypothesis
 * @param plane the plane when FOUND (normal oriented towards the prior axis when one was given),
 *     else null
 * @param inliers ascending indices of the points within the distance threshold of {@code plane}
 *     (empty unless FOUND)
 * @param hypothesesEvaluated hypotheses scored (less than the iterations after an early exit)
 */
public record RansacResult(PlaneFit.Status status, Plane plane, int[] inliers, int hypothesesEvaluated) {

    public RansacResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(inliers, "inliers");
        if ((status == PlaneFit.Status.FOUND) != (plane != null)) {
            throw new IllegalArgumentException("A plane is present exactly when the status is FOUND (status " + status
                    + ")");
        }
    }

    public boolean isFound() {
        return status == PlaneFit.Status.FOUND;
    }
}
