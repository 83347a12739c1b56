package io.github.spatialvlm4j.datagen.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Occlusion#occludedOutline} on hand-made images whose outlines are counted by hand. */
class OcclusionTest {
    private static final float EXACT = 1e-6f;
    private static final int W = 20;
    private static final int H = 20;

    private final int[] ids = new int[W * H];
    private final float[] depth = new float[W * H];

    private void fill(int id, float z, int u0, int v0, int u1, int v1) {
        for (int v = v0; v < v1; v++) {
            for (int u = u0; u < u1; u++) {
                ids[v * W + u] = id;
                depth[v * W + u] = z;
            }
        }
    }

    private Map<Integer, Float> occlusion() {
        return Occlusion.occludedOutline(new LabelImage(W, H, ids), new DepthMap(W, H, depth));
    }

    @Test
    void halfCoveredObjectAndObjectAtTheBorder() {
        fill(0, 5f, 0, 0, W, H); // a far wall behind everything
        fill(1, 3f, 4, 4, 12, 12); // object 1, 8x8 ...
        fill(2, 2f, 8, 2, 16, 14); // ... whose right half is covered by the nearer object 2
        fill(3, 4f, 0, 15, 3, 19); // object 3 against the left border
        Map<Integer, Float> share = occlusion();
        // Object 1 shows u 4..7, v 4..11: outline = perimeter of a 4x8 block = 20 pixels; hidden = the
        // column u = 7 next to object 2 (8 pixels).
        assertEquals(8f / 20f, share.get(1), EXACT);
        // Object 2 is in front of everything around it.
        assertEquals(0f, share.get(2), EXACT);
        // Object 3 is 3x4: outline 10 pixels, of which the 4 in column u = 0 touch the border.
        assertEquals(4f / 10f, share.get(3), EXACT);
        assertEquals(3, share.size());
    }

    @Test
    void floorContactIsNotOcclusionButANearerThingBelowIs() {
        // A floor whose depth grows upwards in the image, an object standing on it at 3 m: the floor
        // row just below the object is 2 cm nearer, within the margin max(3 cm, 2% of 3 m).
        for (int v = 0; v < H; v++) {
            fill(0, 3.0f + 0.02f * (10 - v), 0, v, W, v + 1);
        }
        fill(1, 3.0f, 6, 4, 14, 10); // 8x6, bottom row v = 9, floor row v = 10 is at 3.0 m ... and v = 11 at 2.98
        fill(0, 2.98f, 6, 10, 14, 11);
        assertEquals(0f, occlusion().get(1), EXACT);

        // A one-pixel band nearer right below is what flying pixels and bled masks look like: ignored.
        fill(0, 2.8f, 6, 10, 14, 11);
        assertEquals(0f, occlusion().get(1), EXACT);

        // Something clearly nearer below (20 cm) and thicker than the probe step: the bottom row
        // (8 of 24 outline pixels) is hidden.
        fill(0, 2.8f, 6, 10, 14, 10 + Occlusion.PROBE_STEP + 1);
        assertEquals(8f / 24f, occlusion().get(1), EXACT);
    }

    @Test
    void aSensorsShadowBandDoesNotHideTheSurfaceInFront() {
        // An RGB-D sensor leaves no depth along an occluding edge: object 1 (3 m) has a 3-pixel band without
        // depth right of it, then a nearer surface (2 m) covering the rest of the row.
        fill(0, 5f, 0, 0, W, H);
        fill(1, 3f, 2, 5, 8, 10); // 6x5: outline 18 pixels, the right column u = 7 (5 pixels)
        fill(0, DepthMap.INVALID, 8, 5, 11, 10);
        fill(0, 2f, 11, 5, W, 10);
        assertEquals(5f / 18f, occlusion().get(1), EXACT);

        // Behind the band lies the far wall: nothing hides the object.
        fill(0, 5f, 11, 5, W, 10);
        assertEquals(0f, occlusion().get(1), EXACT);

        // A band wider than the probe reaches says nothing, whatever lies past it.
        fill(0, DepthMap.INVALID, 8, 5, 8 + Occlusion.MAX_PROBE_STEP, 10);
        fill(0, 2f, 8 + Occlusion.MAX_PROBE_STEP, 5, W, 10);
        assertEquals(0f, occlusion().get(1), EXACT);
    }

    @Test
    void neighbourWithoutDepthSaysNothing() {
        fill(0, 5f, 0, 0, W, H);
        fill(1, 3f, 5, 5, 10, 10);
        fill(2, DepthMap.INVALID, 10, 5, 12, 10); // unknown depth right of object 1
        Map<Integer, Float> share = occlusion();
        assertEquals(0f, share.get(1), EXACT);
        assertEquals(0f, share.get(2), EXACT, "an object without depth is never judged hidden");
    }

    @Test
    void holesInAMaskAreNotItsOutline() {
        // An object cut by the bottom border, its mask holed where the sensor gave no depth (a ragged,
        // box-rendered or depth-based mask): the hidden share is that of its silhouette, as without holes.
        fill(0, 5f, 0, 0, W, H);
        fill(1, 3f, 5, 12, 15, H); // 10 x 8, bottom row on the border
        Map<Integer, Float> solid = occlusion();
        // Outline: perimeter of a 10x8 block = 32 pixels; hidden: the 10 of the bottom row.
        assertEquals(10f / 32f, solid.get(1), EXACT);
        fill(0, DepthMap.INVALID, 7, 14, 9, 16); // a 2x2 hole of background without depth
        fill(0, 5f, 11, 15, 12, 16); // a 1-pixel hole of background
        fill(2, 2.9f, 12, 13, 13, 14); // and a small object in front, enclosed by it
        assertEquals(10f / 32f, occlusion().get(1), EXACT);
        // A notch 1 pixel wide and 2 deep, open to the outside, is outline: (10, 12) leaves, and (9, 13),
        // (11, 13) and (10, 14) join.
        fill(0, 5f, 10, 12, 11, 14);
        assertEquals(10f / 34f, occlusion().get(1), EXACT);
    }

    @Test
    void sizeMismatchIsRejected() {
        assertThrows(ShapeMismatchException.class, () -> Occlusion.occludedOutline(new LabelImage(4, 4, new int[16]),
                new DepthMap(4, 5, new float[20])));
    }
}
