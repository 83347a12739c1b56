package io.github.spatialvlm4j.datagen.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.source.synthetic.NamedColor;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColorWordsTest {

    @Test
    void thePalettesColoursAreNamedByTheirWords() {
        for (NamedColor c : NamedColor.values()) {
            assertEquals(c.word(), ColorWords.name(c.rgb()), c.name());
        }
        assertEquals("white", ColorWords.name(0xFFFFFF));
        assertEquals("black", ColorWords.name(0x000000));
        assertEquals("gray", ColorWords.name(0x9A9A96));
        assertEquals("blue", ColorWords.name(0x1E3C9C));
    }

    @Test
    void anObjectGetsTheWordMostOfItsPixelsShare() {
        // 10 pixels: object 1 is 6 red and 2 white (red: 75%), object 2 is 1 red and 1 blue (no majority).
        int[] rgb = {0xD03030, 0xD03030, 0xD03030, 0xD03030, 0xD03030, 0xD03030, 0xF4F4F4, 0xF4F4F4, 0xD03030, 0x3050D0};
        int[] ids = {1, 1, 1, 1, 1, 1, 1, 1, 2, 2};
        RgbImage image = new RgbImage(10, 1, rgb);
        LabelImage labels = new LabelImage(10, 1, ids);
        assertEquals(Optional.of("red"), ColorWords.of(image, labels, 1));
        // A tie at half the pixels is enough for the first word in palette order.
        assertEquals(Optional.of("red"), ColorWords.of(image, labels, 2));
        assertEquals(Optional.empty(), ColorWords.of(image, labels, 3));
        assertThrows(ShapeMismatchException.class, () -> ColorWords.of(new RgbImage(5, 2, new int[10]), labels, 1));
    }

    @Test
    void maskSourcesHaveStableIds() {
        for (MaskSource s : MaskSource.values()) {
            assertEquals(s, MaskSource.fromId(s.id()));
        }
        assertEquals("depth", MaskSource.DEPTH.id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskSource.fromId("SAM"));
        assertEquals(true, e.getMessage().contains("'SAM'"));
    }
}
