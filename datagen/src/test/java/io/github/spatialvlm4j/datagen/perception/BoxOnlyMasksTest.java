package io.github.spatialvlm4j.datagen.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.geometry.BoxDepthMasks;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoxOnlyMasksTest {
    /** Least share of objects whose box-and-depth mask overlaps their true mask by this IoU. */
    private static final double MIN_GOOD_SHARE = 0.85;
    private static final double GOOD_IOU = 0.9;

    @Test
    void labelsBecomeTheDepthMasksOfTheirBoxesWithIdsAndCaptionsKept() throws IOException {
        FrameSource source = BoxOnlyMasks.of(new SyntheticSource(SyntheticSceneOptions.defaults().withSize(320, 240), 5, 6),
                BoxDepthMasks.Options.defaults());
        SyntheticSource truth = new SyntheticSource(SyntheticSceneOptions.defaults().withSize(320, 240), 5, 6);
        assertTrue(source.describe().endsWith("masks from label boxes and depth"), source.describe());
        int objects = 0;
        int good = 0;
        for (int f = 0; f < source.size(); f++) {
            Frame boxed = source.load(f);
            Frame labelled = truth.load(f);
            assertEquals(labelled.groundTruth().isPresent(), boxed.groundTruth().isPresent());
            int[] t = labelled.labels().orElseThrow().ids();
            int[] m = boxed.labels().orElseThrow().ids();
            for (Map.Entry<Integer, String> e : labelled.captions().entrySet()) {
                int id = e.getKey();
                objects++;
                if (!boxed.captions().containsKey(id)) {
                    continue;
                }
                assertEquals(e.getValue(), boxed.captions().get(id));
                assertEquals(MaskSource.DEPTH, boxed.maskSources().get(id));
                int inter = 0;
                int union = 0;
                for (int p = 0; p < t.length; p++) {
                    inter += t[p] == id && m[p] == id ? 1 : 0;
                    union += t[p] == id || m[p] == id ? 1 : 0;
                }
                good += (double) inter / union >= GOOD_IOU ? 1 : 0;
            }
            assertEquals(boxed.captions().keySet(), boxed.maskSources().keySet());
            for (int id : boxed.labels().orElseThrow().distinctIds()) {
                assertTrue(boxed.captions().containsKey(id), "id " + id + " without a caption");
            }
        }
        assertTrue(good >= MIN_GOOD_SHARE * objects, good + " of " + objects + " objects with IoU >= " + GOOD_IOU);
    }

    @Test
    void framesWithoutLabelsOrDepthAreLeftAlone() throws IOException {
        Frame f = new SyntheticSource(SyntheticSceneOptions.defaults().withSize(160, 120), 5, 1).load(0);
        Frame noDepth = new Frame(f.id(), f.image(), Optional.empty(), f.intrinsics(), f.labels(), f.captions(),
                f.groundTruth());
        assertSame(noDepth, BoxOnlyMasks.of(noDepth, BoxDepthMasks.Options.defaults()));
        Frame noLabels = new Frame(f.id(), f.image(), f.depth(), f.intrinsics(), Optional.empty(), Map.of(),
                f.groundTruth());
        assertSame(noLabels, BoxOnlyMasks.of(noLabels, BoxDepthMasks.Options.defaults()));
        assertEquals(Map.of(), noLabels.maskSources());
        for (int id : f.captions().keySet()) {
            assertEquals(MaskSource.LABELS, f.maskSources().get(id));
        }
    }
}
