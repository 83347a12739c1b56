package io.github.spatialvlm4j.datagen.pipeline;

/**
 * Parameters of gravity and floor finding (see {@link Canonicalizer}).
 *
 * @param distanceThreshold RANSAC inlier distance of the final plane fits, meters (paper: 0.05)
 * @param iterations RANSAC hypotheses per plane (paper: 1000)
 * @param earlyExitProbability RANSAC stops once a plane this likely to be the best has been seen
 *     (Open3D's confidence), in [0, 1); 0 runs every iteration (0.9999)
 * @param maxUpAngleDegrees largest angle between up and camera up (-y), degrees: how far the camera may
 *     pitch down (at a table) or roll (70): beyond it a wall facing a level camera would pass for a floor
 * @param horizontalToleranceDegrees a surface whose normal is within this of up is horizontal (15)
 * @param minHorizontalShare up is estimated only when at least this share of the sampled surface is
 *     horizontal (0.005)
 * @param minFloorShare a horizontal level needs at least this share of the sampled surface to be a
 *     floor candidate (0.015)
 * @param minCameraHeight a floor must lie at least this far below the camera, meters: closer, the
 *     surface is a table or a shelf being photographed (0.9)
 * @param maxCameraHeight and at most this far, meters (3.5)
 * @param maxBelowShare at most this share of the sampled surface may lie clearly below a floor (0.02):
 *     nothing is under the floor, and a table top seen without its floor still has its own edge, its legs,
 *     the chairs and the walls reaching below it
 * @param samplePixels the depth map is sampled on a grid of about this many pixels (30000)
 */
public record CanonicalizeOptions(float distanceThreshold, int iterations, double earlyExitProbability,
        double maxUpAngleDegrees, double horizontalToleranceDegrees, double minHorizontalShare, double minFloorShare,
        double minCameraHeight, double maxCameraHeight, double maxBelowShare, int samplePixels) {

    public CanonicalizeOptions {
        if (!(distanceThreshold > 0) || !Float.isFinite(distanceThreshold)) {
            throw new IllegalArgumentException("Invalid distanceThreshold: " + distanceThreshold + " (meters, must be > 0)");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Invalid iterations: " + iterations + " (must be >= 1)");
        }
        if (!(earlyExitProbability >= 0 && earlyExitProbability < 1)) {
            throw new IllegalArgumentException("Invalid earlyExitProbability: " + earlyExitProbability + " (must be in [0, 1))");
        }
        if (!(maxUpAngleDegrees > 0 && maxUpAngleDegrees < 90)) {
            throw new IllegalArgumentException("Invalid maxUpAngleDegrees: " + maxUpAngleDegrees
                    + " (degrees, must be in (0, 90))");
        }
        if (!(horizontalToleranceDegrees > 0 && horizontalToleranceDegrees < 45)) {
            throw new IllegalArgumentException("Invalid horizontalToleranceDegrees: " + horizontalToleranceDegrees
                    + " (degrees, must be in (0, 45))");
        }
        share("minHorizontalShare", minHorizontalShare);
        share("minFloorShare", minFloorShare);
        share("maxBelowShare", maxBelowShare);
        if (!(minCameraHeight >= 0 && maxCameraHeight > minCameraHeight) || !Double.isFinite(maxCameraHeight)) {
            throw new IllegalArgumentException("Invalid camera height range [" + minCameraHeight + ", " + maxCameraHeight
                    + "] m");
        }
        if (samplePixels < 100) {
            throw new IllegalArgumentException("Invalid samplePixels: " + samplePixels + " (must be >= 100)");
        }
    }

    public static CanonicalizeOptions defaults() {
        return new CanonicalizeOptions(0.05f, 1000, 0.9999, 70, 15, 0.005, 0.015, 0.9, 3.5, 0.02, 30000);
    }

    /** These options with another camera height range for a floor, meters. */
    public CanonicalizeOptions withCameraHeights(double min, double max) {
        return new CanonicalizeOptions(distanceThreshold, iterations, earlyExitProbability, maxUpAngleDegrees,
                horizontalToleranceDegrees, minHorizontalShare, minFloorShare, min, max, maxBelowShare, samplePixels);
    }

    private static void share(String name, double v) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v + " (must be in (0, 1))");
        }
    }
}
