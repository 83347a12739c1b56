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
 * @param floorState what is known about gravity: a floor (the up frame is the floor frame), only the up
 *     direction, or neither (see {@link FloorState})
 * @param floor the floor plane in the camera frame (normal pointing up), present exactly in state
 *     {@link FloorState#FLOOR}
 * @param cameraToUp rigid transform from the camera frame to the up frame (see {@link ObjectFacts})
 * @param gaps {@code k x k} row-major, the closest distance between the surfaces (point sets) of
 *     objects i and j, meters; symmetric, 0 on the diagonal
 * @param floorNote how the floor state was reached: where up came from and why a floor was or was not
 *     taken (free text for people, e.g. "up given by pose.json; no plausible floor: ..."), may be empty
 */
public record SceneFacts(String frameId, int imageWidth, int imageHeight, List<ObjectFacts> objects,
        FloorState floorState, Optional<Plane> floor, Matrix4fc cameraToUp, float[] gaps, String floorNote) {

    public SceneFacts {
        Objects.requireNonNull(frameId, "frameId");
        objects = List.copyOf(objects);
        Objects.requireNonNull(floorState, "floorState");
        Objects.requireNonNull(floor, "floor");
        Objects.requireNonNull(floorNote, "floorNote");
        if ((floorState == FloorState.FLOOR) != floor.isPresent()) {
            throw new IllegalArgumentException("A floor plane is present exactly in floor state FLOOR, not "
                    + floorState);
        }
        cameraToUp = new Matrix4f(Objects.requireNonNull(cameraToUp, "cameraToUp"));
        int k = objects.size();
        if (gaps == null || gaps.length != k * k) {
            throw new IllegalArgumentException("gaps must be a " + k + "x" + k + " matrix, got "
                    + (gaps == null ? "null" : gaps.length + " values"));
        }
    }

    /**
     * Facts with a floor ({@code canonicalized}) or with neither floor nor up direction, and no note:
     * the two states of scenes that always show a floor or nothing.
     */
    public SceneFacts(String frameId, int imageWidth, int imageHeight, List<ObjectFacts> objects,
            boolean canonicalized, Optional<Plane> floor, Matrix4fc cameraToUp, float[] gaps) {
        this(frameId, imageWidth, imageHeight, objects, canonicalized ? FloorState.FLOOR : FloorState.NONE, floor,
                cameraToUp, gaps, "");
    }

    /** Whether a floor was found, so that the up frame is the floor frame (state {@link FloorState#FLOOR}). */
    public boolean canonicalized() {
        return floorState == FloorState.FLOOR;
    }

    /** Whether the up direction is known (state {@link FloorState#FLOOR} or {@link FloorState#UP_ONLY}). */
    public boolean hasUp() {
        return floorState.hasUp();
    }

    /** These facts with other objects and gaps (same order), e.g. after ambiguity removal. */
    public SceneFacts withObjects(List<ObjectFacts> newObjects, float[] newGaps) {
        return new SceneFacts(frameId, imageWidth, imageHeight, newObjects, floorState, floor, cameraToUp, newGaps,
                floorNote);
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
