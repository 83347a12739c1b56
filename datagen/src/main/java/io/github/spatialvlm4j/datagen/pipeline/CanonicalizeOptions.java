package io.github.spatialvlm4j.datagen.pipeline;

/**
 * Parameters of floor finding (SPEC stage 5) when no ground mask is given: RANSAC over the scene
 * with a normal prior near camera up, for a plane below the camera; among the large horizontal
 * planes found, the lowest wins, so that elevation means height above the floor, not above a
 * table.
 *
 * @param distanceThreshold RANSAC inlier distance, meters (paper: 0.05)
 * @param iterations RANSAC hypotheses per plane (paper: 1000)
 * @param maxNormalAngleDegrees largest angle between the plane normal and camera up, degrees; covers camera pitch and roll (45)
 * @param maxPlanes how many planes are extracted one after another before choosing (3)
 * @param minInlierFraction a plane is "large" with at least this share of the sampled points (0.05)
 * @param minCameraHeight the camera must be at least this high above the plane, meters (0.2)
 * @param maxCameraHeight and at most this high, meters (10)
 * @param maxSampledPoints the scene is sub-sampled to at most this many points for the search (deterministic stride) (30000)
 * @param earlyExitProbability RANSAC stops once a plane this likely to be the best has been seen
 *     (Open3D's confidence), in [0, 1); 0 runs every iteration (0.9999: a floor holding a third of
 *     the points is found within a few hundred hypotheses instead of 1000)
 */
public record CanonicalizeOptions(float distanceThreshold, int iterations, double maxNormalAngleDegrees, int maxPlanes,
        double minInlierFraction, double minCameraHeight, double maxCameraHeight, int maxSampledPoints,
        double earlyExitProbability) {

    public CanonicalizeOptions {
        if (!(distanceThreshold > 0) || !Float.isFinite(distanceThreshold)) {
            throw new IllegalArgumentException("Invalid distanceThreshold: " + distanceThreshold + " (meters, must be > 0)");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Invalid iterations: " + iterations + " (must be >= 1)");
        }
        if (!(maxNormalAngleDegrees > 0 && maxNormalAngleDegrees < 90)) {
            throw new IllegalArgumentException("Invalid maxNormalAngleDegrees: " + maxNormalAngleDegrees
                    + " (degrees, must be in (0, 90))");
        }
        if (maxPlanes < 1) {
            throw new IllegalArgumentException("Invalid maxPlanes: " + maxPlanes + " (must be >= 1)");
        }
        if (!(minInlierFraction > 0 && minInlierFraction <= 1)) {
            throw new IllegalArgumentException("Invalid minInlierFraction: " + minInlierFraction + " (must be in (0, 1])");
        }
        if (!(minCameraHeight >= 0 && maxCameraHeight > minCameraHeight)) {
            throw new IllegalArgumentException("Invalid camera height range [" + minCameraHeight + ", " + maxCameraHeight
                    + "] m");
        }
        if (!(earlyExitProbability >= 0 && earlyExitProbability < 1)) {
            throw new IllegalArgumentException("Invalid earlyExitProbability: " + earlyExitProbability + " (must be in [0, 1))");
        }
        if (maxSampledPoints < 3) {
            throw new IllegalArgumentException("Invalid maxSampledPoints: " + maxSampledPoints + " (must be >= 3)");
        }
    }

    public static CanonicalizeOptions defaults() {
        return new CanonicalizeOptions(0.05f, 1000, 45, 3, 0.05, 0.2, 10, 30000, 0.9999);
    }
}
