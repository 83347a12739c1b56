package io.github.spatialvlm4j.datagen.facts;

import io.github.spatialvlm4j.geometry.Plane;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.joml.Matrix4f;
import org.joml.Matrix4fc;

/**
 * Everything the question synthesis needs about one frame.
 *
 * @param frameId the frame's id (also the seed key)
 * @param imageWidth image width, pixels
 * @param imageHeight image height, pixels
 * @param objects the objects, in id order
 * @param canonicalized whether a floor was found, so that the up frame is the floor frame
 * @param floor the floor plane in the camera frame (normal pointing up), present exactly when canonicalized
 * @param cameraToUp rigid transform from the camera frame to the up frame (see {@link ObjectFacts})
 * @param gaps {@code k x k} row-major, the closest distance between the surfaces (point sets) of
 *     objects i and j, meters; symmetric, 0 on the diagonal
 */
public record SceneFacts(String frameId, int imageWidth, int imageHeight, List<ObjectFacts> objects,
        boolean canonicalized, Optional<Plane> floor, Matrix4fc cameraToUp, float[] gaps) {

    public SceneFacts {
        Objects.requireNonNull(frameId, "frameId");
        objects = List.copyOf(objects);
        Objects.requireNonNull(floor, "floor");
        if (canonicalized != floor.isPresent()) {
            throw new IllegalArgumentException("A floor plane is present exactly when the scene is canonicalized");
        }
        cameraToUp = new Matrix4f(Objects.requireNonNull(cameraToUp, "cameraToUp"));
        int k = objects.size();
        if (gaps == null || gaps.length != k * k) {
            throw new IllegalArgumentException("gaps must be a " + k + "x" + k + " matrix, got "
                    + (gaps == null ? "null" : gaps.length + " values"));
        }
    }

    /** Closest surface distance between objects at positions {@code i} and {@code j} of {@link #objects()}, meters. */
    public float gap(int i, int j) {
        return gaps[i * objects.size() + j];
    }

    /** Distance between the box centres of objects at positions {@code i} and {@code j}, meters. */
    public float distance(int i, int j) {
        return objects.get(i).center().distance(objects.get(j).center());
    }
}
