package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameBuffers}: planes kept while the length matches, and the results of the steps that write into
 * them equal to those that allocate, whatever a reused plane held before.
 */
class FrameBuffersTest {
    private static final LiftOptions LIFT = LiftOptions.defaults();

    private static Frame noisy(String id, long seed, int w, int h) {
        return new SyntheticSceneGenerator(SyntheticSceneOptions.defaults().withSize(w, h).withObjects(3, 5)
                .withNoise(NoiseModel.SENSOR)).generate(id, seed);
    }

    private static float[] garbage(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 7.5f);
        return a;
    }

    @Test
    void aPlaneIsKeptWhileItsLengthMatchesAndEachPlaneIsItsOwn() {
        FrameBuffers b = new FrameBuffers();
        float[] flying = b.floats(FrameBuffers.Plane.FLYING_PIXELS, 12);
        assertEquals(12, flying.length);
        assertSame(flying, b.floats(FrameBuffers.Plane.FLYING_PIXELS, 12));
        assertNotSame(flying, b.floats(FrameBuffers.Plane.SPECKLES, 12));
        float[] larger = b.floats(FrameBuffers.Plane.FLYING_PIXELS, 20);
        assertEquals(20, larger.length);
        assertSame(larger, b.floats(FrameBuffers.Plane.FLYING_PIXELS, 20));
        int[] ints = b.ints(FrameBuffers.Plane.FLYING_PIXELS, 20);
        assertSame(ints, b.ints(FrameBuffers.Plane.FLYING_PIXELS, 20));
        assertEquals(5, b.ints(FrameBuffers.Plane.FLYING_PIXELS, 5).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.floats(FrameBuffers.Plane.SPECKLES, -3));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }

    @Test
    void aPoolHandsOutOneInstancePerCallerAtOnceAndKeepsThem() {
        FrameBuffers.Pool pool = new FrameBuffers.Pool();
        FrameBuffers a = pool.acquire();
        FrameBuffers b = pool.acquire();
        assertNotSame(a, b, "two frames in flight, two sets");
        pool.release(b);
        pool.release(a);
        assertSame(a, pool.acquire(), "the last released first");
        assertSame(b, pool.acquire());
        assertNotSame(a, pool.acquire());
    }

    @Test
    void filtersIntoAUsedPlaneGiveWhatTheyAllocate() {
        Frame f = noisy("f", 4, 160, 120);
        DepthMap raw = f.depth().orElseThrow();
        int n = raw.meters().length;
        DepthMap flying = FlyingPixels.remove(raw, LIFT);
        assertNotSame(raw, flying, "the sensor noise has flying pixels");
        float[] flyingPlane = garbage(n);
        DepthMap flyingInto = FlyingPixels.remove(raw, LIFT, flyingPlane);
        assertSame(flyingPlane, flyingInto.meters());
        assertArrayEquals(flying.meters(), flyingInto.meters());

        DepthMap speckles = Speckles.remove(flying, LIFT);
        assertNotSame(flying, speckles, "the sensor noise has outliers");
        float[] specklePlane = garbage(n);
        DepthMap specklesInto = Speckles.remove(flyingInto, LIFT, specklePlane);
        assertSame(specklePlane, specklesInto.meters());
        assertArrayEquals(speckles.meters(), specklesInto.meters());
        // Nothing to remove: the input itself.
        float[] flat = new float[n];
        Arrays.fill(flat, 2f);
        DepthMap plane = new DepthMap(raw.width(), raw.height(), flat);
        assertSame(plane, Speckles.remove(plane, LIFT, garbage(n)));
        assertSame(plane, FlyingPixels.remove(plane, LIFT, garbage(n)));
    }

    @Test
    void aPlaneOfAnotherLengthOrTheInputsOwnArrayIsRefused() {
        DepthMap raw = noisy("f", 4, 40, 30).depth().orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlyingPixels.remove(raw, LIFT, new float[1199]));
        assertTrue(e.getMessage().contains("1199") && e.getMessage().contains("1200"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Speckles.remove(raw, LIFT, raw.meters()));
        assertTrue(e.getMessage().contains("own array"), e.getMessage());
    }

    @Test
    void onePipelineGivesEachFrameWhatAFreshOneGivesWhateverItsBuffersHeldBefore() {
        List<Frame> frames = List.of(noisy("a", 1, 160, 120), noisy("b", 2, 200, 150), noisy("c", 3, 160, 120),
                noisy("a", 1, 160, 120));
        try (Kernels kernels = Kernels.jvm(1)) {
            FramePipeline reused = new FramePipeline(kernels, PipelineOptions.defaults());
            FrameBuffers own = new FrameBuffers();
            for (Frame f : frames) {
                FramePipeline.Result fresh = new FramePipeline(kernels, PipelineOptions.defaults()).process(f, 9);
                assertTrue(fresh.facts().isPresent() && !fresh.qa().isEmpty(), fresh.detail());
                // The pipeline's own buffers, and a caller's, both used by every frame before.
                for (FramePipeline.Result again : List.of(reused.process(f, 9), reused.process(f, 9, own))) {
                    SceneFacts expected = fresh.facts().orElseThrow();
                    SceneFacts got = again.facts().orElseThrow();
                    assertEquals(expected.objects(), got.objects(), f.id());
                    assertEquals(expected.floor(), got.floor(), f.id());
                    assertArrayEquals(expected.gaps(), got.gaps(), f.id());
                    assertEquals(fresh.qa(), again.qa(), f.id());
                    assertEquals(fresh.objectClouds(), again.objectClouds(), f.id());
                }
            }
        }
    }
}
