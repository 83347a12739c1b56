package io.github.spatialvlm4j.vlm.detect;

import io.github.spatialvlm4j.vlm.florence.RegionBox;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class NmsTest {
    private record C(RegionBox box, int classId, double score) implements Nms.Scored {
    }

    private static C c(int classId, double score, double x0, double y0, double x1, double y1) {
        return new C(new RegionBox("c" + classId, x0, y0, x1, y1), classId, score);
    }

    @Test
    void suppressesOnlyWithinAClassAndByScore() {
        C cupHigh = c(0, 0.9, 0, 0, 10, 10);
        C cupLow = c(0, 0.8, 1, 0, 11, 10); // IoU 90 / 110 = 0.818 with cupHigh
        C table = c(1, 0.7, 0, 0, 10, 10); // same box, other class
        C cupApart = c(0, 0.6, 20, 0, 30, 10);
        List<C> kept = Nms.classAware(List.of(cupLow, table, cupApart, cupHigh), 0.45, 10);
        assertEquals(List.of(cupHigh, table, cupApart), kept);
        // A threshold above the overlap keeps both cups.
        assertEquals(List.of(cupHigh, cupLow, table, cupApart),
                Nms.classAware(List.of(cupLow, table, cupApart, cupHigh), 0.85, 10));
        assertEquals(List.of(cupHigh, table), Nms.classAware(List.of(cupLow, table, cupApart, cupHigh), 0.45, 2));
        assertEquals(List.of(), Nms.classAware(List.<C>of(), 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> Nms.classAware(List.of(cupHigh), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Nms.classAware(List.of(cupHigh), 0.5, 0));
    }

    @Test
    void matchesASlowReferenceOnRandomBoxes() {
        Random rnd = new Random(18);
        for (int trial = 0; trial < 50; trial++) {
            List<C> in = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                double x = rnd.nextInt(40);
                double y = rnd.nextInt(40);
                in.add(c(rnd.nextInt(3), rnd.nextInt(100) / 100.0, x, y, x + 5 + rnd.nextInt(20), y + 5 + rnd.nextInt(20)));
            }
            // Reference: repeatedly take the best remaining (earliest on ties) and drop its same-class overlaps.
            List<C> left = new ArrayList<>(in);
            List<C> want = new ArrayList<>();
            while (!left.isEmpty()) {
                C best = left.get(0);
                for (C x : left) {
                    if (x.score() > best.score()) {
                        best = x;
                    }
                }
                want.add(best);
                C b = best;
                left.removeIf(x -> x == b || x.classId() == b.classId() && x.box().iou(b.box()) > 0.5);
            }
            assertEquals(want, Nms.classAware(in, 0.5, 100));
        }
    }
}
