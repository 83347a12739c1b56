package io.github.spatialvlm4j.datagen.facts;

import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.DepthMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Optional;

/**
 * What is known exactly about a frame, for the audit: the true facts, whether the floor is visible, and
 * the depth scale error that was injected into the frame's depth (synthetic monocular noise).
 *
 * @param facts the true facts (true meters). Their floor state says what is known: {@link FloorState#FLOOR}
 *     when the true floor plane is known (even if it is not visible), {@link FloorState#UP_ONLY} when only
 *     gravity is
 * @param floorVisible whether the floor appears in the frame, so that the engine may claim it: a floor
 *     claim in a frame without a visible floor is a false claim
 * @param depthScale the global factor the frame's depth was multiplied by relative to the truth (1 for
 *     measured depth); metric answers divided by it show the error the geometry adds beyond it
 * @param depth the true depth of every pixel, meters, camera frame ({@link DepthMap#INVALID} where nothing
 *     was hit), when known: what "which marked point is closer" questions are checked against
 */
public record GroundTruth(SceneFacts facts, boolean floorVisible, double depthScale, Optional<DepthMap> depth) {
    public GroundTruth {
        Objects.requireNonNull(facts, "facts");
        if (!(depthScale > 0) || !Double.isFinite(depthScale)) {
            throw new IllegalArgumentException("Invalid depth scale: " + depthScale + " (must be finite and > 0)");
        }
        Objects.requireNonNull(depth, "depth");
    }

    /** Truth without a true depth map. */
    public GroundTruth(SceneFacts facts, boolean floorVisible, double depthScale) {
        this(facts, floorVisible, depthScale, Optional.empty());
    }

    /** Exact truth of a frame with measured depth: floor visible exactly when the facts have a floor. */
    public static GroundTruth of(SceneFacts facts) {
        return new GroundTruth(facts, facts.floorState() == FloorState.FLOOR, 1);
    }
}
