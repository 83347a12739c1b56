package io.github.spatialvlm4j.vlm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of {@link AnswerParser}: hand-written odd phrasings and generated combinations. */
class AnswerParserTest {

    /** Relative tolerance on parsed meters (conversions are exact up to binary rounding). */
    private static final double REL_TOL = 1e-9;

    private static final double IN = 0.0254;
    private static final double FT = 0.3048;
    private static final double YD = 0.9144;
    private static final double MI = 1609.344;

    static Stream<Arguments> handWrittenLengths() {
        return Stream.of(
                Arguments.of("roughly 3 feet", 3 * FT),
                Arguments.of("1.5m", 1.5),
                Arguments.of("between 1 and 2 meters", Math.sqrt(2)),
                Arguments.of("about a meter and a half", 1.5),
                Arguments.of("it's 75 cm away", 0.75),
                Arguments.of("It's 75cm away.", 0.75),
                Arguments.of("5 ft 3 in", 5 * FT + 3 * IN),
                Arguments.of("5'3\"", 5 * FT + 3 * IN),
                Arguments.of("5\u2032 3\u2033", 5 * FT + 3 * IN),
                Arguments.of("5 feet and 3 inches", 5 * FT + 3 * IN),
                Arguments.of("5 foot 3", 5 * FT + 3 * IN),
                Arguments.of("2 feet 10 inches", 2 * FT + 10 * IN),
                Arguments.of("1 meter 20 centimeters", 1.2),
                Arguments.of("half a meter", 0.5),
                Arguments.of("Half of a meter.", 0.5),
                Arguments.of("a foot and a half", 1.5 * FT),
                Arguments.of("about two meters", 2.0),
                Arguments.of("About two metres.", 2.0),
                Arguments.of("1-2 m", Math.sqrt(2)),
                Arguments.of("1\u20132 m", Math.sqrt(2)),
                Arguments.of("1 to 2 meters", Math.sqrt(2)),
                Arguments.of("from 2 to 8 feet", 4 * FT),
                Arguments.of("2 m or 3 m", Math.sqrt(6)),
                Arguments.of("0.5-2 meters", 1.0),
                Arguments.of("less than a centimeter", 0.005),
                Arguments.of("less than an inch", 0.5 * IN),
                Arguments.of("half an inch", 0.5 * IN),
                Arguments.of("The red chair is 1.25 meters from the table.", 1.25),
                Arguments.of("one and a half meters", 1.5),
                Arguments.of("two and a half feet", 2.5 * FT),
                Arguments.of("twenty-five centimeters", 0.25),
                Arguments.of("twenty five centimeters", 0.25),
                Arguments.of("one hundred and twenty meters", 120.0),
                Arguments.of("a hundred meters", 100.0),
                Arguments.of("one point five meters", 1.5),
                Arguments.of("three quarters of a meter", 0.75),
                Arguments.of("a quarter of a mile", 0.25 * MI),
                Arguments.of("a couple of meters", 2.0),
                Arguments.of("two thirds of a meter", 2.0 / 3),
                Arguments.of("a third of a mile", MI / 3),
                Arguments.of("Around 30-40 cm", Math.sqrt(0.3 * 0.4)),
                Arguments.of("approximately 1.2 to 1.5 m", Math.sqrt(1.2 * 1.5)),
                Arguments.of("3 m (10 ft)", 3.0),
                Arguments.of("6ft2in", 6 * FT + 2 * IN),
                Arguments.of("just under two feet", 2 * FT),
                Arguments.of("10 meters or so", 10.0),
                Arguments.of("it is 3 in. tall", 3 * IN),
                Arguments.of("a meter", 1.0),
                Arguments.of("About a foot.", FT),
                Arguments.of("1/2 meter", 0.5),
                Arguments.of("1 1/2 feet", 1.5 * FT),
                Arguments.of("1,200 m", 1200.0),
                Arguments.of("1,5 m", 1.5),
                Arguments.of(".5 m", 0.5),
                Arguments.of("~3m", 3.0),
                Arguments.of("3 yards", 3 * YD),
                Arguments.of("2 yd", 2 * YD),
                Arguments.of("1.2 km", 1200.0),
                Arguments.of("2 miles", 2 * MI),
                Arguments.of("12 in", 12 * IN),
                Arguments.of("12 in.", 12 * IN),
                Arguments.of("It is 12\" wide", 12 * IN),
                Arguments.of("6' tall", 6 * FT),
                Arguments.of("450 mm", 0.45),
                Arguments.of("450 millimetres", 0.45),
                Arguments.of("The gap is 3 cm.", 0.03),
                Arguments.of("I'd say it is approximately 2.5 meters tall.", 2.5),
                Arguments.of("The answer: 40 centimeters", 0.4),
                Arguments.of("Approximately 1.5-meter", 1.5),
                Arguments.of("a 2-meter gap", 2.0),
                Arguments.of("It is about 2 meters, maybe 3.", 2.0),
                Arguments.of("0 meters", 0.0),
                Arguments.of("It is more than 4 meters away", 4.0),
                Arguments.of("At most 30 centimeters", 0.3),
                Arguments.of("2", 2.0),
                Arguments.of("The distance is 3.7", 3.7),
                Arguments.of("ten feet", 10 * FT),
                Arguments.of("TWO METERS", 2.0),
                Arguments.of("2 Meters", 2.0),
                Arguments.of("The chair is 3 in front of the table, about 1 m", 1.0));
    }

