package io.github.spatialvlm4j.datagen.pipeline;

/**
 * The checks of the options records' constructors, each throwing {@link IllegalArgumentException} with the
 * option's name and its bad value.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    /** {@code value} must be finite and &gt; 0. */
    static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be finite and > 0)");
        }
    }

    /** {@code value} must be finite and &gt;= 0. */
    static void nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be finite and >= 0)");
        }
    }

    /** {@code value} must be a share strictly between 0 and 1. */
    static void share(String name, double value) {
        within(name, value, 0, 1);
    }

    /** {@code value} must be a share in (0, 1]. */
    static void shareUpTo1(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be in (0, 1])");
        }
    }

    /** {@code value} must lie strictly between {@code low} and {@code high}. */
    static void within(String name, double value, double low, double high) {
        if (!(value > low && value < high)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be in (" + low + ", "
                    + high + "))");
        }
    }

    /** {@code value} must be at least {@code min}. */
    static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + " (must be >= " + min + ")");
        }
    }
}
