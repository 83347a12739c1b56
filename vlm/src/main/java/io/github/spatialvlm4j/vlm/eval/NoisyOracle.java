package io.github.spatialvlm4j.vlm.eval;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A stand-in "model" that answers from the ground truth with controlled errors, to check that the
 * metrics move the right way as answers get worse (a sanity curve). Lengths are multiplied by
 * {@code exp(sigma * N(0, 1))} (log-normal noise) and written as free text in varied units and
 * phrasings (meters, centimeters, feet, inches, with hedges), so the parser is exercised too;
 * yes/no and choice answers are flipped with probability {@code flipProbability} (a flipped choice
 * names another option at random). Undecided truths are answered with a refusal.
 *
 * <p>Deterministic: each answer depends only on (seed, item id), not on order or thread.
 *
 * @param sigma the standard deviation of the log of the length factor, &gt;= 0
 * @param flipProbability the probability of a wrong qualitative answer, in [0, 1]
 * @param seed the seed
 */
public record NoisyOracle(double sigma, double flipProbability, long seed) {

    public NoisyOracle {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("Invalid sigma: " + sigma + " (log-space std, must be finite, >= 0)");
        }
        if (!(flipProbability >= 0 && flipProbability <= 1)) {
            throw new IllegalArgumentException("Invalid flipProbability: " + flipProbability + " (must be in [0, 1])");
        }
    }

    private static final List<String> LENGTH_FRAMES = List.of("%s", "About %s.", "It is roughly %s.",
            "I would estimate %s.", "Approximately %s away.", "The answer is %s.");

    /** The oracle's answer to {@code item}. */
    public String answer(EvalItem item) {
        Objects.requireNonNull(item, "item");
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ item.id().hashCode());
        Truth t = item.truth();
        if (t instanceof Truth.Length l) {
            double meters = l.meters() * Math.exp(sigma * gaussian(rng));
            String frame = LENGTH_FRAMES.get(rng.nextInt(LENGTH_FRAMES.size()));
            return String.format(Locale.ROOT, frame, lengthText(meters, rng.nextInt(4)));
        }
        if (t instanceof Truth.Count c) {
            long n = Math.max(0, Math.round(c.count() * Math.exp(sigma * gaussian(rng))));
            return rng.nextBoolean() ? Long.toString(n) : "I count " + n + ".";
        }
        boolean flip = rng.nextDouble() < flipProbability;
        if (t instanceof Truth.Clock c) {
            int hour = flip ? 1 + (c.hour() + 5 + rng.nextInt(3)) % 12 : c.hour();
            return rng.nextBoolean() ? "At " + hour + " o'clock." : hour + " o'clock";
        }
        if (t instanceof Truth.YesNo y) {
            boolean yes = y.yes() != flip;
            return yes ? (rng.nextBoolean() ? "Yes." : "Yes, it is.") : (rng.nextBoolean() ? "No." : "No, it is not.");
        }
        if (t instanceof Truth.Choice c) {
            int index = c.index();
            if (flip) {
                int other = rng.nextInt(c.options().size() - 1);
                index = other >= c.index() ? other + 1 : other;
            }
            String option = c.options().get(index);
            return rng.nextBoolean() ? option : "I think it is " + option + ".";
        }
        return "I'm not sure.";
    }

    /** Three significant digits in one of four units, so rendering adds at most 0.5% error. */
    private static String lengthText(double meters, int unit) {
        return switch (unit) {
            case 0 -> sig(meters) + " meters";
            case 1 -> sig(meters * 100) + " cm";
            case 2 -> sig(meters / AnswerParser.FOOT) + " feet";
            default -> sig(meters / AnswerParser.INCH) + " inches";
        };
    }

    private static String sig(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
