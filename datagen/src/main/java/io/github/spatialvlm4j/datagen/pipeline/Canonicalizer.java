package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PlaneFit;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.kernels.Kernels;
import io.github.spatialvlm4j.kernels.RansacOptions;
import io.github.spatialvlm4j.kernels.RansacResult;
import java.util.Objects;
import java.util.Optional;
import org.joml.Vector3f;

/**
 * SPEC stage 5 without a ground mask: finds the floor as the lowest large plane below the camera
 * whose normal is near camera up, and builds the canonical {@link FloorFrame} from it.
 *
 * <p>Planes are extracted one after another (RANSAC with a normal prior, inliers removed,
 * repeat up to {@link CanonicalizeOptions#maxPlanes()} times) from a deterministic stride
 * sub-sample of the scene; each plane with enough inliers and a plausible camera height is a
 * candidate, and the candidate farthest below the camera wins, so a table top never beats the
 * floor. When there is none, the result says so and carries the camera-up frame, and
 * floor-dependent questions are not asked. Thread-safe when the kernels are.
 */
public final class Canonicalizer {
    /** Camera up in the camera frame (x right, y down, z forward). */
    private static final Vector3f CAMERA_UP = new Vector3f(0, -1, 0);

    /**
     * @param canonicalized whether a floor was found
     * @param frame the floor frame, or the camera-up frame when no floor was found
     * @param floor the floor plane in the camera frame, normal up; present exactly when canonicalized
     * @param inliers RANSAC inliers of the chosen plane among the sampled points (0 when none)
     * @param detail why no floor was found, or "floor found"
     */
    public record Result(boolean canonicalized, FloorFrame frame, Optional<Plane> floor, int inliers, String detail) {
    }

    private final Kernels kernels;
    private final CanonicalizeOptions options;

    public Canonicalizer(Kernels kernels, CanonicalizeOptions options) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Finds the floor among {@code scene} (camera frame, meters): the points not on any object when
     * object masks are known, otherwise the whole scene.
     *
     * @param seed seeds the RANSAC hypotheses (derive it from the frame seed)
     */
    public Result canonicalize(PointCloud scene, long seed) {
        PointCloud remaining = scene.strideSample(options.maxSampledPoints());
        int sampled = remaining.size();
        if (sampled < 3) {
            return failed("only " + sampled + " scene points");
        }
        long minInliers = Math.max(3, (long) Math.ceil(options.minInlierFraction() * sampled));
        Plane best = null;
        int bestInliers = 0;
        double bestHeight = Double.NEGATIVE_INFINITY;
        String lastReason = "no plane near horizontal";
        for (int round = 0; round < options.maxPlanes() && remaining.size() >= minInliers; round++) {
            RansacOptions ransac = new RansacOptions(options.distanceThreshold(), options.iterations(),
                    seed + 0x9E3779B97F4A7C15L * round, options.earlyExitProbability(), CAMERA_UP,
                    (float) Math.toRadians(options.maxNormalAngleDegrees()), true);
            RansacResult found = kernels.ransacPlane(remaining, ransac);
            if (found.status() != PlaneFit.Status.FOUND) {
                break;
            }
            Plane up = found.plane().orientedTowards(0, -1, 0);
            // With the normal pointing up, the camera origin's signed distance is its height above the plane.
            double height = up.d();
            int count = found.inliers().length;
            if (count < minInliers) {
                lastReason = "largest remaining horizontal plane has " + count + " of " + sampled
                        + " sampled points (need " + minInliers + ")";
                break;
            }
            if (height >= options.minCameraHeight() && height <= options.maxCameraHeight()) {
                if (height > bestHeight) {
                    best = up;
                    bestHeight = height;
                    bestInliers = count;
                }
            } else {
                lastReason = String.format(java.util.Locale.ROOT, "horizontal plane at camera height %.2f m is outside [%.2f, %.2f] m",
                        height, options.minCameraHeight(), options.maxCameraHeight());
            }
            remaining = without(remaining, found.inliers());
        }
        if (best == null) {
            return failed(lastReason);
        }
        return new Result(true, FloorFrame.fromFloorPlane(best), Optional.of(best), bestInliers, "floor found");
    }

    private static Result failed(String reason) {
        return new Result(false, FloorFrame.cameraUp(), Optional.empty(), 0, reason);
    }

    /** The points of {@code cloud} not listed in {@code ascendingIndices}. */
    static PointCloud without(PointCloud cloud, int[] ascendingIndices) {
        int n = cloud.size();
        int[] keep = new int[n - ascendingIndices.length];
        int k = 0;
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (r < ascendingIndices.length && ascendingIndices[r] == i) {
                r++;
            } else {
                keep[k++] = i;
            }
        }
        return cloud.subset(keep);
    }
}
