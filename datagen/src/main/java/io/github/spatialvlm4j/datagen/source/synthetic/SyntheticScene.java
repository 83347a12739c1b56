package io.github.spatialvlm4j.datagen.source.synthetic;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.Plane;
import java.util.List;
import java.util.Objects;

/**
 * A complete synthetic scene, ready to render: the floor {@code z = 0} (always present), optional walls,
 * the objects and the camera. World frame: z up, meters.
 *
 * @param camera the camera pose; it must stand above the floor and outside every object
 * @param intrinsics the pinhole intrinsics (and image size) of the rendered frame
 * @param objects the objects; their label ids are their positions in this list plus one, before removal
 *     of objects with too few visible pixels
 * @param walls wall planes in the world frame (any orientation; normally vertical); rendered as infinite planes
 */
public record SyntheticScene(CameraPose camera, CameraIntrinsics intrinsics, List<PlacedObject> objects,
        List<Plane> walls) {

    public SyntheticScene {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(intrinsics, "intrinsics");
        objects = List.copyOf(objects);
        walls = List.copyOf(walls);
    }
}
