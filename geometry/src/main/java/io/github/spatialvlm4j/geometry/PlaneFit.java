package io.github.spatialvlm4j.geometry;

import java.util.Objects;

/**
 * The outcome of fitting a plane to points: a plane with its root-mean-square point distance,
 * or a status saying why there is none. Numeric failure is a status, not an exception.
 *
 * @param status why a plane was or was not found
 * @param plane the plane when {@code status == FOUND}, else null
 * @param rmsDistance root-mean-square distance of the fitted points to the plane, meters (NaN unless FOUND)
 * @param pointCount the number of points used
 */
public record PlaneFit(Status status, Plane plane, double rmsDistance, int pointCount) {

    /** Why a fit did or did not give a plane. */
    public enum Status {
        /** A plane was found. */
        FOUND,
        /** Fewer than 3 points. */
        TOO_FEW_POINTS,
        /** The points are (nearly) collinear or coincident: no unique plane. */
        DEGENERATE,
        /** No hypothesis met the constraints (e.g. a normal prior) or had enough inliers. */
        NOT_FOUND
    }

    public PlaneFit {
        Objects.requireNonNull(status, "status");
        if ((status == Status.FOUND) != (plane != null)) {
            throw new IllegalArgumentException("A plane is present exactly when the status is FOUND (status " + status + ")");
        }
    }

    public static PlaneFit found(Plane plane, double rmsDistance, int pointCount) {
        return new PlaneFit(Status.FOUND, plane, rmsDistance, pointCount);
    }

    public static PlaneFit failed(Status status, int pointCount) {
        if (status == Status.FOUND) {
            throw new IllegalArgumentException("failed() needs a failure status");
        }
        return new PlaneFit(status, null, Double.NaN, pointCount);
    }

    public boolean isFound() {
        return status == Status.FOUND;
    }
}
