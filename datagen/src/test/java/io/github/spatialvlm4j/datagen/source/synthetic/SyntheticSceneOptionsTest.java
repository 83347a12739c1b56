package io.github.spatialvlm4j.datagen.source.synthetic;

import static io.github.spatialvlm4j.datagen.source.synthetic.NoiseModelTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticSceneOptionsTest {
    private static final SyntheticSceneOptions D = SyntheticSceneOptions.defaults();

    @Test
    void defaults() {
        assertEquals(640, D.width());
        assertEquals(480, D.height());
        assertEquals(2, D.minObjects());
        assertEquals(12, D.maxObjects());
        assertEquals(NoiseModel.NONE, D.noise());
        assertEquals(150, D.minVisiblePixels());
    }

    @Test
    void validationNamesTheBadValue() {
        assertMessage("Invalid width: 8 (pixels, must be in [16, 8192])", () -> D.withSize(8, 480));
        assertMessage("Invalid height: 10000 (pixels, must be in [16, 8192])", () -> D.withSize(640, 10000));
        assertMessage("Invalid minObjects: 0 (must be in [1, maxObjects = 12])", () -> D.withObjects(0, 12));
        assertMessage("Invalid minObjects: 5 (must be in [1, maxObjects = 4])", () -> D.withObjects(5, 4));
        assertMessage("Invalid maxObjects: 25 (must be in [1, 24])", () -> D.withObjects(2, 25));
        assertMessage("Invalid stackingProbability: 1.5 (must be in [0, 1])", () -> D.withStackingProbability(1.5));
        assertMessage("Invalid stackingProbability: NaN (must be in [0, 1])",
                () -> D.withStackingProbability(Double.NaN));
        assertMessage("Invalid minVisiblePixels: 0 (pixels, must be >= 1)", () -> D.withMinVisiblePixels(0));
        assertThrows(NullPointerException.class, () -> D.withNoise(null));
    }

    @Test
    void sceneTypesValidateToo() {
        assertMessage("Invalid camera pitch: 1.5707963267948966 (radians, must be in (-pi/2, pi/2))",
                () -> new CameraPose(0, 0, 1, 0, Math.PI / 2, 0));
        assertMessage("Invalid camera height: 0.0 (meters, must be finite and > 0)", () -> new CameraPose(0, 0, 0, 0, 0, 0));
        assertMessage("Invalid sphere radius: -0.5 (meters, must be finite and > 0)",
                () -> new Solid.Sphere(0, 0, 0, -0.5));
        assertMessage("Invalid box sizeY: 0.0 (meters, must be finite and > 0)",
                () -> new Solid.Box(0, 0, 0, 1, 0, 1, 0));
        assertMessage("Invalid noun: \"Big box\" (must be one lower-case word)",
                () -> new PlacedObject(new Solid.Sphere(0, 0, 1, 1), NamedColor.RED, "Big box"));
        CameraPose pose = new CameraPose(0, 0, 1, 0, 0, 0);
        SyntheticScene scene = new SyntheticScene(pose, CameraIntrinsics.fromHorizontalFov(1, 32, 24), List.of(),
                List.of());
        assertThrows(NullPointerException.class,
                () -> new SyntheticSceneGenerator(D).render(null, scene, 0));
    }
}
