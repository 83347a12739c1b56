package io.github.spatialvlm4j.datagen;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * What a data set says about gravity for one frame, read by its source: the up direction in the camera
 * frame, and optionally the camera's height above the floor; or that the data set's value was invalid;
 * or nothing. When given and valid, the pipeline uses it instead of estimating up (and, with a camera
 * height, takes the floor from it); an invalid value falls back to estimation, and the reason is recorded.
 *
 * @param up the up direction (against gravity) in the camera frame (x right, y down, z forward), unit
 *     length; present exactly when the hint is valid
 * @param cameraHeight the camera's height above the floor, meters, when known; only with {@code up}
 * @param source where the value came from (a file name), or why it is invalid; empty for {@link #NONE}
 */
public record GravityHint(Optional<Vector3fc> up, OptionalDouble cameraHeight, String source) {

    /** No gravity given. */
    public static final GravityHint NONE = new GravityHint(Optional.empty(), OptionalDouble.empty(), "");

    public GravityHint {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(cameraHeight, "cameraHeight");
        Objects.requireNonNull(source, "source");
        up = up.map(u -> {
            Vector3f copy = new Vector3f(u);
            float len = copy.length();
            if (!(Math.abs(len - 1) < 1e-3) || !copy.isFinite()) {
                throw new IllegalArgumentException("Invalid up direction " + u + " (must be a finite unit vector)");
            }
            return copy;
        });
        if (cameraHeight.isPresent()) {
            double h = cameraHeight.getAsDouble();
            if (up.isEmpty()) {
                throw new IllegalArgumentException("A camera height needs an up direction");
            }
            if (!(h > 0) || !Double.isFinite(h)) {
                throw new IllegalArgumentException("Invalid camera height: " + h + " m (must be finite and > 0)");
            }
        }
    }

    /** Up given by {@code source}, normalised; the camera height when known. */
    public static GravityHint given(Vector3fc up, OptionalDouble cameraHeight, String source) {
        Vector3f unit = new Vector3f(up);
        float len = unit.length();
        if (!(len > 1e-6f) || !Float.isFinite(len)) {
            throw new IllegalArgumentException("Invalid up direction " + up + " from " + source
                    + " (must be finite and non-zero)");
        }
        return new GravityHint(Optional.of(unit.div(len)), cameraHeight, source);
    }

    /** A data set value that could not be used, with the reason (the pipeline estimates up instead). */
    public static GravityHint invalid(String reason) {
        return new GravityHint(Optional.empty(), OptionalDouble.empty(), Objects.requireNonNull(reason, "reason"));
    }

    /** Whether the data set gave a value that could not be used. */
    public boolean isInvalid() {
        return up.isEmpty() && !source.isEmpty();
    }
}
