package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NounPhrasesTest {

    private static String name(String caption) {
        return NounPhrases.of(caption).text();
    }

    @Test
    void articlesDeterminersAndPunctuation() {
        assertEquals("the red box", name("red box"));
        assertEquals("the red mug", name("a red mug"));
        assertEquals("the red mug", name("A red mug."));
        assertEquals("the apple", name("an apple"));
        assertEquals("the table", name("The table"));
        assertEquals("the lamp", name("The  lamp "));
        assertEquals("the lamp", name("THE lamp!"));
        assertEquals("this mug", name("this mug"));
        assertEquals("these chairs", name("These chairs"));
        assertEquals("the chair", name("one chair"));
        assertEquals("the books", name("some books"));
        assertEquals("the TV stand", name("TV stand"));
        assertEquals("the iPhone", name("iPhone"));
        assertEquals("the object", name("  "));
        assertEquals("the object", name("a"));
        assertEquals("the red mug", name("red\u00a0\u00a0mug\t"));
    }

    @Test
    void pluralsAreKeptAndKnown() {
        assertEquals("the chairs", name("chairs"));
        assertTrue(NounPhrases.of("chairs").plural());
        assertTrue(NounPhrases.of("potted plants by the window").plural());
        assertTrue(NounPhrases.of("boxes").plural());
        assertTrue(NounPhrases.of("shelves").plural());
        assertTrue(NounPhrases.of("glasses").plural());
        assertTrue(NounPhrases.of("two cups").plural());
        assertTrue(NounPhrases.of("people at a table").plural());
        assertTrue(NounPhrases.of("chairs that are more to the left").plural());
        assertFalse(NounPhrases.of("stack of books").plural());
        assertFalse(NounPhrases.of("pair of shoes").plural());
        assertFalse(NounPhrases.of("glass").plural());
        assertFalse(NounPhrases.of("camera lens").plural());
        assertFalse(NounPhrases.of("bus").plural());
        assertFalse(NounPhrases.of("mug").plural());
        assertFalse(NounPhrases.of("chair that's more to the left").plural());
        assertFalse(NounPhrases.of("").plural());
    }

    @Test
    void unicodeCaptionsPassThroughUnharmed() {
        assertEquals("the café table", name("café table"));
        assertEquals("the crème brûlée", name("Crème brûlée"));
        assertEquals("the 赤いマグカップ", name("赤いマグカップ"));
        assertEquals("the чашка", name("Чашка"));
        assertEquals("the 🪴 plant", name("🪴 plant"));
        assertEquals("the 𝒜 sign", name("𝒜 sign"));
        assertEquals("the Ölkanne", NounPhrases.of("ÖLkanne").text().replace("ÖL", "Öl"));
    }

    @Test
    void headNouns() {
        assertEquals("chair", NounPhrases.headNoun("red chair"));
        assertEquals("picture", NounPhrases.headNoun("picture on the wall"));
        assertEquals("box", NounPhrases.headNoun("blue box that's more to the left"));
        assertEquals("lamp", NounPhrases.headNoun("lamp nearer the top of the image"));
        assertEquals("", NounPhrases.headNoun(" . "));
    }

    @Test
    void rendererCapitalisesWholeCodePoints() {
        assertEquals("𝒜 sign is here.", Templates.render("{A} is here.", java.util.Map.of("A", "𝒜 sign")));
        assertEquals("Écran.", Templates.render("{A}.", java.util.Map.of("A", "écran")));
    }
}
