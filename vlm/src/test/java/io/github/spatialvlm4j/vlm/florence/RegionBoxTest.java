package io.github.spatialvlm4j.vlm.florence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RegionBoxTest {
    private static final double EXACT = 1e-12;

    private static RegionBox box(double x0, double y0, double x1, double y1) {
        return new RegionBox("b", x0, y0, x1, y1);
    }

    @Test
    void iouKnownAnswers() {
        RegionBox a = box(0, 0, 10, 10);
        assertEquals(1.0, a.iou(a), EXACT);
        assertEquals(25.0 / 175.0, a.iou(box(5, 5, 15, 15)), EXACT);
        assertEquals(0.0, a.iou(box(10, 0, 20, 10)), EXACT); // touching edges
        assertEquals(0.0, box(3, 3, 3, 3).iou(box(3, 3, 3, 3)), EXACT); // empty
        assertEquals(0.25, a.iou(box(0, 0, 5, 5)), EXACT);
        assertEquals(100.0, a.area(), EXACT);
        assertThrows(IllegalArgumentException.class, () -> box(2, 0, 1, 1));
    }
}