    @ParameterizedTest
    @MethodSource("handWrittenLengths")
    void readsHandWrittenLengths(String text, double meters) {
        ParsedAnswer p = AnswerParser.parseLength(text);
        assertEquals(ParsedAnswer.Kind.LENGTH, p.kind(), () -> text + " -> " + p);
        assertEquals(meters, p.meters().getAsDouble(), Math.max(1e-12, meters * REL_TOL), () -> text + " -> " + p);
        assertFalse(p.understood().isEmpty());
    }

    static Stream<Arguments> generatedLengths() {
        String[][] units = {
            {"m", "1"}, {"meter", "1"}, {"meters", "1"}, {"metres", "1"}, {"cm", "0.01"}, {"centimeters", "0.01"},
            {"mm", "0.001"}, {"km", "1000"}, {"in", "0.0254"}, {"inches", "0.0254"}, {"ft", "0.3048"},
            {"feet", "0.3048"}, {"yd", "0.9144"}, {"yards", "0.9144"}};
        double[] values = {0.3, 1.5, 2.25, 12, 75};
        String[] frames = {"%s", "about %s", "It is roughly %s away.", "The distance is approximately %s.",
            "%s apart"};
        List<Arguments> out = new ArrayList<>();
        int k = 0;
        for (String[] u : units) {
            for (double v : values) {
                String number = v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
                String spaced = (k % 3 == 0 && u[0].length() <= 2) ? number + u[0] : number + " " + u[0];
                String frame = frames[k % frames.length];
                out.add(Arguments.of(String.format(Locale.ROOT, frame, spaced), v * Double.parseDouble(u[1])));
                k++;
            }
        }
        String[] words = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "fifteen", "twenty", "thirty-five", "forty", "sixty", "ninety-nine"};
        int[] wordValues = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 35, 40, 60, 99};
        for (int i = 0; i < words.length; i++) {
            String unit = i % 2 == 0 ? "meters" : "feet";
            double scale = i % 2 == 0 ? 1 : FT;
            out.add(Arguments.of("about " + words[i] + " " + unit, wordValues[i] * scale));
            out.add(Arguments.of(words[i] + " and a half " + unit, (wordValues[i] + 0.5) * scale));
        }
        // Ranges over the same units: geometric mean.
        int[][] ranges = {{1, 2}, {2, 3}, {3, 5}, {10, 20}, {40, 60}};
        String[][] rangeUnits = {{"m", "1"}, {"cm", "0.01"}, {"feet", "0.3048"}, {"inches", "0.0254"}};
        for (int[] r : ranges) {
            for (String[] u : rangeUnits) {
                double s = Double.parseDouble(u[1]);
                double gm = Math.sqrt(r[0] * s * r[1] * s);
                out.add(Arguments.of(r[0] + "-" + r[1] + " " + u[0], gm));
                out.add(Arguments.of("between " + r[0] + " and " + r[1] + " " + u[0], gm));
                out.add(Arguments.of(r[0] + " to " + r[1] + " " + u[0], gm));
            }
        }
        // Feet and inches.
        for (int ft = 1; ft <= 9; ft += 2) {
            for (int in = 1; in <= 11; in += 3) {
                double m = ft * FT + in * IN;
                out.add(Arguments.of(ft + " ft " + in + " in", m));
                out.add(Arguments.of(ft + "'" + in + "\"", m));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("generatedLengths")
    void readsGeneratedLengths(String text, double meters) {
        ParsedAnswer p = AnswerParser.parseLength(text);
        assertEquals(ParsedAnswer.Kind.LENGTH, p.kind(), () -> text + " -> " + p);
        assertEquals(meters, p.meters().getAsDouble(), meters * REL_TOL, () -> text + " -> " + p);
    }

    @Test
    void reportsWhatItUnderstood() {
        ParsedAnswer range = AnswerParser.parseLength("between 1 and 4 meters");
        assertEquals(2.0, range.meters().getAsDouble(), REL_TOL);
        assertTrue(range.notes().stream().anyMatch(n -> n.contains("geometric mean")), range::toString);
        assertTrue(range.understood().contains("between 1 and 4 meters"), range::toString);
        ParsedAnswer bare = AnswerParser.parseLength("3.5");
        assertEquals(0.5, bare.confidence());
        assertTrue(bare.notes().contains("no unit: assumed meters"));
        ParsedAnswer approx = AnswerParser.parseLength("roughly 3 feet");
        assertTrue(approx.notes().contains("approximate"), approx::toString);
        assertEquals(1.0, approx.confidence());
        ParsedAnswer two = AnswerParser.parseLength("The chair is 1 m tall and the table 2 m.");
        assertEquals(1.0, two.meters().getAsDouble());
        assertTrue(two.confidence() < 1);
    }

    static Stream<Arguments> nonLengths() {
        return Stream.of(
                Arguments.of("I'm not sure", ParsedAnswer.Kind.UNCERTAIN),
                Arguments.of("It is hard to say from this image.", ParsedAnswer.Kind.UNCERTAIN),
                Arguments.of("I cannot determine the distance.", ParsedAnswer.Kind.UNCERTAIN),
                Arguments.of("It's unclear.", ParsedAnswer.Kind.UNCERTAIN),
                Arguments.of("", ParsedAnswer.Kind.NONE),
                Arguments.of("The chair is far from the table.", ParsedAnswer.Kind.NONE),
                Arguments.of("the red one", ParsedAnswer.Kind.NONE),
                Arguments.of("a few meters", ParsedAnswer.Kind.NONE),
                Arguments.of("It is roughly 50% taller", ParsedAnswer.Kind.NONE),
                Arguments.of("Yes, it is.", ParsedAnswer.Kind.NONE));
    }

    @ParameterizedTest
    @MethodSource("nonLengths")
    void readsNoLengthWhereThereIsNone(String text, ParsedAnswer.Kind kind) {
        ParsedAnswer p = AnswerParser.parseLength(text);
        assertEquals(kind, p.kind(), () -> text + " -> " + p);
    }

    static Stream<Arguments> yesNo() {
        return Stream.of(
                Arguments.of("no", Boolean.FALSE), Arguments.of("No.", Boolean.FALSE),
                Arguments.of("Yes, it is.", Boolean.TRUE), Arguments.of("yes", Boolean.TRUE),
                Arguments.of("YES", Boolean.TRUE), Arguments.of("Yeah.", Boolean.TRUE),
                Arguments.of("Nope, it's on the other side.", Boolean.FALSE),
                Arguments.of("Correct, the chair is left of the table.", Boolean.TRUE),
                Arguments.of("Well, yes.", Boolean.TRUE),
                Arguments.of("The answer is no.", Boolean.FALSE),
                Arguments.of("Indeed it is.", Boolean.TRUE),
                Arguments.of("It is not.", Boolean.FALSE),
                Arguments.of("The chair isn't taller than the table.", Boolean.FALSE),
                Arguments.of("The chair is to the left of the table.", Boolean.TRUE),
                Arguments.of("False", Boolean.FALSE),
                Arguments.of("Absolutely not.", Boolean.FALSE),
                Arguments.of("Certainly not, it is lower.", Boolean.FALSE),
                Arguments.of("Definitely.", Boolean.TRUE),
                Arguments.of("I don't think so.", Boolean.FALSE),
                Arguments.of("Not at all.", Boolean.FALSE),
                Arguments.of("True.", Boolean.TRUE),
                Arguments.of("I think yes", Boolean.TRUE),
                Arguments.of("I'd say no, it is behind.", Boolean.FALSE),
                Arguments.of("I'm not sure", null),
                Arguments.of("It could be either.", null),
                Arguments.of("I can't tell from the picture.", null),
                Arguments.of("Hard to say.", null));
    }

    @ParameterizedTest
    @MethodSource("yesNo")
    void readsYesNo(String text, Boolean yes) {
        ParsedAnswer p = AnswerParser.parseYesNo(text);
        if (yes == null) {
            assertEquals(ParsedAnswer.Kind.UNCERTAIN, p.kind(), () -> text + " -> " + p);
        } else {
            assertEquals(ParsedAnswer.Kind.YES_NO, p.kind(), () -> text + " -> " + p);
            assertEquals(yes, p.yes().get(), () -> text + " -> " + p);
        }
    }

    static Stream<Arguments> choices() {
        List<String> chairs = List.of("the red chair", "the wooden table");
        List<String> colors = List.of("red chair", "blue chair");
        List<String> lr = List.of("left", "right");
        List<String> fb = List.of("in front", "behind");
        List<String> bs = List.of("bigger", "smaller");
        List<String> mc = List.of("lamp", "chair");
        return Stream.of(
                Arguments.of("the red chair", chairs, 0),
                Arguments.of("The wooden table.", chairs, 1),
                Arguments.of("It is the red chair that is more to the left.", chairs, 0),
                Arguments.of("Red chair", chairs, 0),
                Arguments.of("the table", chairs, 1),
                Arguments.of("The red one.", colors, 0),
                Arguments.of("the blue chair is taller", colors, 1),
                Arguments.of("The red chair is taller than the blue chair.", colors, 0),
                Arguments.of("left", lr, 0),
                Arguments.of("It is to the right of the table.", lr, 1),
                Arguments.of("The chair is closer to the camera.", fb, 0),
                Arguments.of("in front", fb, 0),
                Arguments.of("It is farther away, behind the table.", fb, 1),
                Arguments.of("larger", bs, 0),
                Arguments.of("(A)", mc, 0),
                Arguments.of("(B) chair", mc, 1),
                Arguments.of("B", mc, 1),
                Arguments.of("b.", mc, 1),
                Arguments.of("The answer is (B).", mc, 1),
                Arguments.of("Option A", mc, 0),
                Arguments.of("The lamp is closer.", mc, 0),
                Arguments.of("I'm not sure", mc, -1),
                Arguments.of("the sofa", chairs, -2));
    }

    @ParameterizedTest
    @MethodSource("choices")
    void readsChoices(String text, List<String> options, int expected) {
        ParsedAnswer p = AnswerParser.parseChoice(text, options);
        if (expected == -1) {
            assertEquals(ParsedAnswer.Kind.UNCERTAIN, p.kind(), () -> text + " -> " + p);
        } else if (expected == -2) {
            assertEquals(ParsedAnswer.Kind.NONE, p.kind(), () -> text + " -> " + p);
        } else {
            assertEquals(ParsedAnswer.Kind.CHOICE, p.kind(), () -> text + " -> " + p);
            assertEquals(expected, p.choice().getAsInt(), () -> text + " -> " + p);
        }
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> AnswerParser.parseChoice("x", List.of()));
        assertThrows(IllegalArgumentException.class, () -> AnswerParser.parseChoice("x", List.of("a", " ")));
        assertThrows(NullPointerException.class, () -> AnswerParser.parseLength(null));
    }

    /** Areas (square meters), counts and clock hours: {kind, text, value}. */
    static Stream<Arguments> numbers() {
        ParsedAnswer.Kind area = ParsedAnswer.Kind.AREA;
        ParsedAnswer.Kind count = ParsedAnswer.Kind.COUNT;
        ParsedAnswer.Kind clock = ParsedAnswer.Kind.CLOCK;
        return Stream.of(
                Arguments.of(area, "25", 25.0), Arguments.of(area, "About 25 square meters.", 25.0),
                Arguments.of(area, "25 m\u00b2", 25.0), Arguments.of(area, "25 m2", 25.0),
                Arguments.of(area, "25 m^2", 25.0), Arguments.of(area, "25 sq m", 25.0),
                Arguments.of(area, "100 sq ft", 100 * FT * FT), Arguments.of(area, "200 square feet", 200 * FT * FT),
                Arguments.of(area, "5 by 4 meters", 20.0), Arguments.of(area, "5 m x 4 m", 20.0),
                Arguments.of(area, "20-45 square meters", 30.0), Arguments.of(area, "The room is roughly 30 sqm.", 30.0),
                Arguments.of(count, "4", 4.0), Arguments.of(count, "Four.", 4.0),
                Arguments.of(count, "There are 3 chairs.", 3.0), Arguments.of(count, "I count twelve tables in total.", 12.0),
                Arguments.of(count, "a couple", 2.0), Arguments.of(count, "There are no chairs in this room.", 0.0),
                Arguments.of(count, "None.", 0.0), Arguments.of(count, "Region [0] shows 2 lamps", 2.0),
                Arguments.of(count, "The answer is 5.", 5.0),
                Arguments.of(clock, "Region [1] is roughly at 1 o'clock from Region [0].", 1.0),
                Arguments.of(clock, "Region [0] will find Region [1] around the 10 o'clock direction.", 10.0),
                Arguments.of(clock, "at 2 o\u2019clock", 2.0), Arguments.of(clock, "two o'clock", 2.0),
                Arguments.of(clock, "It is at 12 oclock.", 12.0), Arguments.of(clock, "3 o clock", 3.0),
                Arguments.of(clock, "at 1:30", 1.5), Arguments.of(clock, "0 o'clock", 12.0));
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void readsAreasCountsAndClockDirections(ParsedAnswer.Kind kind, String text, double value) {
        ParsedAnswer p = switch (kind) {
            case AREA -> AnswerParser.parseArea(text);
            case COUNT -> AnswerParser.parseCount(text);
            default -> AnswerParser.parseClock(text);
        };
        assertEquals(kind, p.kind(), () -> text + " -> " + p);
        assertEquals(value, p.value().getAsDouble(), value * REL_TOL, () -> text + " -> " + p);
    }

    @Test
    void clockAnswersWithoutAPositionAreNotRead() {
        assertEquals(ParsedAnswer.Kind.NONE, AnswerParser.parseClock("Region [1] is to the left of Region [0].").kind());
        assertEquals(ParsedAnswer.Kind.INVALID, AnswerParser.parseClock("at 14 o'clock").kind());
        assertEquals(0.0, Truth.Clock.distance(12, 12));
        assertEquals(1.0, Truth.Clock.distance(12, 1));
        assertEquals(2.0, Truth.Clock.distance(11, 1));
        assertEquals(6.0, Truth.Clock.distance(3, 9));
    }

    static Stream<Arguments> yesNoWithQuestion() {
        return Stream.of(
                Arguments.of("Is Region [0] thinner than Region [1]?", "In fact, Region [0] might be wider than Region [1].",
                        false),
                Arguments.of("Does Region [0] appear over Region [1]?", "Actually, Region [0] is below Region [1].", false),
                Arguments.of("Is Region [0] behind Region [1]?", "Region [1] is behind Region [0].", false),
                Arguments.of("Is Region [0] behind Region [1]?", "Region [0] is further from the viewer.", true),
                Arguments.of("Is Region [0] taller than Region [1]?", "Region [0] is not taller than Region [1]", false),
                Arguments.of("Is Region [0] to the left of Region [1]?", "It is on the right of Region [1].", false),
                Arguments.of("Is the chair closer than the table?", "The chair is nearer to the camera.", true),
                Arguments.of("Is Region [0] below Region [1]?", "That is False.", false),
                Arguments.of("Is Region [0] below Region [1]?", "That is True.", true),
                Arguments.of("Is it left?", "* Yes\n* No\n\n**Answer:** No", false),
                Arguments.of("Is Region [0] wider?", "It's hard to say. However, Region [0] appears to be wider.", true));
    }

    @ParameterizedTest
    @MethodSource("yesNoWithQuestion")
    void readsStatementsAgainstTheQuestion(String question, String answer, boolean yes) {
        ParsedAnswer p = AnswerParser.parseYesNo(answer, question);
        assertEquals(ParsedAnswer.Kind.YES_NO, p.kind(), () -> answer + " -> " + p);
        assertEquals(yes, p.yes().get(), () -> answer + " -> " + p);
    }

    static Stream<Arguments> choicesWithQuestion() {
        List<String> regions = List.of("Region [0]", "Region [1]");
        return Stream.of(
                Arguments.of("Who is higher up, Region [0] or Region [1]?", regions, "Region [1] is lower.", 0),
                Arguments.of("Which is more to the right, Region [0] or Region [1]?", regions,
                        "Region [0] is to the left of Region [1].", 1),
                Arguments.of("Which is more to the right, Region [0] or Region [1]?", regions,
                        "Region [0] is not to the left of Region [1].", 0),
                Arguments.of("Which is wider, the chair that's more to the left or the table?",
                        List.of("the chair that's more to the left", "the table"), "The chair that's more to the left.", 0),
                Arguments.of("Which point is closer to the camera?", List.of("A is closer", "B is closer"),
                        "Point B is farther from the camera than point A.", 0),
                Arguments.of("Is the car beneath the cat?", List.of("yes", "no"), "The car is not beneath the cat.", 1));
    }

    @ParameterizedTest
    @MethodSource("choicesWithQuestion")
    void readsChoicesAgainstTheQuestion(String question, List<String> options, String answer, int expected) {
        ParsedAnswer p = AnswerParser.parseChoice(answer, options, question);
        assertEquals(ParsedAnswer.Kind.CHOICE, p.kind(), () -> answer + " -> " + p);
        assertEquals(expected, p.choice().getAsInt(), () -> answer + " -> " + p);
    }

    @Test
    void lengthsInTheQuestionsUnitAndNumbersThatAreNoLength() {
        ParsedAnswer cm = AnswerParser.parseLength("85", LengthUnit.CENTIMETER);
        assertEquals(0.85, cm.meters().getAsDouble(), 1e-12);
        assertEquals(0.9, cm.confidence());
        assertEquals(1.2, AnswerParser.parseLength("1.2 meters", LengthUnit.CENTIMETER).meters().getAsDouble(), 1e-12);
        for (String noLength : List.of("approximately 300 pixels", "about 45 degrees", "Region [0] is tall.",
                "It spans 1/3 of the image height.", "(143, 163, 263, 288)",
                "The two regions are far apart, separated by what looks like a long hallway with several doors on"
                        + " both sides and 2 windows")) {
            ParsedAnswer p = AnswerParser.parseLength(noLength);
            assertEquals(ParsedAnswer.Kind.NONE, p.kind(), () -> noLength + " -> " + p);
        }
        // Candidates listed before the answer are not the answer.
        ParsedAnswer listed = AnswerParser.parseLength("*   **A) 10 cm**\n*   **B) 20 cm**\n*   **C) 30 cm**\n\n"
                + "**Answer:**\n\nRegion [0] is approximately **B) 20 cm** wide.");
        assertEquals(0.2, listed.meters().getAsDouble(), 1e-12);
        ParsedAnswer hedged = AnswerParser.parseLength("It is hard to say exactly, but about 2 meters.");
        assertEquals(2.0, hedged.meters().getAsDouble(), 1e-12);
        assertTrue(hedged.notes().stream().anyMatch(n -> n.startsWith("hedged")), hedged::toString);
    }

    @Test
    void negativeAndOverflowingNumbersAreFlaggedNotRead() {
        for (String text : List.of("-5 meters", "It is -5 m away.", "minus 2 feet", "\u22125 cm", "-5")) {
            ParsedAnswer p = AnswerParser.parseLength(text);
            assertEquals(ParsedAnswer.Kind.INVALID, p.kind(), () -> text + " -> " + p);
            assertTrue(p.understood().startsWith("negative length"), p::toString);
        }
        assertEquals(ParsedAnswer.Kind.LENGTH, AnswerParser.parseLength("- 5 meters").kind(), "a bullet, no sign");
        assertEquals(Math.sqrt(2), AnswerParser.parseLength("1-2 m").meters().getAsDouble(), 1e-12, "a range");
        String digits = "1" + "0".repeat(399);
        for (ParsedAnswer p : List.of(AnswerParser.parseLength(digits + " m"), AnswerParser.parseLength(digits),
                AnswerParser.parseArea(digits + " square meters"), AnswerParser.parseCount(digits),
                AnswerParser.parseLength("1" + "0".repeat(308) + " km"))) {
            assertEquals(ParsedAnswer.Kind.INVALID, p.kind(), p::toString);
            assertTrue(p.understood().startsWith("number out of range: '1000"), p::toString);
        }
        assertEquals(ParsedAnswer.Kind.INVALID, AnswerParser.parseCount("-3").kind());
        assertEquals(ParsedAnswer.Kind.INVALID, AnswerParser.parseArea("-3 m2").kind());
    }

    /** Whatever the text, every reader returns a reading and none throws (seeded random text). */
    @Test
    void readersAreTotal() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(16);
        String[] pieces = {"1", "0", "9".repeat(330), "-", "\u2212", ".", ",", "/", "'", "\"", " ", "\n", "m", "cm", "ft",
            "in", "square", "sq", "x", "by", "o'clock", ":", "30", "yes", "no", "not", "region [0]", "region [1]", "[",
            "]", "(a)", "b", "point", "a", "and", "half", "to", "between", "answer:", "therefore,", "however",
            "not sure", "**", "*", "left", "right", "closer", "taller", "?", "\u00b2", "^", "2", "one", "twenty",
            "less than", "a couple", "none", "=", "of", "%", "pixels"};
        List<String> options = List.of("Region [0]", "Region [1]");
        for (int n = 0; n < 3000; n++) {
            StringBuilder s = new StringBuilder();
            int len = rng.nextInt(12);
            for (int k = 0; k < len; k++) {
                s.append(pieces[rng.nextInt(pieces.length)]);
                if (rng.nextBoolean()) {
                    s.append(' ');
                }
            }
            String text = s.toString();
            for (ParsedAnswer p : List.of(AnswerParser.parseLength(text), AnswerParser.parseLength(text, LengthUnit.INCH),
                    AnswerParser.parseArea(text), AnswerParser.parseCount(text), AnswerParser.parseClock(text),
                    AnswerParser.parseYesNo(text), AnswerParser.parseYesNo(text, "Is Region [0] left of Region [1]?"),
                    AnswerParser.parseChoice(text, options), AnswerParser.parseChoice(text, options,
                            "Which is taller, Region [0] or Region [1]?"))) {
                assertFalse(p.understood().isEmpty(), text);
            }
        }
    }
}
