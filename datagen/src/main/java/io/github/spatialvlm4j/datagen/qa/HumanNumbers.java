package io.github.spatialvlm4j.datagen.qa;

import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Human-aligned rendering of lengths (part of the synthesize stage, docs/ARCHITECTURE.md,
 * "Stages"): people say "about 1 meter", not "0.95 meters". Deterministic for a given generator
 * state: the draws are made in a fixed order.
 *
 * <p><b>The rounding tree.</b> First the unit system: imperial with probability
 * {@link #imperialProbability()} (default 0.2), else metric. Then a granularity is drawn from the
 * row for the value's range (probabilities in parentheses); the value is rounded to a multiple of
 * it, and while the rounded value is off by more than {@value #MAX_RELATIVE_ERROR} of the truth
 * (or is zero) the next finer granularity of the row is used instead. The rounded value is thus
 * always within 25% of the truth.
 * <pre>
 * metric   v &lt; 1 cm        "less than a centimeter"        (counts as 0.5 cm)
 *          1 cm - 10 cm    5 cm (.4), 1 cm (.6), 0.5 cm     spoken in centimeters
 *          10 cm - 1 m     0.5 m (.5), 10 cm (.35), 1 cm (.15); 0.5 m is said in meters
 *                          ("half a meter", "1 meter"), the others in centimeters
 *          1 m - 10 m      0.5 m (.5), 1 m (.3), 0.1 m (.2), 0.01 m
 *          10 m - 100 m    10 m (.5), 5 m (.3), 1 m (.2)
 *          100 m - 1 km    100 m (.4), 10 m (.6), 1 m
 *          &gt;= 1 km          1 km (.5), 0.1 km (.5), 0.01 km  spoken in kilometers
 * imperial v &lt; 1/2 inch     "less than an inch"             (counts as 1/2 inch)
 *          1/2 in - 1 ft   2 in (.5), 1 in (.5), 1/2 in     spoken in inches
 *          1 ft - 10 ft    1 ft (.5), 1/2 ft (.25), feet and inches to the inch (.25), 1 in
 *          10 ft - 100 ft  5 ft (.6), 1 ft (.4)
 *          100 ft - 1 mile 100 ft (.4), 10 ft (.6), 1 ft
 *          &gt;= 1 mile        1 mi (.5), 0.1 mi (.5), 0.01 mi  spoken in miles
 * </pre>
 * Measured shares over 10,000 draws (seed 1): 0.86 m is "1 meter" 40%, "90 centimeters" 28%,
 * "3 feet" 15%, "86 centimeters" 11%, "2 feet 10 inches" 5%; 23 m is "20 meters" 39%,
 * "25 meters" 24%, "75 feet" 21%, "23 meters" 16%; 0.04 m is "4 centimeters" (5 cm would be 25%
 * off) or "1.5 inches"; 3.2 m is "3 meters" 64%, "10 feet" 20%, "3.2 meters" 16%.
 *
 * <p>The {@linkplain #exact(double) exact mode} writes meters with two decimals ("0.86 meters"),
 * for evaluation and robotics.
 */
public final class HumanNumbers {

    /** The largest relative error a rounding may introduce before a finer granularity is used. */
    public static final double MAX_RELATIVE_ERROR = 0.25;
    /** Default share of imperial renderings. */
    public static final double DEFAULT_IMPERIAL_PROBABILITY = 0.2;

    private static final double INCH = 0.0254;
    private static final double FOOT = 0.3048;
    private static final double MILE = 1609.344;

    /**
     * A rendered length.
     *
     * @param text the words, e.g. {@code "1 meter"}, {@code "2 feet 10 inches"}
     * @param meters the value the words say, converted back to meters
     * @param imperial whether the words use imperial units
     */
    public record Spoken(String text, double meters, boolean imperial) {
        public Spoken {
            Objects.requireNonNull(text, "text");
        }

        /** Whether the words are a bound ("less than a centimeter"), not an estimate to hedge with "about". */
        public boolean isUpperBound() {
            return text.startsWith(LESS_THAN);
        }
    }

    private static final String LESS_THAN = "less than ";

    /**
     * Matches every text that {@link #speak} and {@link #exact} write ("1 meter", "2 feet 10
     * inches", "half a meter", "less than an inch", "0.86 meters"), for tools that read it back.
     */
    public static final Pattern SPOKEN = Pattern.compile(
            "less than an? (?:centimeter|inch)|half an? (?:meter|inch)|a foot and a half"
                    + "|\\d+(?:\\.\\d+)? (?:kilometers?|meters?|centimeters?|miles?|feet|foot|inch(?:es)?)"
                    + "(?: \\d+ inch(?:es)?)?");

    private final double imperialProbability;

    /**
     * @param imperialProbability share of imperial renderings, in [0, 1]
     */
    public HumanNumbers(double imperialProbability) {
        if (!(imperialProbability >= 0 && imperialProbability <= 1)) {
            throw new IllegalArgumentException("Invalid imperialProbability: " + imperialProbability
                    + " (must be in [0, 1])");
        }
        this.imperialProbability = imperialProbability;
    }

    /** Renderings with the default 20% imperial share. */
    public static HumanNumbers defaults() {
        return new HumanNumbers(DEFAULT_IMPERIAL_PROBABILITY);
    }

    /** Share of imperial renderings, in [0, 1]. */
    public double imperialProbability() {
        return imperialProbability;
    }

    /**
     * Renders {@code meters} the way a person would say it, drawing from {@code rng} (two or three
     * draws).
     *
     * @param meters a finite length, meters, &gt;= 0
     * @param rng the frame's generator
     * @return the words and the value they say
     */
    public Spoken speak(double meters, RandomGenerator rng) {
        checkLength(meters);
        Objects.requireNonNull(rng, "rng");
        boolean imperial = rng.nextDouble() < imperialProbability;
        double u = rng.nextDouble();
        return imperial ? imperial(meters, u) : metric(meters, u);
    }

    /**
     * The exact rendering: meters with two decimals, always metric, e.g. {@code "0.86 meters"}.
     *
     * @param meters a finite length, meters, &gt;= 0
     */
    public static Spoken exact(double meters) {
        checkLength(meters);
        return new Spoken(String.format(Locale.ROOT, "%.2f meters", meters), meters, false);
    }

    private static Spoken metric(double v, double u) {
        if (v < 0.01) {
            return new Spoken(LESS_THAN + "a centimeter", 0.005, false);
        }
        if (v < 0.1) {
            double g = refine(v, new double[] {0.05, 0.01, 0.005}, draw(u, 0.4, 0.6));
            return new Spoken(count(round(v, g) * 100, "centimeter", "centimeters"), round(v, g), false);
        }
        if (v < 1) {
            double g = refine(v, new double[] {0.5, 0.1, 0.01}, draw(u, 0.5, 0.35, 0.15));
            double r = round(v, g);
            if (g == 0.5) {
                return new Spoken(r == 0.5 ? "half a meter" : count(r, "meter", "meters"), r, false);
            }
            return new Spoken(count(r * 100, "centimeter", "centimeters"), r, false);
        }
        if (v < 1000) {
            double[] grains;
            int start;
            if (v < 10) {
                grains = new double[] {1, 0.5, 0.1, 0.01};
                start = new int[] {1, 0, 2}[draw(u, 0.5, 0.3, 0.2)];
            } else if (v < 100) {
                grains = new double[] {10, 5, 1};
                start = draw(u, 0.5, 0.3, 0.2);
            } else {
                grains = new double[] {100, 10, 1};
                start = draw(u, 0.4, 0.6);
            }
            double r = round(v, refine(v, grains, start));
            return new Spoken(count(r, "meter", "meters"), r, false);
        }
        double km = v / 1000;
        double r = round(km, refine(km, new double[] {1, 0.1, 0.01}, draw(u, 0.5, 0.5)));
        return new Spoken(count(r, "kilometer", "kilometers"), r * 1000, false);
    }

    private static Spoken imperial(double v, double u) {
        double inches = v / INCH;
        if (inches < 0.5) {
            return new Spoken(LESS_THAN + "an inch", 0.5 * INCH, true);
        }
        if (v < FOOT) {
            double r = round(inches, refine(inches, new double[] {2, 1, 0.5}, draw(u, 0.5, 0.5)));
            return new Spoken(r == 0.5 ? "half an inch" : count(r, "inch", "inches"), r * INCH, true);
        }
        double feet = v / FOOT;
        if (feet < 10) {
            int branch = draw(u, 0.5, 0.25, 0.25);
            if (branch == 2) {
                long totalInches = Math.round(inches);
                return feetAndInches(totalInches);
            }
            double g = refine(feet, new double[] {1, 0.5, 1.0 / 12}, branch);
            if (g < 0.5) {
                return feetAndInches(Math.round(inches));
            }
            double r = round(feet, g);
            String text = r == 1.5 ? "a foot and a half" : count(r, "foot", "feet");
            return new Spoken(text, r * FOOT, true);
        }
        if (v < MILE) {
            double[] grains = feet < 100 ? new double[] {5, 1} : new double[] {100, 10, 1};
            int start = feet < 100 ? draw(u, 0.6, 0.4) : draw(u, 0.4, 0.6);
            double r = round(feet, refine(feet, grains, start));
            return new Spoken(count(r, "foot", "feet"), r * FOOT, true);
        }
        double miles = v / MILE;
        double r = round(miles, refine(miles, new double[] {1, 0.1, 0.01}, draw(u, 0.5, 0.5)));
        return new Spoken(count(r, "mile", "miles"), r * MILE, true);
    }

    private static Spoken feetAndInches(long totalInches) {
        long ft = totalInches / 12;
        long in = totalInches % 12;
        String text;
        if (ft == 0) {
            text = count(in, "inch", "inches");
        } else if (in == 0) {
            text = count(ft, "foot", "feet");
        } else {
            text = count(ft, "foot", "feet") + " " + count(in, "inch", "inches");
        }
        return new Spoken(text, totalInches * INCH, true);
    }

    /** The first granularity at or after index {@code start} that rounds {@code v} within the allowed error. */
    private static double refine(double v, double[] grains, int start) {
        for (int i = start; i < grains.length; i++) {
            double r = round(v, grains[i]);
            if (r > 0 && Math.abs(r - v) <= MAX_RELATIVE_ERROR * v) {
                return grains[i];
            }
        }
        return grains[grains.length - 1];
    }

    /** {@code v} rounded to the nearest multiple of {@code g}, cleaned of binary noise. */
    private static double round(double v, double g) {
        double r = Math.round(v / g) * g;
        return Math.round(r * 1e6) / 1e6;
    }

    /** Which branch a uniform draw {@code u} falls in, given branch probabilities summing to 1. */
    private static int draw(double u, double... probabilities) {
        double acc = 0;
        for (int i = 0; i < probabilities.length - 1; i++) {
            acc += probabilities[i];
            if (u < acc) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    private static String count(double n, String singular, String plural) {
        String num = formatNumber(n);
        return num + " " + (num.equals("1") ? singular : plural);
    }

    /** At most two decimals, no trailing zeros: 2.0 is "2", 2.50 is "2.5". */
    static String formatNumber(double n) {
        String s = String.format(Locale.ROOT, "%.2f", n);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    private static void checkLength(double meters) {
        if (!(meters >= 0) || !Double.isFinite(meters)) {
            throw new IllegalArgumentException("Invalid length: " + meters + " (meters, must be finite and >= 0)");
        }
    }
}
