package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
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

    private static boolean smeared(Frame f, DepthMap depth) {
        return RAMPS.smeared(depth, f.labels().orElseThrow());
    }

    @Test
    void smearedEdgesAreToldFromSharpOnes() {
        Frame sharp = frame(NoiseModel.NONE);
        assertFalse(smeared(sharp, sharp.depth().orElseThrow()), "rendered depth is sharp");
        Frame sensor = frame(NoiseModel.SENSOR);
        assertFalse(smeared(sensor, Speckles.remove(FlyingPixels.remove(sensor.depth().orElseThrow(), LIFT), LIFT)),
                "a sensor's edges are sharp, flying pixels aside");
        Frame ramps4 = frame(ramps(4));
        assertTrue(smeared(ramps4, ramps4.depth().orElseThrow()), "ramps 9 pixels wide");
        Frame ramps3 = frame(ramps(3));
        assertTrue(smeared(ramps3, ramps3.depth().orElseThrow()), "ramps 7 pixels wide");
        // At 160 x 120 the walls and the floor recede by more than 3% a pixel over long runs; no outline is smeared.
        for (long seed = 0; seed < 5; seed++) {
            Frame small = new SyntheticSceneGenerator(OPTIONS.withSize(160, 120).withNoise(NoiseModel.NONE))
                    .generate("s", seed);
            assertFalse(smeared(small, small.depth().orElseThrow()), "a small rendered frame, seed " + seed);
        }
    }

    /**
     * A plane seen obliquely (inverse depth linear in the pixel) in front of a wall 2 m behind it, its edges
     * smeared by a 9 x 9 mean as a depth network smears them, its mask bled one pixel onto the wall: every pixel
     * of the plane's zone takes the plane's own depth back (but a few pixels at each corner, more wall than plane
     * after the smear), and the bled pixels leave the object.
     */
    @Test
    void zonePixelsTakeTheSurfaceContinuedFromInside() {
        int w = 80;
        int h = 60;
        float[] truth = new float[w * h];
        int[] ids = new int[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                boolean plane = u >= 20 && u < 60 && v >= 15 && v < 45;
                truth[v * w + u] = plane ? (float) (1.0 / (0.35 + 0.002 * (u - 40) - 0.001 * (v - 30))) : 5f;
                boolean mask = u >= 19 && u < 61 && v >= 14 && v < 46;
                ids[v * w + u] = mask ? 1 : 0;
            }
        }
        float[] smeared = smear(truth, w, h);
        LabelImage labels = new LabelImage(w, h, ids);
        boolean[] continued = new boolean[w * h];
        float[] after = RAMPS.resolveAll(new DepthMap(w, h, smeared), labels, continued).meters();
        int zoneOff = 0;
        int cornersDropped = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                boolean plane = u >= 20 && u < 60 && v >= 15 && v < 45;
                // Chessboard distance to the nearest pixel off the mask: the zone is 5 pixels deep.
                int inside = Math.min(Math.min(u - 18, 61 - u), Math.min(v - 13, 46 - v));
                assertEquals(ids[p] == 1 && inside <= LIFT.rampZonePixels() && after[p] > DepthMap.INVALID,
                        continued[p], "pixel (" + u + ", " + v + ") marked continued exactly in the zone");
                if (ids[p] == 1 && !plane) {
                    assertEquals(DepthMap.INVALID, after[p], "bled pixel (" + u + ", " + v + ") left the object");
                } else if (plane && after[p] == DepthMap.INVALID) {
                    // A convex corner smears more than half of the wall into its last pixels.
                    assertTrue(Math.min(u - 20, 59 - u) <= 3 && Math.min(v - 15, 44 - v) <= 3,
                            "only the plane's corners leave it: (" + u + ", " + v + ")");
                    cornersDropped++;
                } else if (plane) {
                    assertEquals(truth[p], after[p], 2e-3, "plane pixel (" + u + ", " + v + ")");
                    if (Math.abs(smeared[p] - truth[p]) > 0.05) {
                        zoneOff++;
                    }
                } else {
                    assertEquals(smeared[p], after[p], "background pixel (" + u + ", " + v + ") untouched");
                }
            }
        }
        assertTrue(zoneOff > 100, "the smear moved only " + zoneOff + " plane pixels");
        assertTrue(cornersDropped <= 40, "corner pixels dropped: " + cornersDropped);
    }

    @Test
    void rampsAlongOutlinesGoBackToTheObjectsSurface() {
        Frame clean = frame(NoiseModel.NONE);
        Frame smeared = frame(ramps(4));
        float[] truth = clean.depth().orElseThrow().meters();
        DepthMap before = smeared.depth().orElseThrow();
        float[] after = RAMPS.resolveAll(before, smeared.labels().orElseThrow(), new boolean[truth.length])
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

    /**
     * A box seen from above in front of a floor that recedes steeply behind it (4-5 cm a row, as a floor 1.3 m
     * below the camera does at 5 m): a front face at 4 m, a top face 8 rows tall receding to 4.3 m, edges
     * smeared by a 9 x 9 mean, the mask bled two pixels onto the floor. The pixels a segmenter bled onto the
     * floor leave the object: the background is read just past the ramp (a wider window reaches up the floor and
     * reads it decimetres too far), and the side of the step is judged against the tangent plane (the quadratic,
     * continued from the front face across the fold into the thin top, runs away from the top face).
     */
    @Test
    void pixelsBledOntoARecedingFloorLeaveTheObject() {
        int w = 90;
        int h = 80;
        float[] truth = new float[w * h];
        int[] ids = new int[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                boolean front = u >= 25 && u < 65 && v >= 38 && v < 60;
                boolean top = u >= 25 && u < 65 && v >= 30 && v < 38;
                double floor = 1.0 / (0.16 + 0.0012 * (v - 30));
                truth[v * w + u] = (float) (front ? 4.0 : top ? 1.0 / (0.25 - 0.0029 * (38 - v)) : floor);
                ids[v * w + u] = u >= 23 && u < 67 && v >= 28 && v < 62 ? 1 : 0;
            }
        }
        float[] smeared = smear(truth, w, h);
        float[] after = RAMPS.resolveAll(new DepthMap(w, h, smeared), new LabelImage(w, h, ids), new boolean[w * h])
                .meters();
        int bled = 0;
        int bledKept = 0;
        int objectDropped = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                boolean object = u >= 25 && u < 65 && v >= 30 && v < 60;
                if (ids[p] == 1 && !object && v < 60) {
                    bled++;
                    if (after[p] != DepthMap.INVALID) {
                        bledKept++;
                    }
                } else if (object && after[p] == DepthMap.INVALID) {
                    objectDropped++;
                }
            }
        }
        assertTrue(bled > 150, "bled pixels: " + bled);
        // Before either rule, 206 of the 208 stayed; a pixel bled one pixel over is a ninth of the step from the
        // midpoint, and the corners smear in two directions, so some stay.
        assertTrue(bledKept <= bled / 4, "bled pixels kept: " + bledKept + " of " + bled);
        assertTrue(objectDropped <= 40, "object pixels dropped: " + objectDropped);
    }

    /**
     * A thin upright cylinder, 20 pixels wide at 3 m, in front of a wall at 6.8 m, its edges smeared by a 9 x 9
     * mean: every ramp pixel steps 0.4 m from its neighbours, so the flying-pixel filter removes the ramp, on the
     * object's side too, and the cleaned depth of a row keeps only its middle 12 pixels. Resolved from the cleaned
     * depth alone, the row's 8 ramp pixels never come back (a ball or a cylinder lost its rims that way), and the
     * zone lies five pixels inside the 12, continued from a band of one or two pixels (a thin cylinder's footprint
     * came out 29 cm wide for 13 in the monocular audit). Resolved with the depth as given, the zone is counted
     * from the mask's edge, and every pixel of the cylinder takes its depth.
     */
    @Test
    void rampsTheCleaningRemovedAreResolvedFromTheMasksEdge() {
        int w = 60;
        int h = 70;
        float[] truth = new float[w * h];
        int[] ids = new int[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                boolean cylinder = u >= 20 && u < 40 && v >= 10 && v < 60;
                // A cylinder of radius 6.5 cm seen from 3 m: its surface recedes towards its sides.
                double x = (u - 29.5) / 10.0;
                truth[v * w + u] = cylinder ? (float) (3.0 + 0.065 * (1 - Math.sqrt(1 - x * x * 0.99))) : 6.8f;
                ids[v * w + u] = cylinder ? 1 : 0;
            }
        }
        DepthMap given = new DepthMap(w, h, smear(truth, w, h));
        DepthMap cleaned = Speckles.remove(FlyingPixels.remove(given, LIFT), LIFT);
        LabelImage labels = new LabelImage(w, h, ids);
        int row = 35 * w;
        int removed = 0;
        for (int u = 20; u < 40; u++) {
            if (cleaned.meters()[row + u] == DepthMap.INVALID) {
                removed++;
            }
        }
        assertTrue(removed >= 8, "the cleaning removed " + removed + " of the row's 20 cylinder pixels");
        float[] fromGiven = RAMPS.resolveAll(given, cleaned, labels, new boolean[w * h]).meters();
        float[] fromCleaned = RAMPS.resolveAll(cleaned, labels, new boolean[w * h]).meters();
        int right = 0;
        int rightBefore = 0;
        for (int v = 20; v < 50; v++) {
            for (int u = 20; u < 40; u++) {
                int p = v * w + u;
                if (fromGiven[p] != DepthMap.INVALID) {
                    assertEquals(truth[p], fromGiven[p], 0.03, "pixel (" + u + ", " + v + ")");
                    right++;
                }
                if (fromCleaned[p] != DepthMap.INVALID && Math.abs(fromCleaned[p] - truth[p]) <= 0.03) {
                    rightBefore++;
                }
            }
        }
        assertEquals(30 * 20, right, "cylinder pixels resolved");
        assertTrue(rightBefore <= 30 * 12, "from the cleaned depth alone: " + rightBefore + " of " + 30 * 20);
        // Pixels of no object keep their cleaned depth.
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] == 0) {
                assertEquals(cleaned.meters()[p], fromGiven[p], "background pixel " + p);
            }
        }
    }

    /**
     * One small object (15 rows, so 30 edge runs where its two sides cross the rows) in front of a wall: its
     * smeared edges make the frame smeared, its sharp ones do not. A frame of a few small objects has fewer runs
     * than a roomful; with the verdict on 50 runs it was taken as sharp and kept its ramps.
     */
    @Test
    void aFewSmallObjectsAreEnoughToTellASmearedFrame() {
        int w = 60;
        int h = 40;
        float[] sharp = new float[w * h];
        int[] ids = new int[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                boolean object = u >= 20 && u < 40 && v >= 12 && v < 27;
                sharp[v * w + u] = object ? 3f : 5f;
                ids[v * w + u] = object ? 1 : 0;
            }
        }
        float[] smeared = smear(sharp, w, h);
        LabelImage labels = new LabelImage(w, h, ids);
        assertTrue(RAMPS.smeared(new DepthMap(w, h, smeared), labels), "one object's edges smeared over 9 pixels");
        assertFalse(RAMPS.smeared(new DepthMap(w, h, sharp), labels), "the same object's sharp edges");
    }

    /**
     * Low objects on a floor: wide boxes whose sides meet the floor beside them at their own depth (no step
     * along the rows) and whose tops stand 2 m in front of the floor behind them, a step across the rows only.
     * Their rows give no edge run, so the columns decide: smeared tops make the frame smeared, sharp ones do not,
     * and the frame turned on its side is judged the same by its rows.
     */
    @Test
    void outlinesAlongTheRowsAreJudgedByTheColumns() {
        int w = 60;
        int h = 50;
        float[] sharp = new float[w * h];
        int[] ids = new int[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int box = u / 20 + 1;
                // Three boxes side by side spanning the whole width, each with its top on another row.
                boolean object = v >= 20 + 4 * box;
                sharp[v * w + u] = object ? 3f : 5f;
                ids[v * w + u] = object ? box : 0;
            }
        }
        float[] smeared = smear(sharp, w, h);
        // 60 columns, each with one run where its box's top meets the floor behind.
        assertTrue(RAMPS.smeared(new DepthMap(w, h, smeared), new LabelImage(w, h, ids)),
                "top outlines smeared over 9 pixels");
        assertFalse(RAMPS.smeared(new DepthMap(w, h, sharp), new LabelImage(w, h, ids)), "the same tops sharp");
        float[] turned = new float[w * h];
        int[] turnedIds = new int[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                turned[u * h + v] = smeared[v * w + u];
                turnedIds[u * h + v] = ids[v * w + u];
            }
        }
        assertTrue(RAMPS.smeared(new DepthMap(h, w, turned), new LabelImage(h, w, turnedIds)),
                "turned on its side, by the rows");
        // Too few columns to judge: 15 columns, one run each, are fewer than the 20 a verdict needs.
        int narrow = 15;
        float[] few = new float[narrow * h];
        int[] fewIds = new int[narrow * h];
        for (int v = 0; v < h; v++) {
            System.arraycopy(smeared, v * w, few, v * narrow, narrow);
            System.arraycopy(ids, v * w, fewIds, v * narrow, narrow);
        }
        assertFalse(RAMPS.smeared(new DepthMap(narrow, h, few), new LabelImage(narrow, h, fewIds)),
                "15 runs decide nothing");
    }

    /** {@code depth} ({@code w x h}) smeared as a depth network smears it: each pixel the mean of its 9 x 9 window. */
    private static float[] smear(float[] depth, int w, int h) {
        float[] smeared = new float[w * h];
        int r = 4;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double sum = 0;
                int n = 0;
                for (int y = Math.max(0, v - r); y <= Math.min(h - 1, v + r); y++) {
                    for (int x = Math.max(0, u - r); x <= Math.min(w - 1, u + r); x++) {
                        sum += depth[y * w + x];
                        n++;
                    }
                }
                smeared[v * w + u] = (float) (sum / n);
            }
        }
        return smeared;
    }
}
