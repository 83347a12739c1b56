package io.github.spatialvlm4j.datagen.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HumanNumbersTest {
    private static final int DRAWS = 4000;
    /** How far the spoken value may be from the truth (the tree guarantees 25%). */
    private static final double PLAUSIBLE = 0.30;
    private static final double PARSE_TOL = 1e-6;

    private static final Pattern NUMBER_UNIT = Pattern.compile(
            "(\\d+(?:\\.\\d+)?) (meters?|centimeters?|kilometers?|inch(?:es)?|foot|feet|miles?)");

    /** An independent reading of the words back into meters. */
    private static double parse(String text) {
        switch (text) {
            case "half a meter":
                return 0.5;
            case "a foot and a half":
                return 1.5 * 0.3048;
            case "half an inch":
            case "less than an inch":
                return 0.0127;
            case "less than a centimeter":
                return 0.005;
            default:
                break;
        }
        Matcher m = NUMBER_UNIT.matcher(text);
        double total = 0;
        int end = 0;
        while (m.find()) {
            assertEquals(end == 0 ? 0 : end + 1, m.start(), "unexpected words in '" + text + "'");
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2);
            boolean one = m.group(1).equals("1");
            assertEquals(one, unit.equals("meter") || unit.equals("centimeter") || unit.equals("kilometer")
                    || unit.equals("inch") || unit.equals("foot") || unit.equals("mile"), "singular/plural: " + text);
            total += n * switch (unit) {
                case "meter", "meters" -> 1.0;
                case "centimeter", "centimeters" -> 0.01;
                case "kilometer", "kilometers" -> 1000.0;
                case "inch", "inches" -> 0.0254;
                case "foot", "feet" -> 0.3048;
                default -> 1609.344;
            };
            end = m.end();
        }
        assertEquals(text.length(), end, "unparsed words in '" + text + "'");
        return total;
    }

    @Test
    void aboutOneInFiveIsImperial() {
        HumanNumbers h = HumanNumbers.defaults();
        SplittableRandom rng = new SplittableRandom(11);
        int imperial = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (h.speak(rng.nextDouble(0.02, 30), rng).imperial()) {
                imperial++;
            }
        }
        double share = (double) imperial / DRAWS;
        assertTrue(share > 0.17 && share < 0.23, "imperial share " + share);
    }

    @Test
    void knownValuesGivePlausibleWords() {
        HumanNumbers h = HumanNumbers.defaults();
        SplittableRandom rng = new SplittableRandom(5);
        for (double v : new double[] {0.86, 23, 0.04, 3.2, 0.004, 0.15, 140, 2500, 0.012, 0.2}) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < DRAWS / 4; i++) {
                HumanNumbers.Spoken s = h.speak(v, rng);
                counts.merge(s.text(), 1, Integer::sum);
                assertEquals(s.meters(), parse(s.text()), PARSE_TOL * Math.max(1, v), "words vs value: " + s);
                if (v >= 0.01) {
                    assertTrue(Math.abs(s.meters() - v) <= PLAUSIBLE * v, v + " m said as " + s.text());
                }
            }
            if (v == 0.86) {
                assertTrue(counts.getOrDefault("1 meter", 0) > DRAWS / 4 * 0.3, "0.86 m: " + counts);
                assertTrue(counts.containsKey("90 centimeters") && counts.containsKey("3 feet"), "0.86 m: " + counts);
            }
            if (v == 23) {
                assertEquals("20 meters", mostCommon(counts), "23 m: " + counts);
            }
            if (v == 0.04) {
                assertTrue(counts.containsKey("4 centimeters"), "0.04 m: " + counts);
            }
        }
    }

    private static String mostCommon(Map<String, Integer> counts) {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test
    void exactModeIsExactAndMetric() {
        assertEquals("0.86 meters", HumanNumbers.exact(0.86).text());
        assertEquals("23.00 meters", HumanNumbers.exact(23).text());
        assertEquals("0.04 meters", HumanNumbers.exact(0.04).text());
        assertEquals(3.2, HumanNumbers.exact(3.2).meters());
        assertFalse(HumanNumbers.exact(3.2).imperial());
    }

    @Test
    void sameGeneratorStateSameWords() {
        HumanNumbers h = HumanNumbers.defaults();
        SplittableRandom r1 = new SplittableRandom(99);
        SplittableRandom r2 = new SplittableRandom(99);
        for (int i = 0; i < 200; i++) {
            double v = 0.01 + i * 0.37;
            assertEquals(h.speak(v, r1), h.speak(v, r2));
        }
    }

    @Test
    void metricOnlyAndImperialOnly() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            assertFalse(new HumanNumbers(0).speak(rng.nextDouble(0, 50), rng).imperial());
            assertTrue(new HumanNumbers(1).speak(rng.nextDouble(0, 50), rng).imperial());
        }
    }

    @Test
    void invalidInputsAreRejected() {
        SplittableRandom rng = new SplittableRandom(1);
        HumanNumbers h = HumanNumbers.defaults();
        assertThrows(IllegalArgumentException.class, () -> h.speak(-0.1, rng));
        assertThrows(IllegalArgumentException.class, () -> h.speak(Double.NaN, rng));
        assertThrows(IllegalArgumentException.class, () -> HumanNumbers.exact(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new HumanNumbers(1.5));
    }

    @Test
    void spokenPatternReadsBackEveryRendering() {
        HumanNumbers h = new HumanNumbers(0.5);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int i = 0; i < 5000; i++) {
            double m = Math.exp(rnd.nextDouble(Math.log(0.001), Math.log(5000)));
            HumanNumbers.Spoken s = h.speak(m, rnd);
            assertTrue(HumanNumbers.SPOKEN.matcher(s.text()).matches(), s.text());
            assertEquals(s.text().startsWith("less than"), s.isUpperBound(), s.text());
            assertTrue(HumanNumbers.SPOKEN.matcher(HumanNumbers.exact(m).text()).matches());
        }
        assertTrue(h.speak(0.001, rnd).isUpperBound());
        assertFalse(HumanNumbers.exact(0.001).isUpperBound());
    }
}
