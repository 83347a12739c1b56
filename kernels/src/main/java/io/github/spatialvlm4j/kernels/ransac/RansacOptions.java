package io.github.spatialvlm4j.kernels.ransac;

import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * Settings of a RANSAC plane fit (Fischler and Bolles 1981; the three-point variant of Open3D's
 * {@code segment_plane}).
 *
 * @param distanceThreshold a point is an inlier when its distance to the plane is &lt;= this,
 *     meters, finite and &gt; 0
 * @param iterations number of hypotheses (3-point samples) drawn, &gt;= 1
 * @param seed seed of the {@link java.util.SplittableRandom} that draws every hypothesis before
 *     any parallel work: the same seed gives the same plane on any backend and thread count
 * @param earlyExitProbability 0 turns early exit off; otherwise in (0, 1): stop once the
 *     hypotheses evaluated so far reach {@code log(1 - p) / log(1 - w^3)}, w = best inlier
 *     ratio so far (Open3D's rule), checked after every batch of {@link #EARLY_EXIT_BATCH}; unlike
 *     the exact shortcuts of {@link RansacKernel#fit} (always on), early exit can change the plane
 * @param normalPriorAxis null for no prior; otherwise a non-zero direction (any frame the cloud
 *     is in, e.g. camera up {@code (0, -1, 0)}) that the plane normal must be near, to pick a
 *     floor rather than a wall; the sign of the normal does not matter; copied on construction
 * @param normalPriorMaxAngleRadians largest angle between the normal (either sign) and the
 *     prior axis, radians in [0, pi/2]; ignored without a prior
 * @param refine refit the plane by least squares on the inliers of the best hypothesis, then
 *     recompute the inliers
 */
public record RansacOptions(float distanceThreshold, int iterations, long seed, double earlyExitProbability,
        Vector3fc normalPriorAxis, float normalPriorMaxAngleRadians, boolean refine) {

    /** Hypotheses per batch when early exit is on (fixed, so results do not depend on threads). */
    public static final int EARLY_EXIT_BATCH = 64;

    public RansacOptions {
        if (!(distanceThreshold > 0) || !Float.isFinite(distanceThreshold)) {
            throw new IllegalArgumentException("Invalid distance threshold: " + distanceThreshold
                    + " (meters, must be finite and > 0)");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Invalid iterations: " + iterations + " (must be >= 1)");
        }
        if (!(earlyExitProbability >= 0 && earlyExitProbability < 1)) {
            throw new IllegalArgumentException("Invalid early exit probability: " + earlyExitProbability
                    + " (must be in [0, 1), 0 = off)");
        }
        if (normalPriorAxis != null) {
            float len = normalPriorAxis.length();
            if (!(len > 0) || !Float.isFinite(len)) {
                throw new IllegalArgumentException("Invalid normal prior axis: " + normalPriorAxis
                        + " (must be finite and non-zero, or null for none)");
            }
            if (!(normalPriorMaxAngleRadians >= 0 && normalPriorMaxAngleRadians <= (float) (Math.PI / 2))) {
                throw new IllegalArgumentException("Invalid normal prior max angle: " + normalPriorMaxAngleRadians
                        + " rad (must be in [0, pi/2])");
            }
            normalPriorAxis = new Vector3f(normalPriorAxis);
        }
    }

    /** Threshold 0.05 m, 1000 iterations, no early exit, no normal prior, refinement on (SpatialVLM's settings). */
    public static RansacOptions defaults(long seed) {
        return new RansacOptions(0.05f, 1000, seed, 0.0, null, 0f, true);
    }

    public RansacOptions withDistanceThreshold(float meters) {
        return new RansacOptions(meters, iterations, seed, earlyExitProbability, normalPriorAxis,
                normalPriorMaxAngleRadians, refine);
    }

    public RansacOptions withIterations(int count) {
        return new RansacOptions(distanceThreshold, count, seed, earlyExitProbability, normalPriorAxis,
                normalPriorMaxAngleRadians, refine);
    }

    public RansacOptions withSeed(long newSeed) {
        return new RansacOptions(distanceThreshold, iterations, newSeed, earlyExitProbability, normalPriorAxis,
                normalPriorMaxAngleRadians, refine);
    }

    /** @param probability 0 = off, else in (0, 1) */
    public RansacOptions withEarlyExitProbability(double probability) {
        return new RansacOptions(distanceThreshold, iterations, seed, probability, normalPriorAxis,
                normalPriorMaxAngleRadians, refine);
    }

    /** @param axis null for none; @param maxAngleRadians radians in [0, pi/2] */
    public RansacOptions withNormalPrior(Vector3fc axis, float maxAngleRadians) {
        return new RansacOptions(distanceThreshold, iterations, seed, earlyExitProbability, axis, maxAngleRadians,
                refine);
    }

    public RansacOptions withRefine(boolean on) {
        return new RansacOptions(distanceThreshold, iterations, seed, earlyExitProbability, normalPriorAxis,
                normalPriorMaxAngleRadians, on);
    }
}
