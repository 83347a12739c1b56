package io.github.spatialvlm4j.datagen.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.spatialvlm4j.vlm.florence.RegionBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegionProposalsTest {

    private static RegionBox box(String label, double x0, double y0, double x1, double y1) {
        return new RegionBox(label, x0, y0, x1, y1);
    }

    @Test
    void suppressionKeepsTheEarlierOfOverlappingBoxes() {
        List<RegionBox> in = List.of(box("chair", 0, 0, 10, 10), box("wooden chair", 0, 0, 10, 9),
                box("table", 20, 0, 30, 10), box("table top", 20, 0, 30, 5));
        List<RegionBox> kept = RegionProposals.suppress(in, 0.7);
        assertEquals(List.of(in.get(0), in.get(2), in.get(3)), kept);
        assertEquals(List.of(in.get(0), in.get(2)), RegionProposals.suppress(in, 0.5));
        assertEquals(List.of(), RegionProposals.suppress(List.of(), 0.5));
        assertThrows(IllegalArgumentException.class, () -> RegionProposals.suppress(in, 0));
        assertThrows(IllegalArgumentException.class, () -> RegionProposals.suppress(in, Double.NaN));
    }

    @Test
    void suppressionMatchesAnExhaustiveReference() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            List<RegionBox> in = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                double x = rnd.nextDouble(50);
                double y = rnd.nextDouble(50);
                in.add(box("b" + i, x, y, x + 1 + rnd.nextDouble(20), y + 1 + rnd.nextDouble(20)));
            }
            double t = 0.1 + 0.8 * rnd.nextDouble();
            // Reference: box i survives iff no earlier survivor overlaps it by >= t.
            boolean[] alive = new boolean[in.size()];
            List<RegionBox> want = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) {
                alive[i] = true;
                for (int j = 0; j < i; j++) {
                    if (alive[j] && in.get(i).iou(in.get(j)) >= t) {
                        alive[i] = false;
                    }
                }
                if (alive[i]) {
                    want.add(in.get(i));
                }
            }
            assertEquals(want, RegionProposals.suppress(in, t));
        }
    }

    @Test
    void captionsAreCleanedAndCutToAtMostSixWords() {
        assertEquals(Optional.of("cake shaped like a house"), RegionProposals.caption("  Cake shaped like a   house</s>", 6));
        assertEquals(Optional.of("one two three four five six"),
                RegionProposals.caption("one two three four five six seven eight", 6));
        assertEquals(Optional.of("red chair"), RegionProposals.caption("<s>red<loc_12> chair<pad>", 6));
        assertEquals(Optional.empty(), RegionProposals.caption("<pad></s>", 6));
        assertEquals(Optional.empty(), RegionProposals.caption("", 6));
        assertEquals(Optional.of("lamp"), RegionProposals.caption("lamp on desk", 1));
        assertThrows(IllegalArgumentException.class, () -> RegionProposals.caption("x", 0));
    }
}
