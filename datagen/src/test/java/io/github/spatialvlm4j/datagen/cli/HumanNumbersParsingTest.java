package io.github.spatialvlm4j.datagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spatialvlm4j.datagen.qa.HumanNumbers;
import io.github.spatialvlm4j.vlm.eval.AnswerParser;
import io.github.spatialvlm4j.vlm.eval.ParsedAnswer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The evaluation's parser reads back every way our own answers render a length. */
class HumanNumbersParsingTest {

    /** Relative tolerance: the renderings are exact decimals, parsing adds only binary rounding. */
    private static final double REL_TOL = 1e-9;

    @Test
    void parsesEveryHumanAlignedRendering() {
        SplittableRandom rng = new SplittableRandom(11);
        HumanNumbers numbers = new HumanNumbers(0.5);
        for (int i = 0; i < 3000; i++) {
            // Log-uniform from 2 mm to 5 km: every row of the rounding tree.
            double meters = Math.exp(Math.log(0.002) + rng.nextDouble() * Math.log(5000 / 0.002));
            HumanNumbers.Spoken s = numbers.speak(meters, rng);
            for (String text : new String[] {s.text(), "About " + s.text() + ".", "It is " + s.text() + " away."}) {
                ParsedAnswer p = AnswerParser.parseLength(text);
                assertEquals(ParsedAnswer.Kind.LENGTH, p.kind(), () -> text + " -> " + p);
                assertEquals(s.meters(), p.meters().getAsDouble(), s.meters() * REL_TOL, () -> text + " -> " + p);
            }
        }
    }

    @Test
    void parsesExactRenderings() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < 500; i++) {
            double meters = Math.round(rng.nextDouble() * 2000) / 100.0;
            String text = HumanNumbers.exact(meters).text();
            ParsedAnswer p = AnswerParser.parseLength(text);
            assertEquals(meters, p.meters().getAsDouble(), 1e-9, text);
        }
    }
}
