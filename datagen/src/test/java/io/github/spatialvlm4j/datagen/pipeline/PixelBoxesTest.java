package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.geometry.LabelImage;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link FactsExtractor#pixelBoxes} against a brute-force scan per id. */
class PixelBoxesTest {

    /** For each id present, scan the whole image for its extent. */
    private static Map<Integer, PixelBox> reference(LabelImage labels) {
        TreeSet<Integer> present = new TreeSet<>();
        for (int id : labels.ids()) {
            if (id != LabelImage.NONE) {
                present.add(id);
            }
        }
        Map<Integer, PixelBox> out = new TreeMap<>();
        for (int id : present) {
            int u0 = Integer.MAX_VALUE;
            int v0 = Integer.MAX_VALUE;
            int u1 = Integer.MIN_VALUE;
            int v1 = Integer.MIN_VALUE;
            for (int v = 0; v < labels.height(); v++) {
                for (int u = 0; u < labels.width(); u++) {
                    if (labels.get(u, v) == id) {
                        u0 = Math.min(u0, u);
                        v0 = Math.min(v0, v);
                        u1 = Math.max(u1, u + 1);
                        v1 = Math.max(v1, v + 1);
                    }
                }
            }
            out.put(id, new PixelBox(u0, v0, u1, v1));
        }
        return out;
    }

    /** Random rectangles of the given ids painted over each other, plus scattered single pixels. */
    private static LabelImage random(Random rnd, int w, int h, int[] idPool) {
        int[] ids = new int[w * h];
        int rects = 1 + rnd.nextInt(8);
        for (int r = 0; r < rects; r++) {
            int id = idPool[rnd.nextInt(idPool.length)];
            int u0 = rnd.nextInt(w);
            int v0 = rnd.nextInt(h);
            int u1 = u0 + 1 + rnd.nextInt(w - u0);
            int v1 = v0 + 1 + rnd.nextInt(h - v0);
            for (int v = v0; v < v1; v++) {
                for (int u = u0; u < u1; u++) {
                    ids[v * w + u] = id;
                }
            }
        }
        for (int k = rnd.nextInt(10); k > 0; k--) {
            ids[rnd.nextInt(ids.length)] = idPool[rnd.nextInt(idPool.length)];
        }
        return new LabelImage(w, h, ids);
    }

    @Test
    void denseIdsMatchTheReference() {
        Random rnd = new Random(41);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + rnd.nextInt(40);
            int h = 1 + rnd.nextInt(30);
            int[] pool = new int[1 + rnd.nextInt(12)];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = 1 + i;
            }
            LabelImage labels = random(rnd, w, h, pool);
            assertEquals(reference(labels), FactsExtractor.pixelBoxes(labels), "trial " + trial);
        }
    }

    @Test
    void sparseLargeIdsMatchTheReference() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + rnd.nextInt(40);
            int h = 1 + rnd.nextInt(30);
            int[] pool = new int[1 + rnd.nextInt(5)];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = 5000 + rnd.nextInt(Integer.MAX_VALUE - 5000); // far above 4 * count + 1024: the sparse path
            }
            LabelImage labels = random(rnd, w, h, pool);
            assertEquals(reference(labels), FactsExtractor.pixelBoxes(labels), "trial " + trial);
        }
    }

    @Test
    void knownBoxesAndEmptyImage() {
        int w = 6;
        int[] ids = new int[w * 4];
        ids[1 * w + 2] = 7; // one pixel at (2, 1)
        ids[3 * w + 0] = 9;
        ids[0 * w + 5] = 9; // corners (0, 3) and (5, 0)
        Map<Integer, PixelBox> boxes = FactsExtractor.pixelBoxes(new LabelImage(w, 4, ids));
        assertEquals(new ArrayList<>(boxes.keySet()), java.util.List.of(7, 9));
        assertEquals(new PixelBox(2, 1, 3, 2), boxes.get(7));
        assertEquals(new PixelBox(0, 0, 6, 4), boxes.get(9));
        assertTrue(FactsExtractor.pixelBoxes(new LabelImage(3, 3, new int[9])).isEmpty());
    }
}
