package io.github.spatialvlm4j.datagen.qa;

/**
 * How close two compared values may be before a qualitative answer (or a directional
 * difference) is called too close to call and answered with a phrase of uncertainty.
 *
 * <p>A position comparison (left/right, behind/front, above/below, and the directional metric
 * differences) is uncertain when the two coordinates differ by strictly less than
 * {@link #positionMeters()}. A size comparison (tall/short, wide/thin, big/small) is uncertain when
 * the two values differ by strictly less than {@link #relativeSize()} times the larger of the two.
 * A difference exactly equal to the margin is decided.
 *
 * @param positionMeters margin for coordinates, meters, &gt;= 0 (default {@value #DEFAULT_POSITION_METERS})
 * @param relativeSize margin for sizes and volumes, a fraction of the larger value, in [0, 1)
 *     (default {@value #DEFAULT_RELATIVE_SIZE})
 */
public record Margins(double positionMeters, double relativeSize) {

    /**
     * Default position margin, meters. Chosen with the audit: at 2 cm / 3% the synthetic audit answers
     * fewer than 5% of questions with uncertainty while keeping at least 99% of the decided ones right.
     */
    public static final double DEFAULT_POSITION_METERS = 0.02;
    /** Default relative size margin: 3% of the larger value. */
    public static final double DEFAULT_RELATIVE_SIZE = 0.03;

    public Margins {
        if (!(positionMeters >= 0) || !Double.isFinite(positionMeters)) {
            throw new IllegalArgumentException("Invalid positionMeters: " + positionMeters + " (meters, must be >= 0)");
        }
        if (!(relativeSize >= 0 && relativeSize < 1)) {
            throw new IllegalArgumentException("Invalid relativeSize: " + relativeSize + " (fraction, must be in [0, 1))");
        }
    }

    /** The default margins: 0.02 m for positions, 3% for sizes and volumes. */
    public static Margins defaults() {
        return new Margins(DEFAULT_POSITION_METERS, DEFAULT_RELATIVE_SIZE);
    }

    /** No margin: only exact ties are uncertain. */
    public static Margins none() {
        return new Margins(0, 0);
    }
}
