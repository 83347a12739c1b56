package io.github.spatialvlm4j.vlm.florence;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class LocationTokensTest {
    private static final double PX = 1e-9;

    @Test
    void binsDecodeToTheirCentres() {
        // 640 px / 1000 bins = 0.64 px per bin: bin 0 -> 0.32, bin 999 -> 639.68.
        assertEquals(0.32, LocationTokens.dequantize(0, 640), PX);
        assertEquals(639.68, LocationTokens.dequantize(999, 640), PX);
        assertEquals(240.24, LocationTokens.dequantize(500, 480), PX);
        assertThrows(IllegalArgumentException.class, () -> LocationTokens.dequantize(1000, 640));
        assertThrows(IllegalArgumentException.class, () -> LocationTokens.dequantize(-1, 640));
        assertThrows(IllegalArgumentException.class, () -> LocationTokens.dequantize(3, 0));
    }

    @Test
    void quantizeInvertsDequantizeAndClamps() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            int size = 1 + rnd.nextInt(4000);
            int bin = rnd.nextInt(LocationTokens.BINS);
            assertEquals(bin, LocationTokens.quantize(LocationTokens.dequantize(bin, size), size));
        }
        assertEquals(0, LocationTokens.quantize(-5, 100));
        assertEquals(999, LocationTokens.quantize(100, 100));
        assertEquals("<loc_42>", LocationTokens.token(42));
    }

    @Test
    void detectionTextDecodesToKnownPixelBoxes() {
        String text = "</s><s>chair<loc_100><loc_200><loc_300><loc_400>red cup<loc_0><loc_0><loc_999><loc_499></s><pad>";
        LocationTokens.Parsed p = LocationTokens.parse(text, 1000, 500);
        assertEquals(0, p.skippedRuns());
        assertEquals(List.of(
                new RegionBox("chair", 100.5, 100.25, 300.5, 200.25),
                new RegionBox("red cup", 0.5, 0.25, 999.5, 249.75)), p.boxes());
    }

    @Test
    void groundingPhraseWithSeveralBoxesAndSwappedCorners() {
        String text = "<CAPTION_TO_PHRASE_GROUNDING>two dogs<loc_10><loc_10><loc_20><loc_20><loc_60><loc_60><loc_40><loc_40>";
        LocationTokens.Parsed p = LocationTokens.parse(text, 100, 100);
        assertEquals(2, p.boxes().size());
        assertEquals("two dogs", p.boxes().get(1).label());
        assertEquals(4.05, p.boxes().get(1).x0(), PX);
        assertEquals(6.05, p.boxes().get(1).x1(), PX);
    }

    @Test
    void malformedRunsAreCountedNotSilentlyDropped() {
        String text = "a<loc_1><loc_2><loc_3>b<loc_1><loc_2><loc_3><loc_4>c<loc_1><loc_2><loc_3><loc_1200>";
        LocationTokens.Parsed p = LocationTokens.parse(text, 100, 100);
        assertEquals(2, p.skippedRuns());
        assertEquals(1, p.boxes().size());
        assertEquals("b", p.boxes().get(0).label());
    }

    @Test
    void spacesBetweenTokensDoNotSplitRuns() {
        LocationTokens.Parsed p = LocationTokens.parse("cat <loc_0> <loc_0> <loc_9> <loc_9> dog <loc_1><loc_1><loc_2><loc_2>", 1000, 1000);
        assertEquals(0, p.skippedRuns());
        assertEquals(List.of("cat", "dog"), p.boxes().stream().map(RegionBox::label).toList());
        assertEquals(9.5, p.boxes().get(0).x1(), PX);
    }

    @Test
    void emptyAndBoxlessText() {
        assertEquals(0, LocationTokens.parse("", 10, 10).boxes().size());
        LocationTokens.Parsed caption = LocationTokens.parse("</s>a kitchen with a table</s>", 10, 10);
        assertTrue(caption.boxes().isEmpty());
        assertEquals(0, caption.skippedRuns());
        LocationTokens.Parsed noLabel = LocationTokens.parse("<loc_0><loc_0><loc_9><loc_9>", 10, 10);
        assertEquals("", noLabel.boxes().get(0).label());
    }
}
