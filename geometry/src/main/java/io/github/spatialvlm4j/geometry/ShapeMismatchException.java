package io.github.spatialvlm4j.geometry;

/**
 * Thrown when arrays or images that must agree in size do not, for example a depth map of
 * 640x480 paired with intrinsics for 1280x720, or an {@code xyz} array whose length is not a
 * multiple of 3. The message names both shapes.
 */
public final class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) {
        super(message);
    }
}
