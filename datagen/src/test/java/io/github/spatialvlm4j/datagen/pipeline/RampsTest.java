package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.DepthMap;
import org.junit.jupiter.api.Test;

class RampsTest {
    private static final LiftOptions LIFT = LiftOptions.defaults();
    private static final Ramps RAMPS = new Ramps(LIFT);
    private static final SyntheticSceneOptions OPTIONS = SyntheticSceneOptions.defaults().withSize(320, 240)
            .withObjects(4, 8);
    private static final long SEED = 11;

    private static Frame frame(NoiseModel noise) {
        return new SyntheticSceneGenerator(OPTIONS.withNoise(noise)).generate("r", SEED);
    }

    private static NoiseModel ramps(int half) {
        return NoiseModel.of(NoiseModel.DepthNoise.NONE, NoiseModel.MaskNoise.NONE,
                new NoiseModel.MonocularDepth(0, 0, half));
    }

    @Test
    void smearedEdgesAreToldFromSharpOnes() {
        assertFalse(RAMPS.smeared(frame(NoiseModel.NONE).depth().orElseThrow()), "rendered depth is sharp");
        Frame sensor = frame(NoiseModel.SENSOR);
        assertFalse(RAMPS.smeared(Speckles.remove(FlyingPixels.remove(sensor.depth().orElseThrow(), LIFT), LIFT)),
                "a sensor's edges are sharp, flying pixels aside");
        assertTrue(RAMPS.smeared(frame(ramps(4)).depth().orElseThrow()), "ramps 9 pixels wide");
        assertTrue(RAMPS.smeared(frame(ramps(3)).depth().orElseThrow()), "ramps 7 pixels wide");
    }

    @Test
    void rampsAlongOutlinesGoBackToTheObjectsSurface() {
        Frame clean = frame(NoiseModel.NONE);
        Frame smeared = frame(ramps(4));
        float[] truth = clean.depth().orElseThrow().meters();
        DepthMap before = smeared.depth().orElseThrow();
        float[] after = RAMPS.resolveAll(before, smeared.labels().orElseThrow(), smeared.intrinsics().orElseThrow())
                .meters();
        int[] ids = smeared.labels().orElseThrow().ids();
        // Object pixels whose depth the ramps moved by more than 5 cm, before and after.
        int badBefore = 0;
        int badAfter = 0;
        int dropped = 0;
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] == 0 || truth[p] <= 0) {
                continue;
            }
            if (Math.abs(before.meters()[p] - truth[p]) > 0.05) {
                badBefore++;
            }
            if (after[p] == DepthMap.INVALID) {
                dropped++;
            } else if (Math.abs(after[p] - truth[p]) > 0.05) {
                badAfter++;
            }
        }
        assertTrue(badBefore > 200, "the ramps moved " + badBefore + " object pixels");
        // Steep ramps (an object in front of a wall) are resolved; gentle ones (a low object against the floor
        // behind it) are within what a surface could be and stay.
        assertTrue(badAfter < 0.6 * badBefore, "still off after resolving: " + badAfter + " of " + badBefore);
        assertTrue(dropped < badBefore, "dropped " + dropped);
        // Pixels of no object are not touched.
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] == 0) {
                assertTrue(after[p] == before.meters()[p], "background pixel " + p + " changed");
            }
        }
    }
}
